/** The embedded engine buffers messages for their TTL, as Zeebe does: correlated when a subscription opens in time. */
import assert from 'node:assert/strict';
import { HANDLERS } from '../src/handlers/registry.js';
import type { TaskHandler } from '../src/handlers/contract.js';
import { runCase } from './helpers.js';
import { runReplayCase } from './support/job-recording.js';

describe('embedded engine: message buffering (TTL)', function () {
  this.timeout(60_000);

  it('a message published before its catch event is entered is correlated when the subscription opens', async () => {
    // The applicant answers at once: the supplement arrives while the request job is still running (no subscription yet).
    let round = 0;
    const eager: TaskHandler = async (variables, ctx) => {
      const result = await HANDLERS['isccc.request-supplement']!(variables, ctx);
      round++;
      await ctx.publishMessage({
        name: 'isccc.supplement-submitted',
        correlationKey: String(variables.applicationId),
        messageId: `supplement-${round}`,
        variables: { documents: variables.documents },
      });
      // A retried publish with the same id within the TTL is no second message.
      await ctx.publishMessage({
        name: 'isccc.supplement-submitted',
        correlationKey: String(variables.applicationId),
        messageId: `supplement-${round}`,
        variables: {},
      });
      return result;
    };
    const { trail } = await runReplayCase(
      { name: 'eager applicant', until: 'P1M', override: { level: 2 } },
      { ...HANDLERS, 'isccc.request-supplement': eager },
    );
    const lines = trail.map((e) => `${e.kind} ${e.taskType ?? ''} ${e.text.en}`);
    const buffered = lines.findIndex((l) => /message isccc.supplement-submitted buffered until/.test(l));
    const caught = lines.findIndex((l) => /^message\s+message isccc.supplement-submitted → /.test(l));
    assert.ok(buffered >= 0 && caught > buffered, lines.join('\n'));
    assert.equal(
      trail.filter((e) => e.kind === 'message' && e.text.en.startsWith('message isccc.supplement-submitted')).length,
      round,
      'one correlation per round, not per publish',
    );
    assert.ok(trail.filter((e) => e.taskType === 'isccc.material-checks').length > 1, 'the document checks ran again on the supplement');
  });

  it('a message nothing waits for expires after its TTL (trail: expired uncorrelated)', async () => {
    const r = await runCase({ until: 'P3M', events: ['2026-12-15:restore'] });
    const lines = r.trail.map((e) => e.text.en);
    const buffered = lines.findIndex((l) => /^message isccc.restoration-requested buffered until 2026-12-15T01:00/.test(l));
    const expired = lines.findIndex((l) => l === 'message isccc.restoration-requested expired uncorrelated');
    assert.ok(buffered >= 0 && expired > buffered, lines.join('\n'));
  });
});
