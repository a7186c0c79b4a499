import type { TextDocument } from 'vscode-languageserver-textdocument';
import { type Analysis, evaluationSettings, evidenceSource } from '../documents/analysis.js';
import { manifestDiagnostics, rulesDiagnostics } from '../services/diagnostics.js';
import type { ServerContext } from './context.js';
import { SOURCE, toDiagnostic } from './to-lsp.js';

const DEFAULT_DEBOUNCE_MS = 150;

/**
 * Publishes each open document's diagnostics, debounced per document while it is being typed. A manifest's input
 * problems are published as soon as it is parsed; its findings when the evaluation thread answers, for that
 * version only. An edit cancels the evaluation of the version before it.
 */
export class Validator {
  debounceMs = DEFAULT_DEBOUNCE_MS;
  /** Told when the evaluation thread has delivered a manifest's evidence root (the code lenses may have changed). */
  onEvidence: ((uri: string) => void) | undefined;
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Documents whose diagnostics the client shows (published, not cleared since). */
  private readonly shown = new Set<string>();

  constructor(private readonly context: ServerContext) {}

  schedule(uri: string, delay = this.debounceMs): void {
    clearTimeout(this.timers.get(uri));
    this.context.evaluator.cancel(uri);
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
    this.context.evaluator.cancel(uri);
    this.shown.delete(uri);
    void this.context.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  private validate(uri: string): void {
    const { documents, cache, rulebooks, evaluator, log } = this.context;
    this.timers.delete(uri);
    const document = documents.get(uri);
    if (!document) return;
    try {
      const analysis = cache.parsed(document);
      if (!analysis) {
        // Edited into a document of no kind of ours (its `isccc:` line gone): what it showed must not stay.
        if (this.shown.has(uri)) this.clear(uri);
        return;
      }
      if (analysis.kind === 'rules' || !analysis.parsed.manifest) return this.publish(analysis);
      const evidenceOf = evidenceSource(analysis);
      // A request may have evaluated this version on the server's thread already; its evidence root is made in the thread only.
      if (cache.evaluated(analysis) && (analysis.evidence || !evidenceOf)) return this.publish(analysis);
      const key = cache.evaluationKey();
      const { workspaceRules } = rulebooks.get();
      evaluator
        .evaluate({
          uri,
          manifest: analysis.parsed.manifest,
          ...evaluationSettings(analysis, cache.getSettings()),
          ...(evidenceOf ? { evidenceOf } : {}),
          generation: rulebooks.generation,
          workspaceRules,
        })
        .then((result) => {
          if ('cancelled' in result) return;
          cache.attach(analysis, key, result, result.evidence !== undefined);
          const current = (): boolean => documents.get(uri)?.version === analysis.document.version;
          void result.evidence?.then((evidence) => {
            cache.attachEvidence(analysis, evidence);
            if (current()) this.onEvidence?.(uri);
          });
          // Only the version still open, evaluated with the rulebook and settings still in force, is shown.
          if (!current()) return;
          if (cache.evaluationKey() === key) this.publish(analysis);
          // The rulebook, settings or files changed meanwhile (perhaps not this manifest's: a change re-checks only
          // the manifests it concerns, and this one was evaluating): evaluate this version again, never leave it unshown.
          else this.schedule(uri);
        })
        .catch((error: unknown) => this.failed(uri, error));
    } catch (error) {
      log(`validate ${uri}`, error);
      this.failed(uri, error);
    }
  }

  private publish(analysis: Analysis): void {
    const { connection, cache, rulebooks } = this.context;
    const lang = cache.getSettings().language;
    const diagnostics = analysis.kind === 'manifest' ? manifestDiagnostics(analysis, rulebooks, lang) : rulesDiagnostics(analysis, rulebooks.get(), lang);
    this.shown.add(analysis.uri);
    void connection.sendDiagnostics({ uri: analysis.uri, version: analysis.document.version, diagnostics: diagnostics.map(toDiagnostic) });
  }

  private failed(uri: string, error: unknown): void {
    this.context.log(`validate ${uri}`, error);
    this.shown.add(uri);
    void this.context.connection.sendDiagnostics({
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
