// `npm run bench`: every package's benchmark, one after the other, each printing its figures next
// to the baseline it names.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

const benches = [
  'rules/dist/bench/evaluate.bench.js',
  'workers/cli/dist/bench/check.bench.js',
  'workers/dist/bench/engine.bench.js',
  'workers/dist/bench/zeebe-worker.bench.js',
  'language-server/dist/bench/latency.bench.js',
];
let failed = false;
for (const bench of benches) {
  if (!fs.existsSync(bench)) {
    console.log(`\n== ${bench}: not built (run npm run build)`);
    failed = true;
    continue;
  }
  console.log(`\n== ${bench}`);
  try {
    execFileSync(process.execPath, [bench], { stdio: 'inherit' });
  } catch {
    failed = true;
  }
}
process.exitCode = failed ? 1 : 0;
