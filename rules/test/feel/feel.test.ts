/**
 * The rule language's interpreter against feelin itself: the same answers on every FEEL expression of the
 * shipped rulebook over the facts of every example and rule fixture, and on a corpus of FEEL's corners; and
 * the bounds that keep an untrusted rule from hanging or filling memory.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { evaluate as feelin } from 'feelin';
import { parse } from 'yaml';
import { BASE_MANIFEST, FIXTURES_DIR, mergePatch } from '../../src/docs/rule-fixtures.js';
import { deriveFacts } from '../../src/facts/facts.js';
import { Budget, BudgetExceeded, compile, FEEL_LIMITS_FOR_TESTS, parseFeel, run, scopeOf } from './support.js';
import { parseManifest } from '../../src/manifest/load.js';
import type { Manifest } from '../../src/manifest/types.js';
import { packageRoot } from '../../src/paths.js';
import { FEEL_FIELDS, loadRulebook } from '../../src/rulebook/rulebook.js';

function ours(expression: string, context: Record<string, unknown>): unknown {
  const parsed = parseFeel(expression);
  if (!parsed.ok) throw new Error(`${expression}: ${parsed.problems[0]!.message}`);
  return run(compile(parsed.ast), scopeOf(context), new Budget());
}

/** feelin's answer, or "throws" (the evaluator then treats the check as failed, as it does with ours). */
function theirs(expression: string, context: Record<string, unknown>): unknown {
  try {
    return feelin(expression, context).value;
  } catch {
    return 'throws';
  }
}

function oursOrThrows(expression: string, context: Record<string, unknown>): unknown {
  try {
    return ours(expression, context);
  } catch (error) {
    if (error instanceof BudgetExceeded) throw error;
    return 'throws';
  }
}

/** Manifests with facts as varied as the suite has: the examples and every rule fixture. */
function manifests(): Manifest[] {
  const out: Manifest[] = [];
  const examples = path.resolve(packageRoot, '..', 'examples');
  for (const name of fs.readdirSync(examples)) {
    const file = path.join(examples, name, 'manifest.isccc.yaml');
    if (fs.existsSync(file)) out.push(parseManifest(fs.readFileSync(file, 'utf8'), file).manifest!);
  }
  const base = parseManifest(fs.readFileSync(BASE_MANIFEST, 'utf8'), BASE_MANIFEST).manifest!;
  for (const rule of fs.readdirSync(FIXTURES_DIR).filter((d) => fs.statSync(path.join(FIXTURES_DIR, d)).isDirectory())) {
    for (const fixture of fs.readdirSync(path.join(FIXTURES_DIR, rule)).filter((f) => f.endsWith('.yaml'))) {
      const { patch } = parse(fs.readFileSync(path.join(FIXTURES_DIR, rule, fixture), 'utf8')) as { patch: Record<string, unknown> };
      out.push(mergePatch(base, patch ?? {}) as Manifest);
    }
  }
  return out;
}

describe('the rule language (FEEL, compiled once, run on a budget)', function () {
  it('answers as feelin does on every FEEL field of the shipped rulebook, over the facts of every example and fixture', function () {
    // every FEEL field × every manifest, through two evaluators: 8 s on a quiet machine, more on a busy one
    this.timeout(120_000);
    const rulebook = loadRulebook();
    const all = manifests();
    assert.ok(all.length >= 50, `only ${all.length} manifests`);
    let compared = 0;
    const differences: string[] = [];
    for (const manifest of all) {
      const facts = deriveFacts(manifest, manifest.application, manifest.application.asOf) as unknown as Record<string, unknown>;
      for (const rule of rulebook.rules) {
        for (const check of rule.checks) {
          const context: Record<string, unknown> = { ...facts, expected: check.expected ?? null };
          for (const field of FEEL_FIELDS) {
            const text = check[field] ?? rule[field];
            if (!text) continue;
            const expected = theirs(text, context);
            const actual = oursOrThrows(text, context);
            compared++;
            if (JSON.stringify(actual) !== JSON.stringify(expected))
              differences.push(`${rule.id} ${check.clause} ${field}: feelin ${JSON.stringify(expected)}, ours ${JSON.stringify(actual)}`);
            context[field === 'condition' ? 'ok' : field] = expected;
          }
        }
      }
    }
    assert.deepEqual(differences.slice(0, 20), []);
    assert.ok(compared > 5000, `compared ${compared}`);
  });

  it("answers as feelin does on FEEL's corners: null logic, type mismatches, filters, membership, builtins", function () {
    const context = {
      xs: [1, 2, 3],
      s: 'abc',
      n: null,
      sites: [
        { a: 1, name: 'x', region: 'r1' },
        { a: 5, name: 'y', region: 'r2' },
      ],
      o: { p: { q: 3 } },
      x: 2,
    };
    const corpus = [
      'xs[item > 1]',
      'xs[2]',
      'xs[-1]',
      'xs[0]',
      'xs[true]',
      'xs["a"]',
      'sites[a >= 2].name',
      'sites[item.a > 2]',
      'sites[a > 100]',
      'string join(for s in sites return s.name + "!", ", ")',
      's + 1',
      '"a" + "b"',
      'n >= 2',
      'n = null',
      'xs = [1,2,3]',
      '[1,2] = [1,2]',
      'some x in xs satisfies x > 2',
      'every x in xs satisfies x > 2',
      'for x in xs, y in xs return x + y',
      'if n = null then "none" else "x"',
      'if 5 then 1 else 2',
      'o.p.q',
      'xs.a',
      '2 in (1, 2)',
      '5 in [1..4]',
      'x in >= 2',
      'x in (>= 3, < 2)',
      '"abc" >= 2',
      'x between 1 and 3',
      '3 between 1 and n',
      'not(true)',
      'not(1)',
      'true and null',
      'false and null',
      'null or true',
      'null or false',
      '-xs[1]',
      '1 / 0',
      'list contains(xs, 2)',
      'distinct values([1, 1, 2, [1], [1]])',
      'union([1, 2], [2, 3])',
      '{a: 1, b: a + 1}.b',
      'string([1, "a", {b: 1, "c d": n}])',
      'count(distinct values(for s in sites[a >= 1] return s.region))',
      'min(for s in sites return if s.a > 2 then 99 else s.a)',
      'max([])',
      'max([1, null])',
      'sum(xs)',
      'mean([1, 2])',
      'count(5)',
      'count(n)',
      'string length("ab")',
      'substring("hello", 2, 3)',
      'substring("hello", -2)',
      'upper case("a")',
      'substring before("abc", "b")',
      'contains("abc", "b")',
      'starts with("abc", "a")',
      'matches("abc", "^a")',
      'matches("ABC", "^a", "i")',
      'replace("abab", "a", "x")',
      'replace("abc", "(b)", "[$1]")',
      'split("a,b,,c", ",")',
      'string join(["a", null], "-")',
      'string join([1], "-")',
      'append(xs, 4)',
      'concatenate(xs, [4], 5)',
      'flatten([[1, [2]], 3])',
      'index of([1, 2, 1], 1)',
      'sublist(xs, 2)',
      'sublist(xs, 1, 2)',
      'reverse(xs)',
      'insert before(xs, 1, 0)',
      'remove(xs, 2)',
      'all([true, null])',
      'any([false, true])',
      'abs(-1)',
      'floor(1.5)',
      'ceiling(1.2)',
      'decimal(1.5, 0)',
      'round half up(2.5, 0)',
      'modulo(5, 3)',
      'odd(3)',
      'sqrt(-1)',
      '3 instance of number',
      '"a" instance of number',
      'get value({a: 1}, "a")',
      'get entries({a: 1})',
      'context put({a: 1}, "b", 2)',
      'context merge([{a: 1}, {b: 2}])',
      'is(1, 1)',
      'number("12")',
      'number("1.000,5", ".", ",")',
      'string(1.5)',
      'count(f)',
      'n.x',
      'n[1]',
      'xs[x]',
      '[1, 2, 3][item >= 2]',
      'sum(xs) > count(xs) * 1.5',
    ];
    const differences = corpus
      .map((e) => ({ e, feelin: theirs(e, context), ours: oursOrThrows(e, context) }))
      .filter((r) => JSON.stringify(r.feelin) !== JSON.stringify(r.ours));
    assert.deepEqual(differences, []);
  });

  it('refuses what the rule language leaves out, at its position: dates, temporal functions, function definitions, numeric-range loops', function () {
    for (const [expression, code, from] of [
      ['date("2020-01-01") > x', 'rules/feel-unsupported', 0],
      ['x > @"2020-01-01"', 'rules/feel-unsupported', 4],
      ['count(xs) > 0 and today() > x', 'rules/feel-unsupported', 18],
      ['(function(a) a)(1) > 0', 'rules/feel-unsafe', 1],
      ['count(for i in 1..10 return i) > 0', 'rules/feel-unsafe', 15],
      ['count(xs) >', 'rules/feel-syntax', 11],
    ] as const) {
      const parsed = parseFeel(expression);
      assert.equal(parsed.ok, false, expression);
      if (parsed.ok) continue;
      assert.equal(parsed.problems[0]!.code, code, expression);
      assert.equal(parsed.problems[0]!.from, from, expression);
    }
  });

  describe('bounds (hostile rule files)', function () {
    // Generous: on a loaded machine a bounded evaluation still ends in well under a second.
    this.timeout(30_000);
    const big = `[${Array.from({ length: 300 }, (_, i) => i).join(', ')}]`;
    const doubling = (name: string, seed: string, op: (prev: string) => string, n: number) =>
      `{${[`${name}0: ${seed}`, ...Array.from({ length: n }, (_, i) => `${name}${i + 1}: ${op(`${name}${i}`)}`)].join(', ')}}.${name}${n}`;

    const overruns = (expression: string): BudgetExceeded => {
      try {
        ours(expression, {});
      } catch (error) {
        if (error instanceof BudgetExceeded) return error;
        throw error;
      }
      assert.fail(`${expression.slice(0, 60)}… ended within its budget`);
    };

    it('runs a backtracking pattern in linear time: "^(a+)+$" on 34 a and a b', function () {
      assert.equal(ours(`matches("${'a'.repeat(34)}b", "^(a+)+$")`, {}), false);
      assert.equal(ours(`matches("${'a'.repeat(5000)}b", "^(a|aa)+$")`, {}), false);
      assert.deepEqual(ours(`split("${'a,'.repeat(3)}", "(,)+")`, {}), ['a', 'a', 'a', '']);
    });

    it('stops nested loops over literal lists where they overrun', function () {
      const loop = `count(for a in ${big}, b in ${big}, c in ${big} return 1)`;
      const error = overruns(loop);
      assert.equal(error.at[0], loop.indexOf('for'));
      overruns(`some a in ${big}, b in ${big}, c in ${big} satisfies a + b + c < 0`);
      overruns(`count(${big}[some a in ${big}, b in ${big} satisfies a = b])`);
    });

    it('stops list doubling through context entries, string doubling and deep comparisons of shared structure', function () {
      assert.equal(overruns(doubling('a', '[1, 1]', (p) => `concatenate(${p}, ${p})`, 40)).reason, 'cells');
      assert.equal(overruns(doubling('s', '"xxxxxxxx"', (p) => `${p} + ${p}`, 40)).reason, 'cells');
      assert.ok(['cells', 'steps'].includes(overruns(doubling('f', '[1]', (p) => `flatten([${p}, ${p}])`, 40)).reason));
      const shared = doubling('x', '[1, 2]', (p) => `[${p}, ${p}]`, 40);
      assert.equal(overruns(`${shared} = ${shared}`).reason, 'steps');
      assert.ok(['cells', 'steps'].includes(overruns(`string(${shared})`).reason));
    });

    it('stops on a deadline and on cancellation', function () {
      const loop = `count(for a in ${big}, b in ${big} return a * b)`;
      const parsed = parseFeel(loop);
      assert.ok(parsed.ok);
      const compiled = compile(parsed.ast);
      assert.throws(
        () => run(compiled, scopeOf({}), new Budget({ ...FEEL_LIMITS_FOR_TESTS, timeMs: 0 })),
        (e: unknown) => e instanceof BudgetExceeded && e.reason === 'time',
      );
      const cancel = new Int32Array(new SharedArrayBuffer(4));
      Atomics.store(cancel, 0, 1);
      assert.throws(
        () => run(compiled, scopeOf({}), new Budget(FEEL_LIMITS_FOR_TESTS, cancel)),
        (e: unknown) => e instanceof BudgetExceeded && e.reason === 'cancelled',
      );
    });

    it('leaves context keys such as __proto__ as plain keys, and never reads Object.prototype', function () {
      assert.equal(ours('{"__proto__": 1, constructor: 2}.constructor + 1', {}), 3);
      assert.equal(ours('x.constructor', { x: {} }), null);
      assert.equal(ours('x.toString', { x: { a: 1 } }), null);
      assert.equal(({} as Record<string, unknown>).polluted, undefined);
    });
  });
});
