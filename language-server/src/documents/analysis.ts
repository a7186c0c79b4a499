import fs from 'node:fs';
import path from 'node:path';
import {
  type Catalog,
  evaluate,
  type Evaluation,
  localDocsBase,
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
  const file = fileOfUri(document.uri);
  const parsed = parseManifest(document.getText(), file, catalog);
  const analysis: ManifestAnalysis = { kind: 'manifest', uri: document.uri, file, document, source: parsed.source, parsed };
  if (!parsed.manifest) return analysis;
  const { targetLevel, category, asOf } = settings;
  const workspaceDir = workspaceDirOf(file);
  try {
    analysis.evaluation = evaluate({
      manifest: parsed.manifest,
      source: parsed.source,
      catalog,
      rulebook,
      target: { ...(targetLevel ? { level: targetLevel } : {}), ...(category ? { category } : {}) },
      ...(asOf ? { asOf } : {}),
      ...(workspaceDir ? { workspaceDir } : {}),
      // In the editor a rule's page opens from the installed package, offline and of the version in use.
      docsBase: localDocsBase(),
    });
  } catch (error) {
    analysis.failure = error instanceof Error ? error.message : String(error);
  }
  return analysis;
}

export function kindOf(document: DocumentText): DocumentKind | null {
  return documentKind(document.uri, document.languageId, document.getText());
}

interface Entry {
  key: string;
  analysis: Analysis;
}

/**
 * One parse (and, for manifests, one evaluation) per document version, rulebook generation and
 * settings; every feature (diagnostics, hover, completion, actions, lenses) reads from here.
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

  get(document: DocumentText): Analysis | null {
    const kind = kindOf(document);
    if (!kind) return null;
    const key = `${kind}:${document.version}:${this.rulebooks.generation}:${this.settingsGeneration}:${this.fileGeneration}`;
    const cached = this.entries.get(document.uri);
    if (cached?.key === key) return cached.analysis;
    // The editor's document object changes in place on every edit; the analysis keeps the text it read.
    const snapshot = TextDocument.create(document.uri, document.languageId, document.version, document.getText());
    const analysis =
      kind === 'manifest' ? analyseManifest(snapshot, this.catalog, this.rulebooks.get().rulebook, this.settings) : analyseRules(snapshot, this.catalog);
    this.entries.set(document.uri, { key, analysis });
    return analysis;
  }
}

/** Evidence paths resolve in the manifest's own folder; an unsaved (untitled) manifest has none. */
function workspaceDirOf(file: string): string | undefined {
  if (!isOnDisk(file)) return undefined;
  const dir = path.dirname(file);
  return fs.existsSync(dir) ? dir : undefined;
}
