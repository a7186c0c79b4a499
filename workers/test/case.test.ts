/** Whole cases on the real §6 models (bpmn/models) and the real rules evaluator: the scenarios of issue 3 §5. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FileCaseStore } from '../src/embedded/case/case-store.js';
import type { TaskHandler } from '../src/handlers/contract.js';
import { HANDLERS } from '../src/handlers/registry.js';
import { addDuration, parseDate } from '@isccc/rules/vocabulary';
import { decided, example, jobs, ofKind, runCase } from './helpers.js';

const monthsBetween = (a: string, b: string): number => {
  const [x, y] = [parseDate(a), parseDate(b)];
  return (y.getUTCFullYear() - x.getUTCFullYear()) * 12 + y.getUTCMonth() - x.getUTCMonth() + (y.getUTCDate() - x.getUTCDate()) / 31;
};

describe('certification case on the embedded engine', function () {
  this.timeout(120_000);

  it('takes a passing level-3 applicant to "certificate issued" and starts its lifecycle', async () => {
    const r = await runCase({ until: 'P1M' });
    const issued = jobs(r.trail, 'isccc.certificate-issue');
    assert.equal(issued.length, 1);
    assert.equal(issued[0]!.clause, '6.6');
    assert.equal(issued[0]!.outcome, 'issued');
    assert.ok(r.trail.some((e) => e.kind === 'end' && e.elementId === 'EndEvent_CertificateIssued' && e.clause === '6.6'));
    assert.ok(
      r.trail.some((e) => e.kind === 'message' && e.processId === 'isccc-certificate-lifecycle'),
      'the lifecycle instance was started by message',
    );
    assert.equal(r.variables.certificateStatus, 'valid');
    assert.equal(r.variables.grantedLevel, 3);
    assert.match(String(r.variables.certificateNumber), /^ISCCC-ISV-RA3-2026-/);
    assert.ok(
      r.trail.every((e) => e.clause && e.clauseLabel),
      'every trail line names its clause',
    );
  });

  for (const size of [4, 2]) {
    it(`refuses a decision committee of ${size}, citing 6.5, and waits for a new one`, async () => {
      const r = await runCase({ committee: size, until: 'P1M' });
      const refused = ofKind(r.trail, 'bpmn-error');
      assert.equal(refused.length, 1);
      assert.equal(refused[0]!.errorCode, 'ISCCC_6_5');
      assert.equal(refused[0]!.clauseLabel, '6.5');
      assert.equal(decided(r.trail, 'committee-vote').length, 0, 'no member votes in an invalid committee');
      assert.equal(r.variables.certificateNumber, undefined);
      assert.deepEqual(
        r.waitingFor.map((w) => w.message),
        ['isccc.committee-appointed'],
      );
      assert.equal(r.status, 'waiting');
    });
  }

  it('issues the certificate after an invalid committee is replaced by a valid one', async () => {
    const r = await runCase({ committee: 4, events: ['2026-12-01:committee=5'], until: 'P2M' });
    assert.equal(decided(r.trail, 'committee-vote').length, 5);
    assert.equal(jobs(r.trail, 'isccc.certificate-issue')[0]!.at.slice(0, 10), '2026-12-01');
  });

  it('grants on 2 of 3 votes', async () => {
    const r = await runCase({ votes: ['yes', 'yes', 'no'], until: 'P1M' });
    const tally = jobs(r.trail, 'isccc.committee-tally')[0]!;
    assert.equal(tally.outcome, 'grant');
    assert.deepEqual([r.variables.votesFor, r.variables.votesAgainst], [2, 1]);
    assert.equal(jobs(r.trail, 'isccc.certificate-issue').length, 1);
  });

  it('refuses on 1 of 3 votes, notifying the applicant under 6.5', async () => {
    const r = await runCase({ votes: ['yes', 'no', 'no'], until: 'P1M' });
    assert.equal(jobs(r.trail, 'isccc.committee-tally')[0]!.outcome, 'refuse');
    const notice = jobs(r.trail, 'isccc.rejection-notify');
    assert.equal(notice.length, 1);
    assert.equal(notice[0]!.clause, '6.5');
    assert.equal((r.variables.reason as { code: string }).code, 'ISCCC_6_5');
    assert.equal(jobs(r.trail, 'isccc.certificate-issue').length, 0);
    assert.equal(r.status, 'completed');
  });

  it('maintains the certificate through three years of annual surveillance, never more than 12 months apart', async () => {
    const r = await runCase({ until: 'P3Y' });
    const concluded = jobs(r.trail, 'isccc.surveillance-conclude');
    assert.equal(concluded.length, 3);
    assert.ok(concluded.every((e) => e.outcome === 'maintained' && e.clause === '6.7.3'));
    const reviews = [r.variables.issuedOn as string, ...jobs(r.trail, 'isccc.surveillance-review').map((e) => e.at.slice(0, 10))];
    for (let i = 1; i < reviews.length; i++) assert.ok(monthsBetween(reviews[i - 1]!, reviews[i]!) <= 12, `${reviews[i - 1]} → ${reviews[i]}`);
    assert.equal(ofKind(r.trail, 'timer').length, 3);
    assert.equal(r.variables.certificateStatus, 'valid');
    assert.equal(r.status, 'horizon');
  });

  it('revokes a suspended certificate that is not restored within three months (6.8.3 a)', async () => {
    const r = await runCase({ events: ['2027-03-10:suspend'], until: 'P2Y' });
    const suspended = jobs(r.trail, 'isccc.certificate-suspend')[0]!;
    assert.equal(suspended.clause, '6.8.2.d');
    assert.equal(suspended.at.slice(0, 10), '2027-03-10');
    const expired = ofKind(r.trail, 'timer').find((e) => e.elementId === 'Timer_SuspensionExpired')!;
    assert.equal(expired.at.slice(0, 10), '2027-06-10', 'three months after the suspension');
    const revoked = jobs(r.trail, 'isccc.certificate-revoke')[0]!;
    assert.equal(revoked.clause, '6.8.3.a');
    assert.equal(revoked.clauseLabel, '6.8.3 a)');
    assert.equal(r.variables.certificateStatus, 'revoked');
    assert.equal(jobs(r.trail, 'isccc.public-notice').at(-1)!.clause, '6.8.3');
    assert.ok(r.trail.some((e) => e.kind === 'end' && e.elementId === 'EndEvent_Revoked'));
    assert.equal(r.status, 'completed');
  });

  it('restores a certificate whose holder shows rectification in time, and surveillance goes on', async () => {
    const r = await runCase({ events: ['2027-03-10:suspend', '2027-05-20:restore'], until: 'P2Y' });
    assert.equal(jobs(r.trail, 'isccc.restoration-checks')[0]!.outcome, 'proposes-approval');
    assert.equal((decided(r.trail, 'restoration-review')[0]!.decision as { restorationApproved: boolean }).restorationApproved, true);
    assert.equal(jobs(r.trail, 'isccc.certificate-restore').length, 1);
    assert.equal(jobs(r.trail, 'isccc.certificate-revoke').length, 0);
    assert.ok(!ofKind(r.trail, 'timer').some((e) => e.elementId === 'Timer_SuspensionExpired'));
    const after = jobs(r.trail, 'isccc.surveillance-conclude').filter((e) => e.at > '2027-05-20');
    assert.ok(after.length >= 1 && after.every((e) => e.outcome === 'maintained'));
    assert.equal(r.variables.certificateStatus, 'valid');
  });

  it('cancels the certificate at the holder’s request (6.8.4)', async () => {
    const r = await runCase({ events: ['2027-04-01:cancel'], until: 'P3Y' });
    assert.deepEqual(
      r.trail.filter((e) => e.at.startsWith('2027-04-01') && e.kind === 'job').map((e) => [e.taskType, e.clause]),
      [
        ['isccc.certificate-cancel', '6.8.4'],
        ['isccc.certificate-return', '6.8.4'],
        ['isccc.public-notice', '6.8.4'],
      ],
    );
    assert.equal(r.variables.certificateStatus, 'cancelled');
    assert.equal(ofKind(r.trail, 'timer').length, 0, 'no surveillance after cancellation');
    assert.equal(r.status, 'completed');
  });

  it('handles a minor change by written review and a major one by on-site verification and a committee decision (6.8.5)', async () => {
    const r = await runCase({ events: ['2027-02-01:change-minor=address', '2027-05-01:change-major'], until: 'P1Y' });
    const step = (e: { kind: string; taskType?: string; userTask?: string }): string | undefined =>
      e.kind === 'job' ? e.taskType : e.kind === 'user-task' ? e.userTask : undefined;
    const minor = r.trail
      .filter((e) => e.at.startsWith('2027-02-01'))
      .map(step)
      .filter(Boolean);
    assert.deepEqual(minor, ['isccc.change-classify', 'change-written-review', 'isccc.certificate-reissue']);
    const major = r.trail
      .filter((e) => e.at.startsWith('2027-05-01'))
      .map(step)
      .filter(Boolean);
    assert.deepEqual(major, [
      'isccc.change-classify',
      'change-onsite-verification',
      'isccc.committee-validate',
      'committee-vote',
      'committee-vote',
      'committee-vote',
      'isccc.committee-tally',
      'isccc.certificate-reissue',
    ]);
    assert.equal(r.variables.certificateVersion, 3);
    assert.equal(r.variables.certificateStatus, 'valid');
  });

  it('issues the same certificate when the issuance job fails and is retried', async () => {
    const clean = await runCase({ until: 'P1M' });
    let attempts = 0;
    const flaky: TaskHandler = async (variables, ctx) => {
      const result = await HANDLERS['isccc.certificate-issue']!(variables, ctx);
      if (++attempts === 1) throw new Error('certificate printer offline');
      return result;
    };
    const r = await runCase({ until: 'P1M', runner: { handlers: { ...HANDLERS, 'isccc.certificate-issue': flaky } } });
    assert.equal(attempts, 2);
    const retry = ofKind(r.trail, 'retry');
    assert.equal(retry.length, 1);
    assert.equal(retry[0]!.clause, '6.6');
    assert.equal(jobs(r.trail, 'isccc.certificate-issue').length, 1);
    assert.equal(r.variables.certificateNumber, clean.variables.certificateNumber);
  });

  it('raises an incident, not a BPMN error, when a job keeps failing', async () => {
    const broken: TaskHandler = () => Promise.reject(new Error('register unreachable'));
    const r = await runCase({ until: 'P1M', runner: { handlers: { ...HANDLERS, 'isccc.certificate-issue': broken } } });
    assert.equal(ofKind(r.trail, 'retry').length, 2, 'retries="3": two retries, then the incident');
    const incident = ofKind(r.trail, 'incident')[0]!;
    assert.equal(incident.clause, '6.6');
    assert.match(incident.text.en, /register unreachable/);
    assert.equal(r.status, 'incident');
  });

  it('saves the case after every step, atomically, to a case folder', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'isccc-case-'));
    try {
      const store = new FileCaseStore(dir);
      const saves: number[] = [];
      const save = store.save.bind(store);
      store.save = (file) => {
        save(file);
        saves.push(file.trail.length);
      };
      const r = await runCase({ until: 'P1M', runner: { store } });
      const steps = r.trail.filter((e) => e.kind === 'job' || e.kind === 'bpmn-error' || e.kind === 'timer').length;
      assert.ok(saves.length >= steps, `${saves.length} saves for ${steps} steps`);
      assert.deepEqual(store.load()!.trail, r.trail);
      assert.deepEqual(fs.readdirSync(dir), ['case.json'], 'no temp file left behind');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('runs a level-1 applicant through the client-project witness (6.4)', async () => {
    const r = await runCase({ manifest: example('emergency-response-l1'), until: 'P1M' });
    const witness = decided(r.trail, 'client-witness');
    assert.equal(witness.length, 1);
    assert.equal(witness[0]!.clause, '6.4');
    assert.equal(r.variables.grantedLevel, 1);
    assert.equal(typeof r.variables.certificateNumber, 'string');
  });

  it('waits in a user task when nobody decides it: listed with its form, candidate groups and due date, never run by a worker', async () => {
    const r = await runCase({ auto: false, until: 'P1M' });
    assert.equal(r.status, 'waiting');
    assert.deepEqual(
      r.openTasks.map((t) => [t.handle, t.elementId, t.formId, t.candidateGroups.join()]),
      [['material-review#1', 'Task_MaterialReview', 'isccc-material-review', 'isccc-reviewers']],
    );
    assert.equal(r.trail.at(-1)!.taskType, 'isccc.material-checks', 'the rule checks ran; the review waits for its reviewer');
    assert.equal(r.variables.materialReviewOutcome, undefined);
    // the surveillance review is due by the 12-month deadline of 6.7.1
    const due = await runCase({
      until: 'P13M',
      auto: false,
      people: { decide: (open) => (open.spec.task === 'surveillance-review' ? undefined : { values: {}, source: 'auto' }) },
    });
    const review = due.openTasks.find((t) => t.task === 'surveillance-review')!;
    assert.equal(review.dueDate, '2027-11-01T00:00:00Z');
    assert.equal(due.status, 'waiting');
  });

  it('computes surveillance dates from the issue date of the case', async () => {
    const r = await runCase({ until: 'P13M' });
    const timer = ofKind(r.trail, 'timer')[0]!;
    const issued = parseDate(r.variables.issuedOn as string);
    assert.equal(timer.at, addDuration(addDuration(issued, 'P12M'), 'P1M', -1).toISOString());
  });
});
