import fs from 'node:fs';
import path from 'node:path';
import { evaluate } from '../src/evaluate/evaluate.js';
import { parseManifest } from '../src/manifest/load.js';
import { packageRoot } from '../src/paths.js';
import { validateData } from '../src/schema/validator.js';

/**
 * Evaluating the whole rulebook (3 levels, evidence files checked) against every example, warm, next to the
 * baseline: plain ajv validation of the same manifest data, in the same run. Each sample is the mean of a batch of
 * calls (a single ajv call is far below the timer's resolution on a busy machine); the figure is the median sample.
 */
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const BATCH = 10;
const examples = path.resolve(packageRoot, '..', 'examples');

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function time(fn: () => void, batch = BATCH): number[] {
  for (let i = 0; i < 3 * batch; i++) fn();
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    for (let j = 0; j < batch; j++) fn();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6 / batch);
  }
  return samples;
}

console.log(`rules: evaluate whole rulebook vs baseline "plain ajv validation" — median of ${RUNS} samples (each the mean of a batch), ms`);
console.log(
  `${'manifest'.padEnd(42)} ${'parse+evaluate'.padStart(14)} ${'evaluate'.padStart(9)} ${'ajv'.padStart(7)} ${'evaluate/ajv'.padStart(13)} ${'(parse+evaluate)/ajv'.padStart(21)}`,
);
for (const name of fs
  .readdirSync(examples)
  .filter((d) => fs.existsSync(path.join(examples, d, 'manifest.isccc.yaml')))
  .sort()) {
  const file = path.join(examples, name, 'manifest.isccc.yaml');
  const text = fs.readFileSync(file, 'utf8');
  const parsed = parseManifest(text, file);
  if (!parsed.manifest) throw new Error(`${file}: ${parsed.problems[0]?.message}`);
  const workspaceDir = path.dirname(file);
  const full = median(
    time(() => {
      const p = parseManifest(text, file);
      evaluate({ manifest: p.manifest!, source: p.source, workspaceDir });
    }),
  );
  const evalOnly = median(time(() => evaluate({ manifest: parsed.manifest!, source: parsed.source, workspaceDir })));
  const data: unknown = JSON.parse(JSON.stringify(parsed.manifest));
  const ajv = median(time(() => validateData('manifest', data), 100));
  console.log(
    `${name.padEnd(42)} ${full.toFixed(2).padStart(14)} ${evalOnly.toFixed(2).padStart(9)} ${ajv.toFixed(3).padStart(7)} ${`${(evalOnly / ajv).toFixed(0)}×`.padStart(13)} ${`${(full / ajv).toFixed(0)}×`.padStart(21)}`,
  );
}
