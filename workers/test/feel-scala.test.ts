/**
 * Every FEEL expression of both models, evaluated by feelin (the embedded engine's FEEL) and by feel-scala (Zeebe's,
 * `org.camunda.feel:feel-engine` 1.20.2 as Camunda 8.8 ships it, built by workers/ci-setup.sh) on the variables
 * recorded from whole embedded-engine cases and on edge inputs (missing, null, wrong type): any difference in value
 * or in FEEL type fails.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { evaluate, FeelDate, FeelDateTime, FeelDuration, FeelTime } from 'feelin';
import { modelPath, type ProcessKey } from '@isccc/bpmn';
import { recordJobStream } from './support/job-recording.js';
import { repoRoot } from './helpers.js';

const RUNNER = path.join(repoRoot, 'workers', 'feel-scala-runner', 'target', 'isccc-feel-scala-runner.jar');

type Typed = { type: string; value?: unknown } | { failure: string };

interface Expression {
  process: ProcessKey;
  source: string;
}

const XML_ENTITIES: Record<string, string> = { '&quot;': '"', '&lt;': '<', '&gt;': '>', '&amp;': '&', '&apos;': "'" };
const unescapeXml = (text: string): string => text.replace(/&(quot|lt|gt|amp|apos);/g, (e) => XML_ENTITIES[e]!);

/** Every `=…` of a model: attributes (mappings, correlation keys, collections) and element bodies (conditions, timers). */
function expressionsOf(process: ProcessKey): Expression[] {
  const xml = fs.readFileSync(modelPath(process), 'utf8');
  const found = new Set<string>();
  for (const m of xml.matchAll(/="(=[^"]*)"/g)) found.add(unescapeXml(m[1]!));
  for (const m of xml.matchAll(/>(=[^<]+)</g)) found.add(unescapeXml(m[1]!.trim()));
  return [...found].map((source) => ({ process, source }));
}

/** feelin's result in the runner's typed form. */
function feelinTyped(expression: string, context: Record<string, unknown>): Typed {
  let result;
  try {
    result = evaluate(expression.slice(1), context);
  } catch (error) {
    return { failure: (error as Error).message };
  }
  return typed(result.value);
}

function typed(value: unknown): Typed {
  if (value === null || value === undefined) return { type: 'null' };
  if (typeof value === 'boolean') return { type: 'boolean', value };
  if (typeof value === 'number') return { type: 'number', value: canonicalNumber(value) };
  if (typeof value === 'string') return { type: 'string', value };
  if (value instanceof FeelDate) return { type: 'date', value: String(value) };
  if (value instanceof FeelTime) return { type: 'time', value: String(value) };
  if (value instanceof FeelDateTime) return { type: 'date-time', value: new Date(String(value)).toISOString().replace('.000Z', 'Z') };
  if (value instanceof FeelDuration) {
    return value.yearsMonths
      ? { type: 'years-months-duration', value: value.years * 12 + value.months }
      : { type: 'days-time-duration', value: ((value.days * 24 + value.hours) * 60 + value.minutes) * 60_000 + value.seconds * 1000 };
  }
  if (Array.isArray(value)) return { type: 'list', value: value.map(typed) };
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return { type: 'context', value: Object.fromEntries(entries.map(([k, v]) => [k, typed(v)])) };
  }
  // A function or a range: feel-scala answers these as its own types, which then differ by name.
  return { type: typeof value };
}

/** As Java's BigDecimal.stripTrailingZeros().toPlainString() writes it. */
function canonicalNumber(n: number): string {
  return Number.isInteger(n) ? BigInt(n).toString() : String(n);
}

/** Variable names an expression reads (FEEL names that are no keyword, built-in or string content). */
function namesIn(expression: string): string[] {
  const code = expression.slice(1).replace(/"(?:[^"\\]|\\.)*"/g, '""');
  const keys = new Set([...code.matchAll(/([A-Za-z_][A-Za-z0-9_]*)\s*:/g)].map((m) => m[1]!));
  const words = [...code.matchAll(/(?<![.\w])([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]!);
  const reserved = new Set(['and', 'or', 'not', 'null', 'true', 'false', 'if', 'then', 'else', 'for', 'in', 'return', 'some', 'every', 'satisfies']);
  return [...new Set(words.filter((w) => !reserved.has(w) && !keys.has(w)))];
}

/** feel-scala over the runner's line protocol, all requests in one JVM. */
async function feelScala(requests: Array<{ expression: string; context: Record<string, unknown> }>): Promise<Typed[]> {
  const child = spawn('java', ['-jar', RUNNER], { stdio: ['pipe', 'pipe', 'pipe'] });
  const answers = new Map<number, Typed>();
  const stderr: string[] = [];
  child.stderr.setEncoding('utf8').on('data', (c: string) => stderr.push(c));
  const lines = readline.createInterface({ input: child.stdout });
  lines.on('line', (line) => {
    const answer = JSON.parse(line) as { id: number; value?: Typed; failure?: string };
    answers.set(answer.id, answer.value ?? { failure: answer.failure ?? '' });
  });
  const done = new Promise<number | null>((resolve) => child.on('close', resolve));
  requests.forEach((r, id) => child.stdin.write(`${JSON.stringify({ id, expression: r.expression.slice(1), context: r.context })}\n`));
  child.stdin.end();
  const code = await done;
  assert.equal(code, 0, `feel-scala runner failed: ${stderr.join('').slice(-2000)}`);
  return requests.map((_, id) => answers.get(id) ?? { failure: 'no answer' });
}

describe('FEEL of the models: feelin (embedded engine) against feel-scala (Zeebe)', function () {
  this.timeout(300_000);

  it('gives the same value and type for every expression on recorded and edge inputs', async function () {
    assert.ok(fs.existsSync(RUNNER), `${RUNNER} is missing: run bash workers/ci-setup.sh`);
    const expressions = [...expressionsOf('certification'), ...expressionsOf('lifecycle')];
    assert.ok(expressions.length >= 20, `found ${expressions.length} expressions`);

    // The manifest is large and read by one mapping only (=manifest): the other expressions get the inputs without it.
    const recorded = new Map<string, Record<string, unknown>>();
    for (const job of await recordJobStream()) recorded.set(JSON.stringify(job.variables), job.variables);
    const full = [...recorded.values()];
    const withoutManifest = (c: Record<string, unknown>): Record<string, unknown> => Object.fromEntries(Object.entries(c).filter(([k]) => k !== 'manifest'));
    const slim = [...new Map(full.map((c) => [JSON.stringify(withoutManifest(c)), withoutManifest(c)])).values()];
    const edges = [null, 0, 1, 2.5, '1', 'grant', 'supplement', 'administrative', true, false, [], [1], {}, { a: 1 }];

    const requests: Array<{ expression: string; context: Record<string, unknown>; input: string }> = [];
    for (const e of expressions) {
      const contexts = /\bmanifest\b/.test(e.source) ? full : slim;
      const base = contexts[0]!;
      for (const [i, context] of contexts.entries()) requests.push({ expression: e.source, context, input: `recorded #${i}` });
      requests.push({ expression: e.source, context: {}, input: 'no variables' });
      for (const name of namesIn(e.source)) {
        for (const value of edges) requests.push({ expression: e.source, context: { ...base, [name]: value }, input: `${name} = ${JSON.stringify(value)}` });
        const { [name]: _missing, ...without } = base;
        requests.push({ expression: e.source, context: without, input: `${name} missing` });
      }
    }

    const scala = await feelScala(requests);
    const differences: string[] = [];
    requests.forEach((r, i) => {
      const mine = feelinTyped(r.expression, r.context);
      const theirs = scala[i]!;
      const bothFailed = 'failure' in mine && 'failure' in theirs;
      if (!bothFailed && JSON.stringify(mine) !== JSON.stringify(theirs)) {
        differences.push(`${r.expression} with ${r.input}: feelin ${JSON.stringify(mine)}, feel-scala ${JSON.stringify(theirs)}`);
      }
    });
    console.log(`      ${requests.length} evaluations of ${expressions.length} expressions on ${slim.length} recorded inputs and edge inputs`);
    assert.deepEqual([...new Set(differences)].slice(0, 40), []);
  });
});
