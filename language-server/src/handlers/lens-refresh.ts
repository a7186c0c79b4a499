import { CodeLensRefreshRequest } from 'vscode-languageserver';
import { evidenceRoot } from '../services/evidence-root.js';
import type { ServerContext } from './context.js';

/**
 * A manifest's evidence root arrives from the evaluation thread after its code lenses may have been asked for (and
 * changes when an evidence file changes on disk, with no edit that would make the client ask again): when it differs
 * from what the document's lens showed last, a client that allows it is asked to refresh its code lenses.
 */
export class LensRefresh {
  /** The client supports `workspace/codeLens/refresh`. */
  enabled = false;
  private readonly shown = new Map<string, string>();

  constructor(private readonly context: ServerContext) {}

  /** The evidence root a lens of `uri` shows now. */
  showing(uri: string, state: string): void {
    this.shown.set(uri, state);
  }

  forget(uri: string): void {
    this.shown.delete(uri);
  }

  /** The evaluation thread has answered for `uri`. */
  delivered(uri: string): void {
    const { connection, documents, cache, log } = this.context;
    const before = this.shown.get(uri);
    const document = documents.get(uri);
    if (!this.enabled || before === undefined || !document) return;
    const analysis = cache.parsed(document);
    if (analysis?.kind !== 'manifest' || stateOf(analysis, cache.getSettings().language) === before) return;
    this.shown.delete(uri);
    connection.sendRequest(CodeLensRefreshRequest.type).catch((error: unknown) => log('workspace/codeLens/refresh', error));
  }
}

/** What a lens of the evidence root depends on, as one comparable string. */
export function stateOf(...args: Parameters<typeof evidenceRoot>): string {
  return JSON.stringify(evidenceRoot(...args));
}
