/** Reads the Zeebe extension elements (zeebe-bpmn-moddle) that the embedded engine honours. */

interface ModdleElement {
  $type: string;
  [key: string]: unknown;
}

export interface Behaviour {
  extensionElements?: { values?: ModdleElement[] };
  [key: string]: unknown;
}

export interface TaskDefinition {
  type: string;
  retries: number;
}

export interface Mapping {
  source: string;
  target: string;
}

export interface IoMapping {
  inputs: Mapping[];
  outputs: Mapping[];
}

export interface ZeebeLoop {
  inputCollection?: string;
  inputElement?: string;
  outputCollection?: string;
  outputElement?: string;
}

/** Zeebe's default when `retries` is absent. */
export const DEFAULT_RETRIES = 3;

function extension(behaviour: Behaviour | undefined, type: string): ModdleElement | undefined {
  return behaviour?.extensionElements?.values?.find((v) => v.$type === type);
}

export function taskDefinitionOf(behaviour: Behaviour | undefined): TaskDefinition | undefined {
  const td = extension(behaviour, 'zeebe:TaskDefinition');
  if (!td || typeof td.type !== 'string') return undefined;
  const retries = td.retries === undefined ? DEFAULT_RETRIES : Number(td.retries);
  return { type: td.type, retries: Number.isFinite(retries) && retries > 0 ? retries : DEFAULT_RETRIES };
}

/** A moddle attribute as text: attributes parsed from XML are strings, absent ones undefined. */
function textOf(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

export function ioMappingOf(behaviour: Behaviour | undefined): IoMapping {
  const io = extension(behaviour, 'zeebe:IoMapping');
  const list = (key: string): Mapping[] =>
    ((io?.[key] as ModdleElement[] | undefined) ?? []).map((p) => ({ source: textOf(p.source), target: textOf(p.target) }));
  return { inputs: list('inputParameters'), outputs: list('outputParameters') };
}

export function loopOf(behaviour: Behaviour | undefined): ZeebeLoop | undefined {
  const lc = behaviour?.loopCharacteristics as { behaviour?: Behaviour } | undefined;
  const z = extension(lc?.behaviour, 'zeebe:LoopCharacteristics');
  if (!z) return undefined;
  const str = (key: string): string | undefined => (typeof z[key] === 'string' ? z[key] : undefined);
  return {
    inputCollection: str('inputCollection'),
    inputElement: str('inputElement'),
    outputCollection: str('outputCollection'),
    outputElement: str('outputElement'),
  };
}

/** `zeebe:properties` as a plain map (the models put the clause id of a flow node there). */
export function propertiesOf(behaviour: Behaviour | undefined): Record<string, string> {
  const props = extension(behaviour, 'zeebe:Properties');
  const out: Record<string, string> = {};
  for (const p of (props?.properties as ModdleElement[] | undefined) ?? []) {
    if (typeof p.name === 'string') out[p.name] = textOf(p.value);
  }
  return out;
}

export function subscriptionKeyOf(messageBehaviour: Behaviour | undefined): string | undefined {
  const sub = extension(messageBehaviour, 'zeebe:Subscription');
  return typeof sub?.correlationKey === 'string' ? sub.correlationKey : undefined;
}

/** A Camunda user task (`zeebe:userTask`) as the engine and Tasklist see it; expressions still unevaluated. */
export interface UserTaskDefinition {
  formId?: string;
  assignee?: string;
  candidateGroups: string[];
  dueDate?: string;
}

export function userTaskOf(behaviour: Behaviour | undefined): UserTaskDefinition | undefined {
  if (!extension(behaviour, 'zeebe:UserTask')) return undefined;
  const form = extension(behaviour, 'zeebe:FormDefinition');
  const assignment = extension(behaviour, 'zeebe:AssignmentDefinition');
  const schedule = extension(behaviour, 'zeebe:TaskSchedule');
  const text = (el: ModdleElement | undefined, key: string): string | undefined => (typeof el?.[key] === 'string' && el[key] !== '' ? el[key] : undefined);
  const formId = text(form, 'formId');
  const assignee = text(assignment, 'assignee');
  const dueDate = text(schedule, 'dueDate');
  return {
    ...(formId !== undefined && { formId }),
    ...(assignee !== undefined && { assignee }),
    candidateGroups: (text(assignment, 'candidateGroups') ?? '')
      .split(',')
      .map((g) => g.trim())
      .filter(Boolean),
    ...(dueDate !== undefined && { dueDate }),
  };
}
