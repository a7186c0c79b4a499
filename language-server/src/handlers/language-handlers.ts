import type { CodeAction, CodeLens, CompletionItem, DocumentSymbol, Hover, Location } from 'vscode-languageserver';
import { quickFixes } from '../services/code-actions.js';
import { codeLenses } from '../services/code-lens.js';
import { complete } from '../services/completion.js';
import { definition } from '../services/definition.js';
import { hover } from '../services/hover.js';
import { documentSymbols } from '../services/symbols.js';
import { analysisOf, guarded, type ServerContext } from './context.js';
import { type LensRefresh, stateOf } from './lens-refresh.js';
import { toCodeAction, toCodeLens, toCompletionItem, toDocumentSymbol, toHover } from './to-lsp.js';

/** Hover, completion, quick fixes, code lenses, outline and definition: each a service, answered in LSP terms. */
export function registerLanguageHandlers(context: ServerContext, lensRefresh: LensRefresh): void {
  const { connection, catalog, rulebooks, cache } = context;
  const lang = () => cache.getSettings().language;

  connection.onHover(
    guarded(context, 'hover', null, ({ textDocument, position }): Hover | null => {
      const analysis = analysisOf(context, textDocument.uri);
      const found = analysis ? hover(analysis, position, catalog, lang()) : null;
      return found ? toHover(found) : null;
    }),
  );
  connection.onCompletion(
    guarded(context, 'completion', [], ({ textDocument, position }): CompletionItem[] => {
      const analysis = analysisOf(context, textDocument.uri);
      return analysis ? complete(analysis, position, catalog, lang()).map(toCompletionItem) : [];
    }),
  );
  connection.onCodeAction(
    guarded(context, 'codeAction', [], ({ textDocument, context: { diagnostics } }): CodeAction[] => {
      const analysis = analysisOf(context, textDocument.uri);
      return analysis ? quickFixes(analysis, diagnostics).map((fix) => toCodeAction(textDocument.uri, fix)) : [];
    }),
  );
  connection.onCodeLens(
    guarded(context, 'codeLens', [], ({ textDocument }): CodeLens[] => {
      const analysis = analysisOf(context, textDocument.uri);
      if (analysis?.kind !== 'manifest') return [];
      lensRefresh.showing(textDocument.uri, stateOf(analysis, lang()));
      return codeLenses(analysis, lang()).map(toCodeLens);
    }),
  );
  connection.onDocumentSymbol(
    guarded(context, 'documentSymbol', [], ({ textDocument }): DocumentSymbol[] => {
      const analysis = analysisOf(context, textDocument.uri);
      return analysis ? documentSymbols(analysis).map(toDocumentSymbol) : [];
    }),
  );
  connection.onDefinition(
    guarded(context, 'definition', [], ({ textDocument, position }): Location[] => {
      const analysis = analysisOf(context, textDocument.uri);
      return analysis ? definition(analysis, position, catalog, rulebooks) : [];
    }),
  );
}
