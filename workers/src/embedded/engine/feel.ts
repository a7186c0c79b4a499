/**
 * Zeebe writes expressions as `=` + FEEL; everything else in an attribute is a literal. bpmn-elements asks its
 * environment's `expressions` to resolve conditions, collections, timers and message names; this answers
 * with feelin over the case variables, and keeps `now()`/`today()` on the case's virtual clock.
 */
import { date, dateAndTime, evaluate, FeelDate, FeelDateTime, FeelDuration, FeelTime } from 'feelin';
import type { Variables } from '../../handlers/contract.js';
import type { Clock } from './virtual-clock.js';

export function isFeel(text: unknown): text is string {
  return typeof text === 'string' && text.startsWith('=');
}

export class FeelError extends Error {
  constructor(
    readonly expression: string,
    detail: string,
  ) {
    super(`FEEL ${expression}: ${detail}`);
    this.name = 'FeelError';
  }
}

/** A variable name FEEL reads as one word whatever else is in the context. */
const PLAIN_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const WORDS = /[A-Za-z_][A-Za-z0-9_]*/g;
/** Per expression text (the models' few dozen), the plain words in it: the only plain names it can refer to. */
const wordsOf = new Map<string, ReadonlySet<string>>();
const MAX_REMEMBERED = 1000;

function wordsIn(body: string): ReadonlySet<string> {
  let words = wordsOf.get(body);
  if (!words) {
    if (wordsOf.size >= MAX_REMEMBERED) wordsOf.clear();
    wordsOf.set(body, (words = new Set(body.match(WORDS))));
  }
  return words;
}

/**
 * The variables FEEL texts can read. feelin converts its whole context to FEEL values at every evaluation, and
 * the case's variables hold the manifest, so only the variables the texts name are handed over: every plain name
 * that occurs in them as a word, and every other name (one with spaces or operators, which FEEL reads only when
 * it is in the context). A value goes over whole, so paths into it resolve as before.
 */
export function variablesReadBy(texts: readonly string[], variables: Variables): Variables {
  const words = texts.map(wordsIn);
  return Object.fromEntries(Object.entries(variables).filter(([name]) => !PLAIN_NAME.test(name) || words.some((w) => w.has(name))));
}

/** Evaluates `=expr` (or `expr`) to plain JSON: FEEL dates, times and durations become ISO strings. */
export function evaluateFeel(expression: string, variables: Variables, clock?: Clock): unknown {
  const body = expression.startsWith('=') ? expression.slice(1) : expression;
  const context = variablesReadBy([body], variables);
  if (clock) {
    context.now = () => dateAndTime(clock.now().toISOString());
    context.today = () => date(clock.now().toISOString().slice(0, 10));
  }
  let result;
  try {
    result = evaluate(body, context);
  } catch (err) {
    throw new FeelError(expression, (err as Error).message);
  }
  const failure = result.warnings.find((w) => w.type === 'FUNCTION_INVOCATION_FAILURE' || w.type === 'NO_FUNCTION_FOUND');
  if (failure && (result.value === null || result.value === undefined)) throw new FeelError(expression, failure.message);
  return toPlain(result.value);
}

function toPlain(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof FeelDate || value instanceof FeelDateTime || value instanceof FeelTime || value instanceof FeelDuration) return String(value);
  if (Array.isArray(value)) return value.map(toPlain);
  if (typeof value === 'function') return null;
  if (typeof value === 'object') {
    const out: Variables = {};
    for (const [k, v] of Object.entries(value)) out[k] = toPlain(v);
    return out;
  }
  return value;
}

/** Message fields bpmn-elements hands to `resolveExpression`. */
export interface ExpressionMessage {
  content?: Record<string, unknown>;
}

/** Where the Zeebe-dialect elements report what Zeebe would make an incident (the element waits meanwhile). */
export type IncidentSink = (elementId: string, message: string) => void;

/** The `expressions` service of a bpmn-elements environment, backed by FEEL. */
export class FeelExpressions {
  constructor(
    /** Variables visible to an expression evaluated for this engine message (process scope + local scope). */
    private readonly scopeOf: (message: ExpressionMessage | undefined) => Variables,
    private readonly clock: Clock,
    /** Elements reach it through their environment's `expressions`. */
    readonly raiseIncident: IncidentSink = () => {},
  ) {}

  isExpression = (text: unknown): boolean => isFeel(text);
  hasExpression = (text: unknown): boolean => isFeel(text);

  resolveExpression = (expression: unknown, message?: ExpressionMessage): unknown => {
    if (!isFeel(expression)) return expression;
    return evaluateFeel(expression, this.scopeOf(message), this.clock);
  };
}
