/**
 * The self-assessment form as one self-contained HTML page, printable to PDF (A4 landscape, header row repeated
 * on every page): summary, the form with the English translation under the Chinese, then the application data.
 */
import { MESSAGES } from '../messages.js';
import { type ApplicationData, applicationRows } from './application.js';
import { requirementText, type SelfAssessment } from './self-assessment.js';
import { clauseCell, FORM_COLUMNS, summaryRows, zhEn } from './workbook.js';

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const lines = (s: string): string => esc(s).replace(/\n/g, '<br>');
const en = (s: string): string => (s ? `<div class="en" lang="en">${lines(s)}</div>` : '');

const STYLE = `
@page { size: A4 landscape; margin: 12mm 10mm; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif; font-size: 10pt; color: #1a1a1a; margin: 16px; }
h1 { font-size: 16pt; margin: 0 0 4px; }
h1 .en { font-size: 11pt; font-weight: normal; }
h2 { font-size: 12pt; margin: 18px 0 6px; border-bottom: 2px solid #3b5b92; padding-bottom: 2px; }
table { border-collapse: collapse; width: 100%; }
table.form { table-layout: fixed; }
table.form th:nth-child(1) { width: 3.5%; } table.form th:nth-child(2) { width: 12%; } table.form th:nth-child(3) { width: 31%; }
table.form th:nth-child(4) { width: 7%; } table.form th:nth-child(5) { width: 22%; } table.form th:nth-child(6) { width: 24.5%; }
th, td { border: 1px solid #b8b8b8; padding: 3px 5px; vertical-align: top; text-align: left; }
thead th { background: #d9e2f3; }
@media screen { table.form thead th { position: sticky; top: 0; z-index: 1; box-shadow: 0 1px 0 #b8b8b8; } }
thead { display: table-header-group; }
tr { page-break-inside: avoid; break-inside: avoid; }
.en { color: #555; font-size: 8.5pt; font-style: italic; }
.note { color: #555; font-size: 8.5pt; }
.kv th { width: 24%; background: #f4f6fa; font-weight: normal; }
tr.heading td { background: #f2f2f2; font-weight: bold; }
td.no { width: 3.5%; text-align: right; }
td.clause { width: 12%; }
td.req { width: 31%; }
td.concl { width: 7%; text-align: center; font-weight: bold; }
td.docs { width: 22%; font-size: 8.5pt; }
td.remark { width: 24.5%; font-size: 8.5pt; }
.hash { font-family: "DejaVu Sans Mono", monospace; font-size: 7pt; word-break: break-all; color: #444; }
.conforms { background: #e3f4e1; }
.does-not-conform { background: #f9d9d6; }
.to-be-reviewed { background: #fff1cc; }
.not-applicable { background: #ededed; }
`;

export function formPage(form: SelfAssessment, application: ApplicationData): string {
  const title = MESSAGES['form.title']();
  const asOf = MESSAGES['form.summary.as-of']();
  const note = MESSAGES['form.translation-note']();
  const notStated = `<span class="note">（${esc(zhEn(MESSAGES['form.not-stated']()))}）</span>`;
  const summary = summaryRows(form)
    .map(([zh, label, value]) => `<tr><th>${esc(zh)}${en(label)}</th><td>${lines(value)}</td></tr>`)
    .join('\n');
  const app = applicationRows(application)
    .map((r) => `<tr><th>${esc(r.label.zh)}${en(r.label.en)}</th><td>${r.value ? lines(r.value) : notStated}</td></tr>`)
    .join('\n');
  const head = FORM_COLUMNS.map((column) => `<th>${esc(column.zh)}${en(column.en)}</th>`).join('');
  const rows = form.rows
    .map((r) => {
      const indent = `padding-left:${5 + r.depth * 10}px`;
      const req = requirementText(r.clause);
      if (r.conclusion === null) {
        return `<tr class="heading" id="c-${esc(r.clause.id)}"><td class="no"></td><td class="clause" style="${indent}">${esc(clauseCell(r, 'zh'))}${en(r.clause.title?.en ?? '')}</td><td colspan="4">${lines(req.zh)}${en(req.en)}</td></tr>`;
      }
      const docs = r.documents
        .map((d) => `<div>${esc(d.title ? `${d.title} ` : '')}${esc(d.path)}<div class="hash">SHA-256 ${esc(d.sha256)}</div></div>`)
        .join('');
      const c = MESSAGES['form.conclusion']({ conclusion: r.conclusion });
      return [
        `<tr class="req-row" id="c-${esc(r.clause.id)}" data-clause="${esc(r.clause.id)}" data-conclusion="${r.conclusion}">`,
        `<td class="no">${r.no}</td>`,
        `<td class="clause" style="${indent}">${esc(clauseCell(r, 'zh'))}${en(r.clause.title?.en ?? '')}</td>`,
        `<td class="req">${lines(req.zh)}${en(req.en)}</td>`,
        `<td class="concl ${r.conclusion}">${esc(c.zh)}${en(c.en)}</td>`,
        `<td class="docs">${docs}</td>`,
        `<td class="remark">${lines(r.remark.zh)}${en(r.remark.en)}</td>`,
        '</tr>',
      ].join('');
    })
    .join('\n');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<title>${esc(title.zh)} — ${esc(form.organisation.name)}</title>
<style>${STYLE}</style></head>
<body>
<h1>${esc(title.zh)} <span class="en">${esc(title.en)}</span></h1>
<div class="note">ISCCC-SV-001:2015 6.1 · ${esc(form.organisation.name)} · ${esc(form.targetName.zh)} · ${esc(asOf.zh)} ${esc(form.asOf)} · ${esc(note.zh)} (${esc(note.en)})</div>
<h2>${esc(zhEn(MESSAGES['form.summary']()))}</h2>
<table class="kv">${summary}</table>
<h2>${esc(title.zh)} <span class="en">${esc(title.en)}</span></h2>
<table class="form"><thead><tr>${head}</tr></thead>
<tbody>
${rows}
</tbody></table>
<h2>${esc(application.form.zh)} <span class="en">${esc(application.form.en)}</span></h2>
<table class="kv">${app}</table>
</body></html>
`;
}
