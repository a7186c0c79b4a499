import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { appliesTo, type Catalog, type Clause, loadCatalog } from '../catalog/catalog.js';
import { compareClauseIds, normaliseClauseId } from '../vocabulary/clause-ids.js';
import { deriveFacts } from '../facts/facts.js';
import { DEFAULT_LIMITS, type Limits, scopeOf } from '../feel/index.js';
import { compiledCheck, type Outcome, runCheck } from './compiled-checks.js';
import type { Manifest } from '../manifest/types.js';
import { parseFieldPath, type SourceRange, type YamlSource } from '../manifest/yaml-source.js';
import { bilingual, MESSAGES } from '../messages.js';
import { ANNEX_OF_CATEGORY, type Level, LEVELS, type Target, type Text } from '../model.js';
import { packageRoot } from '../paths.js';
import { type Check, loadRulebook, type Location, type Rule, type Rulebook, type Severity } from '../rulebook/rulebook.js';
import { checkEvidenceFiles, type EvidenceCheck } from './evidence-files.js';

export type Status = 'pass' | 'fail' | 'missing-evidence' | 'manual-review' | 'not-applicable';
export const STATUSES: Status[] = ['fail', 'missing-evidence', 'manual-review', 'pass', 'not-applicable'];

export interface Finding {
  rule: string;
  clause: string;
  /** The clause as the standard prints it, e.g. `4.2.4 d)`. */
  clauseLabel: string;
  status: Status;
  severity: Severity;
  message: Text;
  actual?: unknown;
  expected?: unknown;
  /** Manifest field the finding is about, e.g. `people.serviceStaff`. */
  path: string;
  range?: SourceRange;
  docUrl: string;
  /** The rule (or check) that produced the finding, and evidence documents involved. */
  related: Location[];
}

export interface Evaluation {
  target: Target;
  asOf: string;
  findings: Finding[];
  summary: Summary;
  /** False when no workspace folder was given, so evidence files were not opened. */
  evidenceFilesChecked: boolean;
}

export interface Summary {
  /** Highest level (1 is highest) with no fail or missing-evidence finding, or null. */
  qualifyingLevel: Level | null;
  /** The next level up and what stands in its way; null at level 1. */
  next: { level: Level; blocking: Finding[] } | null;
  counts: Record<Status, number>;
}

export interface EvaluateOptions {
  manifest: Manifest;
  /** The parsed file, so findings carry ranges. */
  source?: YamlSource;
  rulebook?: Rulebook;
  catalog?: Catalog;
  /** Overrides the manifest's application (e.g. "what if we applied for level 2"). */
  target?: Partial<Target>;
  asOf?: string;
  /** The manifest's folder: evidence paths resolve inside it. Omit to skip opening evidence files. */
  workspaceDir?: string;
  /**
   * The manifest's evidence as `checkEvidenceFiles` found it just now in `workspaceDir` on this as-of date, for a
   * caller that also needs the checks (an editor indexing the same files for the evidence root): they are not made again.
   */
  evidence?: EvidenceCheck[];
  /** Base for rule documentation links; defaults to the doc pages shipped in this package. */
  docsBase?: string;
  /** What one rule check may spend (steps, cells of values built, milliseconds); see {@link DEFAULT_LIMITS}. */
  limits?: Limits;
  /** Index 0 set non-zero (from another thread) stops every check still running: they become overrun findings. */
  cancel?: Int32Array;
  /** Milliseconds all checks together may take (each also has `limits.timeMs`); the rest become overrun findings. */
  deadlineMs?: number;
  /** Outcomes of an earlier evaluation of the same document: checks whose facts did not change are not run again. */
  memo?: EvaluationMemo;
}

/**
 * What an editor keeps per manifest between edits: the facts of the last evaluation, by name, and each
 * check's outcome. An edit re-runs only the checks that read a fact it changed.
 */
export class EvaluationMemo {
  /** as-of date and target the facts were derived for: a change of either re-runs everything. */
  key = '';
  facts = new Map<string, string>();
  outcomes = new WeakMap<Check, Outcome>();
  /** Checks run by the last evaluation (the rest were reused): for tests and benchmarks. */
  ran = 0;
}

/** The one place a requirement is checked: manifest + rulebook + target + as-of → findings and a summary. */
export function evaluate(options: EvaluateOptions): Evaluation {
  const catalog = options.catalog ?? loadCatalog();
  const rulebook = options.rulebook ?? loadRulebook(catalog.edition);
  const { manifest } = options;
  const base: Target = {
    category: options.target?.category ?? manifest.application.category,
    level: options.target?.level ?? manifest.application.level,
  };
  const drClass = options.target?.drClass ?? manifest.application.drClass;
  if (base.category === 'disaster-recovery' && drClass) base.drClass = drClass;
  const asOf = options.asOf ?? manifest.application.asOf;
  const evidence = options.workspaceDir ? (options.evidence ?? checkEvidenceFiles(manifest.evidence, options.workspaceDir, asOf)) : null;
  const supporting = supportIndex(manifest, evidence);
  const context: LevelContext = {
    catalog,
    rulebook,
    manifest,
    source: options.source,
    asOf,
    evidence,
    supporting,
    docsBase: options.docsBase ?? defaultDocsBase(),
    shared: new Map(),
    ranges: new Map(),
  };

  const outcomes = runAllChecks(context, base, options);
  const byLevel = new Map<Level, Finding[]>();
  for (const level of LEVELS) byLevel.set(level, evaluateLevel(context, { ...base, level }, outcomes));
  const findings = byLevel.get(base.level)!;
  const passes = (level: Level) => !byLevel.get(level)!.some(isBlocking);
  const qualifyingLevel = ([1, 2, 3] as Level[]).find(passes) ?? null;
  const nextLevel: Level | null = qualifyingLevel === null ? 3 : qualifyingLevel === 1 ? null : ((qualifyingLevel - 1) as Level);
  const counts = Object.fromEntries(STATUSES.map((s) => [s, findings.filter((f) => f.status === s).length])) as Record<Status, number>;
  return {
    target: base,
    asOf,
    findings,
    evidenceFilesChecked: evidence !== null,
    summary: {
      qualifyingLevel,
      next: nextLevel === null ? null : { level: nextLevel, blocking: byLevel.get(nextLevel)!.filter(isBlocking) },
      counts,
    },
  };
}

export function isBlocking(finding: Finding): boolean {
  return finding.status === 'fail' || finding.status === 'missing-evidence';
}

interface LevelContext {
  catalog: Catalog;
  rulebook: Rulebook;
  manifest: Manifest;
  source: YamlSource | undefined;
  asOf: string;
  evidence: EvidenceCheck[] | null;
  /** Clause id → the evidence documents naming it, built once for all levels. */
  supporting: Map<string, EvidenceCheck[]>;
  docsBase: string;
  /** Findings that do not depend on the level, built once and shared by the three levels. */
  shared: Map<unknown, Finding | Finding[]>;
  /** Manifest field → its range, looked up once. */
  ranges: Map<string, SourceRange | undefined>;
}

function once<T extends Finding | Finding[]>(ctx: LevelContext, key: unknown, make: () => T): T {
  let value = ctx.shared.get(key) as T | undefined;
  if (!value) ctx.shared.set(key, (value = make()));
  return value;
}

type Applicable = { rule: Rule; check: Check; clause: Clause }[];
/** Per rulebook and catalog, the checks each target runs: computed once, reused by every manifest. */
const applicableCache = new WeakMap<Rulebook, WeakMap<Catalog, Map<string, Applicable>>>();

function applicableChecks(ctx: LevelContext, target: Target): Applicable {
  let byCatalog = applicableCache.get(ctx.rulebook);
  if (!byCatalog) applicableCache.set(ctx.rulebook, (byCatalog = new WeakMap()));
  let byTarget = byCatalog.get(ctx.catalog);
  if (!byTarget) byCatalog.set(ctx.catalog, (byTarget = new Map<string, Applicable>()));
  const key = `${target.category}:${target.level}:${target.drClass ?? ''}`;
  let checks = byTarget.get(key);
  if (checks) return checks;
  checks = [];
  for (const rule of ctx.rulebook.rules) {
    if (rule.type !== 'condition' || !ruleApplies(rule, target)) continue;
    for (const check of rule.checks) {
      const clause = ctx.catalog.get(check.clause);
      if (clause && appliesTo(clause, target)) checks.push({ rule, check, clause });
    }
  }
  byTarget.set(key, checks);
  return checks;
}

/** Facts do not depend on the level: every check of every level runs once, on one scope of facts. */
function runAllChecks(ctx: LevelContext, base: Target, options: EvaluateOptions): Map<Check, Outcome> {
  const unique = new Map<Check, Rule>();
  for (const level of LEVELS) for (const { rule, check } of applicableChecks(ctx, { ...base, level })) unique.set(check, rule);
  const facts = deriveFacts(ctx.manifest, base, ctx.asOf);
  const scope = scopeOf(facts as unknown as Record<string, unknown>);
  const memo = options.memo;
  const until = options.deadlineMs === undefined ? Infinity : performance.now() + options.deadlineMs;
  const changed = memo ? changedFacts(memo, facts as unknown as Record<string, unknown>, `${ctx.asOf}:${base.category}:${base.drClass ?? ''}`) : null;
  const outcomes = new Map<Check, Outcome>();
  if (memo) memo.ran = 0;
  for (const [check, rule] of unique) {
    const compiled = compiledCheck(rule, check);
    const previous = memo?.outcomes.get(check);
    if (previous && changed && ![...compiled.reads].some((name) => changed.has(name))) {
      outcomes.set(check, previous);
      continue;
    }
    const outcome = runCheck(compiled, scope, options.limits ?? DEFAULT_LIMITS, options.cancel, until);
    outcomes.set(check, outcome);
    if (memo) {
      memo.ran++;
      // A run cut short by cancellation or the deadline says nothing about the rule: it is not kept.
      if (!outcome.overrun) memo.outcomes.set(check, outcome);
      else memo.outcomes.delete(check);
    }
  }
  return outcomes;
}

/** Names of the facts that differ from the memo's (all of them when the as-of date or target changed); updates the memo. */
function changedFacts(memo: EvaluationMemo, facts: Record<string, unknown>, key: string): Set<string> {
  const changed = new Set<string>();
  const all = memo.key !== key;
  memo.key = key;
  for (const [name, value] of Object.entries(facts)) {
    const json = JSON.stringify(value) ?? '';
    if (all || memo.facts.get(name) !== json) changed.add(name);
    memo.facts.set(name, json);
  }
  return all ? new Set(Object.keys(facts)) : changed;
}

function evaluateLevel(ctx: LevelContext, target: Target, outcomes: Map<Check, Outcome>): Finding[] {
  const findings: Finding[] = [];
  for (const rule of ctx.rulebook.rules) {
    if (!ruleApplies(rule, target)) continue;
    if (rule.type === 'evidence') findings.push(...evidenceCoverage(ctx, rule, target), ...once(ctx, rule, () => otherCategoryClauses(ctx, rule, target)));
    else if (rule.type === 'assessor') findings.push(...assessorItems(ctx, rule, target));
    else if (rule.type === 'evidence-integrity') findings.push(...integrity(ctx, rule, target));
  }
  for (const { rule, check, clause } of applicableChecks(ctx, target))
    findings.push(once(ctx, check, () => checkFinding(ctx, rule, check, clause, outcomes.get(check)!)));
  // Rule ids in code-unit order: the same on every machine whatever its locale, and without waking ICU's collator
  // (localeCompare's first call cost a short `isccc check` 7 ms, a twentieth of its run)
  return findings.sort((a, b) => compareClauseIds(a.clause, b.clause) || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0));
}

function ruleApplies(rule: Rule, target: Target): boolean {
  const a = rule.applies;
  if (!a) return true;
  if (a.categories && !a.categories.includes(target.category)) return false;
  if (a.levels && !a.levels.includes(target.level)) return false;
  if (a.drClass && target.drClass !== a.drClass) return false;
  return true;
}

/**
 * A condition's verdict. When the condition fails but `review` holds (a claimed exception), the
 * assessors decide on the documents supporting the clause; a rule that says what to do without
 * them (`messages.review-without-evidence`) makes the claim missing-evidence until one is listed.
 */
function checkFinding(ctx: LevelContext, rule: Rule, check: Check, clause: Clause, outcome: Outcome): Finding {
  if (outcome.overrun) return overrunFinding(ctx, rule, check, clause, outcome.overrun);
  const actual = (check.actual ?? rule.actual) ? outcome.actual : undefined;
  const documents = (ctx.supporting.get(clause.id) ?? []).filter((d) => d.problem === null);
  const withoutEvidence = rule.messages?.['review-without-evidence'];
  const status: Status =
    outcome.ok === true ? 'pass' : outcome.review !== true ? 'fail' : withoutEvidence && documents.length === 0 ? 'missing-evidence' : 'manual-review';
  const where = check.source ?? rule.source ?? '';
  const values = {
    clause: clause.label,
    actual: shown(actual),
    ...fieldsOf('actual', actual),
    expected: shown(check.expected),
    path: where,
    document: documents.map((d) => d.entry.path).join(', '),
  };
  const template =
    (status === 'manual-review' ? rule.messages?.review : status === 'missing-evidence' ? withoutEvidence : undefined) ?? check.message ?? rule.message!;
  return {
    rule: rule.id,
    clause: clause.id,
    clauseLabel: clause.label,
    status,
    severity: rule.severity,
    message:
      status === 'pass'
        ? MESSAGES['finding.met']({ clause: clause.label, title: rule.title, actual: values.actual, expected: values.expected })
        : fill(template, values),
    ...(actual !== undefined ? { actual } : {}),
    ...(check.expected !== undefined ? { expected: check.expected } : {}),
    path: where,
    ...rangeOf(ctx, where),
    docUrl: docUrl(ctx, rule),
    related: [check.location, ...(status === 'manual-review' ? documents.map((d) => evidenceLocation(ctx, d)) : [])],
  };
}

/**
 * A rule whose FEEL overran its budget cannot say whether the clause is met: the clause fails, and the finding
 * names the rule file, line and column where the evaluation stopped.
 */
function overrunFinding(ctx: LevelContext, rule: Rule, check: Check, clause: Clause, overrun: NonNullable<Outcome['overrun']>): Finding {
  const where = check.source ?? rule.source ?? '';
  const start = overrun.location.range?.start;
  const at = `${shownFile(overrun.location.file)}${start ? `:${start.line + 1}:${start.character + 1}` : ''}`;
  return {
    rule: rule.id,
    clause: clause.id,
    clauseLabel: clause.label,
    status: 'fail',
    severity: 'error',
    message: MESSAGES['finding.not-judged']({ clause: clause.label, rule: rule.id, field: overrun.field, overrun: overrun.reason, limit: overrun.limit, at }),
    path: where,
    ...rangeOf(ctx, where),
    docUrl: docUrl(ctx, rule),
    related: [overrun.location, check.location],
  };
}

/** A rule file as a message shows it: relative to the working folder when inside it. */
function shownFile(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

function evidenceLocation(ctx: LevelContext, check: EvidenceCheck): Location {
  return { file: ctx.source?.file ?? '', path: ['evidence', check.index] };
}

function evidenceCoverage(ctx: LevelContext, rule: Rule, target: Target): Finding[] {
  const supporting = ctx.supporting;
  return ctx.catalog
    .applicable(target)
    .filter((c) => c.kind === 'evidence' || c.needsEvidence === true)
    .map((clause) => once(ctx, `${rule.id}\u0000${clause.id}`, () => coverageFinding(ctx, rule, clause, supporting)));
}

function coverageFinding(ctx: LevelContext, rule: Rule, clause: Clause, supporting: Map<string, EvidenceCheck[]>): Finding {
  const docs = supporting.get(clause.id) ?? [];
  const good = docs.filter((d) => d.problem === null);
  const values = { clause: clause.label, actual: String(good.length), expected: '1', path: 'evidence', document: docs.map((d) => d.entry.path).join(', ') };
  const unusable = rule.messages?.unusable;
  // Listed but unusable says why, document by document, rather than "no document supports it".
  const message =
    good.length > 0
      ? MESSAGES['finding.supported']({ clause: clause.label, documents: good.map((d) => d.entry.path) })
      : docs.length > 0 && unusable
        ? MESSAGES['finding.reasons']({ reasons: docs.map((d) => fill(unusable, { ...values, document: d.entry.path, ...reasonOf(d) })) })
        : fill(rule.message!, values);
  const anchor = (good[0] ?? docs[0])?.index;
  const where = anchor === undefined ? 'evidence' : `evidence[${anchor}]`;
  return {
    rule: rule.id,
    clause: clause.id,
    clauseLabel: clause.label,
    status: good.length > 0 ? 'pass' : 'missing-evidence',
    severity: rule.severity,
    message,
    actual: good.length,
    expected: 1,
    path: where,
    ...rangeOf(ctx, where),
    docUrl: docUrl(ctx, rule),
    related: [rule.location, ...docs.map((d) => evidenceLocation(ctx, d))],
  } satisfies Finding;
}

/**
 * A document naming a clause of another service category (or the other DR class) supports nothing
 * this application is assessed on: a warning that it will not count, at the clause id.
 */
function otherCategoryClauses(ctx: LevelContext, rule: Rule, target: Target): Finding[] {
  const template = rule.messages?.['other-category'];
  if (!template) return [];
  const out: Finding[] = [];
  ctx.manifest.evidence.forEach((entry, i) => {
    entry.supports.forEach((id, j) => {
      const clause = ctx.catalog.get(id);
      if (!clause || forCategoryOf(clause, target)) return;
      const where = `evidence[${i}].supports[${j}]`;
      out.push({
        rule: rule.id,
        clause: clause.id,
        clauseLabel: clause.label,
        status: 'not-applicable',
        severity: 'warning',
        message: fill(template, { clause: clause.label, document: entry.path, path: where, category: categoryOf(clause), target: categoryOf(target) }),
        path: where,
        ...rangeOf(ctx, where),
        docUrl: docUrl(ctx, rule),
        related: [rule.location],
      });
    });
  });
  return out;
}

/** The clause belongs to the target's category (and DR class), whatever the level. */
function forCategoryOf(clause: Clause, target: Target): boolean {
  return clause.categories.includes(target.category) && !(clause.drClass && target.drClass && clause.drClass !== target.drClass);
}

/** `security integration (annex B)` / `安全集成（附录 B）`; a clause names its annex, a target does not. */
function categoryOf(of: Clause | Target): Text {
  if (!('categories' in of)) return MESSAGES['finding.category']({ category: of.category, drClass: of.drClass });
  const category = of.categories[0]!;
  const annex = `${ANNEX_OF_CATEGORY[category]}${of.drClass ? (of.drClass === 'A' ? '1' : '2') : ''}`;
  return MESSAGES['finding.category']({ category, drClass: of.drClass, annex });
}

function assessorItems(ctx: LevelContext, rule: Rule, target: Target): Finding[] {
  const supporting = ctx.supporting;
  return ctx.catalog
    .applicable(target)
    .filter((c) => c.kind === 'auditor')
    .map((clause) =>
      once(ctx, `${rule.id}\u0000${clause.id}`, (): Finding => {
        const docs = supporting.get(clause.id) ?? [];
        const where = docs[0] ? `evidence[${docs[0].index}]` : 'evidence';
        return {
          rule: rule.id,
          clause: clause.id,
          clauseLabel: clause.label,
          status: 'manual-review',
          severity: rule.severity,
          message: fill(rule.message!, { clause: clause.label, actual: '', expected: '', path: where, document: docs.map((d) => d.entry.path).join(', ') }),
          path: where,
          ...rangeOf(ctx, where),
          docUrl: docUrl(ctx, rule),
          related: [rule.location],
        } satisfies Finding;
      }),
    );
}

function integrity(ctx: LevelContext, rule: Rule, target: Target): Finding[] {
  if (!ctx.evidence) return [];
  const out: Finding[] = [];
  for (const check of ctx.evidence) {
    if (!check.problem && !check.links) continue;
    const clauses = check.entry.supports.map((id) => ctx.catalog.get(id)).filter((c): c is Clause => !!c);
    // A document that supports nothing at this level is not this level's concern.
    const clause = clauses.find((c) => appliesTo(c, target));
    if (!clause) continue;
    if (!check.problem) {
      const where = `evidence[${check.index}].path`;
      out.push({
        rule: rule.id,
        clause: clause.id,
        clauseLabel: clause.label,
        status: 'manual-review',
        severity: 'warning',
        message: fill(rule.messages?.['hard-link'] ?? rule.message!, {
          clause: clauses.map((c) => c.label).join(', '),
          document: check.entry.path,
          actual: String(check.links),
          expected: '1',
          path: where,
        }),
        actual: check.links,
        expected: 1,
        path: where,
        ...rangeOf(ctx, where),
        docUrl: docUrl(ctx, rule),
        related: [rule.location],
      });
      continue;
    }
    const where = `evidence[${check.index}].${check.problem === 'hash-mismatch' ? 'sha256' : check.problem === 'expired' ? 'validUntil' : 'path'}`;
    const template = rule.messages?.[check.problem] ?? rule.message!;
    out.push({
      rule: rule.id,
      clause: clause.id,
      clauseLabel: clause.label,
      status: 'fail',
      severity: rule.severity,
      message: fill(template, {
        clause: clauses.map((c) => c.label).join(', '),
        document: check.entry.path,
        actual: check.detail ?? '',
        expected: check.problem === 'hash-mismatch' ? check.entry.sha256 : '',
        path: where,
        ...reasonOf(check),
      }),
      ...(check.detail ? { actual: check.detail } : {}),
      path: where,
      ...rangeOf(ctx, where),
      docUrl: docUrl(ctx, rule),
      related: [rule.location],
    });
  }
  return out;
}

/** Clause id → evidence documents naming it (with their integrity result when files were checked). */
function supportIndex(manifest: Manifest, evidence: EvidenceCheck[] | null): Map<string, EvidenceCheck[]> {
  const checks: EvidenceCheck[] = evidence ?? manifest.evidence.map((entry, index) => ({ index, entry, problem: null }));
  const index = new Map<string, EvidenceCheck[]>();
  for (const check of checks) {
    for (const id of check.entry.supports) {
      const key = normaliseClauseId(id);
      index.set(key, [...(index.get(key) ?? []), check]);
    }
  }
  return index;
}

function rangeOf(ctx: LevelContext, where: string): { range?: SourceRange } {
  if (!ctx.source) return {};
  if (!ctx.ranges.has(where)) ctx.ranges.set(where, ctx.source.rangeOf(parseFieldPath(where)));
  return { range: ctx.ranges.get(where)! };
}

function docUrl(ctx: LevelContext, rule: Rule): string {
  return `${ctx.docsBase}${rule.id.replace(/^isccc\//, '')}.md`;
}

/**
 * Where rule doc pages are published: findings travel (SARIF, JUnit, JSON reports handed to others), so their
 * links name a stable location, never a path of the machine that ran the check. `ISCCC_DOCS_BASE` overrides it
 * (a mirror, an intranet); the editor passes {@link localDocsBase} to open the pages shipped with the package.
 */
export const DOCS_BASE = 'https://github.com/isccc-flow/isccc-flow/blob/main/rules/docs/rules/';

/** The doc pages shipped in this package, as a `file:` URL folder (for tools that run beside them). */
export function localDocsBase(): string {
  return pathToFileURL(path.join(packageRoot, 'docs', 'rules') + path.sep).href;
}

function defaultDocsBase(): string {
  return process.env.ISCCC_DOCS_BASE ?? DOCS_BASE;
}

/** Fills `{placeholder}`s; a value given as Text fills each language with its own words. */
function fill(template: Text, values: Record<string, string | Text>): Text {
  const apply = (s: string, lang: keyof Text) => {
    let out = '';
    for (const part of partsOf(s)) {
      if (typeof part === 'string') out += part;
      else {
        const value = values[part.key];
        out += value === undefined ? `{${part.key}}` : typeof value === 'string' ? value : value[lang];
      }
    }
    return out;
  };
  return bilingual((lang) => apply(template[lang], lang));
}

/** A template split once into text and `{placeholder}`s: every evaluation fills the same few dozen. */
const templates = new Map<string, (string | { key: string })[]>();

function partsOf(template: string): (string | { key: string })[] {
  let parts = templates.get(template);
  if (!parts) {
    parts = [];
    let at = 0;
    for (const m of template.matchAll(/\{([\w.]+)\}/g)) {
      if (m.index > at) parts.push(template.slice(at, m.index));
      parts.push({ key: m[1]! });
      at = m.index + m[0].length;
    }
    if (at < template.length) parts.push(template.slice(at));
    if (templates.size > 10_000) templates.clear();
    templates.set(template, parts);
  }
  return parts;
}

function reasonOf(check: EvidenceCheck): { reason?: Text } {
  return check.reason ? { reason: check.reason } : {};
}

/** Renders a FEEL value for a message: lists joined, null as "none", contexts as `key: value; …`. */
export function show(value: unknown, none = MESSAGES['finding.none']().en): string {
  if (value === undefined) return '';
  if (value === null) return none;
  if (Array.isArray(value)) return value.length === 0 ? none : value.map((v) => show(v, none)).join(', ');
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
    case 'boolean':
    case 'bigint':
      return String(value);
    case 'object':
      return Object.entries(value as Record<string, unknown>)
        .map(([k, v]) => `${k}: ${show(v, none)}`)
        .join('; ');
    default:
      return '';
  }
}

/** A value in each language's words ("none" / "无"). */
function shown(value: unknown): Text {
  const none = MESSAGES['finding.none']();
  return bilingual((lang) => show(value, none[lang]));
}

/** `{actual.missing}`-style placeholders for the entries of a context-valued actual. */
function fieldsOf(name: string, value: unknown): Record<string, Text> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [`${name}.${k}`, shown(v)]));
}
