/**
 * Zeebe's rule for the value of a correlation key (a subscription's `=expr`, or a published message's key): a
 * string as it is, a number turned to an integer; anything else is an incident, never `"[object Object]"`.
 */
export class CorrelationKeyError extends Error {
  constructor(readonly value: unknown) {
    super(`a correlation key must be a string or a number, but was ${describeValue(value)}`);
    this.name = 'CorrelationKeyError';
  }
}

export function correlationKeyOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(Math.trunc(value));
  throw new CorrelationKeyError(value);
}

/** A FEEL-ish name of a value's type, for incident messages. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `a list ${JSON.stringify(value).slice(0, 60)}`;
  if (typeof value === 'object') return `a context ${JSON.stringify(value).slice(0, 60)}`;
  if (typeof value === 'string') return `the string "${value}"`;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return `the ${typeof value} ${value}`;
  return typeof value;
}
