import path from 'node:path';
import * as vscode from 'vscode';
import { repoRoot } from '../support/paths.js';

export const EXTENSION_ID = 'isccc-flow.isccc-vscode';

export function repoUri(...segments: string[]): vscode.Uri {
  return vscode.Uri.file(path.join(repoRoot, ...segments));
}

export async function openInEditor(uri: vscode.Uri): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document);
  return document;
}
