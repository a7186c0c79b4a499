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

/** How often (in steps) the clock and the cancellation flag are read: rarely enough to cost nothing. */
const CLOCK_EVERY = 4096;

export class Budget {
  private steps: number;
  private cells: number;
  private untilClock = CLOCK_EVERY;
  private readonly deadline: number;

  constructor(
    readonly limits: Limits = DEFAULT_LIMITS,
    /** Index 0 set to non-zero (Atomics.store) cancels the evaluation at its next clock reading. */
    private readonly cancel?: Int32Array,
  ) {
    this.steps = limits.steps;
    this.cells = limits.cells;
    this.deadline = performance.now() + limits.timeMs;
  }

  step(at: Span, n = 1): void {
    this.steps -= n;
    if (this.steps < 0) throw new BudgetExceeded('steps', at, this.limits.steps);
    this.untilClock -= n;
    if (this.untilClock <= 0) {
      this.untilClock = CLOCK_EVERY;
      if (this.cancel && Atomics.load(this.cancel, 0) !== 0) throw new BudgetExceeded('cancelled', at, 0);
      if (performance.now() > this.deadline) throw new BudgetExceeded('time', at, this.limits.timeMs);
    }
  }

  grow(at: Span, n: number): void {
    this.cells -= n;
    if (this.cells < 0) throw new BudgetExceeded('cells', at, this.limits.cells);
    this.step(at, n);
  }
}
