/**
 * Drives one certification case on the embedded engine: activates jobs and runs their handlers, delivers
 * messages (published by handlers or scheduled as external events), fires timers in due-date order on the
 * virtual clock, and saves the case after every step. Everything the engine does between two steps is
 * synchronous, so each step ends with the engine at rest.
 */
import { MESSAGE_TTL, MESSAGES, PROCESS_IDS } from '@isccc/bpmn';
import { addDuration } from '@isccc/rules/vocabulary';
import type { CompiledModel } from '../engine/model.js';
import { ProcessInstance, type InstanceEvent, type Job } from '../engine/process-instance.js';
import { correlationKeyOf } from '../engine/correlation-key.js';
import { VirtualClock } from '../engine/virtual-clock.js';
import type { TimerRef } from '../engine/virtual-timers.js';
import { isBusinessRuleError, type JobContext, type PublishedMessage, type TaskHandler, type Variables } from '../../handlers/contract.js';
import { HANDLERS } from '../../handlers/registry.js';
import { type BufferedMessage, CASE_FORMAT, type CaseFile, type CaseStatus, type CaseStore } from './case-store.js';
import { eventSpec, type ExternalEvent } from './events.js';
import { entry, oneLine, type TrailDraft, type TrailEntry } from './trail.js';

export type ModelKey = 'certification' | 'lifecycle';

export interface CaseRunnerOptions {
  models: Record<ModelKey, CompiledModel>;
  handlers?: Readonly<Record<string, TaskHandler>>;
  /** Where the case is saved after every step; without one the case lives in memory only. */
  store?: CaseStore;
  onStep?: (entry: TrailEntry) => void;
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
}

/** Message start events of the models: the message that starts a lifecycle, per the task-type contract. */
const MESSAGE_STARTS: Readonly<Record<string, ModelKey>> = Object.fromEntries(MESSAGES.filter((m) => !('correlationKey' in m)).map((m) => [m.name, m.process]));

const PROCESS_OF_MODEL: Readonly<Record<ModelKey, string>> = PROCESS_IDS;

const KNOWN_MESSAGES: ReadonlySet<string> = new Set(MESSAGES.map((m) => m.name));

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

  /** Continues a saved case; `retry` resolves the incident at that element and runs it again. */
  static async resume(options: CaseRunnerOptions, retry?: string): Promise<CaseRunner> {
    const file = options.store?.load();
    if (!file) throw new Error('no saved case to resume');
    if (retry !== undefined && !file.instances.some((i) => i.status === 'incident' && i.incidentElementId === retry)) {
      const open = file.instances.filter((i) => i.status === 'incident').map((i) => i.incidentElementId ?? '?');
      throw new RetryError(`--retry ${retry}: no incident at that element${open.length ? `; incidents at: ${open.join(', ')}` : ''}`);
    }
    file.messages ??= [];
    if (retry !== undefined) file.status = 'running';
    const runner = new CaseRunner(options, file);
    for (const snapshot of file.instances) {
      const instance = runner.newInstance(snapshot.model as ModelKey, snapshot.variables, snapshot.key);
      await instance.resume(snapshot, retry);
    }
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

  async close(): Promise<void> {
    for (const { instance } of this.instances) await instance.stop();
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
    };
  }

  /** One step: a job, else the earliest of the next external event and the next timer. */
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

    const timer = this.nextTimer(active);
    const event = this.file.events[0];
    const eventAt = event ? new Date(`${event.on}T00:00:00Z`) : undefined;
    const until = new Date(this.file.until);
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
