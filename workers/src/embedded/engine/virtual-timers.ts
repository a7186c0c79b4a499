/**
 * bpmn-elements asks its environment for `timers` and for `TimerEventDefinition` behaviour; both are replaced
 * here so that timers are scheduled by due date on a {@link VirtualClock} instead of by Node's `setTimeout`,
 * which cannot wait more than ~24.8 days and would tie a simulated case to wall time.
 */
import { TimerEventDefinition } from 'bpmn-elements';
import type { IncidentSink } from './feel.js';
import { dueDate, timerProblem } from './timer-due.js';
import type { VirtualClock } from './virtual-clock.js';

/** The part of a bpmn-elements timer content we read: which activity armed it and when it is due. */
interface TimerOwner {
  id?: string;
  executionId?: string;
  expireAt?: Date | string;
}

type TimerCallback = (...args: unknown[]) => void;

export interface TimerRef {
  timerId: string;
  owner: TimerOwner | null;
  due: Date;
  delay: number;
  callback: TimerCallback;
  args: unknown[];
}

export class VirtualTimers {
  readonly clock: VirtualClock;
  #count = 0;
  readonly #pending = new Map<string, TimerRef>();

  constructor(clock: VirtualClock) {
    this.clock = clock;
  }

  get executing(): TimerRef[] {
    return [...this.#pending.values()];
  }

  register(owner: TimerOwner): { setTimeout: VirtualTimers['setTimeout']; clearTimeout: VirtualTimers['clearTimeout'] } {
    return {
      setTimeout: (callback, delay, ...args) => this.#schedule(owner, callback, delay, args),
      clearTimeout: (ref) => this.clearTimeout(ref),
    };
  }

  setTimeout = (callback: TimerCallback, delay: number, ...args: unknown[]): TimerRef => this.#schedule(null, callback, delay, args);

  clearTimeout = (ref: TimerRef | undefined): undefined => {
    if (ref) this.#pending.delete(ref.timerId);
    return undefined;
  };

  /** The timer due first (the earliest armed one on a tie), if any. */
  next(): TimerRef | undefined {
    let first: TimerRef | undefined;
    for (const ref of this.#pending.values()) if (!first || ref.due.getTime() < first.due.getTime()) first = ref;
    return first;
  }

  /** Moves the clock to the timer's due date and lets the engine react, synchronously. */
  fire(ref: TimerRef): void {
    if (!this.#pending.delete(ref.timerId)) return;
    this.clock.advanceTo(ref.due);
    ref.callback(...ref.args);
  }

  #schedule(owner: TimerOwner | null, callback: TimerCallback, delay: number, args: unknown[]): TimerRef {
    const due = owner?.expireAt !== undefined ? new Date(owner.expireAt) : new Date(this.clock.now().getTime() + delay);
    const ref: TimerRef = { timerId: `timer_${this.#count++}`, owner, due, delay, callback, args };
    this.#pending.set(ref.timerId, ref);
    return ref;
  }
}

const TIMER_KINDS = ['timeDuration', 'timeDate', 'timeCycle'] as const;

interface ExecuteMessage {
  content: Record<string, unknown> & { expireAt?: string | Date; timeout?: number; inbound?: Array<Record<string, unknown>> };
}

interface TimerEventDefinitionBase {
  activity: { id: string };
  environment: { timers: VirtualTimers; expressions: { raiseIncident?: IncidentSink }; resolveExpression(expr: unknown, message: unknown): unknown };
  execute(executeMessage: ExecuteMessage): unknown;
  timeDuration?: string;
  timeDate?: string;
  timeCycle?: string;
}

const TimerEventDefinitionBaseClass = TimerEventDefinition as unknown as new (activity: unknown, eventDefinition: unknown) => TimerEventDefinitionBase;

/**
 * bpmn-elements' timer reads wall time (`new Date()`) when it resolves a due date; this one reads the case's
 * virtual clock. A persisted `expireAt` wins over a recomputed one, so a resumed case keeps its due dates.
 */
export class VirtualTimerEventDefinition extends TimerEventDefinitionBaseClass {
  /** A timer value Zeebe could not schedule is an incident at the event, which then waits (a retry reads it again). */
  override execute(executeMessage: ExecuteMessage): unknown {
    for (const kind of TIMER_KINDS) {
      if (this[kind] === undefined || kind in executeMessage.content) continue;
      const problem = timerProblem(kind, this.environment.resolveExpression(this[kind], executeMessage));
      if (problem) {
        this.environment.expressions.raiseIncident?.(this.activity.id, `${kind} ${this[kind]}: ${problem}`);
        return undefined;
      }
    }
    return super.execute(executeMessage);
  }

  _getTimers(executeMessage: ExecuteMessage): Record<string, unknown> {
    const content = executeMessage.content;
    const now = this.environment.timers.clock.now();
    const result: Record<string, unknown> & { expireAt?: Date } = {};
    if (content.expireAt !== undefined) result.expireAt = new Date(content.expireAt);

    for (const kind of TIMER_KINDS) {
      if (kind in content) result[kind] = content[kind];
      else if (this[kind] !== undefined) result[kind] = this.environment.resolveExpression(this[kind], executeMessage);
      else continue;

      const value = result[kind];
      const { due, repeat } = typeof value === 'string' && value !== '' ? dueDate(kind, value, now) : { due: now, repeat: undefined };
      if (result.expireAt === undefined || result.expireAt.getTime() > due.getTime()) {
        result.timerType = kind;
        result.expireAt = due;
        result.repeat = repeat;
      }
    }

    if (result.expireAt !== undefined) result.timeout = result.expireAt.getTime() - now.getTime();
    else if ('timeout' in content) result.timeout = content.timeout;
    else if (Object.keys(result).length === 0) result.timeout = 0;

    const inbound = content.inbound?.[0];
    if (inbound && 'repeat' in inbound) result.repeat = inbound.repeat;
    return result;
  }
}
