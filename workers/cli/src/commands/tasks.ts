/**
 * `isccc tasks <case-dir>`: the user tasks a saved case waits for — who may work them, by when, what their form
 * shows and asks — so a case can be worked by hand with `isccc complete`.
 */
import { parseArgs } from 'node:util';
import { formFields, loadForm, submitForm, userTaskSpec, type Findings } from '@isccc/bpmn';
import { CaseRunner, FileCaseStore, loadModels, type OpenTaskInfo } from '@isccc/workers/embedded';
import { type Io, isUsageError, UsageError } from '../io.js';

export const TASKS_USAGE = `usage:
  isccc tasks <case-dir> [--format text|json]

Lists the open user tasks of a case saved with isccc run --case-dir: each with the handle isccc complete takes
(task#occurrence), its clause, candidate groups or assignee, due date, the findings of the rule checks, and the
fields of its form (with the value that follows the findings).

exit codes: 0 listed (none open is fine), 2 bad input`;

interface FieldInfo {
  field: string;
  label: string;
  type: string;
  required: boolean;
  choices?: unknown[];
  proposed?: unknown;
}

export async function tasksCommand(argv: string[], io: Io): Promise<number> {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { format: { type: 'string', default: 'text' }, help: { type: 'boolean', short: 'h' } },
    });
    if (values.help) {
      io.out(TASKS_USAGE);
      return 0;
    }
    if (positionals.length !== 1) throw new UsageError('tasks takes exactly one case folder');
    if (values.format !== 'text' && values.format !== 'json') throw new UsageError(`--format must be text or json, not "${values.format}"`);
    const runner = await openCase(positionals[0]!);
    const result = runner.result();
    const tasks = result.openTasks.map((t) => ({ ...t, ...describe(runner, t) }));
    if (values.format === 'json') {
      io.out(JSON.stringify({ caseId: result.caseId, clock: result.clock, status: result.status, tasks }, null, 2));
      return 0;
    }
    io.out(`isccc tasks ${result.caseId}: ${tasks.length} open at ${result.clock.slice(0, 10)}`);
    for (const t of tasks) {
      const who = t.assignee ? `assignee ${t.assignee}` : `candidate groups ${t.candidateGroups.join(', ')}`;
      io.out(`\n${t.handle}  ${t.elementName ?? t.elementId}  (${t.clause}; ${who}${t.dueDate ? `; due ${t.dueDate.slice(0, 10)}` : ''}; form ${t.formId})`);
      if (t.summary) io.out(`  findings: ${t.summary}`);
      for (const f of t.fields) {
        const choices = f.choices ? ` one of ${f.choices.map((c) => JSON.stringify(c)).join(', ')}` : '';
        const proposed = f.proposed !== undefined ? `  [findings: ${JSON.stringify(f.proposed)}]` : '';
        io.out(`  --set ${f.field}=…  ${f.label} (${f.type}${f.required ? ', required' : ''}${choices})${proposed}`);
      }
    }
    return 0;
  } catch (error) {
    if (isUsageError(error)) {
      io.err(`isccc tasks: ${error.message}\n${TASKS_USAGE}`);
      return 2;
    }
    io.err(`isccc tasks: ${(error as Error).message}`);
    return 2;
  }
}

/** A saved case, checked and resumed without anyone to decide: at rest, its open tasks listed. */
export async function openCase(dir: string): Promise<CaseRunner> {
  const store = new FileCaseStore(dir);
  const saved = store.load();
  if (!saved) throw new UsageError(`${store.file}: no saved case (isccc run … --case-dir ${dir})`);
  return CaseRunner.resume(saved, { models: await loadModels(), store });
}

/** The fields the task's form shows now, with what follows the findings for each. */
function describe(runner: CaseRunner, t: OpenTaskInfo): { summary?: string; fields: FieldInfo[] } {
  const found = runner.openTask(t.handle)!;
  const spec = userTaskSpec(t.task)!;
  const variables = found.open.task.variables;
  const form = loadForm(spec.formId);
  const findings = variables[spec.findings] as Findings<Record<string, unknown>> | undefined;
  const proposed = findings?.proposed ?? {};
  const shown = new Set(
    submitForm(
      form,
      variables,
      pick(
        proposed,
        spec.outputs.map((o) => o.name),
      ),
    ).shown,
  );
  const at = (dotted: string): unknown =>
    dotted.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), proposed);
  const fields = formFields(form)
    .filter((f) => f.component.type !== 'expression')
    .map(({ field, component }): FieldInfo => {
      const choices = component.values?.map((v) => v.value);
      const value = at(field);
      return {
        field,
        label: component.label ?? field,
        type: component.type,
        required: component.validate?.required === true && shown.has(field),
        ...(choices && { choices }),
        ...(value !== undefined && value !== null && { proposed: value }),
      };
    });
  return { ...(findings && { summary: `${findings.summary.en} (${findings.summary.zh})` }), fields };
}

function pick(values: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([k, v]) => keys.includes(k) && v !== null));
}
