/**
 * A {@link FeelNode} compiled once into closures, run many times (every level, every manifest, every edit)
 * with a {@link Budget}: loops, filters and list-building builtins spend from it, so a rule that would hang
 * or fill memory stops with {@link BudgetExceeded} where it overran. Semantics are feelin's (three-valued
 * logic, null for type mismatches, feelin's filter and membership rules).
 */
import { type FeelNode, type Span, staticType, type UnaryTest } from './ast.js';
import { BUILTINS, type Builtin, context } from './builtins.js';
import type { Budget } from './budget.js';
import {
  entryOf,
  equals,
  type FeelCallable,
  FeelRange,
  FeelRuntimeError,
  type FeelValue,
  isContext,
  isTruthy,
  makeRange,
  order,
  rangeIncludes,
  testValue,
  typeOf,
} from './values.js';

/** Variables in force: a chain of prototype-less objects, innermost first. */
export type Scope = Record<string, FeelValue>;
export type Compiled = (scope: Scope, budget: Budget) => FeelValue;

/** A scope over `values` (the facts), with no Object.prototype behind it. */
export function scopeOf(values: Record<string, unknown>, parent: Scope | null = null): Scope {
  const scope = Object.create(parent) as Scope;
  for (const key of Object.keys(values)) scope[key] = values[key] as FeelValue;
  return scope;
}

const NOWHERE: Span = [0, 0];
const SCOPE_CELLS = 8;

/** A builtin handed around as a value (`{f: count}.f(xs)`) runs on the budget of the evaluation in progress. */
let running: Budget | undefined;
const builtinValues = new Map<string, FeelCallable>();
const builtinOf = new WeakMap<FeelCallable, Builtin>();
function builtinValue(name: string): FeelCallable {
  let value = builtinValues.get(name);
  if (!value) {
    const builtin = BUILTINS[name]!;
    value = (...args: FeelValue[]) => builtin.call(args, running!, NOWHERE);
    builtinOf.set(value, builtin);
    builtinValues.set(name, value);
  }
  return value;
}

export function run(compiled: Compiled, scope: Scope, budget: Budget): FeelValue {
  const outer = running;
  running = budget;
  try {
    const value = compiled(scope, budget);
    return value === undefined ? null : value;
  } finally {
    running = outer;
  }
}

export function compile(node: FeelNode): Compiled {
  switch (node.k) {
    case 'lit': {
      const value = node.v;
      return () => value;
    }
    case 'var': {
      const name = node.name;
      const builtin = Object.hasOwn(BUILTINS, name) ? builtinValue(name) : undefined;
      return (s) => {
        const value = s[name];
        return value !== undefined ? value : (builtin ?? null);
      };
    }
    case 'path': {
      const of = compile(node.of);
      const key = node.key;
      return (s, b) => {
        const target = of(s, b);
        if (Array.isArray(target)) return target.map((v) => entryOf(v, key) ?? null);
        return entryOf(target, key) ?? null;
      };
    }
    case 'filter':
      return filter(node.of, node.by, node.at);
    case 'call':
      return call(node);
    case 'list': {
      const items = node.items.map(compile);
      return (s, b) => items.map((item) => item(s, b));
    }
    case 'context': {
      const entries = node.entries.map(([key, value]) => [key, compile(value)] as const);
      return (s, b) => {
        const inner = Object.create(s) as Scope;
        const out = context([]);
        for (const [key, value] of entries) {
          const v = value(inner, b);
          inner[key] = v;
          out[key] = v;
        }
        return out;
      };
    }
    case 'if': {
      const [test, then, otherwise] = [compile(node.test), compile(node.then), compile(node.else)];
      return (s, b) => (isTruthy(test(s, b)) ? then(s, b) : otherwise(s, b));
    }
    case 'for':
    case 'some':
    case 'every':
      return iteration(node.k, node.over, node.body, node.at);
    case 'and':
    case 'or': {
      const [a, c] = [compile(node.a), compile(node.b)];
      const or = node.k === 'or';
      return (s, b) => {
        const left = a(s, b);
        const right = c(s, b);
        const x = typeof left === 'boolean' ? left : null;
        const y = typeof right === 'boolean' ? right : null;
        if (or) return x === true || y === true ? true : x === false && y === false ? false : null;
        return x === false || y === false ? false : x === true && y === true ? true : null;
      };
    }
    case 'compare': {
      const [a, c] = [compile(node.a), compile(node.b)];
      const { op, at } = node;
      if (op === '=') return (s, b) => equals(a(s, b), c(s, b), b, at);
      if (op === '!=')
        return (s, b) => {
          const result = equals(a(s, b), c(s, b), b, at);
          return result === null ? null : !result;
        };
      return (s, b) => {
        const left = a(s, b);
        return order(op, left, c(s, b));
      };
    }
    case 'arith': {
      const [a, c] = [compile(node.a), compile(node.b)];
      return arithmetic(node.op, a, c, node.at);
    }
    case 'negate': {
      const a = compile(node.a);
      return arithmetic('-', () => 0, a, NOWHERE);
    }
    case 'between': {
      const [value, low, high] = [compile(node.value), compile(node.low), compile(node.high)];
      return (s, b) => {
        const start = low(s, b);
        const end = high(s, b);
        if (start === null || end === null) return null;
        return rangeIncludes(makeRange(start, end, true, true), value(s, b));
      };
    }
    case 'in':
      return membership(compile(node.value), node.tests, node.list, node.at);
    case 'instance': {
      const value = compile(node.value);
      const check = TYPE_CHECKS[node.type];
      return (s, b) => (check ? check(value(s, b)) : false);
    }
    case 'range': {
      const [low, high] = [compile(node.low), compile(node.high)];
      const { lowIncluded, highIncluded } = node;
      return (s, b) => {
        const start = low(s, b);
        const end = high(s, b);
        return makeRange(start, end, start !== null && lowIncluded, end !== null && highIncluded);
      };
    }
  }
}

const TYPE_CHECKS: Record<string, (value: FeelValue) => boolean> = {
  Any: () => true,
  Null: (v) => v === null,
  number: (v) => typeOf(v) === 'number',
  string: (v) => typeOf(v) === 'string',
  boolean: (v) => typeOf(v) === 'boolean',
  context: (v) => typeOf(v) === 'context',
  list: (v) => typeOf(v) === 'list',
  range: (v) => typeOf(v) === 'range',
  function: (v) => typeOf(v) === 'function',
};

const ARITH_TYPES: Record<string, string[]> = { '+': ['string', 'number'], '-': ['number'], '*': ['number'], '/': ['number'], '**': ['number'] };

function arithmetic(op: '+' | '-' | '*' | '/' | '**', a: Compiled, c: Compiled, at: Span): Compiled {
  const types = ARITH_TYPES[op]!;
  return (s, b) => {
    const left = a(s, b);
    const right = c(s, b);
    if (Array.isArray(left) || Array.isArray(right)) return null;
    const type = typeOf(left);
    if (type !== typeOf(right) || !types.includes(type)) return null;
    switch (op) {
      case '+':
        if (type === 'string') {
          b.grow(at, (left as string).length + (right as string).length);
          return (left as string) + (right as string);
        }
        return (left as number) + (right as number);
      case '-':
        return (left as number) - (right as number);
      case '*':
        return (left as number) * (right as number);
      case '/':
        return !right ? null : (left as number) / (right as number);
      case '**':
        return Math.pow(left as number, right as number);
    }
  };
}

function filter(ofNode: FeelNode, byNode: FeelNode, at: Span): Compiled {
  const of = compile(ofNode);
  const by = compile(byNode);
  const type = staticType(byNode);
  if (type === 'number' || type === 'boolean' || type === 'any') {
    return (s, b) => {
      const target = of(s, b);
      if (target === null || target === undefined) return null;
      const list = Array.isArray(target) ? target : [target];
      const index = by(s, b);
      if (typeof index === 'boolean') return index ? target : [];
      if (typeof index !== 'number') return [];
      const value = list[index < 0 ? list.length + index : index - 1];
      return value === undefined ? null : value;
    };
  }
  if (type === 'string') {
    return (s, b) => {
      const target = of(s, b);
      if (target === null || target === undefined) return null;
      const list = Array.isArray(target) ? target : [target];
      const value = by(s, b);
      b.step(at, list.length);
      return list.filter((el) => el === value);
    };
  }
  if (type === 'test') {
    return (s, b) => {
      const target = of(s, b);
      if (target === null || target === undefined) return null;
      const list = Array.isArray(target) ? target : [target];
      const out: FeelValue[] = [];
      for (const el of list) {
        b.grow(at, SCOPE_CELLS);
        const item = Object.create(s) as Scope;
        item.item = el;
        if (isContext(el)) for (const key of Object.keys(el)) item[key] = el[key];
        let result = by(item, b);
        if (typeof result === 'function') result = result(el);
        if (result instanceof FeelRange) result = rangeIncludes(result, el);
        const kept = result === true ? el : result;
        if (isTruthy(kept ?? null)) out.push(kept);
      }
      return out;
    };
  }
  return () => null;
}

function call(node: Extract<FeelNode, { k: 'call' }>): Compiled {
  const args = node.args.map(compile);
  const named = node.named?.map(([name, value]) => [name, compile(value)] as const);
  const at = node.at;
  const target = node.fn.k === 'var' ? node.fn.name : undefined;
  const builtin = target !== undefined && Object.hasOwn(BUILTINS, target) ? BUILTINS[target]! : undefined;
  const callee = compile(node.fn);
  const positional = (s: Scope, b: Budget, fn: { params: string[] } | undefined): FeelValue[] | null => {
    if (!named) return args.map((arg) => arg(s, b));
    if (!fn) return null;
    const values = new Map(named.map(([name, value]) => [name, value(s, b)]));
    for (const name of values.keys()) if (!fn.params.includes(name) && !fn.params.includes(`...${name}`)) return null;
    const out: FeelValue[] = [];
    for (const param of fn.params) {
      if (param.startsWith('...')) {
        const rest = values.get(param.slice(3));
        if (rest === null || rest === undefined) continue;
        if (Array.isArray(rest)) for (const v of rest) out.push(v);
        else out.push(rest);
      } else out.push(values.get(param));
    }
    return out;
  };
  const invoke = (fn: Builtin, values: FeelValue[] | null, b: Budget): FeelValue => {
    if (!values) return null;
    const last = fn.params[fn.params.length - 1];
    if (values.length > fn.params.length && !last?.startsWith('...')) return null;
    return fn.call(values, b, at);
  };
  return (s, b) => {
    b.step(at);
    // A variable of the same name shadows a builtin, as in feelin.
    const value = target !== undefined && s[target] !== undefined ? s[target] : builtin ? undefined : callee(s, b);
    if (value === undefined && builtin) return invoke(builtin, positional(s, b, builtin), b);
    if (typeof value === 'function') {
      const wrapped = builtinOf.get(value);
      if (wrapped) return invoke(wrapped, positional(s, b, wrapped), b);
      const values = positional(s, b, undefined);
      if (!values || values.length > value.length) return null;
      const result = value(...values);
      return result === undefined ? null : result;
    }
    if (value instanceof FeelRange) {
      const values = positional(s, b, { params: ['value'] });
      return values ? rangeIncludes(value, values[0] ?? null) : null;
    }
    return null;
  };
}

/** The iteration contexts of `for`/`some`/`every`: the cartesian product, each source seeing the names before it. */
function iteration(kind: 'for' | 'some' | 'every', over: [string, FeelNode][], bodyNode: FeelNode, at: Span): Compiled {
  const sources = over.map(([name, source]) => [name, compile(source)] as const);
  const body = compile(bodyNode);
  return (s, b) => {
    let scopes: Scope[] = [s];
    for (const [name, source] of sources) {
      const next: Scope[] = [];
      for (const scope of scopes) {
        const values = iterable(source(scope, b), b, at);
        if (values === null) return null;
        for (const value of values) {
          // A scope is an object, not a cell: it counts as several.
          b.grow(at, SCOPE_CELLS);
          const inner = Object.create(scope) as Scope;
          inner[name] = value;
          next.push(inner);
        }
      }
      scopes = next;
    }
    if (kind === 'some') return scopes.some((scope) => isTruthy(body(scope, b) ?? null));
    if (kind === 'every') return scopes.every((scope) => isTruthy(body(scope, b) ?? null));
    const partial: FeelValue[] = [];
    for (const scope of scopes) {
      b.step(at);
      scope.partial = partial;
      partial.push(body(scope, b));
    }
    return partial;
  };
}

/** What a loop may run over: a list, or a closed range of numbers (enumerated step by step, on the budget). */
function iterable(value: FeelValue, b: Budget, at: Span): FeelValue[] | null {
  if (Array.isArray(value)) return value;
  if (!(value instanceof FeelRange)) return null;
  const { start, end, startIncluded, endIncluded } = value;
  if (start === null && end === null) return [];
  if (typeof start !== 'number' || typeof end !== 'number') throw new FeelRuntimeError('unsupported range operation: map');
  const direction = start > end ? -1 : 1;
  const out: number[] = [];
  for (let i = start; ; i += direction) {
    b.grow(at, 1);
    if (i === start && !startIncluded) continue;
    if (i === end && !endIncluded) break;
    out.push(i);
    if (i === end) break;
  }
  return out;
}

function membership(value: Compiled, tests: UnaryTest[], list: boolean, at: Span): Compiled {
  const compiled = tests.map((t) => {
    const node = compile(t.node);
    if (t.k === 'value') return node;
    const op = t.op;
    return (s: Scope, b: Budget): FeelValue => {
      const right = node(s, b);
      if (op === '=') return (a: FeelValue) => equals(a, right, b, at);
      if (op === '!=')
        return (a: FeelValue) => {
          const r = equals(a, right, b, at);
          return r === null ? null : !r;
        };
      return (a: FeelValue) => order(op, a, right);
    };
  });
  return (s, b) => {
    const probe = value(s, b);
    let values: FeelValue[];
    if (list) values = compiled.map((t) => t(s, b));
    else {
      const single = compiled[0]!(s, b);
      if (!Array.isArray(single)) {
        if (single === null || single === undefined) return null;
        values = [single];
      } else values = single;
    }
    let unknown = false;
    for (const test of values) {
      let result = testValue(test, probe, b, at);
      // Plain equality is two-valued in a membership test.
      if (result === null && !(test instanceof FeelRange) && typeof test !== 'function') result = false;
      if (result === true) return true;
      if (result === null) unknown = true;
    }
    return unknown ? null : false;
  };
}

/** Names an expression reads from its scope (free or not): what a cached outcome depends on. */
export function namesRead(node: FeelNode, into = new Set<string>()): Set<string> {
  const visit = (n: FeelNode | undefined): void => {
    if (!n) return;
    switch (n.k) {
      case 'var':
        into.add(n.name);
        return;
      case 'lit':
        return;
      case 'path':
        return visit(n.of);
      case 'filter':
        visit(n.of);
        return visit(n.by);
      case 'call':
        visit(n.fn);
        n.args.forEach(visit);
        n.named?.forEach(([, v]) => visit(v));
        return;
      case 'list':
        return n.items.forEach(visit);
      case 'context':
        return n.entries.forEach(([, v]) => visit(v));
      case 'if':
        visit(n.test);
        visit(n.then);
        return visit(n.else);
      case 'for':
      case 'some':
      case 'every':
        n.over.forEach(([, v]) => visit(v));
        return visit(n.body);
      case 'and':
      case 'or':
      case 'compare':
      case 'arith':
        visit(n.a);
        return visit(n.b);
      case 'negate':
        return visit(n.a);
      case 'between':
        visit(n.value);
        visit(n.low);
        return visit(n.high);
      case 'in':
        visit(n.value);
        return n.tests.forEach((t) => visit(t.node));
      case 'instance':
        return visit(n.value);
      case 'range':
        visit(n.low);
        return visit(n.high);
    }
  };
  visit(node);
  return into;
}
