import type { TextDocument } from 'vscode-languageserver-textdocument';
import { manifestDiagnostics, rulesDiagnostics } from '../services/diagnostics.js';
import type { ServerContext } from './context.js';
import { SOURCE, toDiagnostic } from './to-lsp.js';

const DEFAULT_DEBOUNCE_MS = 150;

/** Publishes each open document's diagnostics, debounced per document while it is being typed. */
export class Validator {
  debounceMs = DEFAULT_DEBOUNCE_MS;
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(private readonly context: ServerContext) {}

  schedule(uri: string, delay = this.debounceMs): void {
    clearTimeout(this.timers.get(uri));
    if (delay <= 0) return this.validate(uri);
    this.timers.set(
      uri,
      setTimeout(() => this.validate(uri), delay),
    );
  }

  revalidateAll(filter: (document: TextDocument) => boolean = () => true): void {
    for (const document of this.context.documents.all()) if (filter(document)) this.schedule(document.uri);
  }

  /** The document was closed: nothing is pending for it and its diagnostics are cleared. */
  clear(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    void this.context.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  private validate(uri: string): void {
    const { connection, documents, cache, rulebooks, log } = this.context;
    this.timers.delete(uri);
    const document = documents.get(uri);
    if (!document) return;
    try {
      const analysis = cache.get(document);
      if (!analysis) return;
      const lang = cache.getSettings().language;
      const diagnostics = analysis.kind === 'manifest' ? manifestDiagnostics(analysis, rulebooks, lang) : rulesDiagnostics(analysis, rulebooks.get(), lang);
      void connection.sendDiagnostics({ uri, version: document.version, diagnostics: diagnostics.map(toDiagnostic) });
    } catch (error) {
      log(`validate ${uri}`, error);
      void connection.sendDiagnostics({
        uri,
        diagnostics: [
          {
            range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
            source: SOURCE,
            code: 'isccc/internal',
            message: `validation failed: ${String(error)}`,
          },
        ],
      });
    }
  }
}
