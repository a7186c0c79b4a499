/**
 * `npm run fuzz`: the fuzz properties of fuzz.test.ts at depth — by default 10,000 mutated manifests and 1,000
 * mutated rule files — reporting how many ran, the slowest case, and any case over 2 s as a hang. Exits 1 on
 * the first property violation (fast-check prints the shrunk counterexample and its seed) or on a hang.
 *   node workers/cli/dist/test/fuzz/run.js [--manifests N] [--rules N] [--seed S]
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import fc from 'fast-check';
import { checkFlags, EXAMPLES, hostileFeelRuleFile, mutatedManifest, mutatedRuleFile } from './inputs.js';
import { assertSound, runInProcess, Workspaces } from './properties.js';

const HANG_MS = 2000;
const { values } = parseArgs({
  options: { manifests: { type: 'string', default: '10000' }, rules: { type: 'string', default: '1000' }, seed: { type: 'string' } },
});
const seed = values.seed === undefined ? Date.now() % 2 ** 31 : Number(values.seed);
const workspaces = new Workspaces();
const slow: { what: string; ms: number }[] = [];
let slowest = { what: '', ms: 0 };
const exits = new Map<number, number>();

function note(what: string, ms: number, code: number): void {
  exits.set(code, (exits.get(code) ?? 0) + 1);
  if (ms > slowest.ms) slowest = { what, ms };
  if (ms > HANG_MS) slow.push({ what, ms });
}

async function section(name: string, runs: number, property: fc.IAsyncProperty<never>): Promise<void> {
  const started = performance.now();
  await fc.assert(property, { numRuns: runs, seed, endOnFailure: true });
  console.log(`${name}: ${runs} cases in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

try {
  // Warm up: the first check loads the catalog, the rulebook and the schemas; that is start-up, not a hang.
  await runInProcess(['check', path.join(EXAMPLES[0]!.dir, 'manifest.isccc.yaml')]);
  await section(
    'manifests',
    Number(values.manifests),
    fc.asyncProperty(mutatedManifest, checkFlags, async ({ example, text }, flags) => {
      const dir = workspaces.of(example);
      const file = path.join(dir, 'fuzz.isccc.yaml');
      fs.writeFileSync(file, text);
      const outcome = await runInProcess(['check', file, ...flags]);
      note(`${example.name} ${flags.join(' ')}`, outcome.ms, outcome.code);
      assertSound(outcome, [dir], `${example.name} ${flags.join(' ')}\n${text.slice(0, 400)}`);
    }) as unknown as fc.IAsyncProperty<never>,
  );
  const example = EXAMPLES.find((e) => e.name === 'risk-assessment-l2-fail') ?? EXAMPLES[0]!;
  await section(
    'rule files',
    Number(values.rules),
    fc.asyncProperty(mutatedRuleFile, async ({ name, text }) => {
      const dir = workspaces.of(example);
      const rules = workspaces.rulesDir();
      fs.writeFileSync(path.join(rules, name), text);
      const outcome = await runInProcess(['check', path.join(dir, 'manifest.isccc.yaml'), '--rules', rules]);
      note(`--rules ${name}`, outcome.ms, outcome.code);
      assertSound(outcome, [dir, rules], `${name}\n${text.slice(0, 400)}`);
      fs.rmSync(rules, { recursive: true, force: true });
    }) as unknown as fc.IAsyncProperty<never>,
  );
  const bombed = EXAMPLES.find((e) => e.name === 'risk-assessment-l3-pass') ?? EXAMPLES[0]!;
  await section(
    'hostile FEEL',
    Math.max(1, Math.ceil(Number(values.rules) / 5)),
    fc.asyncProperty(hostileFeelRuleFile, async ({ name, text, feel }) => {
      const dir = workspaces.of(bombed);
      const rules = workspaces.rulesDir();
      fs.writeFileSync(path.join(rules, name), text);
      const outcome = await runInProcess(['check', path.join(dir, 'manifest.isccc.yaml'), '--rules', rules]);
      note(`--rules ${name}: ${feel.slice(0, 60)}`, outcome.ms, outcome.code);
      assertSound(outcome, [dir, rules], `${name}: ${feel}`);
      fs.rmSync(rules, { recursive: true, force: true });
    }) as unknown as fc.IAsyncProperty<never>,
  );
  console.log(`seed ${seed}; exit codes ${[...exits].map(([code, n]) => `${code}: ${n}`).join(', ')}; slowest ${slowest.ms.toFixed(0)} ms (${slowest.what})`);
  if (slow.length > 0) {
    console.log(`${slow.length} case(s) over ${HANG_MS} ms:\n${slow.map((s) => `  ${s.ms.toFixed(0)} ms ${s.what}`).join('\n')}`);
    process.exitCode = 1;
  } else console.log(`no case over ${HANG_MS} ms, no property violated`);
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
} finally {
  workspaces.dispose();
}
