// `npm run fuzz`: every package's fuzz at depth, one after the other — hostile manifests and rule files through
// `isccc check` (workers/cli), then random edits through the language server — each given the options it takes:
//   npm run fuzz -- [--manifests N] [--rules N] [--edits N] [--steps N] [--seed S]
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    manifests: { type: 'string' },
    rules: { type: 'string' },
    edits: { type: 'string' },
    steps: { type: 'string' },
    seed: { type: 'string' },
  },
});
const flags = (...names) => names.flatMap((name) => (values[name] === undefined ? [] : [`--${name}`, values[name]]));
const runs = [
  ['workers/cli/dist/test/fuzz/run.js', flags('manifests', 'rules', 'seed')],
  ['language-server/dist/test/fuzz/run.js', flags('edits', 'steps', 'seed')],
];
let failed = false;
for (const [run, args] of runs) {
  console.log(`\n== ${run} ${args.join(' ')}`);
  try {
    execFileSync(process.execPath, [run, ...args], { stdio: 'inherit' });
  } catch {
    failed = true;
  }
}
process.exitCode = failed ? 1 : 0;
