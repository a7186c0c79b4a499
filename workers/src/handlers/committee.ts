/** The decision committee of 6.5: composition, each member's vote, the majority. */
import { BusinessRuleError, handler } from './contract.js';
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

export const committeeValidate = handler((variables, ctx) => {
  const input = new Inputs(ctx.type, variables);
  const committee = input.array<Member>('committee');
  const ids = committee.map((m) => m?.id);
  const distinct = new Set(ids.filter((id) => typeof id === 'string' && id !== ''));
  const problems: string[] = [];
  if (distinct.size !== committee.length) problems.push(`${committee.length - distinct.size} member(s) without a distinct id`);
  if (distinct.size < 3) problems.push(`${distinct.size} member(s), at least 3 required`);
  if (distinct.size % 2 === 0) problems.push(`${distinct.size} member(s) is an even number`);
  if (problems.length > 0) {
    throw new BusinessRuleError(
      'ISCCC_6_5',
      {
        zh: `认证决定委员会须为3名以上（含3名）奇数人员，现为 ${committee.length} 名`,
        en: `the decision committee must be an odd number of at least 3 members, got ${committee.length}`,
      },
      { details: problems },
    );
  }
  return {
    variables: { committeeSize: committee.length },
    decision: {
      clause: '6.5',
      outcome: 'committee-valid',
      text: { zh: `认证决定委员会 ${committee.length} 名（奇数，≥3）`, en: `decision committee of ${committee.length} (odd, at least 3)` },
    },
  };
});

/**
 * A member's vote. Votes cast ahead (variable `ballots`, member id → grant | refuse) are recorded as cast;
 * otherwise the member follows the record before the committee: the on-site report's recommendation, or
 * for a change the on-site verification (refuse when it left observations).
 */
export const committeeVote = handler((variables, ctx) => {
  const input = new Inputs(ctx.type, variables);
  const member = input.object<Member>('member');
  const ballots = input.optionalObject<Record<string, string>>('ballots') ?? {};
  const report = input.optionalObject<{ recommendation?: string }>('onsiteReport');
  const verification = input.optionalObject<{ observations?: string[] }>('changeVerification');
  const cast = ballots[member.id];
  let vote: Vote;
  if (cast === 'grant' || cast === 'refuse') {
    vote = { member: member.id, decision: cast, ...(cast === 'refuse' && { reason: 'ballot cast against' }) };
  } else if (cast !== undefined) {
    throw new Error(`${ctx.type}: ballot of ${member.id} is "${cast}", expected grant or refuse`);
  } else if (verification && input.has('certificateNumber')) {
    const open = verification.observations ?? [];
    vote = open.length === 0 ? { member: member.id, decision: 'grant' } : { member: member.id, decision: 'refuse', reason: open.join('; ') };
  } else if (report) {
    vote =
      report.recommendation === 'grant'
        ? { member: member.id, decision: 'grant' }
        : { member: member.id, decision: 'refuse', reason: 'on-site report recommends refusal' };
  } else {
    throw new Error(`${ctx.type}: nothing to decide on (no ballot, on-site report or change verification)`);
  }
  return {
    variables: { vote },
    decision: {
      clause: '6.5',
      outcome: vote.decision,
      text: {
        zh: `委员 ${member.name ?? member.id} 表决：${vote.decision === 'grant' ? '同意' : '不同意'}`,
        en: `member ${member.name ?? member.id} votes ${vote.decision}`,
      },
    },
  };
});

export const committeeTally = handler((variables, ctx) => {
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
      ? reasonFor(refusalClause, { zh: '认证决定委员会多数不同意', en: 'the decision committee refused by majority' }, [
          `${votesAgainst} of ${cast.length} against`,
          ...cast.filter((v) => v.decision === 'refuse' && v.reason).map((v) => `${v.member}: ${v.reason}`),
        ])
      : undefined;
  return {
    variables: { decision, votesFor, votesAgainst, ...(reason && { reason }) },
    decision: {
      clause: decision === 'refuse' ? refusalClause : '6.5',
      outcome: decision,
      text: {
        zh: `认证决定：${votesFor} 票同意、${votesAgainst} 票不同意 → ${decision === 'grant' ? '通过' : '不通过'}`,
        en: `decision: ${votesFor} for, ${votesAgainst} against → ${decision}`,
      },
    },
  };
});
