/** Handlers of the certification process, ISCCC-SV-001:2015 6.1 – 6.4 and 6.6. */
import { clauseLabel, dayOf } from '@isccc/rules/vocabulary';
import { levelName } from '@isccc/rules/vocabulary';
import { BusinessRuleError, handler, type TaskHandler, type Variables } from './contract.js';
import { assess, blocking, type AssessmentTarget } from './rules-gateway.js';
import { describeFinding, digest, Inputs } from './support.js';

/** The two forms 6.2 names; `documents` must list both for an application to be complete. */
export const APPLICATION_FORM = '信息安全服务资质认证申请书';
export const SELF_ASSESSMENT_FORM = '信息安全服务自评估表';

/** How many times document review may ask for supplementary material before it decides on what it has. */
export const MAX_SUPPLEMENT_ROUNDS = 2;

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

function targetOf(input: Inputs, categoryVar: string, levelVar: string): AssessmentTarget {
  const drClass = input.drClass();
  return { category: input.string(categoryVar), level: input.level(levelVar), ...(drClass && { drClass }) };
}

/** Where the manifest's evidence paths resolve, when the case knows it (CLI runs set it). */
function workspaceOf(input: Inputs): string | undefined {
  return input.optionalString('manifestDir');
}

export const selfAssessment = handler((variables, ctx) => {
  const input = new Inputs(ctx.type, variables);
  input.object<Party>('applicant');
  const target = targetOf(input, 'category', 'level');
  if (!input.has('manifest')) {
    throw new BusinessRuleError(
      'ISCCC_6_1',
      { zh: '未提交自评估所需的组织信息（manifest）', en: 'no manifest to self-assess' },
      { details: ['manifest variable absent'] },
    );
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
      text: {
        zh: `自评估完成：${levelName(target.level, 'zh')}${meetsTarget ? '要求均满足' : '要求未全部满足'}（通过 ${a.counts.pass}，不符合 ${selfAssessmentRecord.failed}，待人工评审 ${a.counts['manual-review']}）`,
        en: `self-assessment done: level ${target.level} ${meetsTarget ? 'met' : 'not met'} (${a.counts.pass} pass, ${selfAssessmentRecord.failed} fail/missing, ${a.counts['manual-review']} manual review)`,
      },
      findings: a.open,
    },
  };
});

export const applicationSubmit = handler((variables, ctx) => {
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
    throw new BusinessRuleError(
      'ISCCC_6_2',
      { zh: `申请材料缺少：${missing.join('、')}`, en: `application lacks: ${missing.join(', ')}` },
      { details: missing.map((m) => `missing: ${m}`) },
    );
  }
  const submittedOn = dayOf(ctx.now);
  const applicationId = `APP-${submittedOn.replace(/-/g, '')}-${digest(applicant.id ?? applicant.name, target.category, target.level, target.drClass ?? null, submittedOn)}`;
  return {
    variables: { applicationId, submittedOn },
    decision: {
      clause: '6.2',
      outcome: 'submitted',
      text: {
        zh: `提交认证申请 ${applicationId}：${target.category} ${levelName(target.level, 'zh')}，材料 ${documents.length} 份`,
        en: `application ${applicationId} submitted: ${target.category} level ${target.level}, ${documents.length} documents`,
      },
    },
  };
});

export const materialReview = handler((variables, ctx) => {
  const input = new Inputs(ctx.type, variables);
  input.string('applicationId');
  const target = targetOf(input, 'category', 'level');
  const round = input.number('supplementRound', 0);
  const a = assess(input.raw('manifest'), target, dayOf(ctx.now), workspaceOf(input));
  const missingEvidence = a.open.filter((f) => f.status === 'missing-evidence');
  const reviewedOn = dayOf(ctx.now);

  if (missingEvidence.length > 0 && round < MAX_SUPPLEMENT_ROUNDS) {
    const missingMaterials = missingEvidence.map(describeFinding);
    return {
      variables: { materialReviewOutcome: 'supplement', missingMaterials, materialReview: { reviewedOn, details: missingMaterials } },
      decision: {
        clause: '6.3',
        outcome: 'supplement',
        text: {
          zh: `申请材料评审：缺少 ${missingEvidence.length} 项证明材料，要求补充（第 ${round + 1} 轮）`,
          en: `document review: ${missingEvidence.length} evidence items missing, supplement requested (round ${round + 1})`,
        },
        findings: missingEvidence,
      },
    };
  }

  if (a.qualifyingLevel === null) {
    const details = blocking(a).map(describeFinding);
    throw new BusinessRuleError(
      'ISCCC_6_3',
      { zh: `${target.category} 任何级别均不满足要求`, en: `no level of ${target.category} can be granted` },
      {
        details,
        findings: blocking(a),
      },
    );
  }
  // Level 1 is the highest: never grant above what was applied for, grant lower when only that is supported.
  const grantedLevel = Math.max(target.level, a.qualifyingLevel) as 1 | 2 | 3;
  const details = a.open.map(describeFinding);
  return {
    variables: {
      materialReviewOutcome: 'accepted',
      missingMaterials: [],
      grantedCategory: target.category,
      grantedLevel,
      materialReview: { reviewedOn, details },
    },
    decision: {
      clause: '6.3',
      outcome: grantedLevel === target.level ? 'accepted' : 'accepted-lower-level',
      text: {
        zh: `申请材料评审通过：确定 ${target.category} ${levelName(grantedLevel, 'zh')}${grantedLevel !== target.level ? `（申请${levelName(target.level, 'zh')}）` : ''}`,
        en: `document review accepted: ${target.category} level ${grantedLevel}${grantedLevel !== target.level ? ` (applied for level ${target.level})` : ''}`,
      },
      findings: a.open,
    },
  };
});

export const requestSupplement = handler((variables, ctx) => {
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
      text: {
        zh: `通知 ${applicationId} 补充材料（第 ${supplementRound} 轮，${missing.length} 项）`,
        en: `asked ${applicationId} for supplementary material (round ${supplementRound}, ${missing.length} items)`,
      },
    },
  };
});

export const contractSign = handler((variables, ctx) => {
  const input = new Inputs(ctx.type, variables);
  const applicationId = input.string('applicationId');
  const level = input.level('grantedLevel');
  const category = input.string('grantedCategory');
  const contractId = `CTR-${applicationId.replace(/^APP-/, '')}`;
  return {
    variables: { contractId, contractSignedOn: dayOf(ctx.now) },
    decision: {
      clause: '6.3',
      outcome: 'contract-signed',
      text: {
        zh: `签订认证合同 ${contractId}（${category} ${levelName(level, 'zh')}）`,
        en: `certification contract ${contractId} signed (${category} level ${level})`,
      },
    },
  };
});

export const onsiteReview = handler((variables, ctx) => {
  const input = new Inputs(ctx.type, variables);
  input.string('applicationId');
  const target = targetOf(input, 'grantedCategory', 'grantedLevel');
  const team = input.optionalArray<string>('reviewTeam');
  const a = assess(input.raw('manifest'), target, dayOf(ctx.now), workspaceOf(input));
  const failing = blocking(a);
  if (failing.length > 0) {
    throw new BusinessRuleError(
      'ISCCC_6_4',
      { zh: `现场核实 ${failing.length} 项不符合`, en: `${failing.length} requirements not met on site` },
      {
        details: failing.map(describeFinding),
        findings: failing,
      },
    );
  }
  const observations = a.open.filter((f) => f.status === 'manual-review').map(describeFinding);
  // 6.4 "必要时": the team asks for a witness at level 1 when a client project is put forward or something is left to judgement.
  const witnessNeeded = target.level === 1 && (input.has('witnessProject') || observations.length > 0);
  return {
    variables: { onsiteReview: { reviewedOn: dayOf(ctx.now), team, details: observations }, witnessNeeded },
    decision: {
      clause: '6.4',
      outcome: 'reviewed',
      text: {
        zh: `现场评审完成（评审组 ${team.length} 人，观察项 ${observations.length}）${witnessNeeded ? '，需项目实施现场见证' : ''}`,
        en: `on-site review done (team of ${team.length}, ${observations.length} observations)${witnessNeeded ? ', client-project witness needed' : ''}`,
      },
      findings: a.open,
    },
  };
});

interface Project {
  id: string;
  client: string;
  category: string;
  status: string;
  end?: string;
  start?: string;
}

export const clientWitness = handler((variables, ctx) => {
  const input = new Inputs(ctx.type, variables);
  input.string('applicationId');
  input.level('grantedLevel');
  const category = input.optionalString('grantedCategory');
  const manifest = input.optionalObject<{ projects?: Project[] }>('manifest');
  const chosen = input.optionalObject<{ client: string; project: string }>('witnessProject');
  const projects = (manifest?.projects ?? []).filter((p) => !category || p.category === category);
  const project = chosen ? projects.find((p) => p.id === chosen.project || p.client === chosen.client) : projects[projects.length - 1];
  const witnessedOn = dayOf(ctx.now);
  if (!project || (project.status !== 'completed' && project.status !== 'ongoing')) {
    const what = chosen ? `${chosen.client} / ${chosen.project}` : `a ${category ?? ''} project`;
    throw new BusinessRuleError(
      'ISCCC_6_4',
      { zh: `无可见证的客户项目（${what}）`, en: `no client project to witness (${what})` },
      { details: [`no witnessable project: ${what}`] },
    );
  }
  const witness = { witnessedOn, client: project.client, project: project.id, passed: true, details: [`${project.id} (${project.status})`] };
  return {
    variables: { witness },
    decision: {
      clause: '6.4',
      outcome: 'witnessed',
      text: { zh: `项目实施现场见证：${project.client} ${project.id} 通过`, en: `client-project witness at ${project.client}, ${project.id}: passed` },
    },
  };
});

export const onsiteReport = handler((variables, ctx) => {
  const input = new Inputs(ctx.type, variables);
  const applicationId = input.string('applicationId');
  const review = input.object<{ details?: string[] }>('onsiteReview');
  const witness = input.optionalObject<{ passed: boolean; details?: string[] }>('witness');
  if (witness && !witness.passed) {
    throw new BusinessRuleError(
      'ISCCC_6_4',
      { zh: '见证未通过，报告建议不予认证', en: 'witness failed; the report cannot recommend certification' },
      { details: witness.details ?? [] },
    );
  }
  const observations = [...(review.details ?? [])];
  const id = `OSR-${applicationId.replace(/^APP-/, '')}`;
  const report = { id, issuedOn: dayOf(ctx.now), recommendation: 'grant', majorNonconformities: 0, observations };
  return {
    variables: { onsiteReport: report, lastObservations: observations },
    decision: {
      clause: '6.4',
      outcome: 'report-issued',
      text: {
        zh: `出具现场评审报告 ${id}：建议颁证，观察项 ${observations.length}`,
        en: `on-site review report ${id}: recommends certification, ${observations.length} observations`,
      },
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

export const certificateIssue = handler((variables, ctx) => {
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
      text: {
        zh: `向 ${applicant.name} 颁发证书 ${certificateNumber}（${category} ${levelName(level, 'zh')}）`,
        en: `certificate ${certificateNumber} issued to ${applicant.name} (${category} level ${level})`,
      },
    },
  };
});

const NOTICE_CLAUSE: Record<string, string> = { valid: '6.6', revoked: '6.8.3', cancelled: '6.8.4', suspended: '6.8.2' };
const STATUS_ZH: Record<string, string> = { valid: '颁发', revoked: '撤销', cancelled: '注销', suspended: '暂停' };

export const publicNotice = handler((variables, ctx) => {
  const input = new Inputs(ctx.type, variables);
  const certificateNumber = input.string('certificateNumber');
  const status = input.string('certificateStatus');
  const reason = input.optionalObject<{ clause?: string }>('reason');
  const clause = NOTICE_CLAUSE[status];
  if (!clause) throw new Error(`${ctx.type}: no public notice is made for certificate status "${status}"`);
  const noticeId = `NOTICE-${certificateNumber}-${status}`;
  const why = status === 'revoked' && reason?.clause ? ` (${clauseLabel(reason.clause)})` : '';
  return {
    variables: { noticeId, noticePublishedOn: dayOf(ctx.now) },
    decision: {
      clause,
      outcome: 'notice-published',
      text: { zh: `公示：证书 ${certificateNumber} ${STATUS_ZH[status]}${why}`, en: `public notice: certificate ${certificateNumber} ${status}${why}` },
    },
  };
});

/** The lifecycle is started by a message, so an issued certificate gets exactly one lifecycle instance. */
export const LIFECYCLE_START_MESSAGE = 'isccc.certificate-issued';

/** Variables the lifecycle needs beyond the contract's start payload (the surveillance review re-assesses the manifest). */
const CARRIED_OVER = ['manifest', 'manifestDir', 'ballots'] as const;

export const lifecycleStart: TaskHandler = async (variables, ctx) => {
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
  await ctx.publishMessage({ name: LIFECYCLE_START_MESSAGE, messageId: certificateNumber, variables: payload });
  return {
    variables: {},
    decision: {
      clause: '6.7.1',
      outcome: 'lifecycle-started',
      text: { zh: `证书 ${certificateNumber} 进入证后监督`, en: `certificate ${certificateNumber} enters post-certification surveillance` },
    },
  };
};

export const rejectionNotify = handler((variables, ctx) => {
  const input = new Inputs(ctx.type, variables);
  const applicant = input.object<Party>('applicant');
  const reason = input.object<{ clause: string; message: string }>('reason');
  return {
    variables: { refusedOn: dayOf(ctx.now) },
    decision: {
      clause: reason.clause,
      outcome: 'refused',
      text: { zh: `通知 ${applicant.name} 不予认证：${reason.message}`, en: `${applicant.name} notified of refusal: ${reason.message}` },
    },
  };
});
