/**
 * The people of a case run on the embedded engine: who completes its user tasks, with what. A decision comes
 * from a decisions file (per task and occurrence), from `isccc complete`, or — with `--auto`, for demos — from
 * the rule checks' proposal. Whatever its source, a decision is what the task's form would submit: it is
 * checked against the form (fields shown, required, choices, patterns) before the task is completed.
 */
import {
  formFields,
  loadForm,
  submitForm,
  type FieldProblem,
  type Findings,
  type FormComponent,
  type FormDefinition,
  type FormSubmission,
  type UserTaskSpec,
} from '@isccc/bpmn';
import type { Variables } from '../../handlers/contract.js';
import { variablesReadBy } from '../engine/feel.js';
import type { UserTask } from '../engine/process-instance.js';

export interface OpenUserTask {
  task: UserTask;
  spec: UserTaskSpec;
  /** 1 for the first time this task (by name) is decided in the case, 2 for the next… */
  occurrence: number;
  processId: string;
  instance: string;
}

export interface Decision {
  /** What the person fills in; fields left out follow the proposal. */
  values: Variables;
  /** `YYYY-MM-DD`: the day the person completes the task (absent: as soon as it opens). */
  on?: string;
  source: 'decisions-file' | 'auto' | 'isccc complete';
  /** Where the decision was written (`decisions.yaml:12:9`), for messages about it. */
  at?: string;
}

export interface DecisionSource {
  decide(open: OpenUserTask): Decision | undefined;
}

/** The values of the task's form that follow the rule checks (`<findings>.proposed`), for the fields the form has. */
export function proposedValues(spec: UserTaskSpec, variables: Variables): Variables {
  const findings = variables[spec.findings] as Findings<Record<string, unknown>> | undefined;
  const proposed = findings?.proposed ?? {};
  const out: Variables = {};
  for (const output of spec.outputs) {
    const value = proposed[output.name];
    if (value !== undefined && value !== null) out[output.name] = structuredClone(value);
  }
  return out;
}

/** `--auto`: every person follows the findings (no field of their own: all follow the proposal). */
export const followTheFindings: DecisionSource = {
  decide: () => ({ values: {}, source: 'auto' }),
};

/** The first source that has a decision for the task. */
export function firstOf(...sources: Array<DecisionSource | undefined>): DecisionSource {
  return { decide: (open) => sources.map((s) => s?.decide(open)).find((d) => d !== undefined) };
}

/** A decision that does not fit its form: bad input, reported where the decision was written. */
export class DecisionError extends Error {
  constructor(
    readonly decision: Decision,
    readonly task: string,
    readonly problems: FieldProblem[],
  ) {
    super(`${decision.at ? `${decision.at}: ` : ''}${task}: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`);
    this.name = 'DecisionError';
  }
}

export interface CompletedDecision {
  /** What the form submits: the variables the task completes with. */
  data: Variables;
  /** The decision departs from the findings (the form showed, and required, the justification). */
  departs: boolean;
  justification?: string;
}

function deepMerge(base: Variables, over: Variables): Variables {
  const out: Variables = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const b = out[k];
    out[k] = v && typeof v === 'object' && !Array.isArray(v) && b && typeof b === 'object' && !Array.isArray(b) ? deepMerge(b as Variables, v as Variables) : v;
  }
  return out;
}

/** What a form reads of the task's variables: its fields and the variables its FEEL expressions name. */
const formTexts = new WeakMap<FormDefinition, string[]>();

function formScope(form: FormDefinition, variables: Variables): Variables {
  let texts = formTexts.get(form);
  if (!texts) {
    const expressions: string[] = [];
    const walk = (components: FormComponent[]): void => {
      for (const c of components) {
        for (const text of [c.conditional?.hide, c.expression, c.valuesExpression]) if (text !== undefined) expressions.push(text);
        if (c.components) walk(c.components);
      }
    };
    walk(form.components);
    formTexts.set(form, (texts = [...expressions, ...formFields(form).map((f) => f.field.split('.')[0]!)]));
  }
  // the task's variables hold the manifest, which the form never reads and FEEL would convert at every condition
  return variablesReadBy(texts, variables);
}

/** Puts the decision through the task's form; throws {@link DecisionError} when the form refuses it. */
export function completeWith(open: OpenUserTask, decision: Decision): CompletedDecision {
  const form = loadForm(open.spec.formId);
  const variables = open.task.variables;
  const scope = formScope(form, variables);
  let values = decision.values;
  let submission: FormSubmission | undefined;
  if (decision.source !== 'isccc complete') {
    // fields left out follow the proposal — those of them the form shows for this decision
    const proposed = proposedValues(open.spec, variables);
    const all = deepMerge(proposed, decision.values);
    const first = submitForm(form, scope, all);
    values = deepMerge(pruned(proposed, first.shown), decision.values);
    // nothing pruned: the same values submit the same (a submission is a function of form, scope and values)
    if (JSON.stringify(values) === JSON.stringify(all)) submission = first;
  }
  submission ??= submitForm(form, scope, values);
  if (submission.problems.length > 0) throw new DecisionError(decision, open.spec.task, submission.problems);
  const departs = submission.shown.includes(open.spec.justification);
  const justification = departs ? valueAt(submission.data, open.spec.justification) : undefined;
  return { data: submission.data, departs, ...(typeof justification === 'string' && { justification }) };
}

function pruned(values: Variables, shown: readonly string[], prefix = ''): Variables {
  const out: Variables = {};
  for (const [k, v] of Object.entries(values)) {
    const at = `${prefix}${k}`;
    if (shown.includes(at)) out[k] = v;
    else if (v && typeof v === 'object' && !Array.isArray(v) && shown.some((f) => f.startsWith(`${at}.`))) out[k] = pruned(v as Variables, shown, `${at}.`);
  }
  return out;
}

function valueAt(data: Variables, dotted: string): unknown {
  return dotted.split('.').reduce<unknown>((at, k) => (at && typeof at === 'object' ? (at as Variables)[k] : undefined), data);
}
