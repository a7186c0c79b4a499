/**
 * `npm run fuzz` (language server part): the property of fuzz.test.ts at depth — by default sessions of 200 steps
 * until 2,000 edits have been sent — with a 2 s bound on every request (past it: a hang). Prints the counts (sessions,
 * edits, requests, documents, diagnostics) and the slowest request; exits 1 on the first session with a defect
 * (fast-check prints the steps and the seed to replay it) or a hang.
 *   node language-server/dist/test/fuzz/run.js [--edits N] [--steps N] [--seed S]
 */
import { parseArgs } from 'node:util';
import fc from 'fast-check';
import { session, type Step } from './edits.js';
import { DOCUMENT_TEXTS, FuzzSession, newCounts } from './session.js';

const HANG_MS = 2000;
const { values } = parseArgs({ options: { edits: { type: 'string', default: '2000' }, steps: { type: 'string', default: '200' }, seed: { type: 'string' } } });
const seed = values.seed === undefined ? Date.now() % 2 ** 31 : Number(values.seed);
const edits = Number(values.edits);
const steps = Number(values.steps);
const counts = newCounts();
const started = performance.now();
/** The defects of the session that failed, printed instead of fast-check's whole counterexample (megabytes of edits). */
let found: string[] = [];

try {
  // Sessions until the edits are sent: fast-check draws one script per run, so ask for more runs than needed and stop early.
  await fc.assert(
    fc.asyncProperty(session(DOCUMENT_TEXTS.length, DOCUMENT_TEXTS, steps), async (script: Step[]) => {
      if (counts.edits >= edits) return;
      const fuzz = new FuzzSession({ hangMs: HANG_MS, settleMs: 30_000 }, counts);
      await fuzz.run(script);
      if (fuzz.defects.length > 0) {
        found = fuzz.defects;
        throw new Error(`${fuzz.defects.length} defect(s)`);
      }
    }),
    { numRuns: Math.ceil(edits / (steps / 4)), seed, endOnFailure: true },
  );
  const { sessions, edits: sent, requests, documents, publishes, diagnostics, slowest } = counts;
  console.log(
    `language server: ${sessions} sessions, ${counts.steps} steps: ${sent} edits, ${requests} requests, ${documents} documents opened, ` +
      `${publishes} diagnostics notifications (${diagnostics} diagnostics) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  console.log(`seed ${seed}; slowest request ${slowest.ms.toFixed(0)} ms (${slowest.what}); no request over ${HANG_MS} ms, no property violated`);
} catch (error) {
  const message = (error as Error).message;
  console.error(found.length > 0 ? `${found.length} defect(s):\n${found.join('\n')}` : message.slice(0, 4000));
  // The run to replay, e.g. with ISCCC_LS_FUZZ_SEED / ISCCC_LS_FUZZ_PATH and ISCCC_LS_FUZZ_TRACE=1 in fuzz.test.ts.
  console.error(/\{ seed: .*? \}/.exec(message)?.[0] ?? '');
  console.error(`after ${counts.sessions} sessions, ${counts.edits} edits, ${counts.requests} requests; seed ${seed}`);
  process.exitCode = 1;
}
