/**
 * `isccc complete <case-dir> <task> --set k=v … | --file values.json`: a person completes one open user task of
 * a saved case, with values checked against the task's form (as Tasklist would submit it); the case then runs
 * on until it waits again, and the new trail lines are printed.
 */
import { parseArgs } from 'node:util';
import { MAX_INPUT_BYTES, readInputFile, YamlSource } from '@isccc/rules';
import { DecisionError, formatEntry, type TrailEntry } from '@isccc/workers/embedded';
import { type Io, isUsageError, UsageError } from '../io.js';
import { openCase } from './tasks.js';

export const COMPLETE_USAGE = `usage:
  isccc complete <case-dir> <task> --set FIELD=VALUE [--set …] [--lang en|zh] [--format text|json]
  isccc complete <case-dir> <task> --file values.json

Completes the open user task <task> (a handle from isccc tasks, e.g. material-review#1 or committee-vote#2, or
a task name while only one of it is open) with the values a person fills into its form, then runs the case on
until it waits again. FIELD is the form field's path (surveillance.reviewedOn); VALUE is read as JSON when it is
one (true, 3, ["a"]) and as text otherwise. The values are checked against the form: required fields, choices,
date formats, and a justification when the decision departs from the findings.

exit codes: 0 completed, 2 bad input (no such task, values the form refuses)`;

export async function completeCommand(argv: string[], io: Io): Promise<number> {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        set: { type: 'string', multiple: true },
        file: { type: 'string' },
        lang: { type: 'string', default: 'en' },
        format: { type: 'string', default: 'text' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help) {
      io.out(COMPLETE_USAGE);
      return 0;
    }
    if (positionals.length !== 2) throw new UsageError('complete takes a case folder and a task');
    const lang = values.lang;
    if (lang !== 'en' && lang !== 'zh') throw new UsageError(`--lang must be en or zh, not "${lang}"`);
    if (values.format !== 'text' && values.format !== 'json') throw new UsageError(`--format must be text or json, not "${values.format}"`);
    if (!values.set?.length === !values.file) throw new UsageError('give the values with --set FIELD=VALUE … or with --file values.json (one of them)');
    const submitted = values.file ? fromFile(values.file) : fromSets(values.set!);
    const [dir, handle] = positionals as [string, string];
    const runner = await openCase(dir);
    const found = runner.openTask(handle);
    if (!found) {
      const open = runner.result().openTasks.map((t) => t.handle);
      throw new UsageError(`no open user task "${handle}" in ${dir}; open: ${open.join(', ') || 'none'}`);
    }
    const before = runner.result().trail.length;
    try {
      runner.completeTask(handle, submitted);
    } catch (error) {
      if (error instanceof DecisionError) {
        io.err(
          `isccc complete: ${handle} (form ${found.open.spec.formId}) refuses the values:\n${error.problems.map((p) => `  ${p.field}: ${p.message} (${p.label})`).join('\n')}`,
        );
        return 2;
      }
      throw error;
    }
    const result = await runner.run();
    const added: TrailEntry[] = result.trail.slice(before);
    if (values.format === 'json') io.out(JSON.stringify({ caseId: result.caseId, status: result.status, openTasks: result.openTasks, trail: added }, null, 2));
    else {
      for (const e of added) io.out(formatEntry(e, { lang }));
      io.out(
        `result: ${result.status} at ${result.clock.slice(0, 10)}${result.openTasks.length ? `; open user tasks: ${result.openTasks.map((t) => t.handle).join(', ')}` : ''}`,
      );
    }
    return 0;
  } catch (error) {
    if (isUsageError(error)) {
      io.err(`isccc complete: ${error.message}\n${COMPLETE_USAGE}`);
      return 2;
    }
    io.err(`isccc complete: ${(error as Error).message}`);
    return 2;
  }
}

/** `a.b=1` pairs as nested values; a value that is JSON is read as JSON. */
export function fromSets(sets: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const set of sets) {
    const eq = set.indexOf('=');
    if (eq <= 0) throw new UsageError(`--set "${set}": expected FIELD=VALUE`);
    const path = set.slice(0, eq).split('.');
    if (path.some((p) => !/^[A-Za-z][A-Za-z0-9]*$/.test(p))) throw new UsageError(`--set "${set}": a field is a dotted path of names`);
    const text = set.slice(eq + 1);
    let value: unknown = text;
    try {
      value = JSON.parse(text);
    } catch {
      // text as it is
    }
    let at = out;
    for (const part of path.slice(0, -1)) {
      if (at[part] === undefined) at[part] = {};
      if (typeof at[part] !== 'object' || at[part] === null || Array.isArray(at[part]))
        throw new UsageError(`--set "${set}": ${part} is set to a value already`);
      at = at[part] as Record<string, unknown>;
    }
    at[path.at(-1)!] = value;
  }
  return out;
}

/** A JSON (or YAML) file of values, read as untrusted input: bounded, no prototype keys, errors at file:line:col. */
function fromFile(file: string): Record<string, unknown> {
  const read = readInputFile(file, { maxBytes: MAX_INPUT_BYTES });
  if (!read.ok) throw new UsageError(`${file}: ${read.problem === 'not-found' ? 'no such file' : read.detail}`);
  const source = YamlSource.parse(file, read.text);
  if (!source.ok) {
    const p = source.problems[0]!;
    throw new UsageError(`${p.file}:${p.range.start.line + 1}:${p.range.start.character + 1}: ${p.message}`);
  }
  const data = source.toData();
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw new UsageError(`${file}:1:1: the values must be an object of form fields`);
  return data as Record<string, unknown>;
}
