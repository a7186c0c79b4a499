/**
 * `npm run bench` (workers part): one whole case — certification and a 3-year lifecycle of the example
 * risk-assessment level-3 applicant — on the embedded engine.
 *
 * Figures, all from this run:
 * - median wall time of one case: in memory; saved to a case folder after every step; and the baseline,
 *   the same engine and models replaying recorded handler outputs (no rules evaluation), which is what
 *   bpmn-engine and the Zeebe-dialect layer cost by themselves;
 * - cases per second over BENCH_CASES (default 200) sequential cases, with and without the handlers.
 * Each case gets its own copy of the manifest, so the rules evaluator really runs for every case.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { caseInputFromManifest } from '../src/embedded/case/case-input.js';
import { CaseRunner, type CaseRunnerOptions } from '../src/embedded/case/case-runner.js';
import { FileCaseStore } from '../src/embedded/case/case-store.js';
import { loadModels } from '../src/embedded/case/models.js';
import { followTheFindings } from '../src/embedded/case/people.js';
import { addDuration } from '@isccc/rules/vocabulary';
import type { HandlerResult, TaskHandler } from '../src/handlers/contract.js';
import { HANDLERS } from '../src/handlers/registry.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const MANIFEST = path.join(root, 'examples', 'risk-assessment-l3-pass', 'manifest.isccc.yaml');
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const CASES = Number(process.env.BENCH_CASES ?? 200);

const models = await loadModels();
const input = caseInputFromManifest(MANIFEST);
const until = addDuration(input.startAt, 'P3Y');

async function oneCase(options: Partial<CaseRunnerOptions> = {}): Promise<number> {
  const variables = { ...input.variables, manifest: structuredClone(input.variables.manifest) };
  // the people follow the findings, as isccc run --auto
  const runner = await CaseRunner.start({ ...input, variables, until }, { models, people: followTheFindings, ...options });
  const result = await runner.run();
  if (typeof result.variables.certificateNumber !== 'string' || result.status !== 'horizon') {
    throw new Error(`bench case did not run to its horizon with a certificate: ${result.status}`);
  }
  return result.trail.length;
}

type Recording = Map<string, HandlerResult[]>;

/** Runs one real case and keeps what every handler returned, per job type, in order. */
async function record(): Promise<Recording> {
  const recorded: Recording = new Map();
  const recording = Object.fromEntries(
    Object.entries(HANDLERS).map(([type, handler]): [string, TaskHandler] => [
      type,
      async (variables, ctx) => {
        const result = await handler(variables, ctx);
        recorded.set(type, [...(recorded.get(type) ?? []), structuredClone(result)]);
        return result;
      },
    ]),
  );
  await oneCase({ handlers: recording });
  return recorded;
}

/** Handlers that give back the recorded results (the lifecycle start still publishes its message). */
function replay(recorded: Recording): Record<string, TaskHandler> {
  const cursor = new Map<string, number>();
  return Object.fromEntries(
    Object.entries(HANDLERS).map(([type, real]): [string, TaskHandler] => [
      type,
      async (variables, ctx) => {
        const i = cursor.get(type) ?? 0;
        cursor.set(type, i + 1);
        const result = recorded.get(type)?.[i];
        if (!result) throw new Error(`no recorded result for ${type} #${i}`);
        if (type === 'isccc.lifecycle-start') await real(variables, ctx);
        return result;
      },
    ]),
  );
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

interface Variant {
  label: string;
  run: () => Promise<unknown>;
}

/** Medians of the variants, measured in turns (A, B, C, A, B, C, …) so that noise from other processes hits all alike. */
async function medians(variants: Variant[]): Promise<number[]> {
  for (const v of variants) for (let i = 0; i < 3; i++) await v.run();
  const times = variants.map((): number[] => []);
  for (let i = 0; i < RUNS; i++) {
    for (const [j, v] of variants.entries()) times[j]!.push(await timed(v.run));
  }
  return times.map(median);
}

const steps = await oneCase();
console.log(
  `workers: embedded engine (bpmn-engine 25.0.1, bpmn-elements 17.3.0 on smqp 11.0.1 as workers/patches patches it, feelin, virtual clock), node ${process.version}, ${os.cpus().length} CPUs`,
);
console.log(`case: ${path.relative(root, MANIFEST)}, certification + 3-year lifecycle, ${steps} trail entries`);
console.log(`\none full case, median of ${RUNS} runs:`);

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'isccc-bench-'));
let folders = 0;
const recording = await record();
const variants: Variant[] = [
  { label: 'embedded engine + handlers + rules, in memory', run: () => oneCase() },
  { label: 'same, saved to a case folder after every step', run: () => oneCase({ store: new FileCaseStore(path.join(tmp, String(folders++))) }) },
  { label: 'baseline: engine only, recorded handler outputs', run: () => oneCase({ handlers: replay(recording) }) },
];
const [inMemory, persisted, baseline] = (await medians(variants)) as [number, number, number];
fs.rmSync(tmp, { recursive: true, force: true });
for (const [i, v] of variants.entries()) console.log(`  ${v.label.padEnd(58)} ${[inMemory, persisted, baseline][i]!.toFixed(1).padStart(8)} ms`);
console.log(
  `  → ratio ${(inMemory / baseline).toFixed(2)}× the baseline; the case folder adds ${(persisted - inMemory).toFixed(1)} ms per case; handlers and rules take ${(inMemory - baseline).toFixed(1)} ms of a case`,
);

console.log(`\nthroughput, ${CASES} sequential cases:`);
let start = performance.now();
for (let i = 0; i < CASES; i++) await oneCase();
const real = CASES / ((performance.now() - start) / 1000);
console.log(`  ${'embedded engine + handlers + rules, in memory'.padEnd(58)} ${real.toFixed(2).padStart(8)} cases/s`);
start = performance.now();
for (let i = 0; i < CASES; i++) await oneCase({ handlers: replay(recording) });
const engineOnly = CASES / ((performance.now() - start) / 1000);
console.log(`  ${'baseline: engine only, recorded handler outputs'.padEnd(58)} ${engineOnly.toFixed(2).padStart(8)} cases/s`);
