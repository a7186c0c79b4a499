import assert from 'node:assert/strict';
import { TASK_TYPES } from '@isccc/bpmn';
import { BusinessRuleError, type JobContext, type Variables } from '../src/handlers/contract.js';
import {
  certificateIssue,
  applicationSubmit,
  APPLICATION_FORM,
  SELF_ASSESSMENT_FORM,
  materialChecks,
  MAX_SUPPLEMENT_ROUNDS,
} from '../src/handlers/certification.js';
import { changeClassify } from '../src/handlers/change.js';
import { committeeTally, committeeValidate } from '../src/handlers/committee.js';
import { surveillanceConclude, surveillanceSchedule } from '../src/handlers/lifecycle.js';
import { HANDLERS } from '../src/handlers/registry.js';
import { caseInputFromManifest } from '../src/embedded/case/case-input.js';
import { committeeOf } from '../src/embedded/case/events.js';
import { example } from './helpers.js';

const ctx = (type: string, now = '2027-01-15', headers: Record<string, string> = {}): JobContext => ({
  type,
  now: new Date(`${now}T00:00:00Z`),
  retries: 2,
  headers,
  publishMessage: async () => {},
});

async function rejects(promise: Promise<unknown>, code: string, clause: string): Promise<BusinessRuleError> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof BusinessRuleError, `expected a BPMN error, got ${String(err)}`);
    assert.equal(err.code, code);
    assert.equal(err.clause, clause);
    const reason = err.variables.reason as { code: string; clause: string; message: string };
    assert.equal(reason.code, code);
    assert.ok(reason.message.startsWith(clause.replace(/\.([a-z])$/, ' $1)')), reason.message);
    return err;
  }
  assert.fail(`expected BPMN error ${code}`);
}

describe('task handlers', () => {
  it('cover every job type of the bpmn/ contract, and only those', () => {
    assert.deepEqual(Object.keys(HANDLERS).sort(), TASK_TYPES.map((t) => t.type).sort());
  });

  describe('isccc.committee-validate (6.5)', () => {
    for (const size of [3, 5, 7]) {
      it(`accepts an odd committee of ${size}`, async () => {
        const r = await committeeValidate(
          { committee: committeeOf(size), onsiteReport: { id: 'OSR-1', recommendation: 'grant', observations: [] } },
          ctx('isccc.committee-validate'),
        );
        assert.equal(r.variables.committeeSize, size);
        assert.equal(r.decision.clause, '6.5');
        assert.deepEqual((r.variables.decisionFindings as { proposed: unknown }).proposed, { vote: { decision: 'grant' } }, 'every member is shown the report');
      });
    }
    for (const size of [0, 1, 2, 4, 6]) {
      it(`refuses a committee of ${size} with ISCCC_6_5`, async () => {
        await rejects(committeeValidate({ committee: committeeOf(size) }, ctx('isccc.committee-validate')), 'ISCCC_6_5', '6.5');
      });
    }
    it('refuses three seats held by two people', async () => {
      const committee = [committeeOf(2)[0], ...committeeOf(2)];
      await rejects(committeeValidate({ committee }, ctx('isccc.committee-validate')), 'ISCCC_6_5', '6.5');
    });
  });

  describe('isccc.committee-tally (6.5)', () => {
    const committee = committeeOf(3);
    const votes = (...d: string[]): Variables[] => d.map((decision, i) => ({ member: `m${i + 1}`, decision }));
    it('grants on 2 of 3', async () => {
      const r = await committeeTally(
        { committee, votes: votes('grant', 'grant', 'refuse') },
        ctx('isccc.committee-tally', undefined, { refusalClause: '6.5' }),
      );
      assert.deepEqual([r.variables.decision, r.variables.votesFor, r.variables.votesAgainst], ['grant', 2, 1]);
      assert.equal(r.variables.reason, undefined);
    });
    it('refuses on 1 of 3, citing the clause of the refusalClause header', async () => {
      const r = await committeeTally(
        { committee, votes: votes('grant', 'refuse', 'refuse') },
        ctx('isccc.committee-tally', undefined, { refusalClause: '6.5' }),
      );
      assert.equal(r.variables.decision, 'refuse');
      assert.deepEqual((r.variables.reason as { code: string }).code, 'ISCCC_6_5');
      const change = await committeeTally(
        { committee, votes: votes('refuse', 'refuse', 'grant') },
        ctx('isccc.committee-tally', undefined, { refusalClause: '6.8.2.d' }),
      );
      assert.equal((change.variables.reason as { code: string; clause: string }).code, 'ISCCC_6_8_2_D');
      assert.equal(change.decision.clause, '6.8.2.d');
    });
    it('fails the job (no BPMN error) when votes and committee differ', async () => {
      await assert.rejects(
        committeeTally({ committee, votes: votes('grant', 'grant') }, ctx('isccc.committee-tally')),
        (err: unknown) => !(err instanceof BusinessRuleError),
      );
    });
  });

  describe('isccc.certificate-issue (6.6)', () => {
    const vars = {
      applicationId: 'APP-20261101-ABCDEF12',
      submittedOn: '2026-11-01',
      applicant: { name: 'X' },
      grantedCategory: 'risk-assessment',
      grantedLevel: 3,
      decision: 'grant',
    };
    it('derives the certificate number from the case, not the clock: a retried job issues the same certificate', async () => {
      const first = await certificateIssue(vars, ctx('isccc.certificate-issue', '2026-11-01'));
      const retried = await certificateIssue(vars, ctx('isccc.certificate-issue', '2027-01-03'));
      assert.equal(retried.variables.certificateNumber, first.variables.certificateNumber);
      assert.match(String(first.variables.certificateNumber), /^ISCCC-ISV-RA3-2026-[0-9A-F]{8}$/);
      const other = await certificateIssue({ ...vars, applicationId: 'APP-20261101-00000000' }, ctx('isccc.certificate-issue'));
      assert.notEqual(other.variables.certificateNumber, first.variables.certificateNumber);
    });
    it('refuses to issue without a grant', async () => {
      await assert.rejects(certificateIssue({ ...vars, decision: 'refuse' }, ctx('isccc.certificate-issue')), /6\.5/);
    });
  });

  describe('isccc.application-submit (6.2)', () => {
    const vars = { applicant: { name: 'X' }, category: 'risk-assessment', level: 3, selfAssessment: { meetsTarget: true } };
    it('accepts an application with both forms', async () => {
      const r = await applicationSubmit({ ...vars, documents: [APPLICATION_FORM, SELF_ASSESSMENT_FORM] }, ctx('isccc.application-submit'));
      assert.match(String(r.variables.applicationId), /^APP-20270115-[0-9A-F]{8}$/);
    });
    it('refuses an application without the self-assessment form with ISCCC_6_2', async () => {
      const err = await rejects(applicationSubmit({ ...vars, documents: [APPLICATION_FORM] }, ctx('isccc.application-submit')), 'ISCCC_6_2', '6.2');
      assert.match(err.text.en, new RegExp(SELF_ASSESSMENT_FORM));
    });
  });

  describe('isccc.material-checks (6.3), on the example manifests', () => {
    type Proposal = { proposed: { materialReviewOutcome: string; grantedLevel: number | null; missingMaterials: string[] }; rows: { clause: string }[] };
    it('proposes level 3 to an applicant for level 2 whose documents only support level 3, and decides nothing itself', async () => {
      const input = caseInputFromManifest(example('risk-assessment-l2-fail'));
      const r = await materialChecks(
        { ...input.variables, applicationId: 'APP-1', supplementRound: MAX_SUPPLEMENT_ROUNDS },
        ctx('isccc.material-checks', '2027-09-01'),
      );
      const f = r.variables.materialFindings as Proposal;
      assert.equal(f.proposed.materialReviewOutcome, 'accepted');
      assert.equal(f.proposed.grantedLevel, 3);
      assert.equal(r.variables.materialReviewOutcome, undefined, 'the outcome is the reviewer’s');
      assert.ok(
        f.rows.some((row) => row.clause === '4.2.4 d)'),
        'names the 4.2.4 d) shortfall',
      );
    });
    it('proposes supplementary material while evidence is missing and rounds are left', async () => {
      const input = caseInputFromManifest(example('risk-assessment-l3-pass'));
      const r = await materialChecks({ ...input.variables, level: 2, applicationId: 'APP-1' }, ctx('isccc.material-checks', '2026-11-01'));
      const f = r.variables.materialFindings as Proposal;
      assert.equal(f.proposed.materialReviewOutcome, 'supplement');
      assert.ok(f.proposed.missingMaterials.length > 0);
    });
  });

  describe('lifecycle decisions', () => {
    it('schedules the next surveillance within 12 months of the last review (6.7.1)', async () => {
      const r = await surveillanceSchedule({ issuedOn: '2026-11-01' }, ctx('isccc.surveillance-schedule'));
      assert.deepEqual(r.variables, { surveillanceStartOn: '2027-10-01T00:00:00Z', surveillanceDeadline: '2027-11-01T00:00:00Z' });
      const after = ctx('isccc.surveillance-schedule', '2027-09-01');
      const later = await surveillanceSchedule({ issuedOn: '2026-11-01', surveillance: { reviewedOn: '2027-08-31' } }, after);
      assert.deepEqual(later.variables, { surveillanceStartOn: '2028-07-31T00:00:00Z', surveillanceDeadline: '2028-08-31T00:00:00Z' });
      // a restoration (6.8.2) never moves the base: only a surveillance review does
      const restored = await surveillanceSchedule(
        { issuedOn: '2026-11-01', surveillance: { reviewedOn: '2027-08-31' }, restoredOn: '2028-02-01', lastSurveillanceOn: '2028-02-01' },
        ctx('isccc.surveillance-schedule', '2028-02-01'),
      );
      assert.deepEqual(restored.variables, later.variables);
      // a review dated after the day it is recorded does not push the schedule out
      const ahead = await surveillanceSchedule({ issuedOn: '2026-11-01', surveillance: { reviewedOn: '2028-06-30' } }, after);
      assert.deepEqual(ahead.variables, r.variables);
    });

    const record = {
      reviewedOn: '2027-10-01',
      holderAccepted: true,
      correctiveActionsVerified: true,
      changesReviewed: true,
      complaintsHandled: true,
      certificateUse: 'proper',
      majorNonconformities: 0,
      observations: [],
      seriousIncidentVerified: false,
    };
    it("carries out the reviewer's 6.7.3 conclusion: maintain, or the BPMN error of the ground named (6.8.2 / 6.8.3)", async () => {
      const c = ctx('isccc.surveillance-conclude');
      const kept = await surveillanceConclude({ certificateNumber: 'C', surveillance: record, surveillanceConclusion: 'maintain' }, c);
      assert.equal(kept.variables.certificateStatus, 'valid');
      for (const [conclusion, code] of [
        ['6.8.2.a', 'ISCCC_6_8_2_A'],
        ['6.8.2.c', 'ISCCC_6_8_2_C'],
        ['6.8.3.b', 'ISCCC_6_8_3_B'],
      ] as const) {
        const err = await rejects(
          surveillanceConclude(
            { certificateNumber: 'C', surveillance: record, surveillanceConclusion: conclusion, surveillanceJustification: 'seen on site' },
            c,
          ),
          code,
          conclusion,
        );
        assert.ok(err.variables.reason.details?.includes('reviewer: seen on site'), 'the reason cites the reviewer');
      }
      // the record does not overrule the reviewer: a maintained record with nonconformities stays maintained
      const overruled = await surveillanceConclude(
        { certificateNumber: 'C', surveillance: { ...record, majorNonconformities: 2 }, surveillanceConclusion: 'maintain' },
        c,
      );
      assert.equal(overruled.variables.certificateStatus, 'valid');
      await assert.rejects(
        surveillanceConclude({ certificateNumber: 'C', surveillance: record, surveillanceConclusion: '6.8.3.a' }, c),
        (e: unknown) => !(e instanceof BusinessRuleError) && /neither maintain nor a ground/.test(String(e)),
      );
    });

    it('classifies address/capital/legal-representative changes as administrative, anything else as major (6.8.5)', async () => {
      const c = ctx('isccc.change-classify');
      const input = caseInputFromManifest(example('risk-assessment-l3-pass'));
      const base = { certificateNumber: 'C', grantedCategory: 'risk-assessment', grantedLevel: 3, manifest: input.variables.manifest };
      assert.equal((await changeClassify({ ...base, change: { kinds: ['address', 'capital'] } }, c)).variables.changeScope, 'administrative');
      assert.equal((await changeClassify({ ...base, change: { kinds: ['address', 'other'] } }, c)).variables.changeScope, 'major');
    });
  });
});
