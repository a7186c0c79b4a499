import * as vscode from 'vscode';
import type { CliFinding } from '../support/evaluator.js';
import { settled } from '../support/process.js';

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

/** The document's isccc diagnostics once they equal `expected` (re-published after every settings change). */
export async function diagnosticsEqualTo(uri: vscode.Uri, expected: string[]): Promise<string[]> {
  return settled(30_000, () => describeDiagnostics(vscode.languages.getDiagnostics(uri)), expected);
}
