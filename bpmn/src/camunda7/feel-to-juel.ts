/**
 * The FEEL the Zeebe models use, translated to JUEL (`${…}`), the expression language Camunda 7 evaluates
 * in sequence-flow conditions, input/output parameters, timers, collections and listeners. The expression is
 * parsed by feelin (its lezer parse tree) and only the node types the models need are translated — string,
 * number, boolean and null literals, variable names, `=` comparisons joined by `and`, the empty list and
 * context literals — and anything else throws, so a new construct in a model fails the generator instead
 * of being mistranslated.
 *
 * Variables are read with `execution.getVariable("x")`, which gives null for a missing variable as FEEL
 * does (a bare `${x}` would throw in JUEL). Context literals become Spin JSON (`S('{…}')`): members that
 * name a variable splice its JSON text in, so they must hold JSON (Camunda type `Json`), numbers or booleans.
 */
import { evaluate, parseExpression } from 'feelin';

type SyntaxNode = ReturnType<typeof parseExpression>['topNode'];

export class UntranslatableFeel extends Error {
  constructor(expression: string, why: string) {
    super(`FEEL expression ${JSON.stringify(expression)} cannot be translated to JUEL for Camunda 7: ${why}`);
    this.name = 'UntranslatableFeel';
  }
}

/** One FEEL expression being translated: its parse tree and the source its nodes point into. */
class Feel {
  readonly root: SyntaxNode;
  private readonly source: string;

  constructor(readonly expression: string) {
    if (!expression.startsWith('=')) throw new UntranslatableFeel(expression, 'not a FEEL expression (no leading "=")');
    this.source = expression.slice(1);
    const tree = parseExpression(this.source, {}, undefined);
    let errorAt: number | undefined;
    tree.iterate({
      enter: (node) => {
        if (node.type.isError) errorAt ??= node.from;
        return errorAt === undefined;
      },
    });
    // + 2: columns count from 1 and include the leading "="
    if (errorAt !== undefined) throw this.untranslatable(`syntax error at column ${errorAt + 2}`);
    const body = tree.topNode.firstChild;
    if (!body) throw this.untranslatable('empty expression');
    this.root = body;
  }

  text(node: SyntaxNode): string {
    return this.source.slice(node.from, node.to);
  }

  untranslatable(why: string): UntranslatableFeel {
    return new UntranslatableFeel(this.expression, why);
  }

  /** The node as a construct the translation refuses: `Disjunction "x or y" is not translated`. */
  refuse(node: SyntaxNode, why = 'is not translated'): UntranslatableFeel {
    return this.untranslatable(`${node.name} ${JSON.stringify(this.text(node))} ${why}`);
  }
}

const children = (node: SyntaxNode): SyntaxNode[] => {
  const all: SyntaxNode[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) all.push(c);
  return all;
};

const LITERALS = new Set(['StringLiteral', 'NumericLiteral', 'BooleanLiteral', 'null']);

/** A literal's value, as feelin evaluates it (string escapes, number syntax). */
function literal(feel: Feel, node: SyntaxNode): string | number | boolean | null {
  const { value } = evaluate(feel.text(node));
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  throw feel.refuse(node);
}

/** `VariableName` → the variable it names; only plain one-word names (no paths, no names with spaces). */
function variableName(feel: Feel, node: SyntaxNode): string {
  const parts = children(node);
  if (parts.length !== 1 || parts[0]!.name !== 'Identifier') throw feel.refuse(node, 'is not a plain variable name');
  return feel.text(parts[0]!);
}

/** A JUEL string literal (single-quoted, so JSON text needs no escaping of its double quotes). */
const juelString = (s: string): string => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const variable = (name: string): string => `execution.getVariable(${juelString(name)})`;

const juelLiteral = (value: string | number | boolean | null): string => (typeof value === 'string' ? juelString(value) : String(value));

function isEmptyList(node: SyntaxNode): boolean {
  return node.name === 'List' && children(node).every((c) => c.name === '[' || c.name === ']');
}

/** A comparison operand: a literal or a variable. */
function operand(feel: Feel, node: SyntaxNode): string {
  if (LITERALS.has(node.name)) return juelLiteral(literal(feel, node));
  if (node.name === 'VariableName') return variable(variableName(feel, node));
  throw feel.refuse(node, 'is not translated in a comparison (only literals and variable names)');
}

/** `a = b` → `a == b` (JUEL's `==` is null-safe like FEEL's `=`). */
function comparison(feel: Feel, node: SyntaxNode): string {
  const [left, op, right, ...rest] = children(node);
  if (!left || !op || !right || rest.length > 0) throw feel.refuse(node);
  if (feel.text(op) !== '=') throw feel.refuse(node, `is not translated (only "=" comparisons, not "${feel.text(op)}")`);
  return `${operand(feel, left)} == ${operand(feel, right)}`;
}

/** `a = 1 and b = 2 and …` (lezer nests it to the left) → the comparisons joined by `&&`. */
function conjunction(feel: Feel, node: SyntaxNode): string {
  return children(node)
    .filter((c) => c.name !== 'and')
    .map((c) => {
      if (c.name === 'Conjunction') return conjunction(feel, c);
      if (c.name === 'Comparison') return comparison(feel, c);
      throw feel.refuse(c, 'is not translated in a conjunction (only comparisons joined by and)');
    })
    .join(' && ');
}

/** `{code: "X", details: details}` → `S('{"code":"X","details":'.concat(<details as JSON>).concat('}'))`. */
function context(feel: Feel, node: SyntaxNode): string {
  const parts: Array<{ json: string } | { name: string }> = [];
  const json = (s: string): void => {
    const last = parts[parts.length - 1];
    if (last && 'json' in last) last.json += s;
    else parts.push({ json: s });
  };
  json('{');
  children(node)
    .filter((c) => c.name === 'ContextEntry')
    .forEach((entry, i) => {
      const [key, value] = children(entry);
      const name = key?.firstChild;
      if (!key || !value || name?.name !== 'Name' || children(name).length !== 1)
        throw feel.refuse(entry, 'is not translated (context keys must be one-word names)');
      json(`${i ? ',' : ''}${JSON.stringify(feel.text(name))}:`);
      if (LITERALS.has(value.name)) json(JSON.stringify(literal(feel, value)));
      else if (isEmptyList(value)) json('[]');
      else if (value.name === 'VariableName') parts.push({ name: variableName(feel, value) });
      else throw feel.refuse(value, `is not translated as context member "${feel.text(name)}" (only literals, [] and variable names)`);
    });
  json('}');
  const pieces = parts.map((p) => ('json' in p ? juelString(p.json) : `(${variable(p.name)} == null ? 'null' : ${variable(p.name)}.toString())`));
  const [first, ...rest] = pieces;
  return `S(${rest.reduce((acc, p) => `${acc}.concat(${p})`, first!)})`;
}

function value(feel: Feel, node: SyntaxNode): string {
  if (LITERALS.has(node.name) || node.name === 'VariableName') return operand(feel, node);
  if (isEmptyList(node)) return "S('[]')";
  switch (node.name) {
    case 'Comparison':
      return comparison(feel, node);
    case 'Conjunction':
      return conjunction(feel, node);
    case 'Context':
      return context(feel, node);
    default:
      throw feel.refuse(node);
  }
}

/** A FEEL value expression (`=…`) as the body of a JUEL expression (without `${` `}`). */
export function feelToJuelBody(expression: string): string {
  const feel = new Feel(expression);
  return value(feel, feel.root);
}

/** A FEEL value expression (`=…`) as a JUEL expression `${…}`. */
export function feelToJuel(expression: string): string {
  return `\${${feelToJuelBody(expression)}}`;
}

/** A FEEL condition as a JUEL condition; it must be a comparison or a conjunction of them. */
export function feelConditionToJuel(expression: string): string {
  const feel = new Feel(expression);
  const { root } = feel;
  if (root.name === 'Comparison') return `\${${comparison(feel, root)}}`;
  if (root.name === 'Conjunction') return `\${${conjunction(feel, root)}}`;
  throw feel.refuse(root, 'is not a condition (a = b, joined by and)');
}

/** `=name` → `name`: the variable a FEEL expression reads when it is nothing but a name, else undefined. */
export function variableOf(expression: string): string | undefined {
  const feel = new Feel(expression);
  return feel.root.name === 'VariableName' ? variableName(feel, feel.root) : undefined;
}

/**
 * A FEEL expression that yields text, for a Camunda 7 attribute that takes a string (`camunda:assignee`): a
 * variable name, or one member of a Json variable (`=member.id` → Spin `prop('id').stringValue()`).
 */
export function feelTextToJuel(expression: string): string {
  const feel = new Feel(expression);
  const { root } = feel;
  if (root.name === 'VariableName') return `\${${variable(variableName(feel, root))}}`;
  if (root.name === 'PathExpression') {
    const [base, dot, member, ...rest] = children(root);
    if (base?.name === 'VariableName' && dot?.name === '.' && member?.name === 'PathName' && rest.length === 0) {
      return `\${${variable(variableName(feel, base))}.prop(${juelString(feel.text(member))}).stringValue()}`;
    }
  }
  throw feel.refuse(root, 'is not translated as text (only a variable name or variable.member)');
}
