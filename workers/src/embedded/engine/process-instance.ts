/**
 * One process instance of a Camunda 8 (Zeebe) model, run in-process on bpmn-engine with Zeebe's variable
 * semantics: one process scope, local scopes for multi-instance elements and input mappings, output
 * mappings on tasks and catch events, jobs for every `zeebe:taskDefinition`, message subscriptions with
 * correlation keys, and timers on a virtual clock.
 *
 * Jobs are not run here: they wait in {@link ProcessInstance.jobs} until the driver activates one and
 * completes it, so between two steps the engine is always at rest and its state can be saved.
 */
import { EventEmitter } from 'node:events';
import { Engine } from 'bpmn-engine';
import type { Variables } from '../../handlers/contract.js';
import { correlationKeyOf } from './correlation-key.js';
import { evaluateFeel, FeelExpressions, type ExpressionMessage } from './feel.js';
import type { VirtualClock } from './virtual-clock.js';
import { VirtualTimers, type TimerRef } from './virtual-timers.js';
import { elementTypes, sharedLogger, zeebeSchema, type CompiledModel } from './model.js';
import { ioMappingOf, loopOf, propertiesOf, taskDefinitionOf, userTaskOf, type Behaviour, type Mapping, type ZeebeLoop } from './zeebe-extensions.js';

/** The slice of a bpmn-elements activity this module reads. */
interface ActivityLike {
  id: string;
  type: string;
  name?: string;
  parent?: { id: string; type: string };
  behaviour: Behaviour & { loopCharacteristics?: unknown; attachedTo?: { id: string } };
}

interface EngineMessage {
  content: Record<string, unknown> & { executionId: string; index?: number; isMultiInstance?: boolean; parent?: { executionId?: string } };
  fields?: { redelivered?: boolean };
}

type Callback = (err: Error | null, output?: unknown) => void;

/** An activity waiting for a worker: what Zeebe would hand out on ActivateJobs. */
export interface Job {
  /** Stable across save/resume: the element execution id. */
  key: string;
  type: string;
  retries: number;
  headers: Record<string, string>;
  elementId: string;
  elementName?: string;
  elementType: string;
  /** Process scope plus this element's local scope (multi-instance element, input mappings). */
  variables: Variables;
}

/** A user task waiting for a person: what Tasklist lists (form, candidate groups, assignee, due date). */
export interface UserTask {
  /** Stable across save/resume: the element execution id. */
  key: string;
  elementId: string;
  elementName?: string;
  formId?: string;
  candidateGroups: string[];
  /** The evaluated `zeebe:assignmentDefinition assignee`. */
  assignee?: string;
  /** The evaluated `zeebe:taskSchedule dueDate` (ISO date-time). */
  dueDate?: string;
  /** Process scope plus this element's local scope (multi-instance element, input mappings). */
  variables: Variables;
}

export interface Subscription {
  elementId: string;
  elementName?: string;
  messageId: string;
  messageName: string;
  /** Zeebe's string form of the key (a number turned to an integer); undefined for a start event. */
  correlationKey: string | undefined;
}

/** Something a step did that belongs in the trail, reported as it happens. */
export type InstanceEvent =
  | { kind: 'caught'; elementId: string; elementName?: string; elementType: string; error?: { code?: string; message?: string } }
  /** `subProcess` names the enclosing sub-process when the end event is inside one. */
  | { kind: 'end-event'; elementId: string; elementName?: string; clause?: string; subProcess?: string }
  | { kind: 'completed' }
  | { kind: 'incident'; message: string; elementId?: string };

export type InstanceStatus = 'active' | 'completed' | 'incident';

export interface InstanceSnapshot {
  key: string;
  processId: string;
  status: InstanceStatus;
  variables: Variables;
  incident?: string;
  /** The element the incident stands at (a job, a gateway, a timer or message catch event). */
  incidentElementId?: string;
  engine: unknown;
}

/** What completing a job or a user task needs: where its variables go and how the engine is told. */
interface Pending {
  activity: ActivityLike;
  local: Variables;
  loop?: { spec: ZeebeLoop; index: number };
}

interface PendingJob extends Pending {
  job: Job;
  callback: Callback;
}

interface PendingUserTask extends Pending {
  task: UserTask;
  signal: (output: Variables) => void;
}

export interface ProcessInstanceOptions {
  key: string;
  processId: string;
  model: CompiledModel;
  clock: VirtualClock;
  variables?: Variables;
  onEvent?: (event: InstanceEvent) => void;
}

export class ProcessInstance {
  readonly key: string;
  readonly processId: string;
  readonly timers: VirtualTimers;
  variables: Variables;
  status: InstanceStatus = 'active';
  incident?: string;
  incidentElementId?: string;

  private readonly engine: Engine;
  private readonly clock: VirtualClock;
  private readonly pending = new Map<string, PendingJob>();
  private readonly waitingForPeople = new Map<string, PendingUserTask>();
  private readonly onEvent: (event: InstanceEvent) => void;
  /** Variables of the event being delivered (message payload, error variables), read by the catching element. */
  private payload: Variables = {};
  private readonly messageIndex = new Map<string, { name: string; correlationKey?: string }>();
  private readonly activities = new Map<string, ActivityLike>();

  constructor(options: ProcessInstanceOptions) {
    this.key = options.key;
    this.processId = options.processId;
    this.clock = options.clock;
    this.variables = { ...options.variables };
    this.timers = new VirtualTimers(options.clock);
    this.onEvent = options.onEvent ?? (() => {});

    const listener = new EventEmitter();
    listener.on('activity.start', (api: { owner: ActivityLike; content: EngineMessage['content'] }) => this.onActivityStart(api));
    listener.on('activity.catch', (api: { owner: ActivityLike; content: Record<string, unknown> }) => this.onCaught(api));
    listener.on('activity.timeout', (api: { owner: ActivityLike }) => this.applyEventOutputs(api.owner, {}));
    listener.on('activity.wait', (api: WaitApi) => this.onWait(api));
    listener.on('activity.leave', (api: { owner: ActivityLike; content: EngineMessage['content'] }) => this.waitingForPeople.delete(api.content.executionId));
    listener.on('activity.end', (api: { owner: ActivityLike }) => {
      if (api.owner.type !== 'bpmn:EndEvent') return;
      const clause = propertiesOf(api.owner.behaviour).clause?.split(',')[0]?.trim();
      const parent = api.owner.parent;
      const subProcess = parent?.type === 'bpmn:SubProcess' ? (this.activityById(parent.id)?.name ?? parent.id) : undefined;
      this.onEvent({ kind: 'end-event', elementId: api.owner.id, elementName: api.owner.name, ...(clause && { clause }), ...(subProcess && { subProcess }) });
    });

    this.engine = new Engine({
      name: options.key,
      sourceContext: options.model.context,
      moddleOptions: { zeebe: zeebeSchema },
      Logger: sharedLogger,
      expressions: new FeelExpressions(
        (message) => this.scopeOf(message),
        options.clock,
        (elementId, message) => this.raiseIncident(message, elementId),
      ),
      listener,
      // bpmn-elements' typings want timers/extensions shaped like its own classes; ours keep its runtime contract.
      ...({
        timers: this.timers,
        extensions: { zeebe: (activity: ActivityLike) => this.onActivityCreated(activity) },
        elements: elementTypes,
      } as object),
    });
    this.engine.on('end', () => {
      this.status = 'completed';
      this.onEvent({ kind: 'completed' });
    });
    this.engine.on('error', (err: Error) => this.raiseIncident(err.message));
  }

  /** Starts the process; with `message`, through its message start event (the payload becomes variables). */
  async start(message?: { name: string; variables: Variables }): Promise<void> {
    await this.engine.execute();
    if (message) {
      Object.assign(this.variables, message.variables);
      if (!this.correlate(message.name, undefined, {}, { startEvent: true })) {
        this.raiseIncident(`no message start event for "${message.name}" in ${this.processId}`);
      }
    }
  }

  /**
   * Continues a saved instance (in this or another OS process). With `retry` naming the element of its incident,
   * the incident is resolved first: the element runs again (a job with fresh retries, a gateway or timer evaluates
   * its expression again over the current variables).
   */
  async resume(snapshot: InstanceSnapshot, retry?: string): Promise<void> {
    this.variables = { ...snapshot.variables };
    this.status = snapshot.status;
    this.incident = snapshot.incident;
    this.incidentElementId = snapshot.incidentElementId;
    if (this.status === 'incident' && retry !== undefined && retry === this.incidentElementId) {
      this.status = 'active';
      this.incident = undefined;
      this.incidentElementId = undefined;
    }
    if (this.status === 'completed' || !snapshot.engine) return;
    this.engine.recover(snapshot.engine);
    await this.engine.resume();
  }

  snapshot(): InstanceSnapshot {
    const execution = this.status !== 'completed' ? this.engine.execution : null;
    return {
      key: this.key,
      processId: this.processId,
      status: this.status,
      variables: structuredClone(this.variables),
      ...(this.incident !== undefined && { incident: this.incident }),
      ...(this.incidentElementId !== undefined && { incidentElementId: this.incidentElementId }),
      engine: execution ? withoutModel(execution.getState()) : null,
    };
  }

  async stop(): Promise<void> {
    if (this.status === 'active') await this.engine.stop();
  }

  get jobs(): Job[] {
    return [...this.pending.values()].map((p) => p.job);
  }

  /** User tasks waiting for a person, in the order they were created. */
  get userTasks(): UserTask[] {
    return this.status === 'active' ? [...this.waitingForPeople.values()].map((p) => p.task) : [];
  }

  /**
   * Whether the instance, at rest, waits for anything: a job, a person, a timer or a message. An active instance
   * always does (else it would have completed); one restored from a state that waits for nothing was tampered with.
   */
  get waitsForSomething(): boolean {
    if (this.status !== 'active') return true;
    if (this.pending.size > 0 || this.waitingForPeople.size > 0 || this.timers.next()) return true;
    return this.postponed().some((api) => (api.content.message as { id?: string } | undefined)?.id !== undefined);
  }

  nextTimer(): TimerRef | undefined {
    return this.status === 'active' ? this.timers.next() : undefined;
  }

  /** Name and clause (`zeebe:properties` clause, the first when it lists several) of a flow node. */
  elementInfo(elementId: string): { name?: string; clause?: string } {
    const activity = this.activityById(elementId);
    const clause = propertiesOf(activity?.behaviour).clause?.split(',')[0]?.trim();
    return { ...(activity?.name !== undefined && { name: activity.name }), ...(clause && { clause }) };
  }

  fireTimer(ref: TimerRef): void {
    this.timers.fire(ref);
  }

  /** Open message subscriptions, correlation keys evaluated over the current variables. */
  subscriptions(): Subscription[] {
    if (this.status !== 'active') return [];
    const out: Subscription[] = [];
    for (const api of this.postponed()) {
      const message = api.content.message as { id?: string; name?: string } | undefined;
      if (!message?.id) continue;
      const meta = this.messageMeta(message.id);
      const messageName = meta?.name ?? message.name ?? message.id;
      const correlationKey = meta?.correlationKey ? this.subscriptionKey(api.id, meta.correlationKey) : undefined;
      if (this.status !== 'active') return [];
      out.push({ elementId: api.id, elementName: this.activityById(api.id)?.name, messageId: message.id, messageName, correlationKey });
    }
    return out;
  }

  /** A subscription's correlation key by Zeebe's rule; a value it refuses is an incident at the catch event. */
  private subscriptionKey(elementId: string, expression: string): string | undefined {
    try {
      return correlationKeyOf(evaluateFeel(expression, this.variables, this.clock));
    } catch (error) {
      this.raiseIncident(`correlation key ${expression}: ${(error as Error).message}`, elementId);
      return undefined;
    }
  }

  /**
   * Delivers a message to the subscription with this name and key, as Zeebe correlates a published
   * message. Returns the element that caught it, or undefined when none is waiting.
   */
  correlate(name: string, correlationKey: unknown, variables: Variables, opts: { startEvent?: boolean } = {}): Subscription | undefined {
    const key = correlationKey === undefined ? undefined : correlationKeyOf(correlationKey);
    const target = this.subscriptions().find((s) => s.messageName === name && (opts.startEvent || key === undefined || s.correlationKey === key));
    if (!target) return undefined;
    this.payload = variables;
    try {
      this.definition().signal({ id: target.messageId });
    } finally {
      this.payload = {};
    }
    return target;
  }

  complete(jobKey: string, output: Variables): void {
    const p = this.take(jobKey);
    this.applyCompletion(p, output);
    p.callback(null, output);
  }

  /** Completes a user task with what the person submitted (Zeebe: complete user task with variables). */
  completeUserTask(taskKey: string, output: Variables): void {
    const p = this.waitingForPeople.get(taskKey);
    if (!p) throw new Error(`no user task ${taskKey} waiting in ${this.key}`);
    this.waitingForPeople.delete(taskKey);
    this.applyCompletion(p, output);
    p.signal({});
  }

  /** Output mappings, or the variables by name into the scope that has them; the multi-instance output element. */
  private applyCompletion(p: Pending, output: Variables): void {
    const outputs = ioMappingOf(p.activity.behaviour).outputs;
    if (outputs.length > 0) {
      this.applyOutputs(outputs, { ...this.variables, ...p.local, ...output });
    } else {
      for (const [name, value] of Object.entries(output)) {
        if (name in p.local) p.local[name] = value;
        else this.variables[name] = value;
      }
    }
    if (p.loop?.spec.outputCollection) {
      const element = p.loop.spec.outputElement ? evaluateFeel(p.loop.spec.outputElement, { ...this.variables, ...p.local }, this.clock) : null;
      const collection = Array.isArray(this.variables[p.loop.spec.outputCollection]) ? [...(this.variables[p.loop.spec.outputCollection] as unknown[])] : [];
      collection[p.loop.index] = element;
      this.variables[p.loop.spec.outputCollection] = collection;
    }
  }

  /** Ends the job with a BPMN error; the catching element sees `variables` (Zeebe: its local scope). */
  throwError(jobKey: string, code: string, message: string, variables: Variables): void {
    const p = this.take(jobKey);
    this.payload = variables;
    try {
      p.callback(Object.assign(new Error(message), { code }));
    } finally {
      this.payload = {};
    }
  }

  /** A job that has no retries left: Zeebe raises an incident and the instance stops there. */
  failJob(jobKey: string, message: string): void {
    const p = this.pending.get(jobKey);
    this.raiseIncident(message, p?.job.elementId);
  }

  private take(jobKey: string): PendingJob {
    const p = this.pending.get(jobKey);
    if (!p) throw new Error(`no job ${jobKey} waiting in ${this.key}`);
    this.pending.delete(jobKey);
    return p;
  }

  private raiseIncident(message: string, elementId?: string): void {
    if (this.status === 'incident') return;
    this.status = 'incident';
    this.incident = message;
    this.incidentElementId = elementId;
    this.onEvent({ kind: 'incident', message, ...(elementId !== undefined && { elementId }) });
  }

  /** bpmn-elements runs extensions for every activity it creates, sub-process children included, when it creates them. */
  private onActivityCreated(activity: ActivityLike): undefined {
    this.activities.set(activity.id, activity);
    this.bindJobWorker(activity);
    if (activity.behaviour.ioSpecification === undefined && activity.behaviour.properties === undefined) {
      (activity as unknown as Record<symbol, unknown>)[FORMATTER] = NOTHING_TO_FORMAT;
    }
    return undefined;
  }

  private bindJobWorker(activity: ActivityLike): void {
    const definition = taskDefinitionOf(activity.behaviour);
    if (!definition) return;
    const registerJob = (message: EngineMessage, callback: Callback): void => this.registerJob(activity, message, callback);
    const dropJob = (message: EngineMessage): void => this.dropJob(message);
    // bpmn-elements constructs `Service` per execution and calls execute/discard/stop on it.
    class JobWorker {
      constructor(readonly activity: ActivityLike) {}
      execute(message: EngineMessage, callback: Callback): void {
        registerJob(message, callback);
      }
      discard(message: EngineMessage): void {
        dropJob(message);
      }
      stop(): void {}
    }
    (activity.behaviour as Record<string, unknown>).Service = JobWorker;
  }

  /** The local scope of one execution of an activity: its multi-instance element and its input mappings. */
  private localScope(activity: ActivityLike, content: EngineMessage['content']): { local: Variables; loop?: { spec: ZeebeLoop; index: number } } {
    const loop = loopOf(activity.behaviour);
    const local: Variables = {};
    if (loop && content.isMultiInstance && typeof content.index === 'number') {
      if (loop.inputElement) local[loop.inputElement] = content[loop.inputElement] ?? null;
      local.loopCounter = content.index + 1;
    }
    for (const input of ioMappingOf(activity.behaviour).inputs) {
      local[input.target] = evaluateFeel(input.source, { ...this.variables, ...local }, this.clock);
    }
    return { local, ...(loop && typeof content.index === 'number' && { loop: { spec: loop, index: content.index } }) };
  }

  /** A user task starts waiting (again, after a resume): it is listed until a person completes it. */
  private onWait(api: WaitApi): void {
    const definition = api.owner.type === 'bpmn:UserTask' ? userTaskOf(api.owner.behaviour) : undefined;
    if (!definition) return;
    const key = api.content.executionId;
    const known = this.waitingForPeople.get(key);
    const { local, loop } = known ?? this.localScope(api.owner, api.content);
    const scope = { ...this.variables, ...local };
    const evaluated = (expression: string | undefined): string | undefined => {
      if (expression === undefined) return undefined;
      const value = evaluateFeel(expression, scope, this.clock);
      // an assignee is a name, a due date an ISO date-time: anything else is no value for them
      return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
    };
    const assignee = evaluated(definition.assignee);
    const dueDate = evaluated(definition.dueDate);
    const processScope = (): Variables => this.variables;
    const task: UserTask = {
      key,
      elementId: api.owner.id,
      ...(api.owner.name !== undefined && { elementName: api.owner.name }),
      ...(definition.formId !== undefined && { formId: definition.formId }),
      candidateGroups: definition.candidateGroups,
      ...(assignee !== undefined && { assignee }),
      ...(dueDate !== undefined && { dueDate }),
      get variables() {
        return { ...processScope(), ...local };
      },
    };
    this.waitingForPeople.set(key, { task, activity: api.owner, local, ...(loop && { loop }), signal: (output) => api.signal(output) });
  }

  private registerJob(activity: ActivityLike, message: EngineMessage, callback: Callback): void {
    const definition = taskDefinitionOf(activity.behaviour)!;
    const content = message.content;
    const { local, loop } = this.localScope(activity, content);
    const processScope = (): Variables => this.variables;
    const job: Job = {
      key: content.executionId,
      type: definition.type,
      retries: definition.retries,
      headers: headersOf(activity.behaviour),
      elementId: activity.id,
      ...(activity.name !== undefined && { elementName: activity.name }),
      elementType: activity.type,
      get variables() {
        return { ...processScope(), ...local };
      },
    };
    this.pending.set(job.key, { job, activity, local, ...(loop && { loop }), callback });
  }

  private dropJob(message: EngineMessage): void {
    this.pending.delete(message.content.executionId);
  }

  /** Zeebe creates a multi-instance output collection full of nulls when the body is entered. */
  private onActivityStart(api: { owner: ActivityLike; content: EngineMessage['content'] }): void {
    const loop = loopOf(api.owner.behaviour);
    if (!loop?.outputCollection || typeof api.content.index === 'number') return;
    const items = loop.inputCollection ? evaluateFeel(loop.inputCollection, this.variables, this.clock) : [];
    this.variables[loop.outputCollection] = Array.isArray(items) ? items.map(() => null) : [];
  }

  private onCaught(api: { owner: ActivityLike; content: Record<string, unknown> }): void {
    const error = api.content.error as { code?: string; message?: string } | undefined;
    this.applyEventOutputs(api.owner, this.payload);
    this.onEvent({
      kind: 'caught',
      elementId: api.owner.id,
      ...(api.owner.name !== undefined && { elementName: api.owner.name }),
      elementType: api.owner.type,
      ...(error && { error: { code: error.code, message: error.message } }),
    });
  }

  /** Catch events: output mappings over the event's payload, or the payload itself into the process scope. */
  private applyEventOutputs(element: ActivityLike, payload: Variables): void {
    const outputs = ioMappingOf(element.behaviour).outputs;
    if (outputs.length > 0) this.applyOutputs(outputs, { ...this.variables, ...payload });
    else Object.assign(this.variables, payload);
  }

  private applyOutputs(outputs: Mapping[], context: Variables): void {
    const values = outputs.map((m) => [m.target, evaluateFeel(m.source, context, this.clock)] as const);
    for (const [target, value] of values) this.variables[target] = value;
  }

  /** Variables an expression sees: process scope, plus the multi-instance element of the iteration. */
  private scopeOf(message: ExpressionMessage | undefined): Variables {
    const content = message?.content;
    if (!content?.isMultiInstance || typeof content.index !== 'number' || typeof content.id !== 'string') return this.variables;
    const loop = loopOf(this.activityById(content.id)?.behaviour);
    if (!loop?.inputElement) return this.variables;
    return { ...this.variables, [loop.inputElement]: content[loop.inputElement] };
  }

  private definition(): { signal(message: unknown): void; getElementById(id: string): unknown; getPostponed(): PostponedApi[] } {
    const execution = this.engine.execution as unknown as { definitions: ReturnType<ProcessInstance['definition']>[] } | null;
    const definition = execution?.definitions[0];
    if (!definition) throw new Error(`${this.key} is not running`);
    return definition;
  }

  private activityById(id: string): ActivityLike | undefined {
    return this.activities.get(id);
  }

  private messageMeta(messageId: string): { name: string; correlationKey?: string } | undefined {
    let meta = this.messageIndex.get(messageId);
    if (!meta) {
      const element = this.definition().getElementById(messageId) as { name?: string; correlationKey?: string } | null;
      if (!element) return undefined;
      meta = { name: element.name ?? messageId, ...(element.correlationKey !== undefined && { correlationKey: element.correlationKey }) };
      this.messageIndex.set(messageId, meta);
    }
    return meta;
  }

  private postponed(): PostponedApi[] {
    const out: PostponedApi[] = [];
    const seen = new Set<string>();
    const visit = (apis: PostponedApi[]): void => {
      for (const api of apis) {
        const key = `${api.id}/${api.executionId ?? ''}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push(api);
        if (typeof api.getPostponed === 'function') visit(api.getPostponed());
      }
    };
    visit(this.definition().getPostponed());
    return out;
  }
}

interface WaitApi {
  owner: ActivityLike;
  content: EngineMessage['content'];
  signal(message: unknown): void;
}

interface PostponedApi {
  id: string;
  executionId?: string;
  type: string;
  content: Record<string, unknown>;
  getPostponed?: () => PostponedApi[];
}

/**
 * bpmn-elements passes every run message of an activity (enter, start, execute, end, leave…) through a formatter,
 * a round trip through a queue of its own, so that BPMN io (`bpmn:ioSpecification`, `bpmn:property`) and
 * extensions can enrich it. Zeebe models have neither, and the extension here formats nothing, so an activity
 * without them gets a formatter that hands the message on as it is — what the round trip yields when nothing
 * formats ("not formatted"), without a fifth of the engine's messages. The activity reads it from this
 * registered symbol (bpmn-elements 17.3.0, `Activity.formatter`).
 */
const FORMATTER = Symbol.for('formatter');
const NOTHING_TO_FORMAT = {
  format(message: { content: unknown }, callback: (err: null, content: unknown, formatted: boolean) => void): void {
    callback(null, message.content, false);
  },
};

/** The saved state names its model by id; the model itself comes from the {@link CompiledModel} on resume. */
function withoutModel(state: { definitions?: ReadonlyArray<{ source?: unknown }> }): unknown {
  return { ...state, definitions: (state.definitions ?? []).map(({ source: _model, ...rest }) => rest) };
}

function headersOf(behaviour: Behaviour): Record<string, string> {
  const headers = behaviour.extensionElements?.values?.find((v) => v.$type === 'zeebe:TaskHeaders') as
    { values?: Array<{ key?: string; value?: string }> } | undefined;
  const out: Record<string, string> = {};
  for (const h of headers?.values ?? []) if (h.key) out[h.key] = String(h.value ?? '');
  return out;
}
