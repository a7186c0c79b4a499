import fs from 'node:fs';
import path from 'node:path';
import {
  type Catalog,
  type Clause,
  type InputProblem,
  type JsonPath,
  loadRulebook,
  loadRulebookFiles,
  overlayRulebook,
  type Rule,
  type Rulebook,
  type SourceRange,
  uncoveredClauses,
  YamlSource,
} from '@isccc/rules';
import { isRuleFileName } from '../documents/kind.js';
import { walkFiles } from './walk-files.js';

export interface RulebookState {
  /** Shipped rules, overridden rule-by-rule (same id) by the workspace's clean rule files. */
  rulebook: Rulebook;
  problemsByFile: Map<string, InputProblem[]>;
  /** Clauses no rule checks and no evidence/assessor rule covers. */
  uncovered: Clause[];
  /** The workspace's clean rules (what overrides the shipped ones), as plain data for the evaluation thread. */
  workspaceRules: Rule[];
}

const MAX_SCAN_FILES = 5000;

/**
 * Which rule files are in force. A rule file with problems stays out of the rulebook (its
 * diagnostics say why), so a half-typed edit never turns every manifest red.
 */
export class RulebookService {
  private readonly disk = new Map<string, string>();
  private readonly open = new Map<string, string>();
  private state: RulebookState | undefined;
  private readonly sources = new Map<string, { text: string; source: YamlSource }>();
  generation = 0;

  constructor(private readonly catalog: Catalog) {}

  /** Finds `*.rules.yaml` under the workspace folders (bounded: skips build and dependency folders). */
  scan(folders: string[]): void {
    for (const folder of folders) {
      for (const file of walkFiles(folder, { maxDepth: 8, maxEntries: MAX_SCAN_FILES })) {
        if (isRuleFileName(path.basename(file))) this.readDisk(file);
      }
    }
    this.invalidate();
  }

  setOpen(file: string, text: string): void {
    if (this.open.get(file) === text) return;
    this.open.set(file, text);
    this.invalidate();
  }

  close(file: string): void {
    if (this.open.delete(file)) this.invalidate();
  }

  diskChanged(file: string): void {
    this.readDisk(file);
    this.invalidate();
  }

  get(): RulebookState {
    this.state ??= this.build();
    return this.state;
  }

  /** Range of a node of a rule file (shipped or workspace), for related information and definitions. */
  rangeIn(file: string, at: JsonPath): SourceRange {
    const text = this.open.get(file) ?? this.disk.get(file) ?? readOrEmpty(file);
    let cached = this.sources.get(file);
    if (!cached || cached.text !== text) {
      cached = { text, source: YamlSource.parse(file, text) };
      this.sources.set(file, cached);
    }
    return cached.source.rangeOf(at);
  }

  private readDisk(file: string): void {
    try {
      this.disk.set(file, fs.readFileSync(file, 'utf8'));
    } catch {
      this.disk.delete(file);
    }
  }

  private invalidate(): void {
    this.state = undefined;
    this.generation++;
  }

  private build(): RulebookState {
    const files = [...new Set([...this.disk.keys(), ...this.open.keys()])].sort().map((file) => ({ file, text: this.open.get(file) ?? this.disk.get(file)! }));
    const { rulebook: workspace, problems } = loadRulebookFiles(files, this.catalog);
    const problemsByFile = new Map<string, InputProblem[]>();
    for (const problem of problems) problemsByFile.set(problem.file, [...(problemsByFile.get(problem.file) ?? []), problem]);
    // A rule file with problems is left out until fixed; the shipped rule with the same id stays in force.
    const clean = { ...workspace, rules: workspace.rules.filter((rule) => !problemsByFile.has(rule.location.file)) };
    const rulebook = overlayRulebook(loadRulebook(this.catalog.edition), clean);
    return { rulebook, problemsByFile, uncovered: uncoveredClauses(this.catalog, rulebook), workspaceRules: clean.rules };
  }
}

function readOrEmpty(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
