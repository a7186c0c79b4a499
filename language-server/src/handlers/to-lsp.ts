/** Service results (plain data) as LSP types; the services never see the protocol. */
import type { Severity } from '@isccc/rules';
import * as lsp from 'vscode-languageserver';
import type { QuickFix } from '../services/code-actions.js';
import type { Lens } from '../services/code-lens.js';
import type { Completion } from '../services/completion.js';
import type { Diagnostic } from '../services/diagnostics.js';
import type { HoverText } from '../services/hover.js';
import type { OutlineItem } from '../services/symbols.js';

/** `source` of every diagnostic this server publishes. */
export const SOURCE = 'isccc';

const SEVERITY: Record<Severity, lsp.DiagnosticSeverity> = {
  error: lsp.DiagnosticSeverity.Error,
  warning: lsp.DiagnosticSeverity.Warning,
  info: lsp.DiagnosticSeverity.Information,
};

const COMPLETION_KIND: Record<Completion['kind'], lsp.CompletionItemKind> = {
  key: lsp.CompletionItemKind.Property,
  value: lsp.CompletionItemKind.EnumMember,
  clause: lsp.CompletionItemKind.Reference,
  file: lsp.CompletionItemKind.File,
};

const SYMBOL_KIND: Record<OutlineItem['kind'], lsp.SymbolKind> = {
  array: lsp.SymbolKind.Array,
  object: lsp.SymbolKind.Object,
  field: lsp.SymbolKind.Field,
  string: lsp.SymbolKind.String,
};

export function toDiagnostic(diagnostic: Diagnostic): lsp.Diagnostic {
  const { range, severity, code, message, docUrl, related, data } = diagnostic;
  return {
    range,
    severity: SEVERITY[severity],
    source: SOURCE,
    code,
    ...(docUrl ? { codeDescription: { href: docUrl } } : {}),
    message,
    ...(related ? { relatedInformation: related } : {}),
    ...(data ? { data } : {}),
  };
}

export function toHover(hover: HoverText): lsp.Hover {
  return { contents: { kind: lsp.MarkupKind.Markdown, value: hover.markdown }, ...(hover.range ? { range: hover.range } : {}) };
}

export function toCompletionItem(completion: Completion): lsp.CompletionItem {
  const { kind, documentation, ...rest } = completion;
  return {
    ...rest,
    kind: COMPLETION_KIND[kind],
    // Plain text goes as a string, as LSP clients expect it.
    ...(documentation
      ? { documentation: documentation.kind === 'plaintext' ? documentation.value : { kind: lsp.MarkupKind.Markdown, value: documentation.value } }
      : {}),
  };
}

export function toCodeAction(uri: string, fix: QuickFix<lsp.Diagnostic>): lsp.CodeAction {
  return { title: fix.title, kind: lsp.CodeActionKind.QuickFix, diagnostics: [fix.diagnostic], edit: { changes: { [uri]: fix.edits } } };
}

export function toCodeLens(lens: Lens): lsp.CodeLens {
  const { range, title, tooltip, command } = lens;
  return { range, command: { title, ...(tooltip ? { tooltip } : {}), command, ...(lens.arguments ? { arguments: lens.arguments } : {}) } };
}

export function toDocumentSymbol(item: OutlineItem): lsp.DocumentSymbol {
  return {
    name: item.name,
    kind: SYMBOL_KIND[item.kind],
    ...(item.detail !== undefined ? { detail: item.detail } : {}),
    range: item.range,
    selectionRange: item.selectionRange,
    children: item.children.map(toDocumentSymbol),
  };
}
