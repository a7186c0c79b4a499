/**
 * What one rule check may spend: steps (loop iterations, elements compared or copied, characters matched),
 * cells (list elements, context entries and characters of the values it builds) and wall time, with an optional
 * cancellation flag another thread can raise. Rule files are untrusted: these bounds are what turns a rule
 * that would hang or exhaust memory into a finding on that rule.
 */
import type { Span } from './ast.js';

export interface Limits {
  steps: number;
  cells: number;
  /** Milliseconds for one check. */
  timeMs: number;
}

/** Far above what the shipped rulebook spends on the largest manifest the schema admits, far below a hang. */
export const DEFAULT_LIMITS: Limits = { steps: 2_000_000, cells: 1_000_000, timeMs: 2_000 };

export type Overrun = 'steps' | 'cells' | 'time' | 'cancelled';

export class BudgetExceeded extends Error {
  constructor(
    readonly reason: Overrun,
    readonly at: Span,
    readonly limit: number,
  ) {
    super(`FEEL evaluation exceeded its budget (${reason})`);
  }
}

/** Values of the cancellation flag: a newer edit made the evaluation pointless; its deadline passed. */
export const CANCELLED = 1;
export const OUT_OF_TIME = 2;

/** How often (in steps) the clock and the cancellation flag are read: rarely enough to cost nothing. */
const CLOCK_EVERY = 4096;

export class Budget {
  private steps: number;
  private cells: number;
  private untilClock = CLOCK_EVERY;
  private readonly deadline: number;

  constructor(
    readonly limits: Limits = DEFAULT_LIMITS,
    /** Index 0 set (Atomics.store) stops the evaluation at its next clock reading: {@link CANCELLED} or {@link OUT_OF_TIME}. */
    private readonly cancel?: Int32Array,
    /** A `performance.now()` time the whole evaluation must end by, when sooner than this check's own limit. */
    until = Infinity,
  ) {
    this.steps = limits.steps;
    this.cells = limits.cells;
    this.deadline = Math.min(performance.now() + limits.timeMs, until);
    this.untilSooner = until < performance.now() + limits.timeMs;
  }

  /** The whole evaluation's deadline, not this check's own limit, is the one that can pass. */
  private readonly untilSooner: boolean;

  step(at: Span, n = 1): void {
    this.steps -= n;
    if (this.steps < 0) throw new BudgetExceeded('steps', at, this.limits.steps);
    this.untilClock -= n;
    if (this.untilClock <= 0) {
      this.untilClock = CLOCK_EVERY;
      const flag = this.cancel ? Atomics.load(this.cancel, 0) : 0;
      if (flag === OUT_OF_TIME) throw new BudgetExceeded('time', at, 0);
      if (flag !== 0) throw new BudgetExceeded('cancelled', at, 0);
      if (performance.now() > this.deadline) throw new BudgetExceeded('time', at, this.untilSooner ? 0 : this.limits.timeMs);
    }
  }

  grow(at: Span, n: number): void {
    this.cells -= n;
    if (this.cells < 0) throw new BudgetExceeded('cells', at, this.limits.cells);
    this.step(at, n);
  }
}
