import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Clause, type Finding, loadCatalog, loadManifestFile, type Manifest, normaliseClauseId } from '@isccc/rules';
import type { Browser } from 'playwright-core';
import { cliRoot, example, EXAMPLES, isccc } from './helpers.js';
import { launch } from './support/browser.js';
import { readWorkbook, type Sheet } from './support/python.js';
import { evidenceRootOf } from './support/roots.js';

const ARTIFACTS = path.join(cliRoot, '.artifacts', 'form');
const catalog = loadCatalog();

interface CheckJson {
  target: { category: string; level: number; drClass?: string };
  asOf: string;
  findings: Finding[];
  summary: { qualifyingLevel: number | null; next: { level: number; blocking: Finding[] } | null };
}

/** The conclusion the form must show, decided here from `isccc check --format json` alone. */
function expectedConclusion(findings: Finding[]): { zh: string; en: string } {
  const statuses = new Set(findings.map((f) => f.status));
  if (statuses.has('fail') || statuses.has('missing-evidence')) return { zh: '不符合', en: 'does not conform' };
  if (statuses.has('manual-review') || findings.length === 0) return { zh: '待评审', en: 'to be reviewed' };
  if (statuses.has('pass')) return { zh: '符合', en: 'conforms' };
  return { zh: '不适用', en: 'not applicable' };
}

/** Clauses of §4 and the annexes that the target is assessed against, in the catalog's (the standard's) order. */
function formClauses(check: CheckJson): Clause[] {
  const target = {
    category: check.target.category,
    level: check.target.level,
    ...(check.target.drClass ? { drClass: check.target.drClass } : {}),
  } as Parameters<typeof catalog.applicable>[0];
  return catalog
    .applicable(target)
    .filter((c) => (c.id === '4' || c.id.startsWith('4.') || /^[A-F]/.test(c.id)) && c.kind !== 'informative' && c.kind !== 'procedural');
}

describe('isccc form: the self-assessment form (6.1)', function () {
  this.timeout(120_000);
  let browser: Browser;
  let out: string;
  before(async () => {
    browser = await launch();
    out = fs.mkdtempSync(path.join(os.tmpdir(), 'isccc-form-'));
    fs.mkdirSync(ARTIFACTS, { recursive: true });
  });
  after(async () => {
    await browser.close();
    fs.rmSync(out, { recursive: true, force: true });
  });

  for (const name of EXAMPLES) {
    describe(name, () => {
      let sheets: Sheet[];
      let check: CheckJson;
      let manifest: Manifest;
      const dir = () => path.join(out, name);

      before(() => {
        const r = isccc('form', example(name), '-o', dir());
        assert.equal(r.code, 0, r.err);
        assert.match(r.out, /wrote .*self-assessment\.xlsx and .*self-assessment\.html: \d+ clauses/);
        check = JSON.parse(isccc('check', example(name), '--format', 'json').out) as CheckJson;
        manifest = loadManifestFile(example(name)).manifest!;
        sheets = readWorkbook(path.join(dir(), 'self-assessment.xlsx'));
      });

      it('has the application data first, then the summary, the form in Chinese and in English', () => {
        assert.deepEqual(
          sheets.map((s) => s.name),
          ['申请书 Application', '汇总 Summary', '自评估表', 'Self-assessment (EN)'],
        );
        for (const s of sheets) assert.equal(s.freeze, 'A3', `${s.name}: title and header rows stay in view`);
      });

      for (const [sheetName, lang] of [
        ['自评估表', 'zh'],
        ['Self-assessment (EN)', 'en'],
      ] as const) {
        it(`${sheetName}: one row per applicable clause in the standard's order, each agreeing with isccc check --format json`, () => {
          const sheet = sheets.find((s) => s.name === sheetName)!;
          assert.deepEqual(
            sheet.rows[1],
            lang === 'zh'
              ? ['序号', '条款', '要求', '自评估结论', '证明材料', '说明']
              : ['No.', 'Clause', 'Requirement (our translation)', 'Conclusion', 'Evidence', 'Remarks'],
          );
          const rows = sheet.rows.slice(2);
          const clauses = formClauses(check);
          assert.equal(rows.length, clauses.length);
          let no = 0;
          clauses.forEach((clause, i) => {
            const [cellNo, cellClause, cellText, cellConclusion, cellDocs, cellRemark] = rows[i]!.map((v) => (v === null ? '' : String(v)));
            const at = `${sheetName} row ${i + 3} (${clause.label})`;
            assert.ok(cellClause!.startsWith(clause.label), `${at}: 条款 ${cellClause}`);
            if (clause.title) assert.ok(cellClause!.includes(clause.title[lang]), `${at}: title`);
            assert.equal(cellText, clause.text?.[lang] ?? '', `${at}: the requirement, verbatim`);
            const findings = check.findings.filter((f) => f.clause === clause.id);
            if (clause.kind === 'group') {
              assert.equal(cellNo, '', `${at}: a heading has no number`);
              assert.equal(cellConclusion, '', `${at}: a heading has no conclusion`);
              return;
            }
            assert.equal(cellNo, String(++no), `${at}: 序号`);
            assert.equal(cellConclusion, expectedConclusion(findings)[lang], `${at}: conclusion from ${findings.map((f) => f.status).join(', ')}`);
            for (const f of findings) assert.ok(cellRemark!.includes(f.message[lang]), `${at}: 说明 has "${f.message[lang]}"`);
            const docs = manifest.evidence.filter((e) => e.supports.some((s) => normaliseClauseId(s) === clause.id));
            for (const d of docs) assert.ok(cellDocs!.includes(d.path) && cellDocs!.includes(d.sha256), `${at}: 证明材料 lists ${d.path} with its SHA-256`);
            if (docs.length === 0) assert.equal(cellDocs, '', `${at}: no document listed`);
          });
        });
      }

      it('every clause isccc check reports on has its row', () => {
        const listed = new Set(formClauses(check).map((c) => c.id));
        for (const f of check.findings) assert.ok(listed.has(f.clause), `${f.clauseLabel} (${f.rule}) is in the form`);
      });

      it('the summary sheet gives the target, qualifying level, what the next level needs and the evidence root', () => {
        const rows = new Map(
          sheets
            .find((s) => s.name === '汇总 Summary')!
            .rows.slice(2)
            .map((r) => [String(r[0]), String(r[2])]),
        );
        assert.equal(rows.get('组织名称')!.split('\n')[0], manifest.organisation.name);
        assert.equal(rows.get('基准日'), check.asOf);
        assert.match(rows.get('申请类别与级别')!, new RegExp(`level ${check.target.level}`));
        const q = check.summary.qualifyingLevel;
        assert.equal(rows.get('可达级别'), q === null ? '无 none' : `${['', '一', '二', '三'][q]}级 level ${q}`);
        const needs = [...new Set(check.summary.next?.blocking.map((f) => f.clauseLabel) ?? [])];
        if (check.summary.next)
          assert.match(
            rows.get('更高一级尚需')!,
            new RegExp(`level ${check.summary.next.level}: ${needs.length ? needs.map((l) => l.replace(/[.)]/g, '\\$&')).join(', ') : '—'}$`),
          );
        const formRows = sheets.find((s) => s.name === '自评估表')!.rows.slice(2);
        for (const zh of ['符合', '不符合', '待评审', '不适用']) {
          const count = formRows.filter((r) => r[3] === zh).length;
          assert.match(rows.get('自评估结论统计')!, new RegExp(`^${zh} [a-z ]+: ${count}$`, 'm'));
        }
        assert.equal(rows.get('证据根哈希 (SHA-256)'), evidenceRootOf(example(name), manifest));
      });

      it('the page shows the same rows and conclusions, prints to PDF, and renders to a PNG', async () => {
        const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
        try {
          await page.goto(`file://${path.join(dir(), 'self-assessment.html')}`);
          const shown = await page.$$eval('tr.req-row', (trs) =>
            trs.map((tr) => [tr.getAttribute('data-clause'), tr.querySelector('td.concl')?.firstChild?.textContent ?? '']),
          );
          const xlsx = sheets
            .find((s) => s.name === '自评估表')!
            .rows.slice(2)
            .filter((r) => r[0] !== null && r[0] !== '');
          assert.deepEqual(
            shown.map(([, c]) => c),
            xlsx.map((r) => r[3]),
          );
          assert.deepEqual(
            shown.map(([id]) => id),
            formClauses(check)
              .filter((c) => c.kind !== 'group')
              .map((c) => c.id),
          );
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
          assert.ok(overflow <= 0, `no horizontal scrolling (${overflow}px)`);
          const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
          assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
          assert.ok((pdf.toString('latin1').match(/\/Type\s*\/Page\b/g) ?? []).length >= 2, 'the form spans pages');
          await page.locator('table.form').screenshot({ path: path.join(ARTIFACTS, `${name}.png`) });
          assert.ok(fs.statSync(path.join(ARTIFACTS, `${name}.png`)).size > 50_000, 'a PNG with content');
          // A screenful around the first clause that does not simply conform, under the sticky header row
          // (the README's screenshot is one of these).
          await page.evaluate(() => {
            const row = document.querySelector('tr.req-row:not([data-conclusion="conforms"])') ?? document.querySelector('table.form');
            window.scrollTo(0, row!.getBoundingClientRect().top + window.scrollY - 420);
          });
          await page.screenshot({ path: path.join(ARTIFACTS, `${name}-screen.png`) });
        } finally {
          await page.close();
        }
      });
    });
  }

  it('--level 2 on a level-3 applicant lists the level-2 clauses and their gaps', () => {
    const dir = path.join(out, 'what-if');
    const r = isccc('form', example('risk-assessment-l3-pass'), '--level', '2', '-o', dir);
    assert.equal(r.code, 0, r.err);
    const rows = readWorkbook(path.join(dir, 'self-assessment.xlsx'))
      .find((s) => s.name === '自评估表')!
      .rows.slice(2);
    assert.ok(rows.some((r) => String(r[1]).startsWith('4.2.4 d)') && r[3] === '不符合'));
    assert.ok(!rows.some((r) => String(r[1]).startsWith('4.1.')), 'no level-3 items of §4 (its levels are separate lists)');
    assert.ok(
      rows.some((r) => String(r[1]).startsWith('A1.1.1 a)')),
      'annex items of level 3 carry over to level 2',
    );
  });

  describe('bad input: exit 2, nothing written', () => {
    it('a bad manifest gives file:line:col and the field', () => {
      const dir = path.join(out, 'bad');
      const r = isccc('form', path.join(cliRoot, 'test', 'fixtures', 'bad', 'wrong-type.isccc.yaml'), '-o', dir);
      assert.equal(r.code, 2);
      assert.match(r.err, /wrong-type\.isccc\.yaml:34:17: error \[schema\/invalid-value\] people\.serviceStaff must be integer/);
      assert.ok(!fs.existsSync(dir));
    });

    it('wrong arguments print the usage', () => {
      for (const args of [['form'], ['form', example('risk-assessment-l3-pass'), '--level', '0'], ['form', 'a.yaml', 'b.yaml']]) {
        const r = isccc(...args);
        assert.equal(r.code, 2, args.join(' '));
        assert.match(r.err, /usage:\n {2}isccc form/);
      }
    });

    it('an output folder that cannot be created is named', () => {
      const file = path.join(out, 'a-file');
      fs.writeFileSync(file, '');
      const r = isccc('form', example('risk-assessment-l3-pass'), '-o', path.join(file, 'sub'));
      assert.equal(r.code, 2);
      assert.match(r.err, /isccc form: cannot write to .*a-file\/sub: (ENOTDIR|EEXIST)/);
    });
  });
});
