import * as vscode from 'vscode';
import type { CliFinding } from '../support/evaluator.js';
import { waitFor } from '../support/process.js';

/** `rule | message` per diagnostic, sorted: what the editor shows, comparable with `isccc check`. */
export function describeDiagnostics(diagnostics: readonly vscode.Diagnostic[]): string[] {
  return diagnostics
    .filter((diagnostic) => diagnostic.source === 'isccc')
    .map((diagnostic) => {
      const code = typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
      return `${String(code)} | ${diagnostic.message}`;
    })
    .sort();
}

export function describeFindings(findings: CliFinding[], lang: 'zh' | 'en'): string[] {
  return findings.map((finding) => `${finding.rule} | ${finding.message[lang]}`).sort();
}

/**
 * Waits until the document's isccc diagnostics equal `expected` (they are re-published after every
 * settings change), then returns them; gives up with the last ones seen, for the assertion to show.
 */
export async function diagnosticsEqualTo(uri: vscode.Uri, expected: string[]): Promise<string[]> {
  let seen: string[] = [];
  await waitFor('diagnostics', 30_000, async () => {
    seen = describeDiagnostics(vscode.languages.getDiagnostics(uri));
    return JSON.stringify(seen) === JSON.stringify(expected);
  }).catch(() => undefined);
  return seen;
}
