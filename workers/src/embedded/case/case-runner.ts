/**
 * Drives one certification case on the embedded engine: activates jobs and runs their handlers, delivers
 * messages (published by handlers or scheduled as external events), fires timers in due-date order on the
 * virtual clock, and saves the case after every step. Everything the engine does between two steps is
 * synchronous, so each step ends with the engine at rest.
 */
import { MESSAGE_TTL, MESSAGES, PROCESS_IDS, userTaskOfElement } from '@isccc/bpmn';
import { addDuration } from '@isccc/rules/vocabulary';
import type { CompiledModel } from '../engine/model.js';
import { ProcessInstance, type InstanceEvent, type Job, type UserTask } from '../engine/process-instance.js';
import { correlationKeyOf } from '../engine/correlation-key.js';
import { VirtualClock } from '../engine/virtual-clock.js';
import type { TimerRef } from '../engine/virtual-timers.js';
import { isBusinessRuleError, type JobContext, type PublishedMessage, type TaskHandler, type Variables } from '../../handlers/contract.js';
import { HANDLERS } from '../../handlers/registry.js';
import { CaseInputError } from './case-input.js';
import { CASE_FORMAT, CaseFileError, caseSpanProblem } from './case-file.js';
import type { BufferedMessage, CaseFile, CaseStatus, CaseStore } from './case-store.js';
import { eventSpec, type ExternalEvent } from './events.js';
import { completeWith, type Decision, type DecisionSource, type OpenUserTask } from './people.js';
import { entry, oneLine, type TrailDraft, type TrailEntry } from './trail.js';

export type ModelKey = 'certification' | 'lifecycle';

export interface CaseRunnerOptions {
  models: Record<ModelKey, CompiledModel>;
  handlers?: Readonly<Record<string, TaskHandler>>;
  /** Where the case is saved after every step; without one the case lives in memory only. */
  store?: CaseStore;
  onStep?: (entry: TrailEntry) => void;
  /** Who completes the user tasks; without one every user task waits (status `waiting`). */
  people?: DecisionSource;
}

export interface NewCase {
  caseId: string;
  variables: Variables;
  startAt: Date;
  /** The lifecycle runs until this date; later timers and events are left pending. */
  until: Date;
  events?: ExternalEvent[];
}

export interface CaseResult {
  caseId: string;
  status: CaseStatus;
  clock: string;
  trail: TrailEntry[];
  /** Process variables of every instance, later instances over earlier ones. */
  variables: Variables;
  /** Messages the case still waits for, with the element that waits. */
  waitingFor: Array<{ message: string; element: string }>;
  /** User tasks waiting for a person. */
  openTasks: OpenTaskInfo[];
}

/** A user task waiting for a person, as `isccc tasks` lists it. */
export interface OpenTaskInfo {
  /** What `isccc complete` takes: `<task>#<occurrence>` (`committee-vote#2`). */
  handle: string;
  task: string;
  occurrence: number;
  elementId: string;
  elementName?: string;
  clause: string;
  formId: string;
  candidateGroups: string[];
  assignee?: string;
  dueDate?: string;
  processId: string;
  instance: string;
}

/** Message start events of the models: the message that starts a lifecycle, per the task-type contract. */
const MESSAGE_STARTS: Readonly<Record<string, ModelKey>> = Object.fromEntries(MESSAGES.filter((m) => !('correlationKey' in m)).map((m) => [m.name, m.process]));

const PROCESS_OF_MODEL: Readonly<Record<ModelKey, string>> = PROCESS_IDS;

const KNOWN_MESSAGES: ReadonlySet<string> = new Set(MESSAGES.map((m) => m.name));

/** What a resume changes: a later horizon, more events, the incident to resolve. */
export interface CaseChange {
  until?: Date;
  events?: ExternalEvent[];
  retry?: string;
}

/** `--retry ELEMENT` names no element with an incident: bad input. */
export class RetryError extends Error {}

export class CaseRunner {
  private readonly clock: VirtualClock;
  private readonly instances: Array<{ model: ModelKey; instance: ProcessInstance }> = [];
  private readonly handlers: Readonly<Record<string, TaskHandler>>;

  private constructor(
    private readonly options: CaseRunnerOptions,
    private readonly file: CaseFile,
  ) {
    this.clock = new VirtualClock(new Date(file.clock));
    this.handlers = options.handlers ?? HANDLERS;
  }

  static async start(input: NewCase, options: CaseRunnerOptions): Promise<CaseRunner> {
    const span = caseSpanProblem(input.startAt, input.until, input.events?.length ?? 0);
    if (span) throw new CaseInputError(span);
    const file: CaseFile = {
      format: CASE_FORMAT,
      caseId: input.caseId,
      status: 'running',
      startedAt: input.startAt.toISOString(),
      until: input.until.toISOString(),
      clock: input.startAt.toISOString(),
      events: [...(input.events ?? [])].sort((a, b) => a.on.localeCompare(b.on)),
      messages: [],
      retries: {},
      instances: [],
      trail: [],
      input: input.variables,
    };
    const runner = new CaseRunner(options, file);
    const instance = runner.newInstance('certification', input.variables);
    await instance.start();
    runner.save();
    return runner;
  }

  /**
   * Continues a saved case (as `store.load()` returns it, checked): `until` and `events` extend it — in memory,
   * saved with the first step — and `retry` resolves the incident at that element and runs it again. An engine
   * state that does not fit its model is a {@link CaseFileError}; nothing has been written when one is thrown.
   */
  static async resume(saved: CaseFile, options: CaseRunnerOptions, change: CaseChange = {}): Promise<CaseRunner> {
    const { retry } = change;
    const retried = retry !== undefined && saved.instances.some((i) => i.status === 'incident' && i.incidentElementId === retry);
    if (change.until !== undefined || change.events?.length) {
      const until = change.until ?? new Date(saved.until);
      const events = [...saved.events, ...(change.events ?? [])].sort((a, b) => a.on.localeCompare(b.on));
      const span = caseSpanProblem(new Date(saved.startedAt), until, events.length);
      if (span) throw new CaseInputError(span);
      saved.until = until.toISOString();
      saved.events = events;
    }
    saved.messages ??= [];
    const runner = new CaseRunner(options, saved);
    const where = options.store?.location ?? 'case.json';
    for (const [i, snapshot] of saved.instances.entries()) {
      const model = options.models[snapshot.model as ModelKey];
      const definition = (snapshot.engine as { definitions?: Array<{ id?: unknown }> } | null)?.definitions?.[0];
      if (definition && definition.id !== model.id)
        throw CaseFileError.at(
          where,
          `/instances/${i}/engine/definitions/0/id`,
          'case/inconsistent',
          `the ${snapshot.model} model is ${model.id}, not ${String(definition.id)}`,
        );
      if (snapshot.incidentElementId !== undefined && !model.context.getActivityById(snapshot.incidentElementId))
        throw CaseFileError.at(
          where,
          `/instances/${i}/incidentElementId`,
          'case/inconsistent',
          `the ${snapshot.model} model has no element ${snapshot.incidentElementId}`,
        );
      const instance = runner.newInstance(snapshot.model as ModelKey, snapshot.variables, snapshot.key);
      try {
        await instance.resume(snapshot, retry);
      } catch (error) {
        throw CaseFileError.at(
          where,
          `/instances/${i}/engine`,
          'case/engine-state',
          `the saved engine state does not restore on the ${snapshot.model} model: ${(error as Error).message}`,
        );
      }
      if (!instance.waitsForSomething)
        throw CaseFileError.at(
          where,
          `/instances/${i}/engine`,
          'case/engine-state',
          `the saved engine state of this active ${snapshot.model} instance waits for nothing (no job, user task, timer or message)`,
        );
    }
    // after the case itself is known to be sound, so that a tampered folder is reported as such
    if (retry !== undefined && !retried) {
      const open = saved.instances.filter((i) => i.status === 'incident').map((i) => i.incidentElementId ?? '?');
      throw new RetryError(`--retry ${retry}: no incident at that element${open.length ? `; incidents at: ${open.join(', ')}` : ''}`);
    }
    if (retried) saved.status = 'running';
    return runner;
  }

  get caseId(): string {
    return this.file.caseId;
  }

  get startedAt(): string {
    return this.file.startedAt;
  }

  /** Runs until nothing is left before the horizon, or for at most `maxSteps` steps (the case stays resumable). */
  async run(limits: { maxSteps?: number; onProgress?: (clock: string, until: string) => void } = {}): Promise<CaseResult> {
    let budget = limits.maxSteps ?? Infinity;
    while (budget-- > 0) {
      const status = await this.step();
      limits.onProgress?.(this.clock.now().toISOString(), this.file.until);
      if (status !== 'running') {
        this.file.status = status;
        break;
      }
    }
    this.save();
    return this.result();
  }

  result(): CaseResult {
    const variables: Variables = {};
    for (const { instance } of this.instances) Object.assign(variables, instance.variables);
    return {
      caseId: this.file.caseId,
      status: this.file.status,
      clock: this.clock.now().toISOString(),
      trail: [...this.file.trail],
      variables,
      waitingFor: this.instances.flatMap(({ instance }) =>
        instance.subscriptions().map((s) => ({ message: s.messageName, element: oneLine(s.elementName) ?? s.elementId })),
      ),
      openTasks: this.openUserTasks().map(({ open, instance }) => ({
        handle: `${open.spec.task}#${open.occurrence}`,
        task: open.spec.task,
        occurrence: open.occurrence,
        elementId: open.task.elementId,
        ...this.named(open.task.elementName),
        clause: open.spec.clauses[0]!,
        formId: open.spec.formId,
        candidateGroups: open.task.candidateGroups,
        ...(open.task.assignee !== undefined && { assignee: open.task.assignee }),
        ...(open.task.dueDate !== undefined && { dueDate: open.task.dueDate }),
        processId: instance.processId,
        instance: instance.key,
      })),
    };
  }

  /** The open user task a handle (`committee-vote#2`, or a task name while only one of it is open) names. */
  openTask(handle: string): { open: OpenUserTask; instance: ProcessInstance } | undefined {
    const all = this.openUserTasks();
    const exact = all.find(({ open }) => `${open.spec.task}#${open.occurrence}` === handle);
    if (exact) return exact;
    const byName = all.filter(({ open }) => open.spec.task === handle);
    return byName.length === 1 ? byName[0] : undefined;
  }

  /** Completes one open user task with what a person submitted (`isccc complete`), checked against its form. */
  completeTask(handle: string, values: Variables): void {
    const found = this.openTask(handle);
    if (!found) throw new Error(`no open user task "${handle}"`);
    this.completeUserTask(found.instance, found.open, { values, source: 'isccc complete' });
    this.save();
  }

  /** One step: a job, else a user task a person completes now, else the earliest of the next external event, timer and dated decision. */
  private async step(): Promise<CaseStatus | 'running'> {
    if (this.correlateBuffered()) return this.stepped();
    const active = this.instances.filter((i) => i.instance.status === 'active');
    for (const { instance } of active) {
      const job = instance.jobs[0];
      if (job) {
        await this.runJob(instance, job);
        return this.stepped();
      }
    }

    const people = this.peopleStep();
    if (people.now) {
      this.completeUserTask(people.now.instance, people.now.open, people.now.decision);
      return this.stepped();
    }
    if (people.undecided) return 'waiting';

    const timer = this.nextTimer(active);
    const event = this.file.events[0];
    const eventAt = event ? new Date(`${event.on}T00:00:00Z`) : undefined;
    const until = new Date(this.file.until);
    if (
      people.later &&
      people.later.getTime() <= until.getTime() &&
      (!timer || people.later.getTime() < timer.ref.due.getTime()) &&
      (!eventAt || people.later.getTime() < eventAt.getTime())
    ) {
      // a person decides on a later day: time runs on to it
      this.clock.advanceTo(people.later);
      return 'running';
    }
    const next = eventAt && (!timer || eventAt.getTime() <= timer.ref.due.getTime()) ? 'event' : timer ? 'timer' : undefined;

    if (next === 'event' && eventAt!.getTime() <= until.getTime()) {
      this.file.events.shift();
      this.clock.advanceTo(eventAt!);
      await this.deliverEvent(event!);
      return this.stepped();
    }
    if (next === 'timer' && timer!.ref.due.getTime() <= until.getTime()) {
      this.fireTimer(timer!.instance, timer!.ref);
      return this.stepped();
    }
    if (active.length === 0) return this.instances.some((i) => i.instance.status === 'incident') ? 'incident' : 'completed';
    if (next) {
      // Nothing happens before the horizon any more: the simulated time has run to its end.
      this.clock.advanceTo(until);
      this.expireMessages();
      this.noteHorizon(next === 'timer' ? timer : undefined, next === 'event' ? event : undefined);
      return 'horizon';
    }
    return 'waiting';
  }

  /** Open user tasks with their occurrence (each task gets the next occurrence of its name when it first opens). */
  private openUserTasks(): Array<{ open: OpenUserTask; instance: ProcessInstance }> {
    const people = (this.file.people ??= { occurrences: {}, counts: {} });
    const out: Array<{ open: OpenUserTask; instance: ProcessInstance }> = [];
    for (const { instance } of this.instances) {
      for (const task of instance.userTasks) {
        const spec = userTaskOfElement(task.elementId);
        if (!spec) throw new Error(`${task.elementId}: a user task that is not in the contract's USER_TASKS`);
        const id = `${instance.key}/${task.key}`;
        let occurrence = people.occurrences[id];
        if (occurrence === undefined) {
          occurrence = people.occurrences[id] = (people.counts[spec.task] ?? 0) + 1;
          people.counts[spec.task] = occurrence;
        }
        out.push({ open: { task, spec, occurrence, processId: instance.processId, instance: instance.key }, instance });
      }
    }
    return out;
  }

  /** What the people do next: complete a task now, decide on a later day, or nothing (a task no one decides). */
  private peopleStep(): { now?: { instance: ProcessInstance; open: OpenUserTask; decision: Decision }; later?: Date; undecided: boolean } {
    const today = this.clock.now().toISOString().slice(0, 10);
    let later: Date | undefined;
    let undecided = false;
    for (const { open, instance } of this.openUserTasks()) {
      const decision = this.options.people?.decide(open);
      if (!decision) {
        undecided = true;
        continue;
      }
      if (decision.on === undefined || decision.on <= today) return { now: { instance, open, decision }, undecided };
      const at = new Date(`${decision.on}T00:00:00Z`);
      if (!later || at < later) later = at;
    }
    return { ...(later && { later }), undecided };
  }

  private completeUserTask(instance: ProcessInstance, open: OpenUserTask, decision: Decision): void {
    const completed = completeWith(open, decision);
    const task: UserTask = open.task;
    this.record({
      processId: instance.processId,
      instance: instance.key,
      kind: 'user-task',
      elementId: task.elementId,
      ...this.named(task.elementName),
      userTask: open.spec.task,
      clause: open.spec.clauses[0]!,
      outcome: completed.departs ? 'departs-from-findings' : 'follows-findings',
      text: {
        zh: `${open.spec.title.zh}（${decision.source}${task.assignee ? `，${task.assignee}` : ''}）：${summarise(completed.data, open.spec.justification)}${completed.departs ? `；偏离核查结果，理由：${completed.justification ?? ''}` : '；与核查结果一致'}`,
        en: `${open.spec.title.en} (${decision.source}${task.assignee ? `, ${task.assignee}` : ''}): ${summarise(completed.data, open.spec.justification)}${completed.departs ? `; departs from the findings because: ${completed.justification ?? ''}` : '; follows the findings'}`,
      },
      decision: completed.data,
      ...(completed.departs && { justification: completed.justification ?? '' }),
    });
    instance.completeUserTask(task.key, completed.data);
  }

  private stepped(): 'running' {
    this.save();
    return 'running';
  }

  private async runJob(instance: ProcessInstance, job: Job): Promise<void> {
    const handler = this.handlers[job.type];
    const retriesLeft = this.file.retries[job.key] ?? job.retries;
    const context: JobContext = {
      type: job.type,
      now: this.clock.now(),
      retries: retriesLeft - 1,
      headers: job.headers,
      publishMessage: (message) => this.publish(message),
    };
    const base = { processId: instance.processId, instance: instance.key, elementId: job.elementId, taskType: job.type, ...this.named(job.elementName) };
    try {
      if (!handler) throw new Error(`no handler for job type "${job.type}"`);
      const result = await handler(job.variables, context);
      delete this.file.retries[job.key];
      this.record({
        ...base,
        kind: 'job',
        clause: result.decision.clause,
        outcome: result.decision.outcome,
        text: result.decision.text,
        ...(result.decision.findings?.length && { findings: result.decision.findings }),
      });
      instance.complete(job.key, result.variables);
    } catch (err) {
      if (isBusinessRuleError(err)) {
        delete this.file.retries[job.key];
        this.record({
          ...base,
          kind: 'bpmn-error',
          clause: err.clause,
          errorCode: err.code,
          outcome: 'error',
          text: { zh: `BPMN 错误 ${err.code}：${err.text.zh}`, en: `BPMN error ${err.code}: ${err.text.en}` },
          ...(err.findings.length && { findings: err.findings }),
        });
        instance.throwError(job.key, err.code, err.message, err.variables);
        return;
      }
      const message = (err as Error).message;
      const clause = instance.elementInfo(job.elementId).clause ?? '6';
      if (retriesLeft - 1 > 0) {
        this.file.retries[job.key] = retriesLeft - 1;
        this.record({
          ...base,
          kind: 'retry',
          clause,
          text: { zh: `作业失败，将重试（剩余 ${retriesLeft - 1} 次）：${message}`, en: `job failed, retrying (${retriesLeft - 1} left): ${message}` },
        });
        return;
      }
      delete this.file.retries[job.key];
      instance.failJob(job.key, `${job.type}: ${message}`);
    }
  }

  /**
   * Zeebe semantics: a message of the contract is buffered for its TTL; an open subscription with that name and
   * key gets it, else a message start event, else it waits in the buffer for a subscription to open. A message
   * id is published once within the TTL. An unknown name or a key that is no string or number fails the job.
   */
  private async publish(message: PublishedMessage): Promise<void> {
    if (!KNOWN_MESSAGES.has(message.name)) throw new Error(`message "${message.name}" is no message of the contract (bpmn/src/task-types.ts MESSAGES)`);
    const correlationKey = message.correlationKey === undefined ? undefined : correlationKeyOf(message.correlationKey);
    this.expireMessages();
    if (message.messageId !== undefined && this.file.messages.some((m) => m.messageId === message.messageId && m.name === message.name)) return;
    const buffered: BufferedMessage = {
      name: message.name,
      ...(correlationKey !== undefined && { correlationKey }),
      ...(message.messageId !== undefined && { messageId: message.messageId }),
      variables: message.variables,
      expiresAt: addDuration(this.clock.now(), MESSAGE_TTL).toISOString(),
      correlated: false,
    };
    this.file.messages.push(buffered);
    if (this.deliver(buffered)) return;
    const model = MESSAGE_STARTS[message.name];
    if (model) {
      buffered.correlated = true;
      const instance = this.newInstance(model, {});
      this.record({
        processId: instance.processId,
        instance: instance.key,
        kind: 'message',
        clause: '6.7.1',
        text: { zh: `消息 ${message.name} 启动 ${instance.processId}`, en: `message ${message.name} starts ${instance.processId}` },
      });
      await instance.start({ name: message.name, variables: message.variables });
      return;
    }
    this.record({
      processId: '-',
      instance: '-',
      kind: 'message-uncorrelated',
      clause: '6',
      text: {
        zh: `消息 ${message.name} 暂无等待方，缓存至 ${buffered.expiresAt.slice(0, 16)}`,
        en: `message ${message.name} buffered until ${buffered.expiresAt.slice(0, 16)}: nothing waits for it yet`,
      },
    });
  }

  /** A buffered message to the first open subscription of its name and key, if one is open now. */
  private deliver(message: BufferedMessage): boolean {
    for (const { instance } of this.instances) {
      if (instance.status !== 'active') continue;
      const caught = instance.correlate(message.name, message.correlationKey, message.variables);
      if (caught) {
        message.correlated = true;
        this.record({
          processId: instance.processId,
          instance: instance.key,
          kind: 'message',
          elementId: caught.elementId,
          ...this.named(caught.elementName),
          clause: instance.elementInfo(caught.elementId).clause ?? '6',
          text: {
            zh: `消息 ${message.name} → ${oneLine(caught.elementName) ?? caught.elementId}`,
            en: `message ${message.name} → ${oneLine(caught.elementName) ?? caught.elementId}`,
          },
        });
        return true;
      }
    }
    return false;
  }

  /** Buffered messages whose subscription opened since they were published: one correlated per step. */
  private correlateBuffered(): boolean {
    this.expireMessages();
    return this.file.messages.some((m) => !m.correlated && this.deliver(m));
  }

  /** A message past its TTL leaves the buffer (and frees its id); one never correlated is noted in the trail. */
  private expireMessages(): void {
    const now = this.clock.now().toISOString();
    for (const m of this.file.messages.filter((m) => m.expiresAt <= now)) {
      if (!m.correlated) {
        this.record({
          processId: '-',
          instance: '-',
          kind: 'message-uncorrelated',
          clause: '6',
          text: { zh: `消息 ${m.name} 在有效期内无人接收，已过期`, en: `message ${m.name} expired uncorrelated` },
        });
      }
    }
    this.file.messages = this.file.messages.filter((m) => m.expiresAt > now);
  }

  /** An external event is published as its message with the certificate (or application) it concerns as key. */
  private async deliverEvent(event: ExternalEvent): Promise<void> {
    const spec = eventSpec(event.kind);
    const waiting = this.instances.flatMap(({ instance }) => instance.subscriptions()).find((s) => s.messageName === spec.message);
    await this.publish({
      name: spec.message,
      ...(waiting?.correlationKey !== undefined && { correlationKey: waiting.correlationKey }),
      variables: spec.payload(event.on, event.value),
    });
  }

  private nextTimer(active: Array<{ instance: ProcessInstance }>): { instance: ProcessInstance; ref: TimerRef } | undefined {
    let best: { instance: ProcessInstance; ref: TimerRef } | undefined;
    for (const { instance } of active) {
      const ref = instance.nextTimer();
      if (ref && (!best || ref.due.getTime() < best.ref.due.getTime())) best = { instance, ref };
    }
    return best;
  }

  private fireTimer(instance: ProcessInstance, ref: TimerRef): void {
    const elementId = ref.owner?.id;
    const info = elementId ? instance.elementInfo(elementId) : {};
    const name = oneLine(info.name) ?? elementId ?? 'timer';
    this.clock.advanceTo(ref.due);
    this.record({
      processId: instance.processId,
      instance: instance.key,
      kind: 'timer',
      ...(elementId !== undefined && { elementId }),
      ...this.named(info.name),
      clause: info.clause ?? '6.7.1',
      text: { zh: `定时到期：${name}`, en: `timer fired: ${name}` },
    });
    instance.fireTimer(ref);
  }

  private noteHorizon(timer: { instance: ProcessInstance; ref: TimerRef } | undefined, event: ExternalEvent | undefined): void {
    const elementId = timer?.ref.owner?.id;
    const info = timer && elementId ? timer.instance.elementInfo(elementId) : {};
    const what = timer ? `${oneLine(info.name) ?? elementId} ${timer.ref.due.toISOString().slice(0, 10)}` : `${event!.kind} ${event!.on}`;
    this.record({
      processId: timer?.instance.processId ?? '-',
      instance: timer?.instance.key ?? '-',
      kind: 'horizon',
      clause: info.clause ?? (event ? eventSpec(event.kind).clause : '6.8.1'),
      text: { zh: `模拟截止 ${this.file.until.slice(0, 10)}；下一步：${what}`, en: `simulation ends ${this.file.until.slice(0, 10)}; next: ${what}` },
    });
  }

  private newInstance(model: ModelKey, variables: Variables, key?: string): ProcessInstance {
    const count = this.instances.filter((i) => i.model === model).length + 1;
    const instance: ProcessInstance = new ProcessInstance({
      key: key ?? `${this.file.caseId}/${model}-${count}`,
      processId: PROCESS_OF_MODEL[model],
      model: this.options.models[model],
      clock: this.clock,
      variables,
      onEvent: (event) => this.onInstanceEvent(instance, event),
    });
    this.instances.push({ model, instance });
    return instance;
  }

  private onInstanceEvent(instance: ProcessInstance, event: InstanceEvent): void {
    if (event.kind === 'end-event') {
      const name = oneLine(event.elementName) ?? event.elementId;
      const scope = event.subProcess ? oneLine(event.subProcess)! : instance.processId;
      this.record({
        processId: instance.processId,
        instance: instance.key,
        kind: 'end',
        elementId: event.elementId,
        ...this.named(event.elementName),
        clause: event.clause ?? '6',
        text: { zh: `${scope} 结束：${name}`, en: `${scope} ended: ${name}` },
      });
    } else if (event.kind === 'incident') {
      this.record({
        processId: instance.processId,
        instance: instance.key,
        kind: 'incident',
        ...(event.elementId !== undefined && { elementId: event.elementId }),
        clause: (event.elementId && instance.elementInfo(event.elementId).clause) || '6',
        text: { zh: `事故（incident）：${event.message}`, en: `incident: ${event.message}` },
      });
    }
  }

  private named(name: string | undefined): { elementName?: string } {
    const line = oneLine(name);
    return line ? { elementName: line } : {};
  }

  private record(draft: Omit<TrailDraft, 'at'>): void {
    const e = entry(this.file.trail.length + 1, { at: this.clock.now().toISOString(), ...draft });
    this.file.trail.push(e);
    this.options.onStep?.(e);
  }

  private save(): void {
    if (!this.options.store) return;
    this.file.clock = this.clock.now().toISOString();
    this.file.instances = this.instances.map(({ model, instance }) => ({ model, ...instance.snapshot() }));
    this.options.store.save(this.file);
  }
}

/** The decision fields of a completed form in one line: scalars as they are, records by their scalar fields (dates, notes and the justification left out). */
function summarise(data: Variables, justification: string): string {
  const skip = new Set([justification.split('.').at(-1)!, 'notes', 'details', 'reviewedOn', 'verifiedOn', 'witnessedOn', 'member']);
  const part = (key: string, value: unknown): string | undefined => {
    if (skip.has(key) || key === justification) return undefined;
    if (value === null || typeof value !== 'object') return `${key}=${String(value)}`;
    if (Array.isArray(value)) return `${key}=[${value.length}]`;
    const inner = Object.entries(value as Variables)
      .map(([k, v]) => part(k, v))
      .filter(Boolean);
    // a long record (a surveillance review) is in the case's variables; the line names what decides
    return inner.length > 0 && inner.length <= 3 ? `${key}{${inner.join(', ')}}` : inner.length > 3 ? `${key}{…}` : undefined;
  };
  return Object.entries(data)
    .map(([k, v]) => part(k, v))
    .filter(Boolean)
    .join(', ');
}
