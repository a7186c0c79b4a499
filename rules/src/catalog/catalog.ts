import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import {
  ANNEX_OF_CATEGORY,
  CATEGORIES,
  type Category,
  clauseLabel,
  compareClauseIds,
  type DrClass,
  EDITION,
  type Level,
  LEVELS,
  normaliseClauseId,
  parentOfClause,
  type Target,
  type Text,
} from '../model.js';
import { packageRoot } from '../paths.js';
import { readArtifact } from '../precompiled/precompiled.js';

/**
 * How a clause is judged:
 * - quantitative: a rule checks manifest facts against a number or a fixed value;
 * - evidence: at least one listed document must support it;
 * - auditor: only an assessor on site can judge it (reported as manual-review, never passed);
 * - procedural: §6, the certification body's procedure (implemented by the BPMN models);
 * - group: a heading whose requirements are its lettered items or sub-clauses;
 * - informative: scope, references and definitions (§1–§3, §5).
 */
export const CLAUSE_KINDS = ['quantitative', 'evidence', 'auditor', 'procedural', 'group', 'informative'] as const;
export type ClauseKind = (typeof CLAUSE_KINDS)[number];

export interface CatalogEntry {
  id: string;
  printedAs?: string;
  title?: Text;
  text?: Text;
  kind: ClauseKind;
  /**
   * A quantitative clause whose text asks for more than its rule can count (e.g. A2's "多行业组织",
   * D1.2.1 a)'s "不同地域"): it also needs a supporting document.
   */
  needsEvidence?: boolean;
}

export interface Clause extends CatalogEntry {
  parent: string | null;
  /** `4.2.4 d)`, `A1.2.3`: how the standard prints the id. */
  label: string;
  /** Levels whose assessment includes this clause (annex levels are cumulative; §4 levels are not). */
  levels: Level[];
  /** Categories the clause applies to (all six for §1–§4 and §6). */
  categories: Category[];
  /** Disaster recovery class the clause is limited to (annex D1 = A, D2 = B). */
  drClass?: DrClass;
}

export class Catalog {
  readonly edition: string;
  private readonly byId: Map<string, Clause>;
  private readonly childrenOf = new Map<string, Clause[]>();
  /** Ids as written (`4.2.4 d)`, `4.2.4.d`) → clause: normalising is the evaluator's hottest lookup. */
  private readonly written = new Map<string, Clause | null>();
  private readonly byTarget = new Map<string, Clause[]>();
  private list: Clause[] | undefined;

  constructor(edition: string, clauses: Clause[]) {
    this.edition = edition;
    this.byId = new Map(clauses.map((c) => [c.id, c]));
    for (const clause of clauses) {
      if (clause.parent === null) continue;
      const siblings = this.childrenOf.get(clause.parent) ?? [];
      siblings.push(clause);
      this.childrenOf.set(clause.parent, siblings);
    }
  }

  get all(): Clause[] {
    this.list ??= [...this.byId.values()];
    return [...this.list];
  }

  get(id: string): Clause | undefined {
    let clause = this.written.get(id);
    if (clause === undefined) {
      clause = this.byId.get(normaliseClauseId(id)) ?? null;
      if (this.written.size > 100_000) this.written.clear();
      this.written.set(id, clause);
    }
    return clause ?? undefined;
  }

  has(id: string): boolean {
    return this.get(id) !== undefined;
  }

  children(id: string): Clause[] {
    return this.childrenOf.get(id) ?? [];
  }

  /** Clauses an applicant is assessed against for a target: §4 for the level plus the category's annex. */
  applicable(target: Target): Clause[] {
    const key = `${target.category}:${target.level}:${target.drClass ?? ''}`;
    let clauses = this.byTarget.get(key);
    if (!clauses) this.byTarget.set(key, (clauses = this.all.filter((c) => appliesTo(c, target))));
    return clauses;
  }
}

export function appliesTo(clause: Clause, target: Target): boolean {
  if (!clause.levels.includes(target.level) || !clause.categories.includes(target.category)) return false;
  if (clause.drClass && target.drClass && clause.drClass !== target.drClass) return false;
  return true;
}

const LEVEL_OF_SECTION: Record<string, Level> = { '4.1': 3, '4.2': 2, '4.3': 1 };
/** Annex levels are cumulative: a level-3 item is also assessed at levels 2 and 1. */
const CUMULATIVE: Record<Level, Level[]> = { 3: [3, 2, 1], 2: [2, 1], 1: [1] };
/** In annexes A–C, E, F the digit after the letter is 1 = level 3, 2 = level 2, 3 = level 1. */
const LEVEL_OF_DIGIT: Record<string, Level> = { '1': 3, '2': 2, '3': 1 };

function applicability(id: string): Pick<Clause, 'levels' | 'categories' | 'drClass'> {
  const annex = /^([A-F])(\d)?(?:\.(\d))?/.exec(id);
  if (annex) {
    const category = (Object.keys(ANNEX_OF_CATEGORY) as Category[]).find((c) => ANNEX_OF_CATEGORY[c] === annex[1])!;
    if (annex[1] === 'D') {
      // D1 = class A, D2 = class B; the level is the second segment (D1.2 = level 2).
      const drClass: DrClass | undefined = annex[2] === '1' ? 'A' : annex[2] === '2' ? 'B' : undefined;
      const levels = annex[3] ? CUMULATIVE[LEVEL_OF_DIGIT[annex[3]]!] : [...LEVELS];
      return drClass ? { levels, categories: [category], drClass } : { levels, categories: [category] };
    }
    const levels = annex[2] ? CUMULATIVE[LEVEL_OF_DIGIT[annex[2]]!] : [...LEVELS];
    return { levels, categories: [category] };
  }
  const section = /^4\.\d/.exec(id);
  const level = section ? LEVEL_OF_SECTION[section[0]] : undefined;
  return { levels: level ? [level] : [...LEVELS], categories: [...CATEGORIES] };
}

export function catalogDir(edition = EDITION): string {
  return path.join(packageRoot, 'catalog', edition.replace(/[:]/g, '-'));
}

const cache = new Map<string, Catalog>();

export function catalogFiles(edition = EDITION): string[] {
  const dir = catalogDir(edition);
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => path.join(dir, f));
}

export function catalogArtifactName(edition = EDITION): string {
  return `catalog-${edition.replace(/[:]/g, '-')}.json`;
}

/** Loads an edition's catalog (cached per process): precompiled at build time, or from `catalog/<edition>/*.yaml`. */
export function loadCatalog(edition = EDITION): Catalog {
  const cached = cache.get(edition);
  if (cached) return cached;
  const files = catalogFiles(edition);
  const catalog = new Catalog(edition, readArtifact<Clause[]>(catalogArtifactName(edition), files) ?? catalogClauses(files));
  cache.set(edition, catalog);
  return catalog;
}

/** The clauses of the catalog files, read from their YAML (what the build precompiles). */
export function catalogClauses(files: string[]): Clause[] {
  const entries: CatalogEntry[] = [];
  for (const file of files) entries.push(...(parse(fs.readFileSync(file, 'utf8')) as CatalogEntry[]));
  const clauses = entries.map((e): Clause => ({
    ...e,
    id: String(e.id),
    parent: parentOfClause(String(e.id)),
    label: clauseLabel(String(e.id)),
    ...applicability(String(e.id)),
  }));
  clauses.sort((a, b) => compareClauseIds(a.id, b.id));
  return clauses;
}
