/**
 * The FEEL built-in functions of the rule language: feelin's, with feelin's argument checks (a wrong type
 * makes the call null), minus temporal ones. Each spends from the evaluation's budget in proportion to its
 * work, and regular expressions (`matches`, `replace`, `split`) run on RE2 (re2js): linear time whatever the
 * pattern, so `^(a+)+$` cannot backtrack.
 */
import type { RE2JS } from 're2js';
import { re2js } from '../on-demand.js';
import type { Span } from './ast.js';
import type { Budget } from './budget.js';
import { equals, feelString, type FeelContext, FeelRuntimeError, type FeelValue, isContext, typeOf } from './values.js';

type BuiltinImpl = (args: FeelValue[], budget: Budget, at: Span) => FeelValue;

export interface Builtin {
  /** Parameter names, for named arguments; `...name` takes the rest. */
  params: string[];
  call: BuiltinImpl;
}

const FALSE = Symbol('invalid argument');

/** feelin's `createArgTester`: `list` wraps a single value, other types unwrap a one-element list. */
function test(definition: string, value: FeelValue): FeelValue | typeof FALSE {
  const optional = definition.endsWith('?');
  const type = optional ? definition.slice(0, -1) : definition;
  if (type === 'list') {
    if (Array.isArray(value) || (optional && value === undefined)) return value;
    if (value === undefined || value === null) return FALSE;
    return [value];
  }
  if (type !== 'any' && Array.isArray(value) && value.length === 1) value = value[0];
  const actual = typeOf(value);
  if (type === 'any' || type === actual) return optional ? value : value !== undefined ? value : FALSE;
  if (actual === 'nil') return optional ? value : FALSE;
  return FALSE;
}

/** A function with typed parameters (feelin's `fn`). */
function fn(types: string[], params: string[], impl: (b: Budget, at: Span, ...args: never[]) => FeelValue): Builtin {
  return {
    params,
    call: (args, budget, at) => {
      const converted: FeelValue[] = [];
      for (let i = 0; i < Math.max(args.length, types.length); i++) {
        const value = types[i] ? test(types[i]!, args[i]) : args[i];
        if (value === FALSE) return null;
        converted.push(value);
      }
      return (impl as (b: Budget, at: Span, ...args: FeelValue[]) => FeelValue)(budget, at, ...converted);
    },
  };
}

/** A function over a list or over its arguments, each of one type (feelin's `listFn`). */
function listFn(type: string, impl: (list: FeelValue[], b: Budget, at: Span) => FeelValue): Builtin {
  return {
    params: ['...list'],
    call: (args, budget, at) => {
      if (args.length === 0) return null;
      const list = args.length === 1 && Array.isArray(args[0]) ? args[0] : args;
      budget.step(at, list.length);
      if (!list.every((v) => test(type, v) !== FALSE)) return null;
      return impl(list, budget, at);
    },
  };
}

/** A list the evaluation builds: its elements count against the budget before it exists. */
function built<T extends FeelValue[]>(budget: Budget, at: Span, size: number, make: () => T): T {
  budget.grow(at, size);
  return make();
}

/** re2js is loaded on the first pattern: most rule evaluations never need one. */
let re2: typeof RE2JS | undefined;
const RE2 = (): typeof RE2JS => (re2 ??= re2js().RE2JS);

const MAX_PATTERN = 1000;
const patterns = new Map<string, RE2JS | null>();

/** A pattern compiled once per process; null when RE2 cannot read it (the call is then null, as in feelin). */
function regexp(pattern: string, flags: string, at: Span, budget: Budget): RE2JS | null {
  if (/[^smix]/.test(flags)) return null;
  if (flags.includes('x')) throw new FeelRuntimeError('not implemented: matches <x> flag');
  if (pattern.length > MAX_PATTERN) return null;
  budget.step(at, pattern.length);
  const key = `${flags}\u0000${pattern}`;
  let compiled = patterns.get(key);
  if (compiled === undefined) {
    const engine = RE2();
    let bits = 0;
    if (flags.includes('i')) bits |= engine.CASE_INSENSITIVE;
    if (flags.includes('s')) bits |= engine.DOTALL;
    if (flags.includes('m')) bits |= engine.MULTILINE;
    try {
      compiled = engine.compile(pattern, bits);
    } catch {
      compiled = null;
    }
    if (patterns.size > 1000) patterns.clear();
    patterns.set(key, compiled);
  }
  return compiled;
}

function numberFromString(from: string, grouping: FeelValue, decimal: FeelValue): FeelValue {
  let text = from;
  if (typeof grouping === 'string' && grouping) text = text.split(grouping).join('');
  if (typeof decimal === 'string' && decimal && decimal !== '.') text = text.split('.').join('#').split(decimal).join('.');
  const number = +text;
  return isNaN(number) ? null : number;
}

function distinct(lists: FeelValue[][], budget: Budget, at: Span): FeelValue[] {
  const result: FeelValue[] = [];
  const scalars = new Set<FeelValue>();
  const complex: FeelValue[] = [];
  for (const list of lists) {
    for (const e of list) {
      budget.step(at);
      const scalar = (typeof e === 'number' && !Number.isNaN(e)) || typeof e === 'string' || typeof e === 'boolean' || e === null || e === undefined;
      if (scalar) {
        if (scalars.has(e) || complex.some((c) => equals(e, c, budget, at))) continue;
        scalars.add(e);
        result.push(e);
        continue;
      }
      if (result.some((r) => equals(e, r, budget, at))) continue;
      complex.push(e);
      result.push(e);
    }
  }
  budget.grow(at, result.length);
  return result;
}

function flatten(list: FeelValue[], budget: Budget, at: Span): FeelValue[] {
  const result: FeelValue[] = [];
  const stack: [FeelValue[], number][] = [[list, 0]];
  while (stack.length) {
    const frame = stack[stack.length - 1]!;
    const [items, index] = frame;
    if (index >= items.length) {
      stack.pop();
      continue;
    }
    frame[1]++;
    const item = items[index];
    budget.step(at);
    if (Array.isArray(item)) stack.push([item, 0]);
    else if (item !== undefined) {
      budget.grow(at, 1);
      result.push(item);
    }
  }
  return result;
}

const sum = (list: FeelValue[]): FeelValue => list.reduce<FeelValue>((total, el) => (total === null ? el : (total as number) + (el as number)), null);
const offsetted = (f: (n: number) => number, n: number, scale: number): number => {
  const result = f(n * Math.pow(10, scale)) / Math.pow(10, scale);
  return isNaN(result) ? n : result;
};
const bankersRound = (n: number): number => {
  const floored = Math.floor(n);
  if (n - floored === 0.5) return floored % 2 === 0 ? floored : floored + 1;
  return Math.round(n);
};
const slice = (list: FeelValue[] | string[], start: number, length: FeelValue) => {
  const from = start < 0 ? list.length + start : start - 1;
  return length !== undefined ? list.slice(from, from + (length as number)) : list.slice(from);
};

const str = (b: Budget, at: Span, s: string): string => {
  b.grow(at, s.length);
  return s;
};

export const BUILTINS: Record<string, Builtin> = {
  number: fn(['string', 'string?', 'string?'], ['from', 'grouping separator', 'decimal separator'], (_b, _at, from: string, g: FeelValue, d: FeelValue) =>
    numberFromString(from, g, d),
  ),
  string: fn(['any'], ['from'], (b, at, from: FeelValue) => (from === null ? null : feelString(from, b, at))),
  not: fn(['any'], ['negand'], (_b, _at, negand: FeelValue) => (typeof negand === 'boolean' ? !negand : null)),
  substring: fn(['string', 'number', 'number?'], ['string', 'start position', 'length'], (b, at, s: string, start: number, length: FeelValue) => {
    b.step(at, s.length);
    return str(b, at, (slice(Array.from(s), start, length) as string[]).join(''));
  }),
  'string length': fn(['string'], ['string'], (b, at, s: string) => {
    b.step(at, s.length);
    return s.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, '_').length;
  }),
  'upper case': fn(['string'], ['string'], (b, at, s: string) => str(b, at, s.toUpperCase())),
  'lower case': fn(['string'], ['string'], (b, at, s: string) => str(b, at, s.toLowerCase())),
  'substring before': fn(['string', 'string'], ['string', 'match'], (b, at, s: string, match: string) => {
    b.step(at, s.length);
    const i = s.indexOf(match);
    return i === -1 ? '' : str(b, at, s.substring(0, i));
  }),
  'substring after': fn(['string', 'string'], ['string', 'match'], (b, at, s: string, match: string) => {
    b.step(at, s.length);
    const i = s.indexOf(match);
    return i === -1 ? '' : str(b, at, s.substring(i + match.length));
  }),
  replace: fn(
    ['string', 'string', 'string', 'string?'],
    ['input', 'pattern', 'replacement', 'flags'],
    (b, at, input: string, pattern: string, replacement: string, flags: FeelValue) => {
      const re = regexp(pattern, typeof flags === 'string' ? flags : '', at, b);
      if (!re) return null;
      b.step(at, input.length * Math.max(1, Math.ceil(pattern.length / 16)));
      return str(b, at, re.matcher(input).replaceAll(replacement.replace(/\$0/g, '$$&')));
    },
  ),
  contains: fn(['string', 'string'], ['string', 'match'], (b, at, s: string, match: string) => {
    b.step(at, s.length);
    return s.includes(match);
  }),
  matches: fn(['string', 'string', 'string?'], ['input', 'pattern', 'flags'], (b, at, input: string, pattern: string, flags: FeelValue) => {
    const re = regexp(pattern, typeof flags === 'string' ? flags : '', at, b);
    if (!re) return null;
    b.step(at, input.length * Math.max(1, Math.ceil(pattern.length / 16)));
    return re.test(input);
  }),
  'starts with': fn(['string', 'string'], ['string', 'match'], (_b, _at, s: string, match: string) => s.startsWith(match)),
  'ends with': fn(['string', 'string'], ['string', 'match'], (_b, _at, s: string, match: string) => s.endsWith(match)),
  split: fn(['string', 'string'], ['string', 'delimiter'], (b, at, s: string, delimiter: string) => {
    const re = regexp(delimiter, '', at, b);
    if (!re) return null;
    b.step(at, s.length * Math.max(1, Math.ceil(delimiter.length / 16)));
    const parts = re.split(s, -1);
    b.grow(at, parts.length + s.length);
    return parts;
  }),
  'string join': fn(['list', 'string?'], ['list', 'delimiter'], (b, at, list: FeelValue[], delimiter: FeelValue) => {
    b.step(at, list.length);
    if (list.some((e) => typeof e !== 'string' && e !== null)) return null;
    return str(b, at, (list.filter((l) => l !== null) as string[]).join(typeof delimiter === 'string' ? delimiter : ''));
  }),
  'list contains': fn(['list', 'any?'], ['list', 'element'], (b, at, list: FeelValue[], element: FeelValue) => {
    b.step(at, list.length);
    return list.some((el) => el === element);
  }),
  'list replace': fn(['list', 'any?', 'any'], ['list', 'position', 'newItem'], (b, at, list: FeelValue[], position: FeelValue, newItem: FeelValue) => {
    if (typeof position !== 'number') return null;
    return built(b, at, list.length, () => [...list.slice(0, position - 1), newItem, ...list.slice(position)]);
  }),
  count: fn(['list'], ['list'], (_b, _at, list: FeelValue[]) => list.length),
  min: listFn('number', (list) => list.reduce<FeelValue>((m, el) => (m === null ? el : Math.min(m as number, el as number)), null)),
  max: listFn('number', (list) => list.reduce<FeelValue>((m, el) => (m === null ? el : Math.max(m as number, el as number)), null)),
  sum: listFn('number', (list) => sum(list)),
  mean: listFn('number', (list) => {
    const s = sum(list);
    return s === null ? s : (s as number) / list.length;
  }),
  all: listFn('any?', (list) => {
    let nonBool = false;
    for (const o of list) {
      if (o === false) return false;
      if (typeof o !== 'boolean') nonBool = true;
    }
    return nonBool ? null : true;
  }),
  any: listFn('any?', (list) => {
    let nonBool = false;
    for (const o of list) {
      if (o === true) return true;
      if (typeof o !== 'boolean') nonBool = true;
    }
    return nonBool ? null : false;
  }),
  sublist: fn(['list', 'number', 'number?'], ['list', 'start', 'length'], (b, at, list: FeelValue[], start: number, length: FeelValue) => {
    const out = slice(list, start, length);
    b.grow(at, out.length);
    return out;
  }),
  append: {
    params: ['list', '...item'],
    call: (args, b, at) => {
      const list = test('list', args[0]);
      if (list === FALSE) return null;
      return built(b, at, (list as FeelValue[]).length + args.length, () => (list as FeelValue[]).concat(args.slice(1)));
    },
  },
  concatenate: {
    params: ['...list'],
    call: (args, b, at) => {
      const result: FeelValue[] = [];
      for (const arg of args) {
        if (Array.isArray(arg)) {
          b.grow(at, arg.length);
          for (const item of arg) result.push(item);
        } else {
          b.grow(at, 1);
          result.push(arg);
        }
      }
      return result;
    },
  },
  'insert before': fn(['list', 'number', 'any?'], ['list', 'position', 'newItem'], (b, at, list: FeelValue[], position: number, newItem: FeelValue) => {
    const len = list.length;
    let p = position - 1;
    if (p < 0) p = Math.max(0, len + p);
    else if (p > len) p = len;
    return built(b, at, len + 1, () => [...list.slice(0, p), newItem, ...list.slice(p)]);
  }),
  remove: fn(['list', 'number'], ['list', 'position'], (b, at, list: FeelValue[], position: number) => {
    const len = list.length;
    const head = Math.min(Math.max(position - 1, -len), len);
    const tail = Math.min(Math.max(position, -len), len);
    const a = head < 0 ? len + head : head;
    const z = tail < 0 ? len + tail : tail;
    return built(b, at, len, () => [...list.slice(0, a), ...list.slice(z)]);
  }),
  reverse: fn(['list'], ['list'], (b, at, list: FeelValue[]) => built(b, at, list.length, () => list.slice().reverse())),
  'index of': fn(['list', 'any'], ['list', 'match'], (b, at, list: FeelValue[], match: FeelValue) => {
    b.step(at, list.length);
    const out: FeelValue[] = [];
    list.forEach((element, index) => {
      if (element === match) out.push(index + 1);
    });
    return out;
  }),
  union: listFn('list', (lists, b, at) => distinct(lists as FeelValue[][], b, at)),
  'distinct values': fn(['list'], ['list'], (b, at, list: FeelValue[]) => distinct([list], b, at)),
  flatten: fn(['list'], ['list'], (b, at, list: FeelValue[]) => flatten(list, b, at)),
  product: listFn('number', (list) => (list.length === 0 ? null : list.reduce<number>((r, n) => r * (n as number), 1))),
  median: listFn('number', (list) => {
    if (list.length === 0) return null;
    const sorted = (list as number[]).slice().sort();
    const mid = list.length / 2 - 1;
    const index = Math.ceil(mid);
    return mid === index ? (sorted[index]! + sorted[index + 1]!) / 2 : sorted[index]!;
  }),
  stddev: listFn('number', (list) => {
    if (list.length < 2) return null;
    const xs = list as number[];
    const mean = xs.reduce((a, b) => a + b) / xs.length;
    return Math.sqrt(xs.map((x) => Math.pow(x - mean, 2)).reduce((a, b) => a + b) / (xs.length - 1));
  }),
  mode: listFn('number', (list) => {
    if (list.length < 2) return list;
    const buckets: Record<string, number> = {};
    for (const n of list as number[]) buckets[n] = (buckets[n] ?? 0) + 1;
    const sorted = Object.entries(buckets).sort((a, b) => b[1] - a[1]);
    return sorted.filter((s) => s[1] === sorted[0]![1]).map((e) => +e[0]);
  }),
  decimal: fn(['number', 'number'], ['n', 'scale'], (_b, _at, n: number, scale: number) => offsetted(bankersRound, n, scale)),
  floor: fn(['number', 'number?'], ['n', 'scale'], (_b, _at, n: number, scale: FeelValue = 0) => {
    if (scale === null) return null;
    const adjust = Math.pow(10, scale as number);
    return Math.floor(n * adjust) / adjust;
  }),
  ceiling: fn(['number', 'number?'], ['n', 'scale'], (_b, _at, n: number, scale: FeelValue = 0) => {
    if (scale === null) return null;
    const adjust = Math.pow(10, scale as number);
    return Math.ceil(n * adjust) / adjust;
  }),
  abs: fn(['any'], ['n'], (_b, _at, n: FeelValue) => (typeof n === 'number' ? Math.abs(n) : null)),
  'round up': fn(['number', 'number'], ['n', 'scale'], (_b, _at, n: number, scale: number) =>
    n > 0 ? offsetted(Math.ceil, n, scale) : offsetted(Math.floor, n, scale),
  ),
  'round down': fn(['number', 'number'], ['n', 'scale'], (_b, _at, n: number, scale: number) =>
    n > 0 ? offsetted(Math.floor, n, scale) : offsetted(Math.ceil, n, scale),
  ),
  'round half up': fn(['number', 'number'], ['n', 'scale'], (_b, _at, n: number, scale: number) =>
    Math.abs((n * Math.pow(10, scale)) % 1) === 0.5 ? offsetted(n > 0 ? Math.ceil : Math.floor, n, scale) : offsetted(Math.round, n, scale),
  ),
  'round half down': fn(['number', 'number'], ['n', 'scale'], (_b, _at, n: number, scale: number) =>
    Math.abs((n * Math.pow(10, scale)) % 1) === 0.5 ? offsetted(n > 0 ? Math.floor : Math.ceil, n, scale) : offsetted(Math.round, n, scale),
  ),
  modulo: fn(['number', 'number'], ['dividend', 'divisor'], (_b, _at, dividend: number, divisor: number) =>
    !divisor ? null : Math.round((((dividend % divisor) + divisor) % divisor) * 1e9) / 1e9,
  ),
  sqrt: fn(['number'], ['number'], (_b, _at, n: number) => (n < 0 ? null : Math.sqrt(n))),
  log: fn(['number'], ['number'], (_b, _at, n: number) => (n <= 0 ? null : Math.log(n))),
  exp: fn(['number'], ['number'], (_b, _at, n: number) => Math.exp(n)),
  odd: fn(['number'], ['number'], (_b, _at, n: number) => Math.abs(n) % 2 === 1),
  even: fn(['number'], ['number'], (_b, _at, n: number) => Math.abs(n) % 2 === 0),
  is: fn(['any?', 'any?'], ['value1', 'value2'], (b, at, x: FeelValue, y: FeelValue) => (x === undefined || y === undefined ? false : equals(x, y, b, at))),
  'get value': fn(['context', 'string'], ['m', 'key'], (_b, _at, m: FeelContext, key: string) => (Object.hasOwn(m, key) ? (m[key] ?? null) : null)),
  'get entries': fn(['context'], ['m'], (b, at, m: FeelContext) =>
    built(b, at, Object.keys(m).length * 2, () =>
      Object.entries(m).map(([key, value]) =>
        context([
          ['key', key],
          ['value', value],
        ]),
      ),
    ),
  ),
  context: listFn('context', (entries, b, at) => {
    b.grow(at, entries.length);
    const out = context([]);
    for (const entry of entries as FeelContext[]) {
      if (!Object.hasOwn(entry, 'key') || !Object.hasOwn(entry, 'value')) return null;
      const key = entry.key;
      if (typeof key !== 'string' || Object.hasOwn(out, key)) return null;
      out[key] = entry.value;
    }
    return out;
  }),
  'context merge': listFn('context', (contexts, b, at) => {
    const out = context([]);
    for (const c of contexts as FeelContext[]) {
      b.grow(at, Object.keys(c).length);
      for (const [k, v] of Object.entries(c)) out[k] = v;
    }
    return out;
  }),
  'context put': fn(
    ['context', 'list?', 'any', 'string?'],
    ['context', 'keys', 'value', 'key'],
    (b, at, c: FeelContext, keys: FeelValue, value: FeelValue, key: FeelValue) => {
      if (keys === undefined && key === undefined) return null;
      return contextPut(c, (keys as FeelValue[] | undefined) ?? [key], value, b, at);
    },
  ),
};

/** A context value: no prototype, so a `__proto__` or `constructor` key is just a key. */
export function context(entries: [string, FeelValue][]): FeelContext {
  const out = Object.create(null) as FeelContext;
  for (const [k, v] of entries) out[k] = v;
  return out;
}

function contextPut(c: FeelContext, keys: FeelValue[], value: FeelValue, b: Budget, at: Span): FeelValue {
  const [key, ...rest] = keys;
  if (typeof key !== 'string') return null;
  b.grow(at, Object.keys(c).length + 1);
  const out = context(Object.entries(c));
  if (rest.length === 0) out[key] = value;
  else {
    const inner = out[key];
    out[key] = contextPut(isContext(inner) ? inner : context([]), rest, value, b, at);
  }
  return out;
}
