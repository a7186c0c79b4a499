/**
 * A person's view: the packaged .vsix installed into a real VS Code (code-server 4.100.3), an example
 * manifest opened from the Explorer, the Problems panel, the status bar and both webviews read off
 * the screen in chromium, and compared with what `isccc check` says about the same manifest.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { startChromium, type Chromium } from '../support/chromium.js';
import { startCodeServer, type CodeServer } from '../support/code-server.js';
import { checkManifest, packetEvidenceRoot, shownFindings, type CliResult } from '../support/evaluator.js';
import { artifactsDir, assertBundleBuilt, repoRoot } from '../support/paths.js';
import { settled } from '../support/process.js';
import { packageVsix } from '../support/vsix.js';
import {
  codeLensTitles,
  openFromExplorer,
  openWorkbench,
  pickQuickPickItem,
  problemCount,
  problemRows,
  runCommand,
  showProblems,
  statusBarText,
  webviewFrame,
} from '../support/workbench.js';

const EXAMPLE = 'risk-assessment-l2-fail';
/** Bounds each wait for the editor to catch up; never what a test checks. */
const LIMIT = 90_000;
const folder = path.join(repoRoot, 'examples', EXAMPLE);

describe(`vscode-extension .vsix in code-server, examples/${EXAMPLE} opened in chromium`, function () {
  this.timeout(300_000);
  let server: CodeServer | undefined;
  let chromium: Chromium | undefined;
  let page: Page;
  let expected: CliResult;

  before(async () => {
    assertBundleBuilt();
    expected = checkManifest(path.join(folder, 'manifest.isccc.yaml'));
    const vsix = await packageVsix();
    server = await startCodeServer({ name: 'vsix-in-code-server', install: [vsix] });
    chromium = await startChromium();
    page = await chromium.newPage();
    await openWorkbench(page, `${server.url}?folder=${encodeURIComponent(folder)}`);
    await openFromExplorer(page, 'manifest.isccc.yaml');
  });

  after(async () => {
    await chromium?.stop();
    await server?.stop();
  });

  it('Problems panel lists the clause-coded findings isccc check reports; the status bar sums them up', async () => {
    const findings = shownFindings(expected);
    assert.ok(findings.length > 0, `examples/${EXAMPLE} should have findings for this test to mean anything`);
    const panel = await showProblems(page);
    // Diagnostics arrive after the language server has started and evaluated the manifest.
    assert.equal(await settled(LIMIT, () => problemCount(page), findings.length), findings.length, 'Problems badge count');

    // Same rule codes, same (English) messages, each opening with its clause label ("4.2.4 d) needs …").
    const wanted = findings.map((finding) => `isccc ${finding.rule} | ${finding.message.en}`).sort();
    const rows = async () => (await problemRows(panel)).map((row) => `${row.source} ${row.code} | ${row.message}`).sort();
    assert.deepEqual(await settled(LIMIT, rows, wanted), wanted, 'source, code and message of every Problems row');
    for (const finding of findings) assert.ok(finding.message.en.startsWith(finding.clauseLabel), finding.message.en);

    const level = expected.summary.qualifyingLevel;
    const statusText = `ISCCC ${level === null ? 'no level' : `level ${level}`} · ${findings.length} finding${findings.length === 1 ? '' : 's'}`;
    const status = await settled(LIMIT, () => statusBarText(page, 'isccc-flow.isccc-vscode.isccc.status'), statusText);
    assert.equal(status, statusText, 'status bar');

    // The evidence root arrives from the server's evaluation thread after the first lenses were drawn: the editor
    // is asked to refresh them, and draws the root isccc packet prints, with no edit.
    const root = packetEvidenceRoot(path.join(folder, 'manifest.isccc.yaml'));
    const rootLens = async () => (await codeLensTitles(page)).find((title) => title.startsWith('ISCCC evidence root:')) ?? '';
    const drawn = await settled(LIMIT, async () => /^ISCCC evidence root: [0-9a-f]{12}… \(\d+ files\)$/.test(await rootLens()), true);
    await page.screenshot({ path: path.join(artifactsDir(), 'problems-panel.png') });
    assert.ok(drawn, `the code lens at the top reads "${await rootLens()}"`);
    assert.ok((await rootLens()).startsWith(`ISCCC evidence root: ${root.slice(0, 12)}… (`), await rootLens());
  });

  it('"Show conformance report" draws the findings grouped by clause, linked to their manifest positions', async () => {
    await runCommand(page, 'ISCCC: Show conformance report');
    const report = await webviewFrame(page, 'table tr.clause');
    const openClauses = await report.locator('tr.clause:not(.quiet) th').allInnerTexts();
    const openLabels = [...new Set(shownFindings(expected).map((finding) => finding.clauseLabel))];
    assert.deepEqual(
      openClauses.map((text) => openLabels.find((label) => text.startsWith(`${label} `) || text === label)),
      openLabels,
      `clause headings ${openClauses.join(' / ')}`,
    );
    const allClauses = new Set(expected.findings.map((finding) => finding.clauseLabel));
    assert.equal(await report.locator('tr.clause').count(), allClauses.size, 'one heading per evaluated clause');
    await page.screenshot({ path: path.join(artifactsDir(), 'report-webview.png') });

    const link = report.locator('tr.finding:not(.quiet) a[data-range]').first();
    const range = JSON.parse((await link.getAttribute('data-range')) ?? '') as { end: { line: number; character: number } };
    await link.click();
    const selection = page.locator('.part.statusbar .statusbar-item[id="status.editor.selection"]');
    await selection.filter({ hasText: `Ln ${range.end.line + 1}, Col ${range.end.character + 1}` }).waitFor({ timeout: 30_000 });

    // A rule id opens the rule's documentation page, shipped inside the vsix with the server's data.
    const rule = report.locator('tr.finding:not(.quiet) a[data-doc]').first();
    const docUrl = (await rule.getAttribute('data-doc')) ?? '';
    assert.match(docUrl, /\/dist\/server\/docs\/rules\/[\w-]+\.md$/, 'doc page inside the installed extension');
    await rule.click();
    await page.locator('.tabs-container .tab', { hasText: `Preview ${path.basename(docUrl)}` }).waitFor({ timeout: 30_000 });
  });

  it('"Show certification procedure" draws the BPMN model with bpmn-js', async () => {
    await runCommand(page, 'ISCCC: Show certification procedure');
    const models = fs.readdirSync(path.join(repoRoot, 'bpmn', 'models')).filter((file) => file.endsWith('.bpmn'));
    if (models.length > 1) await pickQuickPickItem(page, 'certification.bpmn');
    const diagram = await webviewFrame(page, '.djs-container svg .djs-shape');
    const xml = fs.readFileSync(path.join(repoRoot, 'bpmn', 'models', 'certification.bpmn'), 'utf8');
    const shapes = (xml.match(/<bpmndi:BPMNShape\b/g) ?? []).length;
    await page.screenshot({ path: path.join(artifactsDir(), 'procedure-webview.png') });
    // bpmn-js draws external labels as shapes of their own (ids ending in _label).
    const drawn = await diagram.locator('.djs-shape:not([data-element-id$="_label"])').count();
    assert.equal(drawn, shapes, 'one drawn shape per BPMNShape of certification.bpmn');
  });

  it('an edit to the manifest (never saved) re-checks it: Problems, status bar and report follow', async () => {
    const before = shownFindings(expected);
    const staff = before.find((finding) => finding.rule === 'isccc/service-staff');
    assert.ok(staff && staff.actual === 24, 'the example lists 24 service staff against the 30 that 4.2.4 d) needs');
    const after = before.filter((finding) => finding !== staff);

    // The report's location link selects the value that produced the finding; typing replaces it.
    const report = await webviewFrame(page, 'table tr.clause');
    await report.locator('tr.finding:not(.quiet)', { hasText: 'isccc/service-staff' }).locator('a[data-range]').click();
    const selection = page.locator('.part.statusbar .statusbar-item[id="status.editor.selection"]');
    await selection.filter({ hasText: '(2 selected)' }).waitFor({ timeout: LIMIT });
    await page.keyboard.type('30');

    assert.equal(await settled(LIMIT, () => problemCount(page), after.length), after.length, 'Problems badge count');
    const panel = await showProblems(page);
    const wanted = after.map((finding) => `${finding.rule} | ${finding.message.en}`).sort();
    const rows = async () => (await problemRows(panel)).map((row) => `${row.code} | ${row.message}`).sort();
    assert.deepEqual(await settled(LIMIT, rows, wanted), wanted);
    const level = expected.summary.qualifyingLevel;
    const statusText = `ISCCC ${level === null ? 'no level' : `level ${level}`} · ${after.length} finding${after.length === 1 ? '' : 's'}`;
    assert.equal(await settled(LIMIT, () => statusBarText(page, 'isccc-flow.isccc-vscode.isccc.status'), statusText), statusText);

    const openClauses = async () => {
      const frame = await webviewFrame(page, 'table tr.clause');
      return (await frame.locator('tr.clause:not(.quiet)').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-clause')))).sort();
    };
    const wantedClauses = [...new Set(after.map((finding) => finding.clause))].sort();
    assert.deepEqual(await settled(LIMIT, openClauses, wantedClauses), wantedClauses, 'clauses still open in the report');
    await page.screenshot({ path: path.join(artifactsDir(), 'after-edit.png') });
  });
});
