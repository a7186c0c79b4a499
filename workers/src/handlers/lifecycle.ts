/** Handlers of the certificate lifecycle: surveillance (6.7) and certificate management (6.8.1 – 6.8.4). */
import type { SurveillanceRecord, SurveillanceTrigger } from '@isccc/bpmn';
import { addDuration, clauseLabel, dayOf, DURATIONS, parseDate, type Reason } from '@isccc/rules/vocabulary';
import { BusinessRuleError, handler } from './contract.js';
import { assess, blocking } from './rules-gateway.js';
import { describeFinding, Inputs, midnight } from './support.js';

interface InformationReport {
  kind: 'organisation-change' | 'incident' | 'complaint' | 'other' | 'misuse';
  receivedOn?: string;
  summary?: string;
  /** Misuse only: the misuse had an adverse impact (6.8.3 b) rather than none (6.8.2 b). */
  adverseImpact?: boolean;
  /** Incident or complaint only: verified, and it affects continued effective service (6.8.3 c). */
  serious?: boolean;
}

export const surveillanceSchedule = handler((variables, ctx) => {
  const input = new Inputs(ctx.type, variables);
  const issuedOn = input.string('issuedOn');
  const base = input.optionalString('lastSurveillanceOn') ?? issuedOn;
  const deadline = addDuration(parseDate(base), DURATIONS.surveillanceInterval);
  const start = addDuration(deadline, DURATIONS.surveillanceLeadTime, -1);
  const surveillanceStartOn = midnight(dayOf(start));
  const surveillanceDeadline = midnight(dayOf(deadline));
  return {
    variables: { surveillanceStartOn, surveillanceDeadline },
    decision: {
      clause: '6.7.1',
      outcome: 'scheduled',
      text: {
        zh: `下次监督评审：${dayOf(start)} 开始，最迟 ${dayOf(deadline)}（距上次 ${base} 不超过12个月）`,
        en: `next surveillance review from ${dayOf(start)}, due by ${dayOf(deadline)} (≤ 12 months after ${base})`,
      },
    },
  };
});

const TRIGGER_CLAUSE: Record<string, string> = {
  'major-change': '6.7.4.a',
  incident: '6.7.4.b',
  complaint: '6.7.4.b',
  information: '6.7.4.c',
};

export const informationAssess = handler((variables, ctx) => {
  const input = new Inputs(ctx.type, variables);
  input.string('certificateNumber'); // required by the contract: an assessment always concerns one certificate
  const trigger = input.string('surveillanceTrigger');
  const report = input.optionalObject<InformationReport>('report');
  // 6.7.1 paragraph 2 names major change, incident and complaint as grounds for more on-site surveillance.
  const extraSurveillanceNeeded = trigger === 'major-change' || trigger === 'incident' || trigger === 'complaint';
  return {
    variables: { extraSurveillanceNeeded },
    decision: {
      clause: TRIGGER_CLAUSE[trigger] ?? '6.7.4',
      outcome: extraSurveillanceNeeded ? 'extra-surveillance' : 'noted',
      text: {
        zh: `信息通报（${trigger}）${report?.summary ? `：${report.summary}` : ''} → ${extraSurveillanceNeeded ? '增加现场监督评审（6.7.1）' : '记录在案'}`,
        en: `information report (${trigger})${report?.summary ? `: ${report.summary}` : ''} → ${extraSurveillanceNeeded ? 'extra on-site surveillance review (6.7.1)' : 'recorded'}`,
      },
    },
  };
});

/**
 * 6.7.2: the initial review content again (the manifest, re-assessed for the certified level as of the date
 * it speaks for — the holder keeps it current), plus verification of the previous observations, changes,
 * complaint handling and use of the certificate, taken from the report that triggered an extra review.
 */
export const surveillanceReview = handler((variables, ctx) => {
  const input = new Inputs(ctx.type, variables);
  input.string('certificateNumber');
  const category = input.string('grantedCategory');
  const level = input.level('grantedLevel');
  const trigger = input.string('surveillanceTrigger');
  const report = input.optionalObject<InformationReport>('report');
  const previous = input.optionalArray<string>('lastObservations');
  const manifest = input.optionalObject<{ application?: { asOf?: string } }>('manifest');
  const drClass = input.drClass();

  const findings = manifest
    ? assess(manifest, { category, level, ...(drClass && { drClass }) }, manifest.application?.asOf ?? dayOf(ctx.now), input.optionalString('manifestDir'))
    : undefined;
  const nonconformities = findings ? blocking(findings) : [];
  const observations = findings ? findings.open.filter((f) => f.status === 'manual-review').map(describeFinding) : [];
  const misuse = trigger === 'misuse' || report?.kind === 'misuse';
  const record: SurveillanceRecord = {
    reviewedOn: dayOf(ctx.now),
    trigger: trigger as SurveillanceTrigger,
    correctiveActionsVerified: true,
    changesReviewed: true,
    complaintsHandled: !(report?.kind === 'complaint' && report.serious),
    certificateUse: misuse ? (report?.adverseImpact ? 'misuse-adverse-impact' : 'misuse-no-adverse-impact') : 'proper',
    majorNonconformities: nonconformities.length,
    observations,
    seriousIncidentVerified: (report?.kind === 'incident' || report?.kind === 'complaint') && report.serious === true,
  };
  return {
    variables: { surveillance: record, lastSurveillanceOn: record.reviewedOn, lastObservations: observations },
    decision: {
      clause: '6.7.2',
      outcome: 'reviewed',
      text: {
        zh: `监督评审（${trigger}）：验证上次观察项 ${previous.length} 项的纠正措施，严重不符合项 ${record.majorNonconformities}，证书使用 ${record.certificateUse}`,
        en: `surveillance review (${trigger}): corrective actions on ${previous.length} previous observations verified, ${record.majorNonconformities} major nonconformities, certificate use ${record.certificateUse}`,
      },
      findings: findings?.open ?? [],
    },
  };
});

/** 6.7.3: maintain, or suspend (6.8.2 b, c) or revoke (6.8.3 b, c), most severe ground first. */
export const surveillanceConclude = handler((variables, ctx) => {
  const input = new Inputs(ctx.type, variables);
  const certificateNumber = input.string('certificateNumber');
  const s = input.object<SurveillanceRecord>('surveillance');
  if (s.certificateUse === 'misuse-adverse-impact') {
    throw new BusinessRuleError('ISCCC_6_8_3_B', undefined, { details: [`surveillance ${s.reviewedOn}`] });
  }
  if (s.seriousIncidentVerified) {
    throw new BusinessRuleError('ISCCC_6_8_3_C', undefined, { details: [`surveillance ${s.reviewedOn} (${s.trigger})`] });
  }
  if (s.majorNonconformities > 0) {
    throw new BusinessRuleError('ISCCC_6_8_2_C', undefined, { details: [`${s.majorNonconformities} major nonconformities on ${s.reviewedOn}`] });
  }
  if (s.certificateUse === 'misuse-no-adverse-impact') {
    throw new BusinessRuleError('ISCCC_6_8_2_B', undefined, { details: [`surveillance ${s.reviewedOn}`] });
  }
  return {
    variables: { certificateStatus: 'valid' },
    decision: {
      clause: '6.7.3',
      outcome: 'maintained',
      text: { zh: `监督评审通过，维持证书 ${certificateNumber} 有效`, en: `surveillance passed: certificate ${certificateNumber} maintained` },
    },
  };
});

export const certificateSuspend = handler((variables, ctx) => {
  const input = new Inputs(ctx.type, variables);
  const certificateNumber = input.string('certificateNumber');
  const reason = input.object<Reason>('reason');
  const suspendedOn = dayOf(ctx.now);
  const suspendedUntil = dayOf(addDuration(ctx.now, DURATIONS.suspensionPeriod));
  return {
    variables: { certificateStatus: 'suspended', suspendedOn, suspendedUntil },
    decision: {
      clause: reason.clause,
      outcome: 'suspended',
      text: {
        zh: `暂停证书 ${certificateNumber}（${clauseLabel(reason.clause)}），整改期至 ${suspendedUntil}`,
        en: `certificate ${certificateNumber} suspended (${clauseLabel(reason.clause)}) until ${suspendedUntil} for rectification`,
      },
    },
  };
});

export const restorationReview = handler((variables, ctx) => {
  const input = new Inputs(ctx.type, variables);
  input.string('certificateNumber'); // required by the contract: a restoration always concerns one certificate
  const reason = input.object<Reason>('reason');
  const restoration = input.optionalObject<{ requestedOn?: string; rectification?: string[] }>('restoration');
  const rectification = restoration?.rectification ?? [];
  // Restoration needs the rectification to be shown; a suspension for an unrectified ground cannot be lifted on request alone.
  const restorationApproved = rectification.length > 0;
  const reviewedOn = dayOf(ctx.now);
  return {
    variables: {
      restorationApproved,
      restorationReview: { reviewedOn, details: rectification.length > 0 ? rectification : ['no rectification evidence submitted'] },
      ...(restorationApproved && { lastSurveillanceOn: reviewedOn }),
    },
    decision: {
      clause: '6.8.2',
      outcome: restorationApproved ? 'restoration-approved' : 'restoration-refused',
      text: {
        zh: `恢复申请审核（暂停原因 ${clauseLabel(reason.clause)}）：${restorationApproved ? `整改 ${rectification.length} 项已验证，批准恢复` : '未提交整改证明，不予恢复'}`,
        en: `restoration review (suspended under ${clauseLabel(reason.clause)}): ${restorationApproved ? `${rectification.length} rectifications verified, approved` : 'no rectification shown, refused'}`,
      },
    },
  };
});

export const certificateRestore = handler((variables, ctx) => {
  const input = new Inputs(ctx.type, variables);
  const certificateNumber = input.string('certificateNumber');
  return {
    variables: { certificateStatus: 'valid', restoredOn: dayOf(ctx.now) },
    decision: {
      clause: '6.8.2',
      outcome: 'restored',
      text: { zh: `恢复证书 ${certificateNumber}`, en: `certificate ${certificateNumber} restored` },
    },
  };
});

export const certificateRevoke = handler((variables, ctx) => {
  const input = new Inputs(ctx.type, variables);
  const certificateNumber = input.string('certificateNumber');
  const reason = input.object<Reason>('reason');
  return {
    variables: { certificateStatus: 'revoked', revokedOn: dayOf(ctx.now) },
    decision: {
      clause: reason.clause,
      outcome: 'revoked',
      text: {
        zh: `撤销证书 ${certificateNumber}：${reason.message}`,
        en: `certificate ${certificateNumber} revoked: ${reason.message}`,
      },
    },
  };
});

export const certificateCancel = handler((variables, ctx) => {
  const input = new Inputs(ctx.type, variables);
  const certificateNumber = input.string('certificateNumber');
  const cancellation = input.optionalObject<{ requestedOn?: string; statement?: string }>('cancellation');
  return {
    variables: { certificateStatus: 'cancelled', cancelledOn: dayOf(ctx.now) },
    decision: {
      clause: '6.8.4',
      outcome: 'cancelled',
      text: {
        zh: `应获证组织申请注销证书 ${certificateNumber}${cancellation?.requestedOn ? `（${cancellation.requestedOn} 申请）` : ''}`,
        en: `certificate ${certificateNumber} cancelled at the holder's request${cancellation?.requestedOn ? ` of ${cancellation.requestedOn}` : ''}`,
      },
    },
  };
});

export const certificateReturn = handler((variables, ctx) => {
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
      text: { zh: `证书 ${certificateNumber} 已交回`, en: `certificate ${certificateNumber} returned` },
    },
  };
});
