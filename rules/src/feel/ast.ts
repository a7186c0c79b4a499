/**
 * FEEL as the rule language uses it, as plain data: what `syntax.ts` reads out of feelin's parse tree and
 * `interpret.ts` turns into closures. Plain data so a rulebook can ship with its expressions already parsed
 * (the build writes them to JSON) and be sent to a worker thread as it is.
 */

/** Offsets into the expression text: where a loop or call starts and ends, for a located budget overrun. */
export type Span = [from: number, to: number];

/**
 * feelin decides what a filter means (`list[1]` index, `list[x > 1]` test) from the static type of the
 * expression between the brackets; `staticType` gives the same classification.
 */
export type StaticType = 'test' | 'nil' | 'number' | 'boolean' | 'string' | 'any' | undefined;

export function staticType(node: FeelNode): StaticType {
  switch (node.k) {
    case 'compare':
    case 'and':
    case 'or':
    case 'between':
    case 'in':
    case 'instance':
    case 'some':
    case 'every':
    case 'range':
      return 'test';
    case 'lit':
      return node.v === null ? 'nil' : (typeof node.v as 'number' | 'boolean' | 'string');
    case 'var':
    case 'path':
    case 'filter':
    case 'call':
      return 'any';
    case 'if':
      return coalesce(staticType(node.then), staticType(node.else));
    case 'arith':
      return coalesce(staticType(node.a), staticType(node.b));
    case 'negate':
      return staticType(node.a);
    default:
      return undefined;
  }
}

function coalesce(a: StaticType, b: StaticType): StaticType {
  return a === b ? a : 'any';
}

export type FeelNode =
  | { k: 'lit'; v: null | boolean | number | string }
  | { k: 'var'; name: string }
  | { k: 'path'; of: FeelNode; key: string }
  | { k: 'filter'; of: FeelNode; by: FeelNode; at: Span }
  | { k: 'call'; fn: FeelNode; args: FeelNode[]; named?: [string, FeelNode][]; at: Span }
  | { k: 'list'; items: FeelNode[] }
  | { k: 'context'; entries: [string, FeelNode][] }
  | { k: 'if'; test: FeelNode; then: FeelNode; else: FeelNode }
  | { k: 'for' | 'some' | 'every'; over: [string, FeelNode][]; body: FeelNode; at: Span }
  | { k: 'and' | 'or'; a: FeelNode; b: FeelNode }
  | { k: 'compare'; op: '=' | '!=' | '<' | '<=' | '>' | '>='; a: FeelNode; b: FeelNode; at: Span }
  | { k: 'arith'; op: '+' | '-' | '*' | '/' | '**'; a: FeelNode; b: FeelNode; at: Span }
  | { k: 'negate'; a: FeelNode }
  | { k: 'between'; value: FeelNode; low: FeelNode; high: FeelNode }
  | { k: 'in'; value: FeelNode; tests: UnaryTest[]; list: boolean; at: Span }
  | { k: 'instance'; value: FeelNode; type: string }
  | { k: 'range'; low: FeelNode; high: FeelNode; lowIncluded: boolean; highIncluded: boolean };

/** A test after `in`: a value (equality, or membership when it is a list or range) or `< x`-style comparison. */
export type UnaryTest = { k: 'value'; node: FeelNode } | { k: 'compare'; op: '=' | '!=' | '<' | '<=' | '>' | '>='; node: FeelNode };
