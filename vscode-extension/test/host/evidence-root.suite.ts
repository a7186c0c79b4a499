import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { packetEvidenceRoot } from '../support/evaluator.js';
import { waitFor } from '../support/process.js';
import { openInEditor, repoUri } from './workspace.js';

const manifest = repoUri('examples', 'risk-assessment-l3-pass', 'manifest.isccc.yaml');

/** The server's lens at the top of the manifest, once its evidence root is computed (the thread hashes the files). */
async function evidenceLens(document: vscode.TextDocument): Promise<vscode.CodeLens> {
  let lens: vscode.CodeLens | undefined;
  let titles = '';
  await waitFor('the evidence root code lens', 20_000, async () => {
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri);
    titles = lenses.map((candidate) => candidate.command?.title).join(' / ');
    lens = lenses.find((candidate) => candidate.command?.command === 'isccc.copyEvidenceRoot');
    return !!lens;
  }).catch(() => undefined);
  assert.ok(lens?.command, `no isccc.copyEvidenceRoot code lens among ${titles}`);
  return lens;
}

describe('the evidence root of the open manifest', () => {
  it('shows the root isccc packet prints in a code lens at the top, which copies all of it', async () => {
    const document = await openInEditor(manifest);
    const root = packetEvidenceRoot(manifest.fsPath);
    const lens = await evidenceLens(document);
    assert.equal(lens.range.start.line, 0);
    assert.match(lens.command!.title, new RegExp(`^ISCCC evidence root: ${root.slice(0, 12)}… \\(\\d+ files\\)$`));
    const copied = await vscode.commands.executeCommand<string>(lens.command!.command, ...((lens.command!.arguments ?? []) as unknown[]));
    assert.equal(copied, root);
    assert.equal(await vscode.env.clipboard.readText(), root);
  });

  it('copies the active manifest’s root from the Command Palette, with no argument', async () => {
    await openInEditor(manifest);
    await vscode.env.clipboard.writeText('');
    const copied = await vscode.commands.executeCommand<string>('isccc.copyEvidenceRoot');
    assert.equal(copied, packetEvidenceRoot(manifest.fsPath));
    assert.equal(await vscode.env.clipboard.readText(), copied);
  });
});
