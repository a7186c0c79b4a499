import fs from 'node:fs';
import path from 'node:path';
import { type Catalog, evaluate, type Evaluation, parseManifest, type ParsedManifest, parseRuleFile, type RuleFileResult } from '@isccc/rules';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Settings } from '../settings.js';
import { fileOfUri, isOnDisk } from '../uri.js';
import type { RulebookService } from '../workspace/rulebook-service.js';
import { type DocumentKind, documentKind } from './kind.js';

export interface ManifestAnalysis {
  kind: 'manifest';
  uri: string;
  file: string;
  parsed: ParsedManifest;
  /** Absent when the manifest has input problems (the evaluator needs a valid manifest). */
  evaluation?: Evaluation;
  /** The evaluator threw: rendered as one diagnostic instead of a dead server. */
  failure?: string;
}

export interface RulesAnalysis {
  kind: 'rules';
  uri: string;
  file: string;
  result: RuleFileResult;
}

export type Analysis = ManifestAnalysis | RulesAnalysis;

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

  kindOf(document: TextDocument): DocumentKind | null {
    return documentKind(document.uri, document.languageId, document.getText());
  }

  get(document: TextDocument): Analysis | null {
    const kind = this.kindOf(document);
    if (!kind) return null;
    const key = `${kind}:${document.version}:${this.rulebooks.generation}:${this.settingsGeneration}:${this.fileGeneration}`;
    const cached = this.entries.get(document.uri);
    if (cached?.key === key) return cached.analysis;
    const analysis = kind === 'manifest' ? this.analyseManifest(document) : this.analyseRules(document);
    this.entries.set(document.uri, { key, analysis });
    return analysis;
  }

  private analyseRules(document: TextDocument): RulesAnalysis {
    const file = fileOfUri(document.uri);
    return { kind: 'rules', uri: document.uri, file, result: parseRuleFile(file, document.getText(), this.catalog) };
  }

  private analyseManifest(document: TextDocument): ManifestAnalysis {
    const file = fileOfUri(document.uri);
    const parsed = parseManifest(document.getText(), file, this.catalog);
    const analysis: ManifestAnalysis = { kind: 'manifest', uri: document.uri, file, parsed };
    if (!parsed.manifest) return analysis;
    const { targetLevel, category, asOf } = this.settings;
    try {
      analysis.evaluation = evaluate({
        manifest: parsed.manifest,
        source: parsed.source,
        catalog: this.catalog,
        rulebook: this.rulebooks.get().rulebook,
        target: { ...(targetLevel ? { level: targetLevel } : {}), ...(category ? { category } : {}) },
        ...(asOf ? { asOf } : {}),
        ...(workspaceDirOf(file) ? { workspaceDir: workspaceDirOf(file)! } : {}),
      });
    } catch (error) {
      analysis.failure = error instanceof Error ? error.message : String(error);
    }
    return analysis;
  }
}

/** Evidence paths resolve in the manifest's own folder; an unsaved (untitled) manifest has none. */
function workspaceDirOf(file: string): string | undefined {
  if (!isOnDisk(file)) return undefined;
  const dir = path.dirname(file);
  return fs.existsSync(dir) ? dir : undefined;
}
