import type { Catalog } from '@isccc/rules';
import type { Connection, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis, AnalysisCache } from '../documents/analysis.js';
import type { Evaluator } from '../documents/evaluator.js';
import type { RulebookService } from '../workspace/rulebook-service.js';

/** What every handler works with: the connection, the open documents and the state the services read. */
export interface ServerContext {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  catalog: Catalog;
  rulebooks: RulebookService;
  cache: AnalysisCache;
  /** Evaluates manifests off the request path (a worker thread). */
  evaluator: Evaluator;
  /** Logs to the client's output (`connection.console`). */
  log: (where: string, error: unknown) => void;
}

/** The analysis of an open manifest or rule file; null for any other document. */
export function analysisOf(context: ServerContext, uri: string): Analysis | null {
  const document = context.documents.get(uri);
  return document ? context.cache.get(document) : null;
}

/** Every request handler returns its empty answer instead of throwing: one bad request never kills the server. */
export function guarded<P, R>(context: ServerContext, name: string, empty: R, handler: (params: P) => R): (params: P) => R {
  return (params: P) => {
    try {
      return handler(params);
    } catch (error) {
      context.log(name, error);
      return empty;
    }
  };
}
