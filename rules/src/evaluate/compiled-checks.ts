/**
 * A rule check's FEEL, compiled once per check object (so across levels, manifests and editor sessions) and run
 * on a budget: `expected` (a literal from the rule file, never code), then `actual`, then the condition and the
 * review, each seeing the ones before it. An evaluation that overruns its budget yields an outcome that says
 * where, instead of a hang.
 */
import {
  Budget,
  BudgetExceeded,
  compile,
  type Compiled,
  DEFAULT_LIMITS,
  type FeelExpression,
  type FeelValue,
  type Limits,
  namesRead,
  type Overrun,
  parseFeel,
  positionIn,
  run,
  type Scope,
} from '../feel/index.js';
import { FEEL_FIELDS, type Check, type FeelField, type Location, type Rule } from '../rulebook/rulebook.js';

export interface Outcome {
  actual: unknown;
  ok: unknown;
  review: unknown;
  /** The evaluation stopped: which field, why, and where in the rule file. */
  overrun?: { field: FeelField; reason: Overrun; limit: number; location: Location };
}

interface Field {
  field: FeelField;
  run: Compiled;
  expression: FeelExpression;
  location: Location;
}

export interface CompiledCheck {
  fields: Partial<Record<FeelField, Field>>;
  expected: FeelValue;
  /** Names the check's FEEL reads: a cached outcome stands while the facts of these names are unchanged. */
  reads: Set<string>;
}

const compiled = new WeakMap<Check, CompiledCheck>();
/** Rules built by hand carry no parsed FEEL: their text is parsed once per distinct expression. */
const parsedTexts = new Map<string, FeelExpression | null>();

function expressionOf(owner: Rule | Check, field: FeelField): FeelExpression | null {
  const parsed = owner.feel?.[field];
  if (parsed) return parsed;
  const text = owner[field]!;
  let cached = parsedTexts.get(text);
  if (cached === undefined) {
    const result = parseFeel(text);
    cached = result.ok ? { ast: result.ast } : null;
    if (parsedTexts.size > 10_000) parsedTexts.clear();
    parsedTexts.set(text, cached);
  }
  return cached;
}

const BROKEN: Compiled = () => {
  throw new Error('the expression does not parse');
};

export function compiledCheck(rule: Rule, check: Check): CompiledCheck {
  let entry = compiled.get(check);
  if (entry) return entry;
  const fields: Partial<Record<FeelField, Field>> = {};
  const reads = new Set<string>();
  for (const field of FEEL_FIELDS) {
    const owner = check[field] ? check : rule[field] ? rule : undefined;
    if (!owner) continue;
    const expression = expressionOf(owner, field);
    if (expression) namesRead(expression.ast, reads);
    let fn: Compiled = BROKEN;
    try {
      if (expression) fn = compile(expression.ast);
    } catch {
      // A tree too deep to compile is as unusable as one that does not parse.
    }
    fields[field] = {
      field,
      run: fn,
      expression: expression ?? { ast: { k: 'lit', v: null } },
      location: { file: owner.location.file, path: [...owner.location.path, field] },
    };
  }
  entry = { fields, expected: (check.expected ?? null) as FeelValue, reads };
  compiled.set(check, entry);
  return entry;
}

const FAILED = { actual: null, ok: null, review: null };

/** Runs one check on the facts' scope; never throws. */
export function runCheck(check: CompiledCheck, facts: Scope, limits: Limits = DEFAULT_LIMITS, cancel?: Int32Array, until = Infinity): Outcome {
  const budget = new Budget(limits, cancel, until);
  const scope = Object.create(facts) as Scope;
  scope.expected = check.expected;
  const { actual, condition, review } = check.fields;
  let current: Field | undefined;
  try {
    current = actual;
    const a = actual ? run(actual.run, scope, budget) : null;
    scope.actual = a;
    current = condition;
    const ok = condition ? run(condition.run, scope, budget) : null;
    scope.ok = ok;
    current = review;
    const r = review ? run(review.run, scope, budget) : false;
    return { actual: a, ok, review: r };
  } catch (error) {
    if (!(error instanceof BudgetExceeded) || !current) return FAILED;
    const start = positionIn(current.expression, error.at);
    return {
      ...FAILED,
      overrun: {
        field: current.field,
        reason: error.reason,
        limit: error.limit,
        location: { ...current.location, ...(start ? { range: { start, end: start } } : {}) },
      },
    };
  }
}
