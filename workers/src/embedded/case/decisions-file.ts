/**
 * A decisions file (`isccc run --decisions FILE`): what people decide in the case's user tasks, per task (the
 * contract's USER_TASKS names) and occurrence. YAML, checked against `workers/schemas/decisions.schema.json` and
 * against the fields of each task's form, with the same file:line:col problems as manifests (the YAML source
 * machinery of @isccc/rules). Untrusted like a manifest: size, depth, aliases and prototype keys are bounded.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { formFields, loadForm, userTaskSpec } from '@isccc/bpmn';
import { type InputProblem, MAX_INPUT_BYTES, readInputFile, validateSourceAgainst, YamlSource } from '@isccc/rules';
import type { Variables } from '../../handlers/contract.js';
import type { Decision, DecisionSource, OpenUserTask } from './people.js';

export const DECISIONS_SCHEMA_FILE = createRequire(import.meta.url).resolve('@isccc/workers/schemas/decisions.schema.json');

interface Entry {
  occurrence?: number;
  on?: string;
  values: Variables;
}

interface DecisionsDocument {
  isccc: 'decisions/v1';
  tasks: Record<string, Entry[]>;
}

export class DecisionsFileError extends Error {
  constructor(readonly problems: InputProblem[]) {
    super(problems.map((p) => `${p.file}:${p.range.start.line + 1}:${p.range.start.character + 1}: error [${p.code}] ${p.message}`).join('\n'));
    this.name = 'DecisionsFileError';
  }
}

export class DecisionsFile implements DecisionSource {
  private constructor(
    /** Task name → occurrence → decision. */
    private readonly byTask: Map<string, Map<number, Decision>>,
  ) {}

  static load(file: string): DecisionsFile {
    // a regular file only, its size checked on the open descriptor: a FIFO or a huge file is refused unread
    const read = readInputFile(file, { maxBytes: MAX_INPUT_BYTES });
    if (!read.ok) throw new DecisionsFileError([problemAt(file, 'input/unreadable', `cannot read the decisions file: ${read.detail}`)]);
    return DecisionsFile.parse(file, read.text);
  }

  static parse(file: string, text: string): DecisionsFile {
    const source = YamlSource.parse(file, text);
    if (!source.ok) throw new DecisionsFileError(source.problems);
    const data = source.toData();
    const schema = JSON.parse(fs.readFileSync(DECISIONS_SCHEMA_FILE, 'utf8')) as Record<string, unknown>;
    const problems = validateSourceAgainst(schema, source, data);
    if (problems.length > 0) throw new DecisionsFileError(problems);
    const doc = data as DecisionsDocument;
    const byTask = new Map<string, Map<number, Decision>>();
    for (const [task, entries] of Object.entries(doc.tasks)) {
      const spec = userTaskSpec(task)!;
      const fields = formFields(loadForm(spec.formId)).map((f) => f.field);
      const occurrences = new Map<number, Decision>();
      let next = 1;
      entries.forEach((entry, i) => {
        const occurrence = entry.occurrence ?? next;
        next = occurrence + 1;
        const at = (p: (string | number)[]): string => {
          const r = source.rangeOf(['tasks', task, i, ...p]);
          return `${file}:${r.start.line + 1}:${r.start.character + 1}`;
        };
        if (occurrences.has(occurrence))
          problems.push(located(source, ['tasks', task, i], 'decisions/duplicate', `${task}: occurrence ${occurrence} is decided twice`));
        for (const key of leaves(entry.values)) {
          if (!fields.some((f) => f === key || key.startsWith(`${f}.`)))
            problems.push(
              located(
                source,
                ['tasks', task, i, 'values', ...key.split('.')],
                'decisions/unknown-field',
                `${task}: "${key}" is not a field of form ${spec.formId} (fields: ${fields.join(', ')})`,
              ),
            );
        }
        occurrences.set(occurrence, { values: entry.values, ...(entry.on !== undefined && { on: entry.on }), source: 'decisions-file', at: at(['values']) });
      });
      byTask.set(task, occurrences);
    }
    if (problems.length > 0) throw new DecisionsFileError(problems);
    return new DecisionsFile(byTask);
  }

  decide(open: OpenUserTask): Decision | undefined {
    return this.byTask.get(open.spec.task)?.get(open.occurrence);
  }
}

function leaves(values: Variables, prefix = ''): string[] {
  return Object.entries(values).flatMap(([k, v]) =>
    v && typeof v === 'object' && !Array.isArray(v) ? leaves(v as Variables, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}

function located(source: YamlSource, at: (string | number)[], code: string, message: string): InputProblem {
  return { file: source.file, range: source.rangeOf(at, { key: true }), field: at.join('.'), code, message, zh: message };
}

function problemAt(file: string, code: string, message: string): InputProblem {
  return { file, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, field: '', code, message, zh: message };
}

/** Decisions given inline (`--votes yes,no,…`): the committee votes of the first decision, member by member. */
export function votesAsDecisions(votes: readonly ('grant' | 'refuse')[]): DecisionSource {
  return {
    decide: (open: OpenUserTask) => {
      if (open.spec.task !== 'committee-vote') return undefined;
      const decision = votes[open.occurrence - 1];
      if (!decision) return undefined;
      const findings = open.task.variables.decisionFindings as { proposed?: { vote?: { decision?: string } } } | undefined;
      const against = findings?.proposed?.vote?.decision !== decision;
      return {
        values: { vote: { decision, ...(against && { reason: `ballot ${open.occurrence} cast on the command line (--votes)` }) } },
        source: 'decisions-file',
        at: '--votes',
      };
    },
  };
}
