/**
 * FEEL text → {@link FeelNode}, read from feelin's own parser (lezer-feel), or the problems that keep an
 * expression out of a rule file: syntax errors, constructs that could run without bound (function
 * definitions, loops over numeric ranges) and what the rule language leaves out (dates, times and durations:
 * facts carry dates as `YYYY-MM-DD` strings, which compare in calendar order).
 *
 * feelin is loaded on the first parse only: a rulebook shipped precompiled never needs it.
 */
import type { SyntaxNode, Tree } from '@lezer/common';
import type { FeelNode, Span, UnaryTest } from './ast.js';
import { quote } from '../manifest/text-format.js';
import { wording } from '../manifest/yaml-source.js';
import { MESSAGES } from '../messages.js';
import { feelin } from '../on-demand.js';
import type { Text } from '../vocabulary/text.js';

export interface FeelSyntaxProblem {
  code: 'rules/feel-syntax' | 'rules/feel-unsafe' | 'rules/feel-unsupported';
  message: string;
  zh: string;
  from: number;
  to: number;
}

export type ParsedFeel = { ok: true; ast: FeelNode } | { ok: false; problems: FeelSyntaxProblem[] };

function parseTree(expression: string): Tree {
  return feelin().parseExpression(expression, {}, undefined);
}

/** feelin's names of what the rule language leaves out: temporal values and functions taking a function. */
const UNSUPPORTED_FUNCTIONS = new Set([
  'date',
  'time',
  'date and time',
  'duration',
  'years and months duration',
  'now',
  'today',
  'day of year',
  'day of week',
  'month of year',
  'week of year',
  'before',
  'after',
  'meets',
  'met by',
  'overlaps',
  'overlaps before',
  'overlaps after',
  'finishes',
  'finished by',
  'includes',
  'during',
  'starts',
  'started by',
  'coincides',
  'sort',
]);

const KEYWORDS = new Set([
  'for',
  'in',
  'return',
  'if',
  'then',
  'else',
  'some',
  'every',
  'satisfies',
  'and',
  'or',
  'between',
  'instance',
  'of',
  'function',
  'external',
  'not',
]);

class Refused extends Error {
  constructor(readonly problem: FeelSyntaxProblem) {
    super(problem.message);
  }
}

export function parseFeel(expression: string): ParsedFeel {
  let tree: Tree;
  try {
    tree = parseTree(expression);
  } catch (error) {
    const position = (error as { position?: { from: number; to: number } }).position ?? { from: 0, to: expression.length };
    return { ok: false, problems: [syntaxProblem(expression, position.from, position.to, (error as Error).message)] };
  }
  const problems: FeelSyntaxProblem[] = [];
  const cursor = tree.cursor();
  do {
    if (cursor.type.isError) return { ok: false, problems: [syntaxProblem(expression, cursor.from, cursor.to)] };
    if (cursor.name === 'FunctionDefinition') problems.push(unsafe(MESSAGES['feel.unsafe.function-definitions'](), cursor.from, cursor.to));
    else if (cursor.name === 'IterationContext' && cursor.node.getChildren('..').length > 0)
      problems.push(unsafe(MESSAGES['feel.unsafe.range-loops'](), cursor.from, cursor.to));
  } while (cursor.next());
  if (problems.length > 0) return { ok: false, problems };
  try {
    return { ok: true, ast: new Reader(expression).node(tree.topNode) };
  } catch (error) {
    if (error instanceof Refused) return { ok: false, problems: [error.problem] };
    throw error;
  }
}

function syntaxProblem(expression: string, from: number, to: number, detail?: string): FeelSyntaxProblem {
  return {
    code: 'rules/feel-syntax',
    ...wording(MESSAGES['feel.syntax']({ quoted: quote(expression), column: from + 1, detail })),
    from,
    to: Math.max(to, from + 1),
  };
}

function unsafe(text: Text, from: number, to: number): FeelSyntaxProblem {
  return { code: 'rules/feel-unsafe', ...wording(text), from, to };
}

function unsupported(text: Text, node: SyntaxNode): Refused {
  return new Refused({
    code: 'rules/feel-unsupported',
    ...wording(text),
    from: node.from,
    to: Math.max(node.to, node.from + 1),
  });
}

class Reader {
  constructor(private readonly text: string) {}

  private source(node: SyntaxNode): string {
    return this.text.slice(node.from, node.to);
  }

  private span(node: SyntaxNode): Span {
    return [node.from, node.to];
  }

  /** Children that carry meaning: no brackets, commas or keywords. */
  private parts(node: SyntaxNode): SyntaxNode[] {
    const out: SyntaxNode[] = [];
    for (let child = node.firstChild; child; child = child.nextSibling) {
      // `?` (the input value of a unary test) is kept, so that it is refused by name instead of leaving a hole
      if (/^[A-Z]/.test(child.name) || child.name === 'null' || child.name === '?') out.push(child);
    }
    return out;
  }

  /**
   * The i-th meaningful child of `node`. The grammar accepts shapes that the rule language does not read (`x in ?`);
   * a missing child refuses the construct at its position rather than failing later on nothing.
   */
  private at(p: SyntaxNode[], i: number, node: SyntaxNode): SyntaxNode {
    const child = p[i];
    if (!child) throw unsupported(MESSAGES['feel.unsupported.construct']({ name: node.name }), node);
    return child;
  }

  private name(node: SyntaxNode): string {
    const words: string[] = [];
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.name === 'Identifier') words.push(this.source(child));
      else if (child.name === 'BacktickIdentifier') words.push(this.source(child).replace(/`/g, ''));
      else if (child.name === 'Name' || child.name === 'VariableName') words.push(this.name(child));
    }
    return words.length > 0 ? words.join(' ') : this.source(node).replace(/\s{2,}/g, ' ');
  }

  node(node: SyntaxNode): FeelNode {
    const p = this.parts(node);
    switch (node.name) {
      case 'Expression':
      case 'ParenthesizedExpression':
      case 'PositiveUnaryTest':
        return this.node(this.at(p, 0, node));
      case 'NumericLiteral': {
        const text = this.source(node);
        return { k: 'lit', v: text.includes('.') ? parseFloat(text) : parseInt(text) };
      }
      case 'StringLiteral':
        return { k: 'lit', v: parseString(this.source(node)) };
      case 'BooleanLiteral':
        return { k: 'lit', v: this.source(node) === 'true' };
      case 'null':
        return { k: 'lit', v: null };
      case 'VariableName':
        return { k: 'var', name: this.name(node) };
      case 'PathExpression':
        return { k: 'path', of: this.node(this.at(p, 0, node)), key: this.name(this.at(p, 1, node)) };
      case 'FilterExpression':
        return { k: 'filter', of: this.node(this.at(p, 0, node)), by: this.node(this.at(p, 1, node)), at: this.span(node) };
      case 'FunctionInvocation':
        return this.call(node, p);
      case 'List':
        return { k: 'list', items: p.map((c) => this.node(c)) };
      case 'Context':
        return {
          k: 'context',
          entries: p.map((entry) => {
            const parts = this.parts(entry);
            const keyNode = this.at(this.parts(this.at(parts, 0, entry)), 0, entry);
            const value = this.at(parts, 1, entry);
            return [keyNode.name === 'StringLiteral' ? parseString(this.source(keyNode)) : this.name(keyNode), this.node(value)] as [string, FeelNode];
          }),
        };
      case 'IfExpression':
        return { k: 'if', test: this.node(this.at(p, 0, node)), then: this.node(this.at(p, 1, node)), else: p[2] ? this.node(p[2]) : { k: 'lit', v: null } };
      case 'ForExpression':
      case 'QuantifiedExpression': {
        const kind = node.name === 'ForExpression' ? 'for' : node.firstChild?.name === 'every' ? 'every' : 'some';
        const over = this.parts(this.at(p, 0, node)).map((inExpression) => {
          const parts = this.parts(inExpression);
          const context = this.at(parts, 1, inExpression);
          return [this.name(this.at(parts, 0, inExpression)), this.node(this.at(this.parts(context), 0, context))] as [string, FeelNode];
        });
        return { k: kind, over, body: this.node(this.at(p, 1, node)), at: this.span(node) };
      }
      case 'Disjunction':
      case 'Conjunction':
        return { k: node.name === 'Disjunction' ? 'or' : 'and', a: this.node(this.at(p, 0, node)), b: this.node(this.at(p, 1, node)) };
      case 'Comparison':
        return this.comparison(node, p);
      case 'ArithmeticExpression': {
        if (p.length === 2) return { k: 'negate', a: this.node(this.at(p, 1, node)) };
        const op = this.source(this.at(p, 1, node));
        return {
          k: 'arith',
          op: op === '^' ? '**' : (op as '+' | '-' | '*' | '/' | '**'),
          a: this.node(this.at(p, 0, node)),
          b: this.node(this.at(p, 2, node)),
          at: this.span(node),
        };
      }
      case 'InstanceOfExpression':
        return {
          k: 'instance',
          value: this.node(this.at(p, 0, node)),
          type: this.source(this.at(p, 1, node))
            .replace(/\s+/g, ' ')
            .trim(),
        };
      case 'SimplePositiveUnaryTest':
        if (this.at(p, 0, node).name === 'Interval') return this.node(this.at(p, 0, node));
        throw unsupported(MESSAGES['feel.unsupported.comparison-test'](), node);
      case 'Interval': {
        const first = node.firstChild?.name;
        const last = node.lastChild?.name;
        return {
          k: 'range',
          low: this.node(this.at(p, 0, node)),
          high: this.node(this.at(p, 1, node)),
          lowIncluded: first === '[',
          highIncluded: last === ']',
        };
      }
      case 'DateTimeLiteral':
      case 'AtLiteral':
      case 'DateTimeConstructor':
        throw unsupported(MESSAGES['feel.unsupported.temporal'](), node);
      default:
        throw unsupported(MESSAGES['feel.unsupported.construct']({ name: node.name }), node);
    }
  }

  private call(node: SyntaxNode, p: SyntaxNode[]): FeelNode {
    const callee = this.at(p, 0, node);
    if (callee.name === 'VariableName' && UNSUPPORTED_FUNCTIONS.has(this.name(callee)))
      throw unsupported(MESSAGES['feel.unsupported.function']({ name: this.name(callee) }), callee);
    const params = p[1];
    const fn = this.node(callee);
    const at = this.span(node);
    if (!params) return { k: 'call', fn, args: [], at };
    if (params.name === 'NamedParameters') {
      const named = this.parts(params).map((parameter) => {
        const parts = this.parts(parameter);
        return [this.name(this.at(parts, 0, parameter)), this.node(this.at(parts, 1, parameter))] as [string, FeelNode];
      });
      return { k: 'call', fn, args: [], named, at };
    }
    return { k: 'call', fn, args: this.parts(params).map((c) => this.node(c)), at };
  }

  private comparison(node: SyntaxNode, p: SyntaxNode[]): FeelNode {
    let keyword: string | undefined;
    for (let child = node.firstChild; child; child = child.nextSibling) if (KEYWORDS.has(child.name)) keyword ??= child.name;
    if (keyword === 'between')
      return { k: 'between', value: this.node(this.at(p, 0, node)), low: this.node(this.at(p, 1, node)), high: this.node(this.at(p, 2, node)) };
    if (keyword === 'in') {
      const tests = this.at(p, 1, node);
      if (tests.name === 'PositiveUnaryTests')
        return { k: 'in', value: this.node(this.at(p, 0, node)), tests: this.parts(tests).map((t) => this.unaryTest(t)), list: true, at: this.span(node) };
      return { k: 'in', value: this.node(this.at(p, 0, node)), tests: [this.unaryTest(tests)], list: false, at: this.span(node) };
    }
    const op = this.source(this.at(p, 1, node)) as '=' | '!=' | '<' | '<=' | '>' | '>=';
    return { k: 'compare', op, a: this.node(this.at(p, 0, node)), b: this.node(this.at(p, 2, node)), at: this.span(node) };
  }

  private unaryTest(node: SyntaxNode): UnaryTest {
    const inner = node.name === 'PositiveUnaryTest' ? this.at(this.parts(node), 0, node) : node;
    if (inner.name === 'SimplePositiveUnaryTest') {
      const parts = this.parts(inner);
      const first = this.at(parts, 0, inner);
      if (first.name === 'Interval') return { k: 'value', node: this.node(first) };
      return { k: 'compare', op: this.source(first) as '<', node: this.node(this.at(parts, 1, inner)) };
    }
    return { k: 'value', node: this.node(inner) };
  }
}

/** feelin's reading of a string literal's escapes. */
function parseString(text: string): string {
  const body = text.replace(/^"/, '').replace(/"$/, '');
  return body.replace(
    /(\\")|(\\\\)|(\\n)|(\\r)|(\\t)|(\\u[a-fA-F0-9]{5,6})|((?:\\u[a-fA-F0-9]{1,4})+)/gi,
    (match, quotes, backslash, newline, cr, tab, codePoint, units) => {
      if (quotes) return '"';
      if (newline) return '\n';
      if (cr) return '\r';
      if (tab) return '\t';
      if (backslash) return '\\';
      if (codePoint) return String.fromCodePoint(parseInt((codePoint as string).slice(2), 16));
      if (units) {
        const codes = (units as string)
          .split('\\u')
          .slice(1)
          .map((hex) => parseInt(hex, 16));
        return String.fromCharCode(...codes);
      }
      return match;
    },
  );
}
