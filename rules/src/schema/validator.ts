import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Ajv2020, ErrorObject, Options, ValidateFunction } from 'ajv/dist/2020.js';
import { packageRoot } from '../paths.js';
import { ajv2020, ajvFormats } from '../on-demand.js';
import { digestOf, generatedPath } from '../precompiled/precompiled.js';
import { dateProblem } from '../manifest/date-problem.js';
import { MESSAGES } from '../messages.js';
import type { Text } from '../model.js';
import { quote } from '../manifest/text-format.js';
import { boundProblems, formatPath, type InputProblem, type JsonPath, MAX_PROBLEMS, wording, type YamlSource } from '../manifest/yaml-source.js';

const requireFile = createRequire(import.meta.url);

export type SchemaName = 'manifest' | 'rules';
export const SCHEMA_NAMES: SchemaName[] = ['manifest', 'rules'];
const AJV_OPTIONS: Options = { allErrors: true, verbose: true, strict: true, strictRequired: false, allowUnionTypes: true };

const compiled = new Map<SchemaName, ValidateFunction>();

export function schemaPath(name: SchemaName): string {
  return path.join(packageRoot, 'schemas', `${name}.schema.json`);
}

export function loadSchema(name: SchemaName): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(schemaPath(name), 'utf8')) as Record<string, unknown>;
}

function validator(name: SchemaName): ValidateFunction {
  let fn = compiled.get(name);
  if (!fn) {
    fn = precompiledValidator(name) ?? schemaCompiler().compile(loadSchema(name));
    compiled.set(name, fn);
  }
  return fn;
}

const compiledOther = new WeakMap<object, ValidateFunction>();

/**
 * Schema violations of a parsed YAML file against a schema of another package (a decisions file, say), as
 * problems at the exact node, worded as for manifests.
 */
export function validateSourceAgainst(schema: Record<string, unknown>, source: YamlSource, data: unknown): InputProblem[] {
  let fn = compiledOther.get(schema);
  if (!fn) compiledOther.set(schema, (fn = schemaCompiler().compile(schema)));
  const errors = fn(data) ? [] : [...(fn.errors ?? [])].filter((e) => e.keyword !== 'if');
  return errors.map((e) => toProblem(source, e, data));
}

export function validatorArtifactName(name: SchemaName): string {
  return `${name}.validate.cjs`;
}

/** The build's ajv standalone code for a schema, while the schema is the one it was made from. */
function precompiledValidator(name: SchemaName): ValidateFunction | undefined {
  const file = generatedPath(validatorArtifactName(name));
  if (!fs.existsSync(file)) return undefined;
  const fn = requireFile(file) as ValidateFunction & { digest?: string };
  return fn.digest === digestOf([schemaPath(name)]) ? fn : undefined;
}

/** ajv (loaded only when a schema has to be compiled), with `source: true` for the build's standalone code. */
export function schemaCompiler(source = false): Ajv2020 {
  const { Ajv2020: Ajv } = ajv2020();
  const addFormats = ajvFormats();
  const ajv = new Ajv({ ...AJV_OPTIONS, ...(source ? { code: { source: true } } : {}) });
  addFormats(ajv, ['date']);
  return ajv;
}

/** Plain ajv validation, no source positions: the baseline the benchmark compares against. */
export function validateData(name: SchemaName, data: unknown): ErrorObject[] {
  const fn = validator(name);
  return fn(data) ? [] : [...(fn.errors ?? [])];
}

/**
 * Schema violations of a parsed YAML file as problems at the exact node (the key, for unknown
 * fields), one per field and message: a malformed date breaks both its pattern and its format
 * but is reported once, and an `anyOf` speaks for the branches it tried.
 */
export function validateSource(name: SchemaName, source: YamlSource, data: unknown): InputProblem[] {
  const all = validateData(name, data).filter((e) => e.keyword !== 'if');
  const alternatives = new Set(all.filter((e) => e.keyword === 'anyOf').map((e) => e.instancePath));
  const errors = all.filter((e) => e.keyword === 'anyOf' || !alternatives.has(e.instancePath));
  const seen = new Set<string>();
  const problems: InputProblem[] = [];
  // Past the problems shown, the rest are only counted: one per field and kind, as they would have been reported.
  const counted = new Set<string>();
  for (const error of errors) {
    if (problems.length >= MAX_PROBLEMS) {
      counted.add(`${error.instancePath}\u0000${kindOf(error)}`);
      continue;
    }
    const problem = toProblem(source, error, data);
    const key = `${problem.field}\u0000${problem.code}\u0000${problem.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      problems.push(problem);
    }
  }
  return boundProblems(source.file, problems, counted.size);
}

/** What makes two errors of one field one problem: a malformed date breaks its pattern and its format alike. */
function kindOf(error: ErrorObject): string {
  if (error.keyword === 'pattern' || error.keyword === 'format' || error.keyword === 'anyOf')
    return isDateSchema(error.keyword === 'anyOf' ? error.schema : error.parentSchema) ? 'date' : error.keyword;
  return error.keyword === 'additionalProperties' || error.keyword === 'required' ? `${error.keyword}:${JSON.stringify(error.params)}` : error.keyword;
}

function toProblem(source: YamlSource, error: ErrorObject, data: unknown): InputProblem {
  const at = pathOfPointer(error.instancePath, data);
  const field = formatPath(at);
  const where = field || '(document)';
  switch (error.keyword) {
    case 'additionalProperties': {
      const extra = String((error.params as { additionalProperty: string }).additionalProperty);
      const allowed = Object.keys(propertiesAt(error.parentSchema));
      const hint = closest(extra, allowed);
      return {
        file: source.file,
        range: source.rangeOf([...at, extra], { key: true }),
        field: formatPath([...at, extra]),
        code: 'schema/unknown-field',
        ...wording(MESSAGES['schema.unknown-field']({ where, quoted: quote(extra), hint })),
      };
    }
    case 'required': {
      const missing = String((error.params as { missingProperty: string }).missingProperty);
      return {
        file: source.file,
        range: source.rangeOf(at),
        field: formatPath([...at, missing]),
        code: 'schema/missing-field',
        ...wording(MESSAGES['schema.missing-field']({ where, missing })),
      };
    }
    case 'enum': {
      const allowed = (error.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ');
      return problem(source, at, field, MESSAGES['schema.not-one-of']({ where, allowed }));
    }
    case 'const': {
      const value = JSON.stringify((error.params as { allowedValue: unknown }).allowedValue);
      return problem(source, at, field, MESSAGES['schema.not-the-constant']({ where, value }));
    }
    case 'pattern':
    case 'format':
    case 'anyOf': {
      if (isDateSchema(error.keyword === 'anyOf' ? error.schema : error.parentSchema)) {
        const why = describeDate(error.data, error.keyword === 'anyOf' ? alternativeTo(error.schema) : undefined);
        return { ...problem(source, at, field, MESSAGES['schema.invalid']({ where, why })), code: 'schema/invalid-date' };
      }
      return problem(source, at, field, MESSAGES['schema.invalid']({ where, why: describeFormat(error) }));
    }
    default:
      return problem(source, at, field, MESSAGES['schema.invalid']({ where, why: MESSAGES['schema.must.ajv']({ error }) }));
  }
}

function problem(source: YamlSource, at: JsonPath, field: string, text: Text): InputProblem {
  return { file: source.file, range: source.rangeOf(at), field, code: 'schema/invalid-value', ...wording(text) };
}

function describeFormat(error: ErrorObject): Text {
  const schema = error.parentSchema as { pattern?: string } | undefined;
  if (schema?.pattern === '^[0-9a-f]{64}$') return MESSAGES['schema.must.sha256']();
  if (schema?.pattern?.startsWith('^([A-F]')) return MESSAGES['schema.must.clause-id']();
  if (schema?.pattern === ONE_LINE) return MESSAGES['schema.must.one-line']();
  return MESSAGES['schema.must.ajv']({ error });
}

/** The pattern of single-line names in the manifest schema. */
const ONE_LINE = '^[^\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029]+$';

/** A date (`format: date`), or an `anyOf` with a date among its branches (e.g. a date or "never"). */
function isDateSchema(schema: unknown): boolean {
  const refersToDate = (s: unknown) =>
    (s as { $ref?: string; format?: string } | undefined)?.$ref === '#/$defs/date' || (s as { format?: string } | undefined)?.format === 'date';
  return Array.isArray(schema) ? schema.some(refersToDate) : refersToDate(schema);
}

/** A well-formed date that does not exist says so; anything else is told the accepted forms. */
function describeDate(value: unknown, alternative: string | undefined): Text {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const problem = dateProblem(value);
    if (problem) return problem;
  }
  return MESSAGES['schema.must.date']({ shown: typeof value === 'string' ? quote(value) : JSON.stringify(value), alternative });
}

/** The constant an `anyOf` accepts besides a date, e.g. "never". */
function alternativeTo(branches: unknown): string | undefined {
  const value = (branches as { const?: unknown }[]).find((b) => typeof b.const === 'string')?.const;
  return typeof value === 'string' ? value : undefined;
}

/** ajv pointers name array indices as strings; the source map needs numbers for them. */
function pathOfPointer(pointer: string, data: unknown): JsonPath {
  if (!pointer) return [];
  const out: JsonPath = [];
  let node: unknown = data;
  for (const raw of pointer.slice(1).split('/')) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node)) {
      const index = Number(segment);
      out.push(index);
      node = node[index];
    } else {
      out.push(segment);
      node = node && typeof node === 'object' ? (node as Record<string, unknown>)[segment] : undefined;
    }
  }
  return out;
}

function propertiesAt(schema: unknown): Record<string, unknown> {
  return (schema as { properties?: Record<string, unknown> } | undefined)?.properties ?? {};
}

function closest(word: string, candidates: string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const candidate of candidates) {
    const d = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}
