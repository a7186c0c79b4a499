import fs from 'node:fs';
import path from 'node:path';
import {
  type Catalog,
  evaluate,
  type EvaluateOptions,
  type Evaluation,
  localDocsBase,
  parseFieldPath,
  parseManifest,
  type ParsedManifest,
  parseRuleFile,
  type Position,
  type Rulebook,
  type RuleFileResult,
  type YamlSource,
} from '@isccc/rules';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Settings } from '../workspace/settings.js';
import type { RulebookService } from '../workspace/rulebook-service.js';
import type { EvidenceRootState } from './evidence-root.js';
import { type DocumentKind, documentKind } from './kind.js';
import { fileOfUri, isOnDisk } from './uri.js';

/** An editor buffer at one version (vscode-languageserver-textdocument's TextDocument is one); positions are zero-based. */
export interface DocumentText {
  readonly uri: string;
  readonly languageId: string;
  readonly version: number;
  getText(): string;
  positionAt(offset: number): Position;
  offsetAt(position: Position): number;
}

interface AnalysisBase {
  uri: string;
  file: string;
  /** The text that was analysed: every position a service reads or returns is in it. */
  document: DocumentText;
  source: YamlSource;
}

export interface ManifestAnalysis extends AnalysisBase {
  kind: 'manifest';
  parsed: ParsedManifest;
  /** Absent when the manifest has input problems (the evaluator needs a valid manifest). */
  evaluation?: Evaluation;
  /** The evaluator threw: rendered as one diagnostic instead of a dead server. */
  failure?: string;
  /** The evidence root of this text, from the evaluation thread; absent until it answers (or off disk). */
  evidence?: EvidenceRootState;
}

export interface RulesAnalysis extends AnalysisBase {
  kind: 'rules';
  result: RuleFileResult;
}

export type Analysis = ManifestAnalysis | RulesAnalysis;

export function analyseRules(document: DocumentText, catalog: Catalog): RulesAnalysis {
  const file = fileOfUri(document.uri);
  const result = parseRuleFile(file, document.getText(), catalog);
  return { kind: 'rules', uri: document.uri, file, document, source: result.source, result };
}

/** Parses a manifest and, when it has no input problems, evaluates it against `rulebook` with `settings`. */
export function analyseManifest(document: DocumentText, catalog: Catalog, rulebook: Rulebook, settings: Settings): ManifestAnalysis {
  const analysis = parseManifestDocument(document, catalog);
  evaluateInThread(analysis, catalog, rulebook, settings);
  return analysis;
}

/** A manifest parsed (YAML, schema, semantic checks), not yet evaluated; `previous` is the parse before an edit (spent). */
export function parseManifestDocument(document: DocumentText, catalog: Catalog, previous?: YamlSource): ManifestAnalysis {
  const file = fileOfUri(document.uri);
  const parsed = parseManifest(document.getText(), file, catalog, previous);
  return { kind: 'manifest', uri: document.uri, file, document, source: parsed.source, parsed };
}

/** What the evaluator is told about a manifest besides the rulebook: the settings' target and date, its folder. */
export function evaluationSettings(analysis: ManifestAnalysis, settings: Settings): Pick<EvaluateOptions, 'target' | 'asOf' | 'workspaceDir'> {
  const { targetLevel, category, asOf } = settings;
  const workspaceDir = workspaceDirOf(analysis.file);
  return {
    target: { ...(targetLevel ? { level: targetLevel } : {}), ...(category ? { category } : {}) },
    ...(asOf ? { asOf } : {}),
    ...(workspaceDir ? { workspaceDir } : {}),
  };
}

/** The file and text an evidence root is computed for: a manifest saved in a folder; an untitled one has none. */
export function evidenceSource(analysis: ManifestAnalysis): { file: string; text: string } | undefined {
  return workspaceDirOf(analysis.file) ? { file: analysis.file, text: analysis.document.getText() } : undefined;
}

/** Evaluates here, on this thread (tests, and a request that needs an evaluation the thread has not delivered yet). */
export function evaluateInThread(analysis: ManifestAnalysis, catalog: Catalog, rulebook: Rulebook, settings: Settings, deadlineMs?: number): void {
  if (!analysis.parsed.manifest) return;
  try {
    analysis.evaluation = evaluate({
      manifest: analysis.parsed.manifest,
      source: analysis.source,
      catalog,
      rulebook,
      ...evaluationSettings(analysis, settings),
      // In the editor a rule's page opens from the installed package, offline and of the version in use.
      docsBase: localDocsBase(),
      ...(deadlineMs !== undefined ? { deadlineMs } : {}),
    });
  } catch (error) {
    analysis.failure = error instanceof Error ? error.message : String(error);
  }
}

/** An evaluation made without the source (in the evaluation thread) gets its findings' ranges in this document. */
export function withRanges(analysis: ManifestAnalysis, evaluation: Evaluation): Evaluation {
  const ranges = new Map<string, ReturnType<YamlSource['rangeOf']>>();
  const place = (finding: Evaluation['findings'][number]) => {
    if (finding.range) return;
    let range = ranges.get(finding.path);
    if (!range) ranges.set(finding.path, (range = analysis.source.rangeOf(parseFieldPath(finding.path))));
    finding.range = range;
  };
  evaluation.findings.forEach(place);
  evaluation.summary.next?.blocking.forEach(place);
  return evaluation;
}

export function kindOf(document: DocumentText): DocumentKind | null {
  return documentKind(document.uri, document.languageId, document.getText());
}

interface Entry {
  /** Kind and version of the text the analysis read. */
  parseKey: string;
  analysis: Analysis;
  /** The rulebook, settings and files the manifest's evaluation was made with. */
  evaluationKey?: string;
}

/** Analyses kept at once: the documents being worked on. An older one is parsed again when next asked for. */
const MAX_ENTRIES = 24;
/** A request that finds no evaluation yet evaluates here, within this much time. */
const REQUEST_DEADLINE_MS = 1_000;

/**
 * One parse per document version, reused while only the rulebook, settings or evidence change; one evaluation
 * per version, rulebook generation, settings and evidence files. Every feature (diagnostics, hover, completion,
 * actions, lenses) reads from here.
 */
export class AnalysisCache {
  private readonly entries = new Map<string, Entry>();
  private settingsGeneration = 0;
  private fileGeneration = 0;

  constructor(
    private readonly catalog: Catalog,
    private readonly rulebooks: RulebookService,
    private settings: Settings,
  ) {}

  setSettings(settings: Settings): void {
    this.settings = settings;
    this.settingsGeneration++;
  }

  getSettings(): Settings {
    return this.settings;
  }

  /** Evidence files changed on disk: manifests must be evaluated again. */
  filesChanged(): void {
    this.fileGeneration++;
  }

  forget(uri: string): void {
    this.entries.delete(uri);
  }

  /** What an evaluation made now is made with. */
  evaluationKey(): string {
    return `${this.rulebooks.generation}:${this.settingsGeneration}:${this.fileGeneration}`;
  }

  /** The document parsed (never re-parsed for the same version), without evaluating it. */
  parsed(document: DocumentText): Analysis | null {
    const kind = kindOf(document);
    if (!kind) return null;
    const parseKey = `${kind}:${document.version}`;
    const cached = this.entries.get(document.uri);
    this.entries.delete(document.uri);
    if (cached?.parseKey === parseKey) {
      this.entries.set(document.uri, cached);
      return cached.analysis;
    }
    // The editor's document object changes in place on every edit; the analysis keeps the text it read.
    const snapshot = TextDocument.create(document.uri, document.languageId, document.version, document.getText());
    // An edit of one value patches the previous version's parse (which no one reads once replaced here).
    const previous = cached?.analysis.kind === 'manifest' ? cached.analysis.source : undefined;
    const analysis = kind === 'manifest' ? parseManifestDocument(snapshot, this.catalog, previous) : analyseRules(snapshot, this.catalog);
    this.entries.set(document.uri, { parseKey, analysis });
    while (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    return analysis;
  }

  /** True when the manifest's evaluation is current (made with today's rulebook, settings and files). */
  evaluated(analysis: ManifestAnalysis): boolean {
    const entry = this.entries.get(analysis.uri);
    return entry?.analysis === analysis && entry.evaluationKey === this.evaluationKey() && (!!analysis.evaluation || !!analysis.failure);
  }

  /**
   * An evaluation (from the evaluation thread) for the analysis, made with `key`; `rootToCome`: its evidence root
   * follows (see {@link attachEvidence}).
   */
  attach(analysis: ManifestAnalysis, key: string, result: { evaluation: Evaluation } | { failure: string }, rootToCome: boolean): void {
    if ('evaluation' in result) {
      analysis.evaluation = withRanges(analysis, result.evaluation);
      delete analysis.failure;
    } else {
      delete analysis.evaluation;
      analysis.failure = result.failure;
    }
    // A thread that stopped before answering leaves no root: say why rather than compute forever.
    if (!rootToCome && 'failure' in result && evidenceSource(analysis)) analysis.evidence = { failure: result.failure };
    const entry = this.entries.get(analysis.uri);
    if (entry?.analysis === analysis) entry.evaluationKey = key;
  }

  /** The evidence root the evaluation thread made after the analysis's evaluation (none: the job was cancelled first). */
  attachEvidence(analysis: ManifestAnalysis, evidence: EvidenceRootState | undefined): void {
    if (evidence) analysis.evidence = evidence;
  }

  /** The document parsed and, for a manifest, evaluated: a missing evaluation is made here, within a deadline. */
  get(document: DocumentText): Analysis | null {
    const analysis = this.parsed(document);
    if (analysis?.kind !== 'manifest' || !analysis.parsed.manifest || this.evaluated(analysis)) return analysis;
    const key = this.evaluationKey();
    delete analysis.evaluation;
    delete analysis.failure;
    evaluateInThread(analysis, this.catalog, this.rulebooks.get().rulebook, this.settings, REQUEST_DEADLINE_MS);
    const entry = this.entries.get(analysis.uri);
    if (entry?.analysis === analysis) entry.evaluationKey = key;
    return analysis;
  }
}

/** Evidence paths resolve in the manifest's own folder; an unsaved (untitled) manifest has none. */
function workspaceDirOf(file: string): string | undefined {
  if (!isOnDisk(file)) return undefined;
  const dir = path.dirname(file);
  return fs.existsSync(dir) ? dir : undefined;
}
