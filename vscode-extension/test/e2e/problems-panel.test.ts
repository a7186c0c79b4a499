/**
 * A person's view: the packaged .vsix installed into a real VS Code (code-server 4.100.3), an example
 * manifest opened from the Explorer, and the Problems panel and status bar read off the screen.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { startChromium, type Chromium } from '../support/chromium.js';
import { startCodeServer, type CodeServer } from '../support/code-server.js';
import { checkManifest, shownFindings } from '../support/evaluator.js';
import { artifactsDir, assertBundleBuilt, repoRoot } from '../support/paths.js';
import { packageVsix } from '../support/vsix.js';
import { openFromExplorer, openWorkbench, problemCount, problemRows, showProblems, statusBarText } from '../support/workbench.js';

const EXAMPLE = 'risk-assessment-l2-fail';

describe('vscode-extension .vsix in code-server: Problems panel', function () {
  this.timeout(300_000);
  let server: CodeServer | undefined;
  let chromium: Chromium | undefined;

  before(async () => {
    assertBundleBuilt();
    const vsix = await packageVsix();
    server = await startCodeServer({ name: 'problems-panel', install: [vsix] });
    chromium = await startChromium();
  });

  after(async () => {
    await chromium?.stop();
    await server?.stop();
  });

  it(`lists the clause-coded findings of examples/${EXAMPLE} that isccc check reports`, async () => {
    const folder = path.join(repoRoot, 'examples', EXAMPLE);
    const expected = checkManifest(path.join(folder, 'manifest.isccc.yaml'));
    const findings = shownFindings(expected);
    assert.ok(findings.length > 0, `examples/${EXAMPLE} should have findings for this test to mean anything`);

    const page = await chromium!.newPage();
    await openWorkbench(page, `${server!.url}?folder=${encodeURIComponent(folder)}`);
    await openFromExplorer(page, 'manifest.isccc.yaml');
    const panel = await showProblems(page);
    assert.equal(await problemCount(page), findings.length, 'Problems badge count');
    const rows = await problemRows(panel);

    // The editor renders the evaluator's findings: same rule codes, same (English) messages, which
    // open with the clause label (e.g. "4.2.4 d) needs ≥30 service staff, …").
    const seen = rows.map((row) => `${row.code} | ${row.message}`).sort();
    const wanted = findings.map((finding) => `${finding.rule} | ${finding.message.en}`).sort();
    assert.deepEqual(seen, wanted, 'code and message of every Problems row');
    for (const finding of findings) assert.ok(finding.message.en.startsWith(finding.clauseLabel), finding.message.en);
    for (const row of rows) assert.equal(row.source, 'isccc');

    const level = expected.summary.qualifyingLevel;
    const status = await statusBarText(page, 'isccc-flow.isccc-vscode.isccc.status');
    await page.screenshot({ path: path.join(artifactsDir(), 'problems-panel.png') });
    assert.equal(status, `ISCCC ${level === null ? 'no level' : `level ${level}`} · ${findings.length} finding${findings.length === 1 ? '' : 's'}`);
  });
});
