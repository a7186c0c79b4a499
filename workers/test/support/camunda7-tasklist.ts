/**
 * The people of a case on Camunda 7, as Tasklist serves them: find the open tasks over the REST API, read each
 * one's deployed Camunda Form and form variables, decide, check the values against the form, and submit it
 * (`POST /task/{id}/submit-form`). Decisions follow the rule checks' findings unless the test says otherwise.
 */
import { loadForm, submitForm, userTaskOfElement, type UserTaskSpec } from '@isccc/bpmn';
import { proposedValues } from '../../src/embedded/case/people.js';
import { type EngineRest, type TypedValue, typedVariables, untyped } from '../../src/adapters/camunda7/rest.js';
import type { Variables } from '../../src/handlers/contract.js';

export interface CompletedTask {
  task: string;
  elementId: string;
  processInstanceId: string;
  assignee: string | null;
  candidateGroups: string[];
  due: string | null;
  formKey: string;
  submitted: Variables;
}

interface RestTask {
  id: string;
  taskDefinitionKey: string;
  processInstanceId: string;
  assignee: string | null;
  due: string | null;
}

/** What a person fills in: values over the findings' proposal, or undefined to leave the task open. */
export type Person = (task: UserTaskSpec, variables: Variables, assignee: string | null) => Variables | undefined;

export const followsFindings: Person = () => ({});

export class Tasklist {
  readonly completed: CompletedTask[] = [];
  readonly problems: string[] = [];
  private timer?: NodeJS.Timeout;
  private busy = false;

  constructor(
    private readonly rest: EngineRest,
    public person: Person = followsFindings,
  ) {}

  start(intervalMs = 150): void {
    this.timer = setInterval(() => void this.tick(), intervalMs);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private async tick(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      for (const task of await this.rest.call<RestTask[]>('GET', '/task?sortBy=created&sortOrder=asc')) await this.work(task);
    } catch (error) {
      this.problems.push(String((error as Error).message));
    } finally {
      this.busy = false;
    }
  }

  private async work(task: RestTask): Promise<void> {
    const spec = userTaskOfElement(task.taskDefinitionKey);
    if (!spec) {
      this.problems.push(`${task.taskDefinitionKey}: a user task outside the contract`);
      return;
    }
    // what Tasklist reads: the form reference, the deployed form, the variables the form shows
    const form = await this.rest.call<{ key: string | null; camundaFormRef?: { key: string; binding: string } | null }>('GET', `/task/${task.id}/form`);
    const formKey = form.camundaFormRef?.key ?? form.key ?? '';
    const deployed = await this.rest.call<{ id: string }>('GET', `/task/${task.id}/deployed-form`);
    if (deployed.id !== spec.formId) this.problems.push(`${task.taskDefinitionKey}: deployed form ${deployed.id}, contract says ${spec.formId}`);
    const raw = await this.rest.call<Record<string, TypedValue>>('GET', `/task/${task.id}/form-variables?deserializeValues=false`);
    const variables = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, untyped(v)]));
    const decided = this.person(spec, variables, task.assignee);
    if (decided === undefined) return;
    const values = merge(proposedValues(spec, variables), decided);
    const shown = submitForm(loadForm(spec.formId), variables, values).shown;
    const submission = submitForm(loadForm(spec.formId), variables, prune(values, shown));
    if (submission.problems.length > 0) {
      this.problems.push(`${spec.task}: ${submission.problems.map((p) => `${p.field} ${p.message}`).join('; ')}`);
      return;
    }
    const links = await this.rest.call<Array<{ type: string; groupId: string | null }>>('GET', `/task/${task.id}/identity-links`);
    await this.rest.call('POST', `/task/${task.id}/submit-form`, { variables: typedVariables(submission.data) });
    this.completed.push({
      task: spec.task,
      elementId: task.taskDefinitionKey,
      processInstanceId: task.processInstanceId,
      assignee: task.assignee,
      candidateGroups: links.filter((l) => l.type === 'candidate' && l.groupId).map((l) => l.groupId!),
      due: task.due,
      formKey,
      submitted: submission.data,
    });
  }
}

function merge(base: Variables, over: Variables): Variables {
  const out: Variables = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const b = out[k];
    out[k] = v && typeof v === 'object' && !Array.isArray(v) && b && typeof b === 'object' && !Array.isArray(b) ? merge(b as Variables, v as Variables) : v;
  }
  return out;
}

function prune(values: Variables, shown: readonly string[], prefix = ''): Variables {
  const out: Variables = {};
  for (const [k, v] of Object.entries(values)) {
    const at = `${prefix}${k}`;
    if (shown.includes(at)) out[k] = v;
    else if (v && typeof v === 'object' && !Array.isArray(v) && shown.some((f) => f.startsWith(`${at}.`))) out[k] = prune(v as Variables, shown, `${at}.`);
  }
  return out;
}
