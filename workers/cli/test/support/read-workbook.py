"""Dumps every sheet of an .xlsx workbook as JSON: {"sheets": [{"name", "rows": [[cell, ...], ...], "merged": [...]}]}.

openpyxl is a different reader from the writer (exceljs), so the tests see the workbook as Excel users' tools do.
"""
import json
import sys

import openpyxl

book = openpyxl.load_workbook(sys.argv[1], read_only=False, data_only=True)
out = []
for ws in book.worksheets:
    rows = [[cell.value for cell in row] for row in ws.iter_rows()]
    out.append({"name": ws.title, "rows": rows, "merged": [str(r) for r in ws.merged_cells.ranges], "freeze": ws.freeze_panes})
json.dump({"sheets": out}, sys.stdout, ensure_ascii=False, default=str)
