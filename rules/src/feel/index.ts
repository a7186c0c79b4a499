/**
 * The rule language: FEEL parsed once (`syntax.ts`, feelin's parser), compiled once into closures
 * (`interpret.ts`) and run on a {@link Budget} (`budget.ts`), so a rule file cannot make an evaluation hang or
 * exhaust memory.
 */
import type { FeelNode, Span } from './ast.js';
import type { Position } from '../manifest/yaml-source.js';

export { type FeelNode, type Span } from './ast.js';
export { Budget, BudgetExceeded, CANCELLED, DEFAULT_LIMITS, type Limits, OUT_OF_TIME, type Overrun } from './budget.js';
export { compile, type Compiled, namesRead, run, type Scope, scopeOf } from './interpret.js';
export { type FeelSyntaxProblem, parseFeel, type ParsedFeel } from './syntax.js';
export type { FeelValue } from './values.js';

/** An expression of a rule file, parsed, with where its text starts in the file. */
export interface FeelExpression {
  ast: FeelNode;
  /** First character of the expression in its rule file; with `exact`, offsets into it are columns on that line. */
  origin?: Position & { exact: boolean };
}

/** Where an offset span of an expression is in its rule file (its start when columns do not add up). */
export function positionIn(expression: FeelExpression, at: Span): Position | undefined {
  const origin = expression.origin;
  if (!origin) return undefined;
  return origin.exact ? { line: origin.line, character: origin.character + at[0] } : { line: origin.line, character: origin.character };
}
