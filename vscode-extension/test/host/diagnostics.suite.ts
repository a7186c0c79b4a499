import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { checkManifest, shownFindings } from '../support/evaluator.js';
import { describeFindings, diagnosticsEqualTo } from './diagnostics.js';
import { openInEditor, repoUri } from './workspace.js';

const manifest = repoUri('examples', 'risk-assessment-l2-fail', 'manifest.isccc.yaml');
const settings = () => vscode.workspace.getConfiguration('isccc');

async function setSettings(values: Record<string, unknown>): Promise<void> {
  for (const [key, value] of Object.entries(values)) await settings().update(key, value, vscode.ConfigurationTarget.Global);
}

describe('diagnostics from the bundled language server', () => {
  before(async () => {
    await openInEditor(manifest);
  });

  afterEach(async () => {
    await setSettings({ targetLevel: undefined, category: undefined, asOf: undefined, messageLanguage: undefined });
  });

  it('equal the findings of isccc check: rule id as code, clause label leading the message', async () => {
    const findings = shownFindings(checkManifest(manifest.fsPath));
    assert.ok(findings.length > 0, 'the example should have findings');
    const expected = describeFindings(findings, 'en');
    assert.deepEqual(await diagnosticsEqualTo(manifest, expected), expected);
    for (const finding of findings) assert.match(finding.message.en, new RegExp(`^${finding.clauseLabel.replace(/[.()]/g, '\\$&')} `));
  });

  it('follow isccc.targetLevel', async () => {
    const atApplied = describeFindings(shownFindings(checkManifest(manifest.fsPath)), 'en');
    const atLevel1 = describeFindings(shownFindings(checkManifest(manifest.fsPath, ['--level', '1'])), 'en');
    assert.notDeepEqual(atLevel1, atApplied, 'level 1 should find more than the applied-for level');
    await setSettings({ targetLevel: 1 });
    assert.deepEqual(await diagnosticsEqualTo(manifest, atLevel1), atLevel1);
    await setSettings({ targetLevel: null });
    assert.deepEqual(await diagnosticsEqualTo(manifest, atApplied), atApplied);
  });

  it('follow isccc.messageLanguage (zh: the Chinese clause text)', async () => {
    const zh = describeFindings(shownFindings(checkManifest(manifest.fsPath, ['--lang', 'zh'])), 'zh');
    await setSettings({ messageLanguage: 'zh' });
    assert.deepEqual(await diagnosticsEqualTo(manifest, zh), zh);
  });

  it('follow isccc.category and isccc.asOf', async () => {
    const args = ['--category', 'emergency-response', '--as-of', '2025-06-30'];
    const expected = describeFindings(shownFindings(checkManifest(manifest.fsPath, args)), 'en');
    const atApplied = describeFindings(shownFindings(checkManifest(manifest.fsPath)), 'en');
    assert.notDeepEqual(expected, atApplied, 'another category and date should change the findings');
    await setSettings({ category: 'emergency-response', asOf: '2025-06-30' });
    assert.deepEqual(await diagnosticsEqualTo(manifest, expected), expected);
  });
});
