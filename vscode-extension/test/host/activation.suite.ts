import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, openInEditor, repoUri } from './workspace.js';

describe('activation and language ids', () => {
  it('opens *.isccc.yaml as isccc-manifest and activates the extension', async () => {
    const document = await openInEditor(repoUri('examples', 'risk-assessment-l3-pass', 'manifest.isccc.yaml'));
    assert.equal(document.languageId, 'isccc-manifest');
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not loaded`);
    await extension.activate();
    assert.equal(extension.isActive, true);
  });

  it('opens *.rules.yaml as isccc-rules', async () => {
    const document = await vscode.workspace.openTextDocument(repoUri('rules', 'rulebooks', 'isccc-sv-001-2015', 'legal-status.rules.yaml'));
    assert.equal(document.languageId, 'isccc-rules');
  });

  it('contributes its three commands and the four isccc.* settings', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const command of ['isccc.showReport', 'isccc.showProcedure', 'isccc.copyEvidenceRoot']) assert.ok(commands.includes(command), `${command} missing`);
    const settings = vscode.workspace.getConfiguration('isccc');
    for (const key of ['targetLevel', 'category', 'asOf', 'messageLanguage']) {
      assert.ok(settings.inspect(key)?.defaultValue !== undefined, `isccc.${key} has no contributed default`);
    }
    assert.equal(settings.get('messageLanguage'), 'en');
  });
});
