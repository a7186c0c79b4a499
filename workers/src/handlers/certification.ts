/**
 * Handlers of the certification process, ISCCC-SV-001:2015 6.1 – 6.4 and 6.6. The reviews of 6.3 and 6.4 are
 * people's acts (user tasks): the handlers here run the rule checks before them and carry out what the people
 * decided after them; they never decide in a person's place.
 */
import {
  MAX_SUPPLEMENT_ROUNDS,
  type Choice,
  type MaterialReviewProposal,
  type OnsiteReviewProposal,
  type OnsiteReviewRecord,
  type WitnessRecord,
} from '@isccc/bpmn';
import { type Category, dayOf, type Level } from '@isccc/rules/vocabulary';
import { BusinessRuleError, handler, typedHandler, type Variables } from './contract.js';
import { choices, findingsOf, levelChoices } from './findings.js';
import { MESSAGES } from './messages.js';
import { assess, blocking, type AssessmentTarget } from './rules-gateway.js';
import { describeFinding, digest, Inputs } from './support.js';

export { MAX_SUPPLEMENT_ROUNDS };

/** The two forms 6.2 names; `documents` must list both for an application to be complete. */
export const APPLICATION_FORM = '信息安全服务资质认证申请书';
export const SELF_ASSESSMENT_FORM = '信息安全服务自评估表';

const CATEGORY_CODES: Record<string, string> = {
  'risk-assessment': 'RA',
  'security-integration': 'SI',
  'emergency-response': 'ER',
  'disaster-recovery': 'DR',
  'software-security-development': 'SD',
  'security-operations': 'SO',
};

interface Party {
  name: string;
  id?: string;
}

function targetOf(input: Inputs, categoryVar: string, levelVar: string): AssessmentTarget & { category: Category } {
  const drClass = input.drClass();
  return { category: input.category(categoryVar), level: input.level(levelVar), ...(drClass && { drClass }) };
}

/** Where the manifest's evidence paths resolve, when the case knows it (CLI runs set it). */
function workspaceOf(input: Inputs): string | undefined {
  return input.optionalString('manifestDir');
}

export const selfAssessment = handler('isccc.self-assessment', (variables, ctx) => {
  const input = new Inputs(ctx.type, variables);
  input.object<Party>('applicant');
  const target = targetOf(input, 'category', 'level');
  if (!input.has('manifest')) {
    throw new BusinessRuleError('ISCCC_6_1', MESSAGES['self-assessment.no-manifest'](), { details: ['manifest variable absent'] });
  }
  const asOf = input.optionalString('asOf') ?? dayOf(ctx.now);
  const a = assess(input.raw('manifest'), target, asOf, workspaceOf(input));
  const meetsTarget = a.qualifyingLevel !== null && a.qualifyingLevel <= target.level;
  const selfAssessmentRecord = {
    completedOn: dayOf(ctx.now),
    meetsTarget,
    passed: a.counts.pass,
    failed: a.counts.fail + a.counts['missing-evidence'],
    manualReview: a.counts['manual-review'],
  };
  return {
    variables: { selfAssessment: selfAssessmentRecord },
    decision: {
      clause: '6.1',
      outcome: meetsTarget ? 'meets-target' : 'below-target',
      text: MESSAGES['self-assessment.done']({
        level: target.level,
        met: meetsTarget,
        pass: a.counts.pass,
        failed: selfAssessmentRecord.failed,
        manualReview: a.counts['manual-review'],
      }),
      findings: a.open,
    },
  };
});

export const applicationSubmit = handler('isccc.application-submit', (variables, ctx) => {
  const input = new Inputs(ctx.type, variables);
  const applicant = input.object<Party>('applicant');
  const target = targetOf(input, 'category', 'level');
  const missing: string[] = [];
  if (!applicant.name) missing.push('applicant.name');
  if (!input.has('selfAssessment')) missing.push(SELF_ASSESSMENT_FORM);
  if (target.category === 'disaster-recovery' && !target.drClass) missing.push('drClass (A/B)');
  const documents = input.optionalArray<string>('documents');
  for (const form of [APPLICATION_FORM, SELF_ASSESSMENT_FORM]) if (!documents.includes(form) && !missing.includes(form)) missing.push(form);
  if (missing.length > 0) {
    throw new BusinessRuleError('ISCCC_6_2', MESSAGES['application-submit.incomplete']({ missing }), { details: missing.map((m) => `missing: ${m}`) });
  }
  const submittedOn = dayOf(ctx.now);
  const applicationId = `APP-${submittedOn.replace(/-/g, '')}-${digest(applicant.id ?? applicant.name, target.category, target.level, target.drClass ?? null, submittedOn)}`;
  return {
    variables: { applicationId, submittedOn },
    decision: {
      clause: '6.2',
      outcome: 'submitted',
      text: MESSAGES['application-submit.submitted']({ applicationId, category: target.category, level: target.level, documents: documents.length }),
    },
  };
});

/**
 * 6.3 rule checks: the evaluator over the manifest for the category and level applied for. Proposes a
 * supplement while evidence is missing and rounds are left, a refusal when no level qualifies, else the
 * highest qualifying level, never above the one applied for (level 1 is the highest).
 */
export const materialChecks = handler('isccc.material-checks', (variables, ctx) => {
  const input = new Inputs(ctx.type, variables);
  input.string('applicationId');
  const target = targetOf(input, 'category', 'level');
  const round = input.number('supplementRound', 0);
  const a = assess(input.raw('manifest'), target, dayOf(ctx.now), workspaceOf(input));
  const missing = a.open.filter((f) => f.status === 'missing-evidence').map(describeFinding);
  const grantable = a.qualifyingLevel === null ? null : (Math.max(target.level, a.qualifyingLevel) as Level);
  const outcome: MaterialReviewProposal['materialReviewOutcome'] =
    missing.length > 0 && round < MAX_SUPPLEMENT_ROUNDS ? 'supplement' : grantable === null ? 'refused' : 'accepted';
  const proposed: MaterialReviewProposal = {
    materialReviewOutcome: outcome,
    grantedLevel: outcome === 'accepted' ? grantable : null,
    missingMaterials: outcome === 'supplement' ? missing : [],
    levels: levelChoices(target.level),
    missing: choices(missing),
  };
  const summary = MESSAGES['material-checks.summary']({ category: target.category, level: target.level, grantable, missing: missing.length, round });
  return {
    variables: { grantedCategory: target.category, materialFindings: findingsOf('6.3', ctx.now, summary, a.rows, proposed) },
    decision: {
      clause: '6.3',
      outcome: `proposes-${outcome}`,
      text: MESSAGES['material-checks.checked']({ summary, outcome }),
      findings: a.open,
    },
  };
});

export const requestSupplement = handler('isccc.request-supplement', (variables, ctx) => {
  const input = new Inputs(ctx.type, variables);
  const applicationId = input.string('applicationId');
  input.object<Party>('applicant');
  const missing = input.array<string>('missingMaterials');
  const supplementRound = input.number('supplementRound', 0) + 1;
  return {
    variables: { supplementRound, supplementRequestedOn: dayOf(ctx.now) },
    decision: {
      clause: '6.3',
      outcome: 'supplement-requested',
      text: MESSAGES['request-supplement.requested']({ applicationId, round: supplementRound, items: missing.length }),
    },
  };
});

/** 6.3: the contract for the category and level the reviewer determined; a refusal by the reviewer means no contract (ISCCC_6_3). */
export const contractSign = handler('isccc.contract-sign', (variables, ctx) => {
  const input = new Inputs(ctx.type, variables);
  const applicationId = input.string('applicationId');
  const outcome = input.string('materialReviewOutcome');
  if (outcome === 'refused') {
    const justification = input.optionalString('materialReviewJustification');
    const findings = input.optionalObject<{ summary?: { en?: string } }>('materialFindings');
    throw new BusinessRuleError('ISCCC_6_3', MESSAGES['contract-sign.refused'](), {
      details: [
        justification ? `reviewer: ${justification}` : 'reviewer followed the findings',
        ...(findings?.summary?.en ? [`findings: ${findings.summary.en}`] : []),
      ],
    });
  }
  if (outcome !== 'accepted') throw new Error(`${ctx.type}: materialReviewOutcome "${outcome}" does not lead to a contract (accepted or refused)`);
  const level = input.level('grantedLevel');
  const category = input.string('grantedCategory');
  const contractId = `CTR-${applicationId.replace(/^APP-/, '')}`;
  return {
    variables: { contractId, contractSignedOn: dayOf(ctx.now) },
    decision: {
      clause: '6.3',
      outcome: 'contract-signed',
      text: MESSAGES['contract-sign.signed']({ contractId, category, level }),
    },
  };
});

interface Project {
  id: string;
  client: string;
  category: string;
  status: string;
}

/**
 * 6.4 rule checks for the review team: the evaluator at the confirmed level (what fails is proposed as a major
 * nonconformity, what is left to judgement as an observation) and, at level 1, the client projects that can
 * be witnessed (completed or ongoing projects of the category).
 */
export const onsiteChecks = handler('isccc.onsite-checks', (variables, ctx) => {
  const input = new Inputs(ctx.type, variables);
  input.string('applicationId');
  const target = targetOf(input, 'grantedCategory', 'grantedLevel');
  const a = assess(input.raw('manifest'), target, dayOf(ctx.now), workspaceOf(input));
  const failing = blocking(a);
  const observations = a.open.filter((f) => f.status === 'manual-review').map(describeFinding);
  const manifest = input.optionalObject<{ projects?: Project[] }>('manifest');
  const witnessable = (manifest?.projects ?? []).filter((p) => p.category === target.category && (p.status === 'completed' || p.status === 'ongoing'));
  const projects: Choice[] = witnessable.map((p) => ({ label: `${p.client} — ${p.id}`, value: p.id }));
  const today = dayOf(ctx.now);
  // 6.4 "必要时": proposed at level 1 when something is left to judgement and there is a project to witness.
  const witnessNeeded = target.level === 1 && observations.length > 0 && projects.length > 0;
  const onsiteReview: OnsiteReviewRecord = { reviewedOn: today, passed: failing.length === 0, majorNonconformities: failing.length, observations };
  // what the witness would record if the team asks for one: the latest project of the category
  const witness: WitnessRecord | null =
    target.level === 1 && projects.length > 0 ? { witnessedOn: today, project: String(projects.at(-1)!.value), passed: true } : null;
  const proposed: OnsiteReviewProposal = { onsiteReview, witnessNeeded, witness, observationChoices: choices(observations), projects };
  const summary = MESSAGES['onsite-checks.summary']({
    category: target.category,
    level: target.level,
    failing: failing.length,
    observations: observations.length,
    projects: projects.length,
  });
  return {
    variables: { onsiteFindings: findingsOf('6.4', ctx.now, summary, a.rows, proposed) },
    decision: {
      clause: '6.4',
      outcome: onsiteReview.passed ? 'proposes-passed' : 'proposes-not-passed',
      text: MESSAGES['onsite-checks.checked']({ summary }),
      findings: a.open,
    },
  };
});

/** 6.4: the report is issued from the team's own records; a review or witness the team did not pass ends the application (ISCCC_6_4). */
export const onsiteReport = handler('isccc.onsite-report', (variables, ctx) => {
  const input = new Inputs(ctx.type, variables);
  const applicationId = input.string('applicationId');
  const review = input.object<OnsiteReviewRecord>('onsiteReview');
  const witness = input.optionalObject<WitnessRecord>('witness');
  if (review.passed !== true) {
    throw new BusinessRuleError('ISCCC_6_4', MESSAGES['onsite-report.review-not-passed']({ majorNonconformities: review.majorNonconformities ?? 0 }), {
      details: [...(review.observations ?? []), ...(review.notes ? [review.notes] : [])],
    });
  }
  if (witness && witness.passed !== true) {
    throw new BusinessRuleError('ISCCC_6_4', MESSAGES['onsite-report.witness-not-passed']({ project: witness.project }), {
      details: witness.details ? [witness.details] : [],
    });
  }
  const observations = [...(review.observations ?? [])];
  const id = `OSR-${applicationId.replace(/^APP-/, '')}`;
  const report = { id, issuedOn: dayOf(ctx.now), recommendation: 'grant' as const, majorNonconformities: review.majorNonconformities ?? 0, observations };
  return {
    variables: { onsiteReport: report, lastObservations: observations },
    decision: {
      clause: '6.4',
      outcome: 'report-issued',
      text: MESSAGES['onsite-report.issued']({ id, observations: observations.length, witness }),
    },
  };
});

/**
 * The certificate number is a function of the application (category, level, year of submission and the
 * application id), never of the clock or of a counter: a retried or replayed issuance job gets the same number.
 */
export function certificateNumberFor(applicationId: string, category: string, level: number, submittedOn: string): string {
  const code = CATEGORY_CODES[category] ?? category.toUpperCase();
  return `ISCCC-ISV-${code}${level}-${submittedOn.slice(0, 4)}-${digest(applicationId, category, level)}`;
}

export const certificateIssue = handler('isccc.certificate-issue', (variables, ctx) => {
  const input = new Inputs(ctx.type, variables);
  const applicationId = input.string('applicationId');
  const applicant = input.object<Party>('applicant');
  const category = input.string('grantedCategory');
  const level = input.level('grantedLevel');
  const decision = input.string('decision');
  if (decision !== 'grant') throw new Error(`${ctx.type}: reached with decision "${decision}"; only a grant (6.5) leads to issuance (6.6)`);
  const submittedOn = input.optionalString('submittedOn') ?? applicationId.slice(4, 8);
  const certificateNumber = certificateNumberFor(applicationId, category, level, submittedOn);
  return {
    variables: { certificateNumber, issuedOn: dayOf(ctx.now), certificateStatus: 'valid' },
    decision: {
      clause: '6.6',
      outcome: 'issued',
      text: MESSAGES['certificate-issue.issued']({ certificateNumber, holder: applicant.name, category, level }),
    },
  };
});

const NOTICE_CLAUSE: Record<string, string> = { valid: '6.6', revoked: '6.8.3', cancelled: '6.8.4', suspended: '6.8.2' };

export const publicNotice = handler('isccc.public-notice', (variables, ctx) => {
  const input = new Inputs(ctx.type, variables);
  const certificateNumber = input.string('certificateNumber');
  const status = input.string('certificateStatus');
  const reason = input.optionalObject<{ clause?: string }>('reason');
  const clause = NOTICE_CLAUSE[status];
  if (!clause) throw new Error(`${ctx.type}: no public notice is made for certificate status "${status}"`);
  const noticeId = `NOTICE-${certificateNumber}-${status}`;
  return {
    variables: { noticeId, noticePublishedOn: dayOf(ctx.now) },
    decision: {
      clause,
      outcome: 'notice-published',
      text: MESSAGES['public-notice.published']({ certificateNumber, status, ground: status === 'revoked' ? reason?.clause : undefined }),
    },
  };
});

/** The lifecycle is started by a message, so an issued certificate gets exactly one lifecycle instance. */
export const LIFECYCLE_START_MESSAGE = 'isccc.certificate-issued';

/** Variables the lifecycle needs beyond the contract's start payload (the surveillance checks re-assess the manifest). */
const CARRIED_OVER = ['manifest', 'manifestDir'] as const;

export const lifecycleStart = typedHandler('isccc.lifecycle-start', async (variables, ctx) => {
  const input = new Inputs(ctx.type, variables);
  const certificateNumber = input.string('certificateNumber');
  const payload: Variables = {
    certificateNumber,
    applicationId: input.string('applicationId'),
    holder: input.object<Party>('applicant'),
    grantedCategory: input.string('grantedCategory'),
    grantedLevel: input.level('grantedLevel'),
    issuedOn: input.string('issuedOn'),
    lastObservations: input.optionalArray<string>('lastObservations'),
    committee: input.optionalArray<unknown>('committee'),
  };
  const drClass = input.drClass();
  if (drClass) payload.drClass = drClass;
  for (const name of CARRIED_OVER) if (input.has(name)) payload[name] = input.raw(name);
  await ctx.publishMessage({ name: LIFECYCLE_START_MESSAGE, correlationKey: certificateNumber, messageId: certificateNumber, variables: payload });
  return {
    variables: {},
    decision: {
      clause: '6.7.1',
      outcome: 'lifecycle-started',
      text: MESSAGES['lifecycle-start.started']({ certificateNumber }),
    },
  };
});

export const rejectionNotify = handler('isccc.rejection-notify', (variables, ctx) => {
  const input = new Inputs(ctx.type, variables);
  const applicant = input.object<Party>('applicant');
  const reason = input.object<{ clause: string; message: string }>('reason');
  return {
    variables: { refusedOn: dayOf(ctx.now) },
    decision: {
      clause: reason.clause,
      outcome: 'refused',
      text: MESSAGES['rejection-notify.notified']({ applicant: applicant.name, reason: reason.message }),
    },
  };
});
