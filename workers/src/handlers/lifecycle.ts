/**
 * Handlers of the certificate lifecycle: surveillance (6.7) and certificate management (6.8.1 – 6.8.4). The
 * assessment of reports, the surveillance review and its conclusion, and the restoration review are people's
 * acts (user tasks); the handlers here run the rule checks before them and carry out their decisions.
 */
import {
  ERRORS,
  type ErrorCode,
  type InformationAssessmentProposal,
  type RestorationReviewProposal,
  type SurveillanceConclusion,
  type SurveillanceProposal,
  type SurveillanceRecord,
} from '@isccc/bpmn';
import { addDuration, dayOf, DURATIONS, errorCodeOf, parseDate, type Reason } from '@isccc/rules/vocabulary';
import { BusinessRuleError, handler } from './contract.js';
import { choices, findingsOf, notedRow } from './findings.js';
import { MESSAGES } from './messages.js';
import { assess, blocking } from './rules-gateway.js';
import { describeFinding, Inputs, JobInputError, midnight } from './support.js';

interface InformationReport {
  kind: 'organisation-change' | 'incident' | 'complaint' | 'other' | 'misuse';
  receivedOn?: string;
  summary?: string;
  /** Misuse only: the misuse had an adverse impact (6.8.3 b) rather than none (6.8.2 b). */
  adverseImpact?: boolean;
  /** Incident or complaint only: verified, and it affects continued effective service (6.8.3 c). */
  serious?: boolean;
}

function parseDateTime(type: string, text: string): Date {
  const at = new Date(text);
  if (Number.isNaN(at.getTime())) throw new JobInputError(type, `"${text}" is not an ISO date-time`);
  return at;
}

/**
 * 6.7.1: at most 12 months from the last surveillance review held (the issue date before the first). Only a
 * surveillance review moves the base: a restoration or a change decision never does.
 */
export const surveillanceSchedule = handler('isccc.surveillance-schedule', (variables, ctx) => {
  const input = new Inputs(ctx.type, variables);
  const issuedOn = input.string('issuedOn');
  const reviewedOn = input.optionalObject<Partial<SurveillanceRecord>>('surveillance')?.reviewedOn;
  // a review dated after the day it was recorded cannot push the next one further out
  const recorded = typeof reviewedOn === 'string' && reviewedOn <= dayOf(ctx.now) ? reviewedOn : undefined;
  const base = recorded !== undefined && recorded > issuedOn ? recorded : issuedOn;
  const deadline = addDuration(parseDate(base), DURATIONS.surveillanceInterval);
  const start = addDuration(deadline, DURATIONS.surveillanceLeadTime, -1);
  const surveillanceStartOn = midnight(dayOf(start));
  const surveillanceDeadline = midnight(dayOf(deadline));
  return {
    variables: { surveillanceStartOn, surveillanceDeadline },
    decision: {
      clause: '6.7.1',
      outcome: 'scheduled',
      text: MESSAGES['surveillance-schedule.scheduled']({ start: dayOf(start), deadline: dayOf(deadline), base }),
    },
  };
});

const TRIGGER_CLAUSE: Record<string, string> = {
  'major-change': '6.7.4.a',
  incident: '6.7.4.b',
  complaint: '6.7.4.b',
  information: '6.7.4.c',
};

/** 6.7.4 rule checks: 6.7.1 paragraph 2 names major change, incident and complaint as grounds for more on-site surveillance. */
export const informationChecks = handler('isccc.information-checks', (variables, ctx) => {
  const input = new Inputs(ctx.type, variables);
  input.string('certificateNumber');
  const trigger = input.string('surveillanceTrigger');
  const report = input.optionalObject<InformationReport>('report');
  const clause = TRIGGER_CLAUSE[trigger] ?? '6.7.4';
  const extra = trigger === 'major-change' || trigger === 'incident' || trigger === 'complaint';
  const proposed: InformationAssessmentProposal = { extraSurveillanceNeeded: extra };
  const rows = [
    notedRow(
      clause,
      `${trigger}${report?.summary ? `: ${report.summary}` : ''}`,
      'major change, incident or complaint',
      MESSAGES[extra ? 'information-checks.extra-ground' : 'information-checks.no-ground'](),
      extra ? 'fail' : 'pass',
      report?.receivedOn ?? '',
    ),
  ];
  const summary = MESSAGES['information-checks.summary']({ trigger, report: report?.summary });
  return {
    variables: { informationFindings: findingsOf(clause, ctx.now, summary, rows, proposed) },
    decision: {
      clause,
      outcome: extra ? 'proposes-extra-surveillance' : 'proposes-noting',
      text: MESSAGES['information-checks.checked']({ summary, extra }),
    },
  };
});

/**
 * 6.7.2 rule checks: the initial review content again (the manifest, re-assessed for the certified level as of
 * the date it speaks for — the holder keeps it current), the previous observations to verify, and what the
 * report that triggered an extra review says about misuse, incidents and complaints. Proposes the record and
 * the 6.7.3 conclusion, most severe ground first.
 */
export const surveillanceChecks = handler('isccc.surveillance-checks', (variables, ctx) => {
  const input = new Inputs(ctx.type, variables);
  input.string('certificateNumber');
  const category = input.string('grantedCategory');
  const level = input.level('grantedLevel');
  const trigger = ctx.headers.trigger ?? input.optionalString('surveillanceTrigger') ?? 'annual';
  const report = trigger === 'restoration' ? undefined : input.optionalObject<InformationReport>('report');
  const previous = input.optionalObject<Partial<SurveillanceRecord>>('surveillance')?.observations ?? input.optionalArray<string>('lastObservations');
  const manifest = input.optionalObject<{ application?: { asOf?: string } }>('manifest');
  const drClass = input.drClass();
  const a = manifest
    ? assess(manifest, { category, level, ...(drClass && { drClass }) }, manifest.application?.asOf ?? dayOf(ctx.now), input.optionalString('manifestDir'))
    : undefined;
  const nonconformities = a ? blocking(a) : [];
  const observations = a ? a.open.filter((f) => f.status === 'manual-review').map(describeFinding) : [];
  const misuse = trigger === 'misuse' || report?.kind === 'misuse';
  const record: SurveillanceRecord = {
    reviewedOn: dayOf(ctx.now),
    holderAccepted: true,
    correctiveActionsVerified: true,
    changesReviewed: true,
    complaintsHandled: !(report?.kind === 'complaint' && report.serious),
    certificateUse: misuse ? (report?.adverseImpact ? 'misuse-adverse-impact' : 'misuse-no-adverse-impact') : 'proper',
    majorNonconformities: nonconformities.length,
    seriousIncidentVerified: (report?.kind === 'incident' || report?.kind === 'complaint') && report.serious === true,
    observations,
  };
  const conclusion = proposedConclusion(record);
  const rows = [
    ...(report
      ? [
          notedRow(
            TRIGGER_CLAUSE[trigger] ?? '6.7.2',
            `${report.kind}: ${report.summary ?? ''}`,
            '',
            MESSAGES['surveillance-checks.trigger-row'](),
            'noted',
            report.receivedOn ?? '',
          ),
        ]
      : []),
    ...previous.map((o) => notedRow('6.7.2', o, 'corrective action verified', MESSAGES['surveillance-checks.previous-observation-row'](), 'manual-review')),
    ...(a?.rows ?? []),
  ];
  const proposed: SurveillanceProposal = {
    surveillance: record,
    surveillanceConclusion: conclusion,
    previousObservations: previous,
    observationChoices: choices(observations),
  };
  const summary = MESSAGES['surveillance-checks.summary']({
    trigger,
    majorNonconformities: record.majorNonconformities,
    certificateUse: record.certificateUse,
    previous: previous.length,
  });
  return {
    variables: { surveillanceFindings: findingsOf('6.7.2', ctx.now, summary, rows, proposed) },
    decision: {
      clause: '6.7.2',
      outcome: `proposes-${conclusion}`,
      text: MESSAGES['surveillance-checks.checked']({ summary, conclusion }),
      findings: a?.open ?? [],
    },
  };
});

/** 6.7.3 as the findings support it: revocation grounds before suspension grounds. */
function proposedConclusion(s: SurveillanceRecord): SurveillanceConclusion {
  if (!s.holderAccepted) return '6.8.2.a';
  if (s.certificateUse === 'misuse-adverse-impact') return '6.8.3.b';
  if (s.seriousIncidentVerified) return '6.8.3.c';
  if (s.majorNonconformities > 0) return '6.8.2.c';
  if (s.certificateUse === 'misuse-no-adverse-impact') return '6.8.2.b';
  return 'maintain';
}

const CONCLUSION_ERRORS: Readonly<Record<Exclude<SurveillanceConclusion, 'maintain'>, ErrorCode>> = {
  '6.8.2.a': 'ISCCC_6_8_2_A',
  '6.8.2.b': 'ISCCC_6_8_2_B',
  '6.8.2.c': 'ISCCC_6_8_2_C',
  '6.8.2.d': 'ISCCC_6_8_2_D',
  '6.8.3.b': 'ISCCC_6_8_3_B',
  '6.8.3.c': 'ISCCC_6_8_3_C',
  '6.8.3.d': 'ISCCC_6_8_3_D',
};

/** 6.7.3: carries out the reviewer's conclusion — maintain, or the BPMN error of the ground the reviewer named. */
export const surveillanceConclude = handler('isccc.surveillance-conclude', (variables, ctx) => {
  const input = new Inputs(ctx.type, variables);
  const certificateNumber = input.string('certificateNumber');
  const s = input.object<SurveillanceRecord>('surveillance');
  const conclusion = input.string('surveillanceConclusion');
  const justification = input.optionalString('surveillanceJustification');
  if (conclusion !== 'maintain') {
    const code = Object.hasOwn(CONCLUSION_ERRORS, conclusion) ? CONCLUSION_ERRORS[conclusion as keyof typeof CONCLUSION_ERRORS] : undefined;
    if (!code || errorCodeOf(conclusion) !== code)
      throw new JobInputError(ctx.type, `surveillanceConclusion "${conclusion}" is neither maintain nor a ground of 6.8.2 / 6.8.3`);
    throw new BusinessRuleError(code, ERRORS[code].text, {
      details: [`surveillance ${s.reviewedOn}`, ...(justification ? [`reviewer: ${justification}`] : [])],
    });
  }
  return {
    variables: { certificateStatus: 'valid' },
    decision: {
      clause: '6.7.3',
      outcome: 'maintained',
      text: MESSAGES['surveillance-conclude.maintained']({ certificateNumber }),
    },
  };
});

export const certificateSuspend = handler('isccc.certificate-suspend', (variables, ctx) => {
  const input = new Inputs(ctx.type, variables);
  const certificateNumber = input.string('certificateNumber');
  const reason = input.object<Reason>('reason');
  const suspendedOn = dayOf(ctx.now);
  const suspendedUntil = dayOf(addDuration(ctx.now, DURATIONS.suspensionPeriod));
  return {
    variables: { certificateStatus: 'suspended', suspendedOn, suspendedUntil, suspensionEndsAt: midnight(suspendedUntil) },
    decision: {
      clause: reason.clause,
      outcome: 'suspended',
      text: MESSAGES['certificate-suspend.suspended']({ certificateNumber, ground: reason.clause, until: suspendedUntil }),
    },
  };
});

/**
 * 6.8.2 rule checks for a restoration application: the rectification shown against the ground of suspension.
 * Also says whether the annual surveillance window is open (6.7.1): then a surveillance review comes before
 * the certificate is restored, because a restoration review is not one (6.7.2 lists what one covers).
 */
export const restorationChecks = handler('isccc.restoration-checks', (variables, ctx) => {
  const input = new Inputs(ctx.type, variables);
  input.string('certificateNumber');
  const reason = input.object<Reason>('reason');
  const restoration = input.optionalObject<{ requestedOn?: string; rectification?: string[] }>('restoration');
  const rectification = restoration?.rectification ?? [];
  const surveillanceDue = ctx.now.getTime() >= parseDateTime(ctx.type, input.string('surveillanceStartOn')).getTime();
  const proposed: RestorationReviewProposal = {
    restorationApproved: rectification.length > 0,
    restorationReview: { reviewedOn: dayOf(ctx.now), details: rectification.length > 0 ? rectification.join('; ') : 'no rectification evidence submitted' },
  };
  const rows = [
    notedRow(reason.clause, reason.message, '', MESSAGES['restoration-checks.ground-row'](), 'noted'),
    rectification.length > 0
      ? notedRow('6.8.2', `${rectification.length}`, '≥ 1', MESSAGES['restoration-checks.rectification-row'](), 'pass', rectification.join('; '))
      : notedRow('6.8.2', '0', '≥ 1', MESSAGES['restoration-checks.no-rectification-row'](), 'fail'),
    notedRow(
      '6.7.1',
      surveillanceDue ? 'due' : 'not due',
      '',
      MESSAGES[surveillanceDue ? 'restoration-checks.surveillance-due-row' : 'restoration-checks.surveillance-not-due-row'](),
    ),
  ];
  const summary = MESSAGES['restoration-checks.summary']({ ground: reason.clause, rectifications: rectification.length, surveillanceDue });
  return {
    variables: { restorationFindings: findingsOf('6.8.2', ctx.now, summary, rows, proposed), surveillanceDue },
    decision: {
      clause: '6.8.2',
      outcome: proposed.restorationApproved ? 'proposes-approval' : 'proposes-refusal',
      text: MESSAGES['restoration-checks.checked']({ summary }),
    },
  };
});

export const certificateRestore = handler('isccc.certificate-restore', (variables, ctx) => {
  const input = new Inputs(ctx.type, variables);
  const certificateNumber = input.string('certificateNumber');
  return {
    variables: { certificateStatus: 'valid', restoredOn: dayOf(ctx.now) },
    decision: {
      clause: '6.8.2',
      outcome: 'restored',
      text: MESSAGES['certificate-restore.restored']({ certificateNumber }),
    },
  };
});

export const certificateRevoke = handler('isccc.certificate-revoke', (variables, ctx) => {
  const input = new Inputs(ctx.type, variables);
  const certificateNumber = input.string('certificateNumber');
  const reason = input.object<Reason>('reason');
  return {
    variables: { certificateStatus: 'revoked', revokedOn: dayOf(ctx.now) },
    decision: {
      clause: reason.clause,
      outcome: 'revoked',
      text: MESSAGES['certificate-revoke.revoked']({ certificateNumber, reason: reason.message }),
    },
  };
});

export const certificateCancel = handler('isccc.certificate-cancel', (variables, ctx) => {
  const input = new Inputs(ctx.type, variables);
  const certificateNumber = input.string('certificateNumber');
  const cancellation = input.optionalObject<{ requestedOn?: string; statement?: string }>('cancellation');
  return {
    variables: { certificateStatus: 'cancelled', cancelledOn: dayOf(ctx.now) },
    decision: {
      clause: '6.8.4',
      outcome: 'cancelled',
      text: MESSAGES['certificate-cancel.cancelled']({ certificateNumber, requestedOn: cancellation?.requestedOn }),
    },
  };
});

export const certificateReturn = handler('isccc.certificate-return', (variables, ctx) => {
  const input = new Inputs(ctx.type, variables);
  const certificateNumber = input.string('certificateNumber');
  const status = input.string('certificateStatus');
  const clause = status === 'revoked' ? '6.8.3' : status === 'cancelled' ? '6.8.4' : undefined;
  if (!clause) throw new Error(`${ctx.type}: a certificate is returned only once revoked or cancelled, status is "${status}"`);
  return {
    variables: { certificateReturnedOn: dayOf(ctx.now) },
    decision: {
      clause,
      outcome: 'returned',
      text: MESSAGES['certificate-return.returned']({ certificateNumber }),
    },
  };
});
