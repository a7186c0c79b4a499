/**
 * The FEEL the Zeebe models use, translated to JUEL (`${…}`), the expression language Camunda 7 evaluates
 * in sequence-flow conditions, input/output parameters, timers, collections and listeners. Only the forms
 * the models need are translated — literals, variable names, `=` comparisons joined by `and`, empty lists
 * and context literals — and anything else throws, so a new construct in a model fails the generator
 * instead of being mistranslated.
 *
 * Variables are read with `execution.getVariable("x")`, which gives null for a missing variable as FEEL
 * does (a bare `${x}` would throw in JUEL). Context literals become Spin JSON (`S('{…}')`): members that
 * name a variable splice its JSON text in, so they must hold JSON (Camunda type `Json`), numbers or booleans.
 */

type Node =
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'null' }
  | { kind: 'name'; name: string }
  | { kind: 'emptyList' }
  | { kind: 'context'; entries: Array<[string, Node]> }
  | { kind: 'equals'; left: Node; right: Node }
  | { kind: 'and'; operands: Node[] };

export class UntranslatableFeel extends Error {
  constructor(expression: string, why: string) {
    super(`FEEL expression ${JSON.stringify(expression)} cannot be translated to JUEL for Camunda 7: ${why}`);
    this.name = 'UntranslatableFeel';
  }
}

const TOKEN = /\s*(?:("(?:[^"\\]|\\.)*")|(-?\d+(?:\.\d+)?)|([A-Za-z_][\w]*)|(\[\s*\]|[{}:,=\[\]()<>!+*/-]))/y;

function tokenize(source: string, expression: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < source.length) {
    if (/^\s*$/.test(source.slice(TOKEN.lastIndex))) break;
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(source);
    if (!m) throw new UntranslatableFeel(expression, `unexpected input at ${source.slice(at)}`);
    tokens.push(m[1] ?? m[2] ?? m[3] ?? m[4]!.replace(/\s+/g, ''));
  }
  return tokens;
}

function parse(expression: string): Node {
  if (!expression.startsWith('=')) throw new UntranslatableFeel(expression, 'not a FEEL expression (no leading "=")');
  const tokens = tokenize(expression.slice(1), expression);
  let pos = 0;
  const peek = (): string | undefined => tokens[pos];
  const next = (): string => {
    const t = tokens[pos++];
    if (t === undefined) throw new UntranslatableFeel(expression, 'unexpected end');
    return t;
  };
  const expect = (t: string): void => {
    const got = next();
    if (got !== t) throw new UntranslatableFeel(expression, `expected "${t}", got "${got}"`);
  };
  const primary = (): Node => {
    const t = next();
    if (t.startsWith('"')) return { kind: 'string', value: JSON.parse(t) as string };
    if (/^-?\d/.test(t)) return { kind: 'number', value: Number(t) };
    if (t === 'true' || t === 'false') return { kind: 'boolean', value: t === 'true' };
    if (t === 'null') return { kind: 'null' };
    if (t === '[]') return { kind: 'emptyList' };
    if (t === '{') {
      const entries: Array<[string, Node]> = [];
      while (peek() !== '}') {
        const key = next();
        if (!/^[A-Za-z_]\w*$/.test(key)) throw new UntranslatableFeel(expression, `context key "${key}" is not a plain name`);
        expect(':');
        entries.push([key, primary()]);
        if (peek() === ',') next();
        else if (peek() !== '}') throw new UntranslatableFeel(expression, `expected "," or "}" in a context, got "${peek()}"`);
      }
      next();
      return { kind: 'context', entries };
    }
    if (/^[A-Za-z_]\w*$/.test(t) && t !== 'and' && t !== 'or' && t !== 'not') {
      if (peek() === '(' || peek() === '.' || peek() === '[') throw new UntranslatableFeel(expression, `function calls, paths and filters are not translated ("${t}${peek()}")`);
      return { kind: 'name', name: t };
    }
    throw new UntranslatableFeel(expression, `"${t}" is not translated`);
  };
  const comparison = (): Node => {
    const left = primary();
    if (peek() === '=') {
      next();
      return { kind: 'equals', left, right: primary() };
    }
    return left;
  };
  const operands = [comparison()];
  while (peek() === 'and') {
    next();
    operands.push(comparison());
  }
  if (pos < tokens.length) throw new UntranslatableFeel(expression, `"${tokens.slice(pos).join(' ')}" is not translated`);
  return operands.length === 1 ? operands[0]! : { kind: 'and', operands };
}

/** A JUEL string literal (single-quoted, so JSON text needs no escaping of its double quotes). */
const juelString = (s: string): string => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const variable = (name: string): string => `execution.getVariable(${juelString(name)})`;

function juel(node: Node, expression: string): string {
  switch (node.kind) {
    case 'string':
      return juelString(node.value);
    case 'number':
      return String(node.value);
    case 'boolean':
      return String(node.value);
    case 'null':
      return 'null';
    case 'name':
      return variable(node.name);
    case 'emptyList':
      return "S('[]')";
    case 'equals':
      return `${juel(node.left, expression)} == ${juel(node.right, expression)}`;
    case 'and':
      return node.operands.map((o) => juel(o, expression)).join(' && ');
    case 'context':
      return contextJson(node, expression);
  }
}

/** `{code: "X", details: details}` → `S('{"code":"X","details":'.concat(<details as JSON>).concat('}'))`. */
function contextJson(node: Extract<Node, { kind: 'context' }>, expression: string): string {
  const parts: Array<{ json: string } | { name: string }> = [];
  const json = (s: string): void => {
    const last = parts[parts.length - 1];
    if (last && 'json' in last) last.json += s;
    else parts.push({ json: s });
  };
  json('{');
  node.entries.forEach(([key, value], i) => {
    json(`${i ? ',' : ''}${JSON.stringify(key)}:`);
    if (value.kind === 'string' || value.kind === 'number' || value.kind === 'boolean') json(JSON.stringify(value.value));
    else if (value.kind === 'null') json('null');
    else if (value.kind === 'emptyList') json('[]');
    else if (value.kind === 'name') parts.push({ name: value.name });
    else throw new UntranslatableFeel(expression, `context member "${key}" must be a literal, [] or a variable name`);
  });
  json('}');
  const pieces = parts.map((p) => ('json' in p ? juelString(p.json) : `(${variable(p.name)} == null ? 'null' : ${variable(p.name)}.toString())`));
  const [first, ...rest] = pieces;
  return `S(${rest.reduce((acc, p) => `${acc}.concat(${p})`, first!)})`;
}

/** A FEEL value expression (`=…`) as the body of a JUEL expression (without `${` `}`). */
export function feelToJuelBody(expression: string): string {
  return juel(parse(expression), expression);
}

/** A FEEL value expression (`=…`) as a JUEL expression `${…}`. */
export function feelToJuel(expression: string): string {
  return `\${${feelToJuelBody(expression)}}`;
}

/** A FEEL condition as a JUEL condition; it must be a comparison or a conjunction of them. */
export function feelConditionToJuel(expression: string): string {
  const node = parse(expression);
  if (node.kind !== 'equals' && node.kind !== 'and') throw new UntranslatableFeel(expression, 'a condition must compare (a = b, joined by and)');
  return `\${${juel(node, expression)}}`;
}

/** `=name` → `name`: the variable a FEEL expression reads when it is nothing but a name, else undefined. */
export function variableOf(expression: string): string | undefined {
  const node = parse(expression);
  return node.kind === 'name' ? node.name : undefined;
}
