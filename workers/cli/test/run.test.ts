import assert from 'node:assert/strict';
import { EXIT, runCommand, untilDate } from '../src/commands/run.js';
import { example, L3_PASS } from './helpers.js';

async function cli(args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCommand(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out, err };
}

describe('isccc run (CLI)', function () {
  this.timeout(120_000);

  it('prints one line per step with date, clause and decision, and a result line; exit 0 when a certificate is issued', async () => {
    const r = await cli([L3_PASS, '--auto', '--until', '13m']);
    assert.equal(r.code, EXIT.issued);
    assert.match(r.out[0]!, /^isccc run CASE-[0-9A-F]{8} \(started\): 2026-11-01 → 2027-12-01$/);
    assert.ok(
      r.out.some((l) => /^2026-11-01 {2}• 6\.5 {7}decision: 3 for, 0 against → grant$/.test(l)),
      r.out.join('\n'),
    );
    assert.ok(r.out.some((l) => /^2027-10-01 {2}⏰ 6\.7\.1 {5}timer fired/.test(l)));
    assert.match(r.out.at(-1)!, /^result: horizon at 2027-12-01: certificate ISCCC-ISV-RA3-2026-[0-9A-F]{8} valid/);
  });

  it('writes the whole trail as JSON with --format json', async () => {
    const r = await cli([L3_PASS, '--auto', '--until', '1m', '--votes', 'no,no,yes', '--format', 'json']);
    assert.equal(r.code, EXIT.notIssued);
    const doc = JSON.parse(r.out.join('\n')) as {
      certificate: unknown;
      status: string;
      trail: Array<{ clause: string; clauseLabel: string; kind: string; at: string; text: { en: string; zh: string } }>;
    };
    assert.equal(doc.certificate, null);
    assert.equal(doc.status, 'completed');
    assert.ok(doc.trail.length > 5);
    for (const e of doc.trail) {
      assert.ok(e.clause && e.clauseLabel && e.at && e.text.en && e.text.zh, JSON.stringify(e));
    }
  });

  it('reports progress through the simulated span when asked', async () => {
    const progress: string[] = [];
    const code = await runCommand([L3_PASS, '--auto', '--until', '2y', '--format', 'json'], {
      out: () => {},
      err: () => {},
      progress: (t) => progress.push(t),
    });
    assert.equal(code, EXIT.issued);
    assert.match(progress.at(-1)!, /of 2028-11-01 100%$/);
    assert.ok(progress.length >= 3);
  });

  it('speaks Chinese with --lang zh', async () => {
    const r = await cli([L3_PASS, '--auto', '--until', '1m', '--lang', 'zh', '--findings', '0']);
    assert.ok(r.out.some((l) => l.includes('认证决定：3 票同意')));
  });

  for (const [args, pattern] of [
    [[L3_PASS, '--event', '2027-02-30:complaint'], /not a calendar date/],
    [[L3_PASS, '--event', '2027-02-01:earthquake'], /unknown kind "earthquake"/],
    [[L3_PASS, '--until', 'soon'], /--until must be/],
    [[L3_PASS, '--votes', 'yes,maybe'], /neither yes nor no/],
    [[L3_PASS, '--max-steps', '3'], /needs --case-dir/],
    [['--resume'], /--resume needs --case-dir/],
    [[example('does-not-exist')], /not a valid manifest/],
  ] as const) {
    it(`exits 2 on bad input: ${args.slice(1).join(' ') || args[0]}`, async () => {
      const r = await cli([...args]);
      assert.equal(r.code, EXIT.badInput);
      assert.match(r.err.join('\n'), pattern);
    });
  }

  it('reads --until as a span after the start or as a date', () => {
    const start = new Date('2026-11-01T00:00:00Z');
    assert.equal(untilDate('3y', start).toISOString().slice(0, 10), '2029-11-01');
    assert.equal(untilDate('18m', start).toISOString().slice(0, 10), '2028-05-01');
    assert.equal(untilDate('2030-01-31', start).toISOString().slice(0, 10), '2030-01-31');
  });
});
