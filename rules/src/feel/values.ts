/**
 * FEEL values as the rule language has them (null, boolean, number, string, list, context, range, function)
 * and feelin's meaning of equality, order and `string()` over them, so a rule reads the same whether feelin
 * or this interpreter runs it (a test compares the two on every shipped rule). Temporal values are not part
 * of the rule language.
 */
import type { Span } from './ast.js';
import type { Budget } from './budget.js';

export type FeelValue = null | boolean | number | string | FeelValue[] | FeelContext | FeelRange | FeelCallable | undefined;
export interface FeelContext {
  [key: string]: FeelValue;
}
/** A builtin, or a function the facts carry (e.g. `finance.auditWindow`). */
export type FeelCallable = (...args: FeelValue[]) => FeelValue;

export class FeelRange {
  constructor(
    readonly start: FeelValue,
    readonly end: FeelValue,
    readonly startIncluded: boolean,
    readonly endIncluded: boolean,
  ) {}
}

export class FeelRuntimeError extends Error {}

export type FeelType = 'nil' | 'boolean' | 'number' | 'string' | 'list' | 'context' | 'range' | 'function' | 'literal';

export function isContext(value: unknown): value is FeelContext {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

export function typeOf(value: unknown): FeelType {
  if (value === null || value === undefined) return 'nil';
  switch (typeof value) {
    case 'boolean':
      return 'boolean';
    case 'number':
      return 'number';
    case 'string':
      return 'string';
    case 'function':
      return 'function';
    default:
      if (Array.isArray(value)) return 'list';
      if (value instanceof FeelRange) return 'range';
      return isContext(value) ? 'context' : 'literal';
  }
}

/** An own entry of a context (never one of Object.prototype's), or undefined. */
export function entryOf(value: unknown, key: string): FeelValue {
  if (!isContext(value)) return undefined;
  if (Object.hasOwn(value, key)) return value[key];
  const normal = key.replace(/\s+/g, ' ');
  for (const k of Object.keys(value)) if (k.replace(/\s+/g, ' ') === normal) return value[k];
  return undefined;
}

/** feelin's `equals`: null only equals null, one-element lists compare as their element, other type mixes are null. */
export function equals(a: FeelValue, b: FeelValue, budget: Budget, at: Span): boolean | null {
  budget.step(at);
  if ((a === null) !== (b === null)) return false;
  if (Array.isArray(a) && a.length < 2) a = a[0];
  if (Array.isArray(b) && b.length < 2) b = b[0];
  const aType = typeOf(a);
  const bType = typeOf(b);
  if (aType !== bType) return null;
  if (aType === 'nil') return true;
  if (aType === 'list') {
    const x = a as FeelValue[];
    const y = b as FeelValue[];
    if (x.length !== y.length) return false;
    return x.every((element, i) => equals(element, y[i], budget, at));
  }
  if (aType === 'context') {
    const x = Object.entries(a as FeelContext);
    const y = b as FeelContext;
    if (x.length !== Object.keys(y).length) return false;
    return x.every(([key, value]) => Object.hasOwn(y, key) && equals(value, y[key], budget, at));
  }
  if (aType === 'range') {
    const x = a as FeelRange;
    const y = b as FeelRange;
    return (
      x.startIncluded === y.startIncluded &&
      x.endIncluded === y.endIncluded &&
      equals(x.start, y.start, budget, at) === true &&
      equals(x.end, y.end, budget, at) === true
    );
  }
  return a === b;
}

const RANGE_TYPES = new Set<FeelType>(['string', 'number']);

/** feelin's `createRange`: bounds of one orderable type (or null); anything else stops the evaluation. */
export function makeRange(start: FeelValue, end: FeelValue, startIncluded: boolean, endIncluded: boolean): FeelRange {
  const startType = start === null || start === undefined ? null : typeOf(start);
  const endType = end === null || end === undefined ? null : typeOf(end);
  const type = startType ?? endType;
  const ok = type !== null && RANGE_TYPES.has(type) && (startType === null || startType === type) && (endType === null || endType === type);
  if (!ok && !(startType === null && endType === null)) throw new FeelRuntimeError(`unsupported range: ${typeOf(start)}..${typeOf(end)}`);
  return new FeelRange(start ?? null, end ?? null, startIncluded, endIncluded);
}

function cmp(a: FeelValue, b: FeelValue): number {
  const x = a as number;
  const y = b as number;
  return x < y ? -1 : x > y ? 1 : 0;
}

export function rangeIncludes(range: FeelRange, value: FeelValue): boolean | null {
  let { start, end, startIncluded, endIncluded } = range;
  if (start === null && end === null) return null;
  if (value === null || value === undefined) return null;
  if (value instanceof FeelRange) return rangeIncludesRange(range, value);
  if (start !== null && end !== null && cmp(start, end) > 0) {
    [start, end] = [end, start];
    [startIncluded, endIncluded] = [endIncluded, startIncluded];
  }
  const afterStart = start === null || (startIncluded ? cmp(value, start) >= 0 : cmp(value, start) > 0);
  const beforeEnd = end === null || (endIncluded ? cmp(value, end) <= 0 : cmp(value, end) < 0);
  return afterStart && beforeEnd;
}

function rangeIncludesRange(container: FeelRange, value: FeelRange): boolean {
  const startOk =
    container.start === null ||
    (value.start !== null && ((c) => c < 0 || (c === 0 && (container.startIncluded || !value.startIncluded)))(cmp(container.start, value.start)));
  const endOk =
    container.end === null ||
    (value.end !== null && ((c) => c > 0 || (c === 0 && (container.endIncluded || !value.endIncluded)))(cmp(container.end, value.end)));
  return startOk && endOk;
}

/** `a < b` and friends the way feelin reads them: `b` becomes a half-open range that must include `a`. */
export function order(op: '<' | '<=' | '>' | '>=', a: FeelValue, b: FeelValue): boolean | null {
  const range =
    op === '>'
      ? makeRange(b, null, false, false)
      : op === '>='
        ? makeRange(b, null, true, false)
        : op === '<'
          ? makeRange(null, b, false, false)
          : makeRange(null, b, false, true);
  return rangeIncludes(range, a);
}

/** A test value against a value: functions test, ranges include, anything else compares equal. */
export function testValue(test: FeelValue, value: FeelValue, budget: Budget, at: Span): boolean | null {
  if (typeof test === 'function') return test(value) as boolean | null;
  if (test instanceof FeelRange) return rangeIncludes(test, value);
  return equals(test, value, budget, at);
}

export function isTruthy(value: FeelValue): boolean {
  return value !== false && value !== null;
}

/** feelin's `string()`: FEEL syntax for lists and contexts, plain text for strings; counts what it builds. */
export function feelString(value: FeelValue, budget: Budget, at: Span, wrap = false): string {
  budget.step(at);
  let out: string;
  switch (typeOf(value)) {
    case 'nil':
      out = 'null';
      break;
    case 'string':
      out = wrap ? `"${(value as string).replace(/("|\\)/g, '\\$1')}"` : (value as string);
      break;
    case 'boolean':
      out = value ? 'true' : 'false';
      break;
    case 'number':
      out = (value as number).toString();
      break;
    case 'list':
      out = '[' + (value as FeelValue[]).map((v) => feelString(v, budget, at, true)).join(', ') + ']';
      break;
    case 'context':
      out =
        '{' +
        Object.entries(value as FeelContext)
          .map(([key, v]) => `${/\W/.test(key) ? feelString(key, budget, at, true) : key}: ${feelString(v, budget, at, true)}`)
          .join(', ') +
        '}';
      break;
    case 'range':
      out = '<range>';
      break;
    case 'function':
      out = '<function>';
      break;
    default:
      throw new FeelRuntimeError(`not implemented: string(${typeOf(value)})`);
  }
  budget.grow(at, out.length);
  return out;
}
