/**
 * A rule file's FEEL is untrusted text: whatever shape lezer-feel's grammar accepts, parseFeel answers with the
 * expression or with located problems and never throws (`?` once reached the reader as a hole in the tree).
 * Random sequences of FEEL's own tokens reach the grammar's corners that hand-written cases miss.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseFeel } from './support.js';

const TOKENS = [
  '?',
  'x',
  'items',
  'a b',
  '`k`',
  '1',
  '2.5',
  '"s"',
  'true',
  'null',
  '-',
  '+',
  '*',
  '/',
  '**',
  '^',
  '=',
  '!=',
  '<',
  '<=',
  '>',
  '>=',
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  ',',
  ':',
  '.',
  '..',
  'in',
  'not',
  'and',
  'or',
  'if',
  'then',
  'else',
  'for',
  'return',
  'some',
  'every',
  'satisfies',
  'between',
  'instance of',
  'number',
  'function',
  '@"2020-01-01"',
  'date("2020-01-01")',
  'count',
  'sum',
  'item',
  '@',
  '#',
];

describe('FEEL of any shape gets an expression or a located problem', function () {
  it('never throws on 20,000 random token sequences, and every problem lies inside the expression', function () {
    this.timeout(120_000);
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...TOKENS), { minLength: 1, maxLength: 12 }), (tokens) => {
        const expression = tokens.join(' ');
        const parsed = parseFeel(expression);
        if (parsed.ok) return;
        assert.ok(parsed.problems.length > 0, expression);
        for (const p of parsed.problems) {
          assert.match(p.code, /^rules\/feel-/, expression);
          assert.ok(p.from >= 0 && p.from <= expression.length && p.to >= p.from && p.to <= expression.length + 1, `${expression}: ${p.from}-${p.to}`);
          assert.ok(p.message.length > 0 && p.zh.length > 0, expression);
        }
      }),
      { numRuns: 20_000, seed: 20261201 },
    );
  });

  it('refuses the input value `?` of unary tests by name, where it is written', function () {
    for (const [expression, from] of [
      ['?', 0],
      ['x in ?', 5],
      ['items[?]', 6],
      ['(?)', 1],
    ] as const) {
      const parsed = parseFeel(expression);
      assert.equal(parsed.ok, false, expression);
      if (parsed.ok) continue;
      assert.deepEqual(
        parsed.problems.map((p) => [p.code, p.from]),
        [['rules/feel-unsupported', from]],
        expression,
      );
      assert.match(parsed.problems[0]!.message, /\? is not part of the rule language/);
    }
  });
});
