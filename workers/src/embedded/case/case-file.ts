/**
 * A case folder's `case.json` read back (`isccc run --resume`, `isccc tasks`, `isccc complete`) as untrusted
 * input, before anything runs or is written: opened as a regular file inside its folder and no larger than
 * {@link MAX_CASE_BYTES} (rules' `readInputFile`), parsed as JSON, without prototype keys or deep nesting,
 * checked against `workers/schemas/case.schema.json` and for the consistency the runner relies on. Every
 * problem names the file, the line and column and the JSON pointer of the field at fault.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import jsonc from 'jsonc-parser';
import { PROCESS_IDS } from '@isccc/bpmn';
import { readInputFile } from '@isccc/rules';
import { addDuration } from '@isccc/rules/vocabulary';
import type { CaseFile } from './case-store.js';
import { eventProblem } from './events.js';

export const CASE_FORMAT = 'isccc-case/v1';
export const CASE_SCHEMA_FILE = createRequire(import.meta.url).resolve('@isccc/workers/schemas/case.schema.json');
const schema = JSON.parse(fs.readFileSync(CASE_SCHEMA_FILE, 'utf8')) as { properties: { events: { maxItems: number } } };

/** A case file larger than this is refused unread (a 3-year case is about 150 kB). */
export const MAX_CASE_BYTES = 32 * 1024 * 1024;
/** How many external events a case may hold (given at the start and on every resume together). */
export const MAX_EVENTS = schema.properties.events.maxItems;
/** How far after its start a case may run (`--until`): ten three-year certificate cycles. */
export const MAX_SPAN_YEARS = 30;
const MAX_SPAN = `P${MAX_SPAN_YEARS}Y`;
const MAX_DEPTH = 64;
const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);
/** Problems listed at most (then a count), so a thoroughly broken file still answers in one screen. */
const MAX_REPORTED = 20;

export interface CaseFileProblem {
  file: string;
  /** 1-based, when the problem has a place in the text. */
  line?: number;
  column?: number;
  /** JSON pointer of the field at fault (`/instances/1/status`); empty for the document or the file itself. */
  pointer: string;
  code: string;
  message: string;
}

/** A case folder that cannot be used as it is: bad input (exit 2); nothing was run or written. */
export class CaseFileError extends Error {
  constructor(readonly problems: CaseFileProblem[]) {
    const shown = problems.slice(0, MAX_REPORTED).map(formatProblem);
    if (problems.length > MAX_REPORTED) shown.push(`… and ${problems.length - MAX_REPORTED} more problems`);
    super(shown.join('\n'));
    this.name = 'CaseFileError';
  }

  static at(file: string, pointer: string, code: string, message: string): CaseFileError {
    return new CaseFileError([{ file, pointer, code, message }]);
  }
}

function formatProblem(p: CaseFileProblem): string {
  const where = p.line !== undefined ? `${p.file}:${p.line}:${p.column ?? 1}` : p.file;
  return `${where}: error [${p.code}] ${p.pointer ? `${p.pointer}: ` : ''}${p.message}`;
}

/**
 * The saved case of a case folder, checked; undefined when the folder has no `case.json` yet.
 * Throws {@link CaseFileError} for anything else that is not a case this isccc wrote.
 */
export function readCaseFile(dir: string): CaseFile | undefined {
  const file = path.join(dir, 'case.json');
  let folder: fs.Stats;
  try {
    folder = fs.statSync(dir);
  } catch {
    return undefined;
  }
  if (!folder.isDirectory()) throw CaseFileError.at(dir, '', 'case/not-a-folder', 'the case folder is not a folder');
  const read = readInputFile(path.resolve(file), { maxBytes: MAX_CASE_BYTES, within: dir });
  if (!read.ok) {
    if (read.problem === 'not-found') return undefined;
    const what = {
      'not-a-file': 'is not a regular file',
      'too-large': 'is too large to be a case file',
      'outside-folder': 'is not inside the case folder',
      unreadable: 'cannot be read',
    }[read.problem];
    throw CaseFileError.at(file, '', `case/${read.problem}`, `${what}: ${read.detail}`);
  }
  return parseCaseFile(file, read.text);
}

/** The text of a case file, checked (see the module comment); `file` names it in the problems. */
export function parseCaseFile(file: string, text: string): CaseFile {
  if (text.trim() === '')
    throw CaseFileError.at(file, '', 'case/empty', 'the file is empty (isccc writes a case file whole, so this one was not written by it)');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new CaseFileError([syntaxProblem(file, text, (error as Error).message)]);
  }
  const located = new Locator(file, text);
  const structural = structureProblems(data);
  if (structural.length > 0) throw new CaseFileError(structural.map((p) => located.problem(p)));
  const schemaErrors = validate(data);
  if (schemaErrors.length > 0) throw new CaseFileError(schemaErrors.map((p) => located.problem(p)));
  const saved = data as CaseFile;
  const inconsistent = inconsistencies(saved);
  if (inconsistent.length > 0) throw new CaseFileError(inconsistent.map((p) => located.problem(p)));
  return saved;
}

/** Why a case may not run from `startedAt` to `until` with this many events, or undefined. */
export function caseSpanProblem(startedAt: Date, until: Date, events: number): string | undefined {
  if (events > MAX_EVENTS) return `a case takes at most ${MAX_EVENTS} events, and this one would have ${events}`;
  const latest = addDuration(startedAt, MAX_SPAN);
  if (Number.isNaN(until.getTime()) || until.getTime() > latest.getTime())
    return `the case may run at most ${MAX_SPAN_YEARS} years after its start ${day(startedAt)}, to ${day(latest)}`;
  if (until.getTime() < startedAt.getTime()) return `${day(until)} is before the case's start ${day(startedAt)}`;
  return undefined;
}

const day = (d: Date): string => d.toISOString().slice(0, 10);

/** A problem found on the parsed data, located by the path of the field at fault. */
interface DataProblem {
  path: (string | number)[];
  /** Point at the key of the last path segment rather than at its value. */
  key?: boolean;
  code: string;
  message: string;
}

/**
 * Where the nesting first goes deeper than {@link MAX_DEPTH}, found with jsonc's scanner, which is iterative: a
 * file nested a million deep is placed here, not handed to a recursive parser's stack.
 */
function tooDeepAt(text: string): number | undefined {
  const scanner = jsonc.createScanner(text, true);
  let depth = 0;
  for (let token = scanner.scan(); token !== jsonc.SyntaxKind.EOF; token = scanner.scan()) {
    if (token === jsonc.SyntaxKind.OpenBraceToken || token === jsonc.SyntaxKind.OpenBracketToken) depth++;
    else if (token === jsonc.SyntaxKind.CloseBraceToken || token === jsonc.SyntaxKind.CloseBracketToken) depth--;
    if (depth > MAX_DEPTH) return scanner.getTokenOffset();
  }
  return undefined;
}

function syntaxProblem(file: string, text: string, detail: string): CaseFileProblem {
  const deep = tooDeepAt(text);
  if (deep !== undefined)
    return { ...new Locator(file, text).place(deep), pointer: '', code: 'case/too-deep', message: `nesting deeper than ${MAX_DEPTH} levels` };
  let first: CaseFileProblem | undefined;
  const end = text.trimEnd().length;
  const parsedTo = /at position (\d+)/.exec(detail)?.[1];
  jsonc.visit(
    text,
    {
      onError: (error, offset, _length, line, column) => {
        const truncated = offset >= end || (parsedTo !== undefined && Number(parsedTo) >= end);
        first ??= {
          file,
          line: line + 1,
          column: column + 1,
          pointer: '',
          code: 'case/syntax',
          message: `not valid JSON: ${words(jsonc.printParseErrorCode(error))}${truncated ? ' (the file ends early: is it truncated?)' : ''}`,
        };
      },
    },
    { disallowComments: true, allowTrailingComma: false },
  );
  return first ?? { file, line: 1, column: 1, pointer: '', code: 'case/syntax', message: `not valid JSON: ${detail}` };
}

/** `CloseBraceExpected` → `close brace expected`. */
const words = (code: string): string => code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();

/** Prototype keys where they stand, and nesting deeper than a case ever is (engine state included). */
function structureProblems(data: unknown): DataProblem[] {
  const problems: DataProblem[] = [];
  const visit = (value: unknown, at: (string | number)[]): void => {
    if (value === null || typeof value !== 'object' || problems.length > MAX_REPORTED) return;
    if (at.length >= MAX_DEPTH) {
      problems.push({ path: at, code: 'case/too-deep', message: `nesting deeper than ${MAX_DEPTH} levels` });
      return;
    }
    if (Array.isArray(value)) {
      value.forEach((item, i) => visit(item, [...at, i]));
      return;
    }
    for (const [key, item] of Object.entries(value)) {
      if (FORBIDDEN_KEYS.has(key)) problems.push({ path: [...at, key], key: true, code: 'case/forbidden-key', message: `key "${key}" is not allowed` });
      else visit(item, [...at, key]);
    }
  };
  visit(data, []);
  return problems;
}

let compiled: ValidateFunction | undefined;

function validate(data: unknown): DataProblem[] {
  compiled ??= new Ajv2020({ allErrors: true, verbose: true, strict: true, allowUnionTypes: true }).compile(schema);
  if (compiled(data)) return [];
  const errors = compiled.errors ?? [];
  // a `oneOf` (the engine state, or null) speaks for the branches it tried
  const alternatives = new Set(errors.filter((e) => e.keyword === 'oneOf').map((e) => e.instancePath));
  return errors.filter((e) => e.keyword === 'oneOf' || !alternatives.has(e.instancePath)).map((e) => schemaProblem(e, pathOf(e.instancePath, data)));
}

function schemaProblem(error: ErrorObject, at: (string | number)[]): DataProblem {
  const params = error.params as Record<string, unknown>;
  const value = show(error.data);
  switch (error.keyword) {
    case 'const':
      return at.length === 1 && at[0] === 'format'
        ? { path: at, code: 'case/format', message: `${show(error.data)} is not a case format this isccc reads (it reads ${CASE_FORMAT})` }
        : { path: at, code: 'case/schema', message: `must be ${show(params.allowedValue)}, not ${value}` };
    case 'required':
      return { path: at, code: 'case/schema', message: `the field "${String(params.missingProperty)}" is missing` };
    case 'additionalProperties':
      return {
        path: [...at, String(params.additionalProperty)],
        key: true,
        code: 'case/schema',
        message: `unknown field "${String(params.additionalProperty)}"`,
      };
    case 'enum':
      return { path: at, code: 'case/schema', message: `must be one of ${(params.allowedValues as unknown[]).map(show).join(', ')}, not ${value}` };
    case 'type':
      return { path: at, code: 'case/schema', message: `must be ${article(String(params.type))}, not ${value}` };
    case 'oneOf':
      return { path: at, code: 'case/schema', message: `must be null (a completed instance) or an engine state with its definitions, not ${value}` };
    case 'pattern':
      return { path: at, code: 'case/schema', message: `${value} does not have the form this field takes (${String(params.pattern)})` };
    default:
      return { path: at, code: 'case/schema', message: `${error.message ?? 'is not valid'} (${value})` };
  }
}

const article = (type: string): string =>
  type
    .split(',')
    .map((t) => (t === 'null' ? 'null' : /^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`))
    .join(' or ');

/** A value as the message shows it: short, on one line, whatever it holds. */
function show(value: unknown): string {
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (value !== null && typeof value === 'object') return 'an object';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/** The path of a JSON pointer into `data` (array indexes as numbers). */
function pathOf(pointer: string, data: unknown): (string | number)[] {
  const out: (string | number)[] = [];
  let at = data;
  for (const raw of pointer.split('/').slice(1)) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(at)) {
      out.push(Number(segment));
      at = at[Number(segment)];
    } else {
      out.push(segment);
      at = at !== null && typeof at === 'object' ? (at as Record<string, unknown>)[segment] : undefined;
    }
  }
  return out;
}

function pointerOf(at: (string | number)[]): string {
  return at.map((s) => `/${String(s).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

/** What the schema cannot say: real dates, order, and instances that agree with themselves and the trail. */
function inconsistencies(saved: CaseFile): DataProblem[] {
  const problems: DataProblem[] = [];
  const bad = (at: (string | number)[], message: string): void => void problems.push({ path: at, code: 'case/inconsistent', message });
  const instant = (value: string, at: (string | number)[]): number => {
    const ms = Date.parse(value);
    if (Number.isNaN(ms) || new Date(ms).toISOString() !== value) bad(at, `"${value}" is not a real instant`);
    return ms;
  };
  const started = instant(saved.startedAt, ['startedAt']);
  const until = instant(saved.until, ['until']);
  const clock = instant(saved.clock, ['clock']);
  if (clock < started) bad(['clock'], `the case clock ${saved.clock} is before the case's start ${saved.startedAt}`);
  if (!Number.isNaN(started) && !Number.isNaN(until)) {
    const span = caseSpanProblem(new Date(started), new Date(until), saved.events.length);
    if (span) bad(['until'], span);
  }
  saved.events.forEach((event, i) => {
    const problem = eventProblem(event);
    if (problem) bad(['events', i], problem);
    if (i > 0 && event.on < saved.events[i - 1]!.on)
      bad(['events', i, 'on'], `events are kept in date order, but ${event.on} comes after ${saved.events[i - 1]!.on}`);
  });
  (saved.messages ?? []).forEach((m, i) => instant(m.expiresAt, ['messages', i, 'expiresAt']));

  const keys = new Set<string>();
  saved.instances.forEach((instance, i) => {
    const at = ['instances', i];
    if (keys.has(instance.key)) bad([...at, 'key'], `a second instance with the key "${instance.key}"`);
    keys.add(instance.key);
    const processId = PROCESS_IDS[instance.model as keyof typeof PROCESS_IDS];
    if (instance.processId !== processId) bad([...at, 'processId'], `the ${instance.model} model's process is ${processId}, not ${instance.processId}`);
    if (instance.status === 'completed' && instance.engine !== null) bad([...at, 'engine'], 'a completed instance keeps no engine state (null)');
    if (instance.status !== 'completed' && instance.engine === null)
      bad([...at, 'engine'], `an ${instance.status} instance needs its engine state, and it is null`);
    if (instance.status === 'incident' && instance.incident === undefined) bad([...at], 'an instance with an incident says what the incident is ("incident")');
    if (instance.status !== 'incident' && (instance.incident !== undefined || instance.incidentElementId !== undefined))
      bad([...at, 'status'], `an ${instance.status} instance has no incident, but "incident" or "incidentElementId" is set`);
  });
  if (saved.status === 'incident' && !saved.instances.some((i) => i.status === 'incident'))
    bad(['status'], 'the case stopped at an incident, but no instance has one');
  saved.trail.forEach((entry, i) => {
    if (entry.seq !== i + 1) bad(['trail', i, 'seq'], `trail entry ${i + 1} is numbered ${entry.seq}`);
    instant(entry.at, ['trail', i, 'at']);
    if (entry.instance !== '-' && !keys.has(entry.instance))
      bad(['trail', i, 'instance'], `names the instance "${entry.instance}", which the case does not have`);
  });
  return problems;
}

/** Places in the text for paths into the parsed data, worked out only when there is a problem to place. */
class Locator {
  private root: jsonc.Node | undefined | null = null;
  private lineStarts: number[] | undefined;

  constructor(
    private readonly file: string,
    private readonly text: string,
  ) {}

  problem(p: DataProblem): CaseFileProblem {
    const offset = p.code === 'case/too-deep' ? tooDeepAt(this.text) : this.offsetOf(p.path, p.key === true);
    const position = offset === undefined ? {} : this.position(offset);
    return { file: this.file, ...position, pointer: pointerOf(p.path), code: p.code, message: p.message };
  }

  private offsetOf(at: (string | number)[], key: boolean): number | undefined {
    if (this.root === null) {
      try {
        this.root = jsonc.parseTree(this.text, [], { disallowComments: true });
      } catch {
        // nested beyond the parser's stack (the depth problem itself): the pointer has to do
        this.root = undefined;
      }
    }
    if (!this.root) return undefined;
    // the deepest existing node on the path: a missing field is placed at the object that lacks it
    for (let n = at.length; n >= 0; n--) {
      const node = jsonc.findNodeAtLocation(this.root, at.slice(0, n));
      if (!node) continue;
      if (key && n === at.length && node.parent?.type === 'property') return node.parent.children?.[0]?.offset ?? node.offset;
      return node.offset;
    }
    return undefined;
  }

  place(offset: number): { file: string; line: number; column: number } {
    return { file: this.file, ...this.position(offset) };
  }

  private position(offset: number): { line: number; column: number } {
    if (!this.lineStarts) {
      this.lineStarts = [0];
      for (let i = this.text.indexOf('\n'); i !== -1; i = this.text.indexOf('\n', i + 1)) this.lineStarts.push(i + 1);
    }
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.lineStarts[lo]! + 1 };
  }
}
