import assert from 'node:assert/strict';
import fs from 'node:fs';
import * as vscode from 'vscode';
import { settled } from '../support/process.js';
import { repoUri } from './workspace.js';

describe('rule files (isccc-rules)', () => {
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it("get the server's diagnostics for an unknown clause id and a FEEL syntax error", async () => {
    const shipped = fs.readFileSync(repoUri('rules', 'rulebooks', 'isccc-sv-001-2015', 'legal-status.rules.yaml').fsPath, 'utf8');
    // A new rule id, so that the copy does not also collide with the shipped rule (rules/duplicate-id).
    const broken = shipped
      .replace('- id: isccc/legal-status', '- id: isccc/legal-status-draft')
      .replace('- clause: 4.1.1', '- clause: 9.9.9')
      .replace('condition: organisation.independentLegalEntity and', 'condition: organisation.independentLegalEntity and (');
    assert.notEqual(broken, shipped, 'the shipped rule file changed shape; adjust this test');
    // Unsaved, so the rulebook on disk stays as it is for every other test.
    const document = await vscode.workspace.openTextDocument({ language: 'isccc-rules', content: broken });
    await vscode.window.showTextDocument(document);
    const codes = () =>
      [
        ...new Set(
          vscode.languages
            .getDiagnostics(document.uri)
            .filter((diagnostic) => diagnostic.source === 'isccc')
            .map((diagnostic) => String(typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code)),
        ),
      ].sort();
    const expected = ['rules/feel-syntax', 'rules/unknown-clause'];
    assert.deepEqual(await settled(30_000, codes, expected), expected);
  });
});
