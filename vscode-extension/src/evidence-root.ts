import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { MANIFEST_LANGUAGE } from './client.js';
import { messageLanguage, type Lang } from './language.js';
import { MESSAGES } from './messages.js';
import { EvidenceRootRequest, type EvidenceRoot } from '@isccc/language-server/protocol';

const ROOT = /^[0-9a-f]{64}$/;

/**
 * `isccc.copyEvidenceRoot`: copies the manifest's evidence root (the one `isccc packet` prints) to the clipboard. The
 * server's code lens passes the root; from the Command Palette the active manifest's is asked for. Returns what it
 * copied (undefined when there is no root, after saying why).
 */
export async function copyEvidenceRoot(client: LanguageClient, root?: unknown): Promise<string | undefined> {
  const lang = messageLanguage();
  if (typeof root !== 'string' || !ROOT.test(root)) {
    const document = vscode.window.activeTextEditor?.document;
    if (!document || document.languageId !== MANIFEST_LANGUAGE) {
      void vscode.window.showWarningMessage(MESSAGES['evidence.no-manifest']()[lang]);
      return undefined;
    }
    const state = await client.sendRequest(EvidenceRootRequest, { uri: document.uri.toString() });
    if (state?.state !== 'ready') {
      void vscode.window.showWarningMessage(state ? describeEvidenceRoot(state, lang) : MESSAGES['evidence.no-manifest']()[lang]);
      return undefined;
    }
    root = state.root;
  }
  const copied = root as string;
  await vscode.env.clipboard.writeText(copied);
  void vscode.window.showInformationMessage(MESSAGES['evidence.copied']({ root: copied })[lang]);
  return copied;
}

/** One line for the status bar's tooltip and for warnings: the root, or why there is none. */
export function describeEvidenceRoot(state: EvidenceRoot, lang: Lang): string {
  switch (state.state) {
    case 'ready':
      return MESSAGES['evidence.root']({ root: state.root, files: state.files, unsaved: state.unsaved })[lang];
    case 'unusable':
      return MESSAGES['evidence.unusable']({ problems: state.problems.map((p) => `${p.path}: ${p.message}`) })[lang];
    case 'pending':
      return MESSAGES['evidence.pending']()[lang];
    case 'unavailable':
      return MESSAGES['evidence.unavailable']({ why: state.message })[lang];
  }
}
