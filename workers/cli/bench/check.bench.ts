/**
 * `isccc check`, each figure beside a baseline measured in the same run:
 * - start-up: the whole command on an example vs `node -e 0` (wall time, median of interleaved runs);
 * - batch: 1,000 generated manifests through `isccc check <folder>` on all cores vs a single-threaded loop over the
 *   same files in this process (parse + evaluate each), in manifests per second.
 * Run: node workers/cli/dist/bench/check.bench.js (BENCH_RUNS=n start-up runs, default 21; BENCH_MANIFESTS=n).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { evaluate, loadManifestFile } from '@isccc/rules';
import { BIN, example, repoRoot } from '../test/helpers.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 21);
const MANIFESTS = Number(process.env.BENCH_MANIFESTS ?? 1000);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function wall(args: string[]): number {
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { stdio: 'ignore' });
  if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')} exited ${r.status}`);
  return Number(process.hrtime.bigint() - started) / 1e6;
}

console.log(`isccc check, node ${process.version}, ${os.availableParallelism()} CPUs (${os.cpus()[0]?.model ?? '?'}), load ${os.loadavg()[0]!.toFixed(1)}`);
const manifest = example('risk-assessment-l3-pass');
const node: number[] = [];
const check: number[] = [];
for (let i = 0; i < RUNS; i++) {
  node.push(wall(['-e', '0']));
  check.push(wall([BIN, 'check', manifest]));
}
const [n, c] = [median(node), median(check)];
console.log(`start-up, median of ${RUNS} interleaved runs:`);
console.log(`  isccc check examples/risk-assessment-l3-pass   ${c.toFixed(0).padStart(6)} ms`);
console.log(`  baseline: node -e 0                            ${n.toFixed(0).padStart(6)} ms   ratio ${(c / n).toFixed(2)}×`);

/** Copies of the examples (with their evidence), each manifest varied a little so no two are the same text. */
function generate(dir: string, count: number): string[] {
  const examples = fs.readdirSync(path.join(repoRoot, 'examples')).filter((e) => fs.existsSync(example(e)));
  const files: string[] = [];
  for (const name of examples) fs.cpSync(path.join(repoRoot, 'examples', name), path.join(dir, name), { recursive: true });
  for (let i = 0; files.length < count; i++) {
    const name = examples[i % examples.length]!;
    const text = fs.readFileSync(example(name), 'utf8').replace(/serviceStaff: (\d+)/, (_, staff: string) => `serviceStaff: ${Number(staff) + (i % 7)}`);
    const file = path.join(dir, name, `generated-${i}.isccc.yaml`);
    fs.writeFileSync(file, text);
    files.push(file);
  }
  for (const name of examples) fs.rmSync(path.join(dir, name, 'manifest.isccc.yaml'));
  return files;
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'isccc-batch-'));
try {
  const files = generate(dir, MANIFESTS);
  let started = performance.now();
  for (const file of files) {
    const parsed = loadManifestFile(file);
    evaluate({ manifest: parsed.manifest!, source: parsed.source, workspaceDir: path.dirname(file) });
  }
  const loop = files.length / ((performance.now() - started) / 1000);
  started = performance.now();
  const r = spawnSync(process.execPath, [BIN, 'check', dir], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const all = files.length / ((performance.now() - started) / 1000);
  const summary = r.stderr.trim().split('\n').at(-1);
  console.log(`batch, ${files.length} generated manifests (copies of the examples with evidence):`);
  console.log(`  isccc check <folder>, all cores, whole process    ${all.toFixed(0).padStart(6)} manifests/s   (${summary})`);
  console.log(`  baseline: single-threaded loop in this process    ${loop.toFixed(0).padStart(6)} manifests/s   ratio ${(all / loop).toFixed(2)}×`);
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
