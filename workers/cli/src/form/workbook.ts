/**
 * The self-assessment workbook (exceljs): the application data first (申请书), then the summary, the form in
 * Chinese (自评估表) and the same form in English. Every sheet has a title in row 1 and its column headers in
 * row 2; data starts in row 3.
 */
import ExcelJS from 'exceljs';
import { type Lang, LEVEL_NAMES, type Text } from '@isccc/rules';
import { type ApplicationData, applicationRows } from './application.js';
import { CONCLUSION_NAMES, CONCLUSIONS, type Conclusion, type FormRow, requirementText, type SelfAssessment } from './self-assessment.js';

export const SHEETS = { application: '申请书 Application', summary: '汇总 Summary', formZh: '自评估表', formEn: 'Self-assessment (EN)' } as const;

export const FORM_TITLE: Text = { zh: '信息安全服务自评估表', en: 'Information security service self-assessment form' };

export const FORM_COLUMNS: Record<Lang, string[]> = {
  zh: ['序号', '条款', '要求', '自评估结论', '证明材料', '说明'],
  en: ['No.', 'Clause', 'Requirement (our translation)', 'Conclusion', 'Evidence', 'Remarks'],
};

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
  return row.conclusion ? CONCLUSION_NAMES[row.conclusion][lang] : '';
}

export async function writeWorkbook(form: SelfAssessment, application: ApplicationData): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'isccc-flow';
  workbook.title = `${FORM_TITLE.zh} — ${form.organisation.name}`;
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
  const ws = sheet(workbook, SHEETS.application, `${data.form.zh} ${data.form.en}`, [
    { header: '栏目 Section', width: 18 },
    { header: '项目', width: 30 },
    { header: 'Item', width: 34 },
    { header: '内容 Value', width: 70 },
  ]);
  for (const r of applicationRows(data)) addRow(ws, [`${r.section.zh} ${r.section.en}`, r.label.zh, r.label.en, r.value]);
}

function summarySheet(workbook: ExcelJS.Workbook, form: SelfAssessment): void {
  const ws = sheet(workbook, SHEETS.summary, `${FORM_TITLE.zh} — 汇总 Summary`, [
    { header: '项目', width: 26 },
    { header: 'Item', width: 30 },
    { header: '内容 Value', width: 90 },
  ]);
  const level = (l: SelfAssessment['qualifyingLevel']): string => (l === null ? '无 none' : `${LEVEL_NAMES[l].zh} ${LEVEL_NAMES[l].en}`);
  for (const [zh, en, value] of summaryRows(form, level)) addRow(ws, [zh, en, value]);
}

/** The summary's rows (label zh, label en, value): shared by the workbook and the page. */
export function summaryRows(form: SelfAssessment, level: (l: SelfAssessment['qualifyingLevel']) => string): [string, string, string][] {
  return [
    ['组织名称', 'Organisation', form.organisation.nameEn ? `${form.organisation.name}\n${form.organisation.nameEn}` : form.organisation.name],
    ['申请类别与级别', 'Category and level applied for', `${form.targetName.zh}\n${form.targetName.en}`],
    ['基准日', 'As of', form.asOf],
    ['可达级别', 'Qualifying level', level(form.qualifyingLevel)],
    [
      '更高一级尚需',
      'The next level still needs',
      form.next
        ? `${LEVEL_NAMES[form.next.level].zh} ${LEVEL_NAMES[form.next.level].en}: ${form.next.needs.join(', ') || '—'}`
        : '（已是最高级别 already the highest）',
    ],
    ['自评估结论统计', 'Conclusions', CONCLUSIONS.map((c) => `${CONCLUSION_NAMES[c].zh} ${CONCLUSION_NAMES[c].en}: ${form.counts[c]}`).join('\n')],
    ['证据根哈希 (SHA-256)', 'Evidence root (SHA-256)', form.evidenceRoot],
  ];
}

function formSheet(workbook: ExcelJS.Workbook, form: SelfAssessment, lang: Lang): void {
  const widths = [7, 22, 60, 12, 50, 56];
  const title =
    lang === 'zh'
      ? `${FORM_TITLE.zh} — ${form.organisation.name} — ${form.targetName.zh} — 基准日 ${form.asOf}`
      : `${FORM_TITLE.en} — ${form.organisation.nameEn ?? form.organisation.name} — ${form.targetName.en} — as of ${form.asOf}`;
  const ws = sheet(
    workbook,
    lang === 'zh' ? SHEETS.formZh : SHEETS.formEn,
    title,
    FORM_COLUMNS[lang].map((header, i) => ({ header, width: widths[i]! })),
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
