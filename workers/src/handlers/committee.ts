/**
 * The decision committee of 6.5: its composition and the majority. Each member votes in their own user task;
 * the validation hands every member the record the committee decides on (`decisionFindings`).
 */
import type { ChangeVerificationRecord, Findings, VoteProposal } from '@isccc/bpmn';
import { BusinessRuleError, handler } from './contract.js';
import { findingsOf, notedRow } from './findings.js';
import { MESSAGES } from './messages.js';
import { Inputs, reasonFor } from './support.js';

interface Member {
  id: string;
  name: string;
}

interface Vote {
  member: string;
  decision: 'grant' | 'refuse';
  reason?: string;
}

export const committeeValidate = handler('isccc.committee-validate', (variables, ctx) => {
  const input = new Inputs(ctx.type, variables);
  const committee = input.array<Member>('committee');
  const ids = committee.map((m) => m?.id);
  const distinct = new Set(ids.filter((id) => typeof id === 'string' && id !== ''));
  const problems: string[] = [];
  if (distinct.size !== committee.length) problems.push(`${committee.length - distinct.size} member(s) without a distinct id`);
  if (distinct.size < 3) problems.push(`${distinct.size} member(s), at least 3 required`);
  if (distinct.size % 2 === 0) problems.push(`${distinct.size} member(s) is an even number`);
  if (problems.length > 0) {
    throw new BusinessRuleError('ISCCC_6_5', MESSAGES['committee-validate.invalid']({ size: committee.length }), { details: problems });
  }
  return {
    variables: { committeeSize: committee.length, ...withBrief(input, ctx.now) },
    decision: {
      clause: '6.5',
      outcome: 'committee-valid',
      text: MESSAGES['committee-validate.valid']({ size: committee.length }),
    },
  };
});

export const committeeTally = handler('isccc.committee-tally', (variables, ctx) => {
  const input = new Inputs(ctx.type, variables);
  const committee = input.array<Member>('committee');
  const votes = input.array<Vote | null>('votes');
  const cast = votes.filter((v): v is Vote => v !== null && typeof v === 'object');
  if (cast.length !== committee.length) {
    throw new Error(`${ctx.type}: ${cast.length} votes for a committee of ${committee.length} (6.5): cannot tally`);
  }
  const votesFor = cast.filter((v) => v.decision === 'grant').length;
  const votesAgainst = cast.length - votesFor;
  const decision = votesFor > votesAgainst ? 'grant' : 'refuse';
  const refusalClause = ctx.headers.refusalClause ?? '6.5';
  const reason =
    decision === 'refuse'
      ? reasonFor(refusalClause, MESSAGES['committee-tally.refused-by-majority'](), [
          `${votesAgainst} of ${cast.length} against`,
          ...cast.filter((v) => v.decision === 'refuse' && v.reason).map((v) => `${v.member}: ${v.reason}`),
        ])
      : undefined;
  return {
    variables: { decision, votesFor, votesAgainst, ...(reason && { reason }) },
    decision: {
      clause: decision === 'refuse' ? refusalClause : '6.5',
      outcome: decision,
      text: MESSAGES['committee-tally.decided']({ votesFor, votesAgainst, decision }),
    },
  };
});

interface Report {
  id?: string;
  recommendation?: 'grant' | 'refuse';
  majorNonconformities?: number;
  observations?: string[];
}

/** The brief every member votes on, when the record before the committee is there (the models always put it there). */
function withBrief(input: Inputs, now: Date): { decisionFindings?: Findings<VoteProposal> } {
  const brief = briefFor(input, now);
  return brief ? { decisionFindings: brief } : {};
}

/** What the committee decides on: the on-site verification of a change, or the on-site review report. */
function briefFor(input: Inputs, now: Date): Findings<VoteProposal> | undefined {
  const verification = input.has('certificateNumber') ? input.optionalObject<ChangeVerificationRecord>('changeVerification') : undefined;
  if (verification) {
    const observations = verification.observations ?? [];
    const rows = [
      notedRow(
        '6.8.5',
        verification.recommendation,
        'grant',
        MESSAGES['committee-validate.verification-row'](),
        verification.recommendation === 'grant' ? 'pass' : 'fail',
      ),
      ...observations.map((o) => notedRow('6.8.5', o, '', MESSAGES['committee-validate.verification-observation-row'](), 'manual-review')),
    ];
    return findingsOf('6.5', now, MESSAGES['committee-validate.verification-brief']({ recommendation: verification.recommendation }), rows, {
      vote: { decision: verification.recommendation === 'grant' ? 'grant' : 'refuse' },
    });
  }
  const report = input.optionalObject<Report>('onsiteReport');
  if (!report) return undefined;
  const recommendation = report.recommendation === 'grant' ? 'grant' : 'refuse';
  const rows = [
    notedRow('6.4', recommendation, 'grant', MESSAGES['committee-validate.report-row']({ id: report.id ?? '' }), recommendation === 'grant' ? 'pass' : 'fail'),
    notedRow(
      '6.4',
      String(report.majorNonconformities ?? 0),
      '0',
      MESSAGES['committee-validate.nonconformities-row'](),
      (report.majorNonconformities ?? 0) === 0 ? 'pass' : 'fail',
    ),
    ...(report.observations ?? []).map((o) => notedRow('6.4', o, '', MESSAGES['committee-validate.observation-row'](), 'manual-review')),
  ];
  return findingsOf('6.5', now, MESSAGES['committee-validate.report-brief']({ recommendation }), rows, {
    vote: { decision: recommendation },
  });
}
