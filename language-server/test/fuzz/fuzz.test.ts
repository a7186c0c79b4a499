/**
 * Random edits through the real language server (a process over stdio): a few sessions of random edits of four open
 * manifests, interleaved with requests, bounded so `npm test` stays fast; `npm run fuzz` runs the same property on
 * 2,000+ edits with a 2 s hang bound (language-server/test/fuzz/run.ts). Here a request is a hang only when it is
 * still unanswered after 10 s: timing decides nothing else in the suite.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { session } from './edits.js';
import { DOCUMENT_TEXTS, FuzzSession, newCounts } from './session.js';

const RUNS = Number(process.env.ISCCC_LS_FUZZ_RUNS ?? 3);
/**
 * The suite's sessions are the same at every run (a red CI names a defect, never the luck of a draw); `npm run fuzz`
 * draws a new seed each time. To replay a failure: the seed and path fast-check printed (and ISCCC_LS_FUZZ_STEPS=200
 * for one of `npm run fuzz`).
 */
const SEED =
  process.env.ISCCC_LS_FUZZ_SEED === undefined ? { seed: 20261201 } : { seed: Number(process.env.ISCCC_LS_FUZZ_SEED), path: process.env.ISCCC_LS_FUZZ_PATH };
const STEPS = Number(process.env.ISCCC_LS_FUZZ_STEPS ?? 150);

describe('fuzz: random edits through the language server over stdio (fast-check)', function () {
  this.timeout(180_000);

  it(`${RUNS} sessions of ${STEPS} steps: no exit, no logged error, every request answered, every range inside its text, every diagnostic coded`, async () => {
    const counts = newCounts();
    await fc.assert(
      fc.asyncProperty(session(DOCUMENT_TEXTS.length, DOCUMENT_TEXTS, STEPS), async (steps) => {
        const fuzz = new FuzzSession({ hangMs: 10_000, settleMs: 30_000 }, counts);
        await fuzz.run(steps);
        assert.deepEqual(fuzz.defects, []);
      }),
      { numRuns: RUNS, endOnFailure: true, ...SEED },
    );
    // The sessions did what they claim: edits and requests reached the server, and diagnostics came back.
    assert.ok(counts.edits >= RUNS * 40 && counts.requests >= RUNS * 20 && counts.publishes > 0, JSON.stringify(counts));
    const { edits, requests, documents, publishes, diagnostics } = counts;
    console.log(
      `      ${edits} edits, ${requests} requests, ${documents} documents opened, ${publishes} diagnostics notifications (${diagnostics} diagnostics)`,
    );
  });
});
