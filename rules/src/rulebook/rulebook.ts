import fs from 'node:fs';
import path from 'node:path';
import { type Catalog, type Clause, loadCatalog } from '../catalog/catalog.js';
import { normaliseClauseId } from '../vocabulary/clause-ids.js';
import { EDITION, type Category, type DrClass, type Level, type Text } from '../model.js';
import { MESSAGES } from '../messages.js';
import { quote } from '../manifest/text-format.js';
import { boundProblems, type InputProblem, type JsonPath, type SourceRange, wording, YamlSource } from '../manifest/yaml-source.js';
import { packageRoot } from '../paths.js';
import { fromPackage, readArtifact } from '../precompiled/precompiled.js';
import { validateSource } from '../schema/validator.js';
import { type FeelExpression, parseFeel } from '../feel/index.js';

export type RuleType = 'condition' | 'evidence' | 'assessor' | 'evidence-integrity';
export type Severity = 'error' | 'warning' | 'info';
export type IntegrityProblem = 'missing' | 'hash-mismatch' | 'outside-workspace' | 'expired' | 'unreadable';
/** Keys of a rule's `messages`: per integrity problem, and the evidence and review outcomes. */
export type MessageKey = IntegrityProblem | 'hard-link' | 'unusable' | 'other-category' | 'review' | 'review-without-evidence';

/** The FEEL-valued fields of a rule or check. */
export const FEEL_FIELDS = ['actual', 'condition', 'review'] as const;
export type FeelField = (typeof FEEL_FIELDS)[number];
/** Each FEEL field parsed when the rule file was read (absent on rules built by hand: they are parsed when first run). */
export type ParsedFields = Partial<Record<FeelField, FeelExpression>>;

export interface Check {
  clause: string;
  expected?: unknown;
  actual?: string;
  condition?: string;
  review?: string;
  source?: string;
  message?: Text;
  /** Where the check sits in its rule file, for editors. */
  location: Location;
  feel?: ParsedFields;
}

export interface Location {
  file: string;
  path: JsonPath;
  /** When known without the file at hand (e.g. where a rule's evaluation overran its budget). */
  range?: SourceRange;
}

export interface Rule {
  id: string;
  title: Text;
  description?: Text;
  /** How the rule reads its clauses where the standard leaves a choice, for the doc page. */
  interpretation?: Text[];
  type: RuleType;
  severity: Severity;
  applies?: { categories?: Category[]; levels?: Level[]; drClass?: DrClass };
  source?: string;
  actual?: string;
  condition?: string;
  review?: string;
  message?: Text;
  messages?: Partial<Record<MessageKey, Text>>;
  checks: Check[];
  location: Location;
  feel?: ParsedFields;
}

export interface Rulebook {
  edition: string;
  rules: Rule[];
  files: string[];
}

export interface RuleFileResult {
  rules: Rule[];
  problems: InputProblem[];
  source: YamlSource;
}

export function rulebookDir(edition = EDITION): string {
  return path.join(packageRoot, 'rulebooks', edition.replace(/[:]/g, '-'));
}

/** Parses and checks one rule file: schema, FEEL syntax and safety, clause ids. Never throws. */
export function parseRuleFile(file: string, text: string, catalog: Catalog = loadCatalog()): RuleFileResult {
  const source = YamlSource.parse(file, text);
  if (!source.ok) return { rules: [], problems: source.problems, source };
  const data = source.toData();
  const schemaProblems = validateSource('rules', source, data);
  if (schemaProblems.length > 0) return { rules: [], problems: schemaProblems, source };
  /** A rule as written: the schema has just vouched for its shape. */
  type RuleAsWritten = Omit<Rule, 'location' | 'checks' | 'severity'> & { severity?: Severity; checks?: Omit<Check, 'location'>[] };
  const written = (data as { rules: RuleAsWritten[] }).rules;
  const problems: InputProblem[] = [];
  const rules: Rule[] = written.map((r, ri) => {
    const rulePath: JsonPath = ['rules', ri];
    const rule: Rule = {
      ...r,
      severity: r.severity ?? 'error',
      location: { file, path: rulePath },
      checks: (r.checks ?? []).map((c, ci) => ({
        ...c,
        clause: normaliseClauseId(String(c.clause)),
        location: { file, path: [...rulePath, 'checks', ci] },
      })),
    };
    rule.feel = parseFields(rule, source, rulePath, problems);
    rule.checks.forEach((check, ci) => {
      const checkPath: JsonPath = [...rulePath, 'checks', ci];
      for (const key of ['condition', 'message'] as const) {
        if (rule.type === 'condition' && !check[key] && !rule[key]) {
          problems.push({
            file,
            range: source.rangeOf(checkPath),
            field: `rules[${ri}].checks[${ci}]`,
            code: 'rules/incomplete-check',
            ...wording(MESSAGES['rules.incomplete-check']({ clause: quote(check.clause), field: key })),
          });
        }
      }
      if (!catalog.has(check.clause)) {
        problems.push({
          file,
          range: source.rangeOf([...checkPath, 'clause']),
          field: `rules[${ri}].checks[${ci}].clause`,
          clause: check.clause,
          code: 'rules/unknown-clause',
          ...wording(MESSAGES['clause.unknown']({ quoted: quote(check.clause), edition: catalog.edition })),
        });
      }
      check.feel = parseFields(check, source, checkPath, problems);
    });
    return rule;
  });
  return { rules, problems: boundProblems(file, problems), source };
}

function parseFields(owner: Partial<Record<FeelField, string>>, source: YamlSource, at: JsonPath, problems: InputProblem[]): ParsedFields {
  const fields: ParsedFields = {};
  for (const key of FEEL_FIELDS) {
    const text = owner[key];
    if (!text) continue;
    const parsed = parseField(source, text, [...at, key]);
    if ('problems' in parsed) problems.push(...parsed.problems);
    else fields[key] = parsed.expression;
  }
  return fields;
}

/**
 * One FEEL field, parsed, or its problems at their exact position inside the YAML scalar: syntax errors,
 * constructs that could run unbounded on untrusted rule files (numeric-range loops, user-defined functions)
 * and what the rule language leaves out (dates and durations).
 */
function parseField(source: YamlSource, expression: string, at: JsonPath): { expression: FeelExpression } | { problems: InputProblem[] } {
  const node = source.doc.getIn(at, true) as { range?: [number, number, number]; type?: string } | undefined;
  // Plain and quoted scalars on one line map offsets directly; block scalars point at the value start.
  const quoted = node?.type === 'QUOTE_DOUBLE' || node?.type === 'QUOTE_SINGLE' ? 1 : 0;
  const base = node?.range ? node.range[0] + quoted : undefined;
  const oneLine = node?.range !== undefined && !/[\r\n]/.test(source.text.slice(node.range[0], node.range[1]));
  const exact = base !== undefined && (node?.type === 'PLAIN' || quoted === 1) && oneLine;
  const field = at
    .map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`))
    .join('')
    .replace(/^\./, '');
  const parsed = parseFeel(expression);
  if (!parsed.ok) {
    const range = source.rangeOf(at);
    return {
      problems: parsed.problems.map((p) => ({
        file: source.file,
        range: exact ? source.rangeOfOffsets(base + p.from, base + p.to) : range,
        field,
        code: p.code,
        message: p.message,
        zh: p.zh,
      })),
    };
  }
  const start = base !== undefined ? source.position(base) : source.rangeOf(at).start;
  return { expression: { ast: parsed.ast, origin: { ...start, exact } } };
}

/** Loads every `*.rules.yaml` of a folder; problems in any file make the whole rulebook unusable. */
export function loadRulebookFiles(files: { file: string; text: string }[], catalog: Catalog = loadCatalog()): { rulebook: Rulebook; problems: InputProblem[] } {
  const rules: Rule[] = [];
  const problems: InputProblem[] = [];
  const seen = new Map<string, Rule>();
  for (const { file, text } of files) {
    const result = parseRuleFile(file, text, catalog);
    problems.push(...result.problems);
    for (const rule of result.rules) {
      const earlier = seen.get(rule.id);
      if (earlier) {
        problems.push({
          file,
          range: result.source.rangeOf([...rule.location.path, 'id']),
          field: `${rule.location.path.join('.')}.id`,
          code: 'rules/duplicate-id',
          ...wording(MESSAGES['rules.duplicate-id']({ quoted: quote(rule.id), file: path.basename(earlier.location.file) })),
        });
        continue;
      }
      seen.set(rule.id, rule);
      rules.push(rule);
    }
  }
  return { rulebook: { edition: catalog.edition, rules, files: files.map((f) => f.file) }, problems };
}

const cache = new Map<string, Rulebook>();

export function rulebookFiles(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.rules.yaml'))
    .sort()
    .map((f) => path.join(dir, f));
}

export function rulebookArtifactName(edition = EDITION): string {
  return `rulebook-${edition.replace(/[:]/g, '-')}.json`;
}

/**
 * The rulebook shipped with this package for an edition: precompiled at build time (FEEL already parsed), or read
 * from its rule files. Throws if it does not load cleanly (a packaging bug).
 */
export function loadRulebook(edition = EDITION, dir = rulebookDir(edition)): Rulebook {
  const key = `${edition}:${dir}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const files = rulebookFiles(dir);
  const precompiled = dir === rulebookDir(edition) ? readArtifact<Rulebook>(rulebookArtifactName(edition), files) : undefined;
  const rulebook = precompiled ? relocated(precompiled, fromPackage) : rulebookFromFiles(files, edition);
  cache.set(key, rulebook);
  return rulebook;
}

/** Parses and checks rule files (what the build precompiles); throws on the first problem. */
export function rulebookFromFiles(files: string[], edition = EDITION): Rulebook {
  const { rulebook, problems } = loadRulebookFiles(
    files.map((file) => ({ file, text: fs.readFileSync(file, 'utf8') })),
    loadCatalog(edition),
  );
  if (problems.length > 0) {
    const first = problems[0]!;
    throw new Error(`${first.file}:${first.range.start.line + 1}:${first.range.start.character + 1}: ${first.message}`);
  }
  return rulebook;
}

/** The rulebook with every file path mapped (stored relative to the package, used absolute). */
export function relocated(rulebook: Rulebook, map: (file: string) => string): Rulebook {
  const at = (location: Location): Location => ({ ...location, file: map(location.file) });
  return {
    ...rulebook,
    files: rulebook.files.map(map),
    rules: rulebook.rules.map((rule) => ({
      ...rule,
      location: at(rule.location),
      checks: rule.checks.map((check) => ({ ...check, location: at(check.location) })),
    })),
  };
}

/** Rules of a workspace replace shipped rules with the same id; the rest of the shipped rulebook stays in force. */
export function overlayRulebook(base: Rulebook, overlay: Rulebook): Rulebook {
  const ids = new Set(overlay.rules.map((rule) => rule.id));
  return {
    edition: base.edition,
    rules: [...overlay.rules, ...base.rules.filter((rule) => !ids.has(rule.id))],
    files: [...new Set([...overlay.files, ...base.files])],
  };
}

/** Clauses that would be judged by nothing: quantitative ones no check names, evidence/auditor ones with no rule of their type. */
export function uncoveredClauses(catalog: Catalog, rulebook: Rulebook): Clause[] {
  const checked = new Set(rulebook.rules.flatMap((rule) => rule.checks.map((check) => check.clause)));
  const types = new Set(rulebook.rules.map((rule) => rule.type));
  return catalog.all.filter(
    (clause) =>
      (clause.kind === 'quantitative' && !checked.has(clause.id)) ||
      (clause.kind === 'evidence' && !types.has('evidence') && !checked.has(clause.id)) ||
      (clause.kind === 'auditor' && !types.has('assessor') && !checked.has(clause.id)),
  );
}
