/** The standard's periods as ISO 8601 durations, read by the models' timers, the handlers and the lint rules. */
export const DURATIONS = {
  /** 6.7.1: never more than 12 months between two surveillance reviews. */
  surveillanceInterval: 'P12M',
  /** Annual surveillance starts this long before its 12-month deadline (our planning choice, not the standard's). */
  surveillanceLeadTime: 'P1M',
  /** 6.8.2: a suspension lasts "一般为三个月" (generally three months). */
  suspensionPeriod: 'P3M',
  /** 4.x.5 b), annex track records: "近3年" — the last three years before the as-of date. */
  trackRecordWindow: 'P3Y',
} as const;
export type DurationName = keyof typeof DURATIONS;
