/** Simulated time: a case spanning years runs in milliseconds, and every run of it sees the same dates. */
export interface Clock {
  now(): Date;
}

export class VirtualClock implements Clock {
  #ms: number;

  constructor(start: Date) {
    if (Number.isNaN(start.getTime())) throw new Error('virtual clock needs a valid start date');
    this.#ms = start.getTime();
  }

  now(): Date {
    return new Date(this.#ms);
  }

  /** Moves forward only: a timer due in the past fires "now", it does not rewind the case. */
  advanceTo(date: Date): void {
    if (date.getTime() > this.#ms) this.#ms = date.getTime();
  }
}
