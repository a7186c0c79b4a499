import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Report } from '@isccc/language-server/protocol';
import { checkManifest } from '../support/evaluator.js';
import { waitFor } from '../support/process.js';
import { openInEditor, repoUri } from './workspace.js';

const manifest = repoUri('examples', 'risk-assessment-l2-fail', 'manifest.isccc.yaml');

describe('Show conformance report', () => {
  it('groups every finding of isccc check under its clause and opens a webview', async () => {
    await openInEditor(manifest);
    const report = await vscode.commands.executeCommand<Report>('isccc.showReport');
    const cli = checkManifest(manifest.fsPath);

    const grouped = new Map<string, string[]>();
    for (const finding of cli.findings) grouped.set(finding.clauseLabel, [...(grouped.get(finding.clauseLabel) ?? []), `${finding.rule} ${finding.status}`]);
    const rendered = new Map(report.clauses.map((clause) => [clause.label, clause.findings.map((f) => `${f.ruleId} ${f.status}`)]));
    assert.deepEqual(rendered, grouped);
    assert.equal(report.qualifyingLevel, cli.summary.qualifyingLevel);
    for (const clause of report.clauses) {
      for (const finding of clause.findings) assert.ok(finding.range, `${clause.label} ${finding.ruleId} has no manifest position`);
    }

    // The tab model reaches the extension host a little after the panel is created.
    const tabs = () => vscode.window.tabGroups.all.flatMap((group) => group.tabs);
    const reportTab = () => tabs().some((tab) => tab.input instanceof vscode.TabInputWebview && tab.label === 'ISCCC: manifest.isccc.yaml');
    await waitFor('the report tab', 10_000, reportTab).catch(() => undefined);
    assert.ok(
      reportTab(),
      `no report tab among ${tabs()
        .map((tab) => tab.label)
        .join(', ')}`,
    );
  });

  it("accepts the manifest URI as a string, as the server's code lenses send it", async () => {
    await openInEditor(manifest);
    const report = await vscode.commands.executeCommand<Report>('isccc.showReport', manifest.toString());
    assert.equal(report.uri, manifest.toString());
    assert.ok(report.clauses.length > 0);
  });

  it('runs from the code lens the server puts above application:', async () => {
    const document = await openInEditor(manifest);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri);
    const lens = lenses.find((candidate) => candidate.command?.command === 'isccc.showReport');
    assert.ok(lens?.command, `no isccc.showReport code lens among ${lenses.map((candidate) => candidate.command?.title).join(' / ')}`);
    const report = await vscode.commands.executeCommand<Report>(lens.command.command, ...((lens.command.arguments ?? []) as unknown[]));
    assert.equal(report.uri, manifest.toString());
  });
});
