import type { Session } from './session.js';
import { codeActions } from './services/code-actions.js';
import { codeLenses } from './services/code-lens.js';
import { complete } from './services/completion.js';
import { definition } from './services/definition.js';
import { hover } from './services/hover.js';
import { documentSymbols } from './services/symbols.js';

type Log = (where: string, error: unknown) => void;

/** Every request handler returns its empty answer instead of throwing: one bad request never kills the server. */
export function safe<P, R>(log: Log, name: string, empty: R, handler: (params: P) => R): (params: P) => R {
  return (params: P) => {
    try {
      return handler(params);
    } catch (error) {
      log(name, error);
      return empty;
    }
  };
}

export function registerFeatures(session: Session, log: Log): void {
  const { connection, documents, catalog, cache, rulebooks } = session;
  const target = (uri: string) => {
    const document = documents.get(uri);
    const analysis = document ? cache.get(document) : null;
    return document && analysis ? { document, analysis, lang: cache.getSettings().language } : null;
  };

  connection.onHover(
    safe(log, 'hover', null, (params) => {
      const t = target(params.textDocument.uri);
      return t ? hover(t.document, t.analysis, params.position, catalog, t.lang) : null;
    }),
  );
  connection.onCompletion(
    safe(log, 'completion', [], (params) => {
      const t = target(params.textDocument.uri);
      return t ? complete(t.document, t.analysis, params.position, catalog, t.lang) : [];
    }),
  );
  connection.onCodeAction(
    safe(log, 'codeAction', [], (params) => {
      const t = target(params.textDocument.uri);
      return t ? codeActions(t.document, t.analysis, params.context.diagnostics) : [];
    }),
  );
  connection.onCodeLens(
    safe(log, 'codeLens', [], (params) => {
      const t = target(params.textDocument.uri);
      return t?.analysis.kind === 'manifest' ? codeLenses(t.analysis, t.lang) : [];
    }),
  );
  connection.onDocumentSymbol(
    safe(log, 'documentSymbol', [], (params) => {
      const t = target(params.textDocument.uri);
      if (!t) return [];
      return documentSymbols(t.document, t.analysis.kind === 'manifest' ? t.analysis.parsed.source : t.analysis.result.source);
    }),
  );
  connection.onDefinition(
    safe(log, 'definition', [], (params) => {
      const t = target(params.textDocument.uri);
      return t ? definition(t.document, t.analysis, params.position, catalog, rulebooks.get().rulebook, rulebooks) : [];
    }),
  );
}
