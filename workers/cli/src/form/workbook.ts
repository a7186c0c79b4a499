/**
 * The self-assessment workbook (exceljs): the application data first (申请书), then the summary, the form in
 * Chinese (自评估表) and the same form in English. Every sheet has a title in row 1 and its column headers in
 * row 2; data starts in row 3.
 */
import ExcelJS from 'exceljs';
import { type Lang, LEVEL_NAMES, type Text } from '@isccc/rules';
import { type MessageCode, MESSAGES } from '../messages.js';
import { type ApplicationData, applicationRows } from './application.js';
import { CONCLUSIONS, type Conclusion, type FormRow, requirementText, type SelfAssessment } from './self-assessment.js';

/** The form's columns, in order. */
export const FORM_COLUMNS: Text[] = (
  ['form.column.no', 'form.column.clause', 'form.column.requirement', 'form.column.conclusion', 'form.column.evidence', 'form.column.remarks'] as const
).map((code) => MESSAGES[code]());

/** A heading or a value in both languages on one line, Chinese first: `汇总 Summary`. */
export function zhEn(text: Text): string {
  return `${text.zh} ${text.en}`;
}

const FILL: Record<Conclusion, string> = { conforms: 'FFE3F4E1', 'does-not-conform': 'FFF9D9D6', 'to-be-reviewed': 'FFFFF1CC', 'not-applicable': 'FFEDEDED' };
const HEADER_FILL = 'FFD9E2F3';
const HEADING_FILL = 'FFF2F2F2';
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin', color: { argb: 'FFBFBFBF' } },
  left: { style: 'thin', color: { argb: 'FFBFBFBF' } },
  bottom: { style: 'thin', color: { argb: 'FFBFBFBF' } },
  right: { style: 'thin', color: { argb: 'FFBFBFBF' } },
};

/** 条款 as the form shows it: the label as printed, then the title if the clause has one. */
export function clauseCell(row: FormRow, lang: Lang): string {
  const title = row.clause.title?.[lang];
  return title ? `${row.clause.label} ${title}` : row.clause.label;
}

/** 证明材料: each document's title and path, then its SHA-256 as the manifest states it. */
export function documentsCell(row: FormRow): string {
  return row.documents.map((d) => `${d.title ? `${d.title} ` : ''}${d.path}\nSHA-256: ${d.sha256}`).join('\n');
}

export function conclusionCell(row: FormRow, lang: Lang): string {
  return row.conclusion ? MESSAGES['form.conclusion']({ conclusion: row.conclusion })[lang] : '';
}

export async function writeWorkbook(form: SelfAssessment, application: ApplicationData): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'isccc-flow';
  workbook.title = `${MESSAGES['form.title']().zh} — ${form.organisation.name}`;
  workbook.subject = form.targetName.zh;
  applicationSheet(workbook, application);
  summarySheet(workbook, form);
  formSheet(workbook, form, 'zh');
  formSheet(workbook, form, 'en');
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function sheet(workbook: ExcelJS.Workbook, name: string, title: string, columns: { header: string; width: number }[]): ExcelJS.Worksheet {
  const ws = workbook.addWorksheet(name, {
    views: [{ state: 'frozen', ySplit: 2 }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '2:2' },
  });
  ws.columns = columns.map((c) => ({ width: c.width }));
  ws.getRow(1).getCell(1).value = title;
  ws.getRow(1).font = { bold: true, size: 14 };
  ws.mergeCells(1, 1, 1, columns.length);
  const header = ws.getRow(2);
  columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { bold: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } };
    cell.border = THIN;
    cell.alignment = { vertical: 'middle', wrapText: true };
  });
  return ws;
}

function addRow(ws: ExcelJS.Worksheet, values: (string | number | null)[]): ExcelJS.Row {
  const row = ws.addRow(values.map((v) => v ?? ''));
  row.eachCell({ includeEmpty: true }, (cell) => {
    cell.alignment = { vertical: 'top', wrapText: true };
    cell.border = THIN;
  });
  return row;
}

function applicationSheet(workbook: ExcelJS.Workbook, data: ApplicationData): void {
  const item = MESSAGES['form.column.item']();
  const ws = sheet(workbook, zhEn(MESSAGES['form.sheet.application']()), zhEn(data.form), [
    { header: zhEn(MESSAGES['form.column.section']()), width: 18 },
    { header: item.zh, width: 30 },
    { header: item.en, width: 34 },
    { header: zhEn(MESSAGES['form.column.value']()), width: 70 },
  ]);
  for (const r of applicationRows(data)) addRow(ws, [`${r.section.zh} ${r.section.en}`, r.label.zh, r.label.en, r.value]);
}

function summarySheet(workbook: ExcelJS.Workbook, form: SelfAssessment): void {
  const summary = zhEn(MESSAGES['form.summary']());
  const item = MESSAGES['form.column.item']();
  const ws = sheet(workbook, summary, `${MESSAGES['form.title']().zh} — ${summary}`, [
    { header: item.zh, width: 26 },
    { header: item.en, width: 30 },
    { header: zhEn(MESSAGES['form.column.value']()), width: 90 },
  ]);
  for (const [zh, en, value] of summaryRows(form)) addRow(ws, [zh, en, value]);
}

/** The summary's rows (label zh, label en, value): shared by the workbook and the page. */
export function summaryRows(form: SelfAssessment): [string, string, string][] {
  const row = (label: Extract<MessageCode, `form.summary.${string}`>, value: string): [string, string, string] => {
    const text = MESSAGES[label]();
    return [text.zh, text.en, value];
  };
  const level = form.qualifyingLevel === null ? MESSAGES['form.no-level']() : LEVEL_NAMES[form.qualifyingLevel];
  return [
    row('form.summary.organisation', form.organisation.nameEn ? `${form.organisation.name}\n${form.organisation.nameEn}` : form.organisation.name),
    row('form.summary.target', `${form.targetName.zh}\n${form.targetName.en}`),
    row('form.summary.as-of', form.asOf),
    row('form.summary.qualifying-level', zhEn(level)),
    row(
      'form.summary.next-level',
      form.next ? `${zhEn(LEVEL_NAMES[form.next.level])}: ${form.next.needs.join(', ') || '—'}` : `（${zhEn(MESSAGES['form.highest-level']())}）`,
    ),
    row('form.summary.conclusions', CONCLUSIONS.map((c) => `${zhEn(MESSAGES['form.conclusion']({ conclusion: c }))}: ${form.counts[c]}`).join('\n')),
    row('form.summary.evidence-root', form.evidenceRoot),
  ];
}

function formSheet(workbook: ExcelJS.Workbook, form: SelfAssessment, lang: Lang): void {
  const widths = [7, 22, 60, 12, 50, 56];
  const ws = sheet(
    workbook,
    MESSAGES['form.sheet.form']()[lang],
    MESSAGES['form.sheet-title']({ organisation: form.organisation, target: form.targetName, asOf: form.asOf })[lang],
    FORM_COLUMNS.map((column, i) => ({ header: column[lang], width: widths[i]! })),
  );
  for (const r of form.rows) {
    const row = addRow(ws, [r.no, clauseCell(r, lang), requirementText(r.clause)[lang], conclusionCell(r, lang), documentsCell(r), r.remark[lang]]);
    row.getCell(2).alignment = { vertical: 'top', wrapText: true, indent: r.depth };
    if (r.conclusion === null) {
      row.font = { bold: true };
      row.eachCell({ includeEmpty: true }, (cell) => (cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADING_FILL } }));
    } else {
      row.getCell(4).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: FILL[r.conclusion] } };
    }
  }
}
