import fs from 'node:fs';
import path from 'node:path';
import { evaluate } from '../src/evaluate/evaluate.js';
import { parseManifest } from '../src/manifest/load.js';
import { packageRoot } from '../src/paths.js';
import { validateData } from '../src/schema/validator.js';

/**
 * Evaluating the whole rulebook (3 levels, evidence files hashed) against every example, next to
 * the baseline: plain ajv validation of the same manifest data, in the same run.
 */
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const examples = path.resolve(packageRoot, '..', 'examples');

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function time(fn: () => void): number[] {
  for (let i = 0; i < 3; i++) fn();
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    fn();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return samples;
}

console.log(`rules: evaluate whole rulebook vs baseline "plain ajv validation" — median of ${RUNS} runs, ms`);
console.log(`${'manifest'.padEnd(44)} ${'parse+evaluate'.padStart(15)} ${'evaluate only'.padStart(14)} ${'ajv only'.padStart(9)} ${'ratio'.padStart(7)}`);
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
  const ajv = median(time(() => validateData('manifest', data)));
  console.log(
    `${name.padEnd(44)} ${full.toFixed(2).padStart(15)} ${evalOnly.toFixed(2).padStart(14)} ${ajv.toFixed(3).padStart(9)} ${(full / ajv).toFixed(0).padStart(6)}×`,
  );
}
