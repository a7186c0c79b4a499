/**
 * What each user task's form is opened on (the task's variables, shaped as the rule-check handlers of
 * workers/src/handlers produce them), how a person fills it in a browser, and what it must submit.
 */
import type { FindingRow } from '../../src/task-types.js';

export type Action = ['type' | 'choose' | 'pick' | 'tick', string, string];

export interface FormScenario {
  task: string;
  variables: Record<string, unknown>;
  /** A person following the findings. */
  follow: { actions: Action[]; submits: Record<string, unknown> };
  /** A person departing from them: the justification is asked for, then submitted. */
  depart: { actions: Action[]; justification: string; submits: Record<string, unknown> };
  /** A bad value the form refuses (label of the field, the value typed). */
  invalid?: [string, string];
}

const row = (clause: string, status: FindingRow['status'], actual: string, required: string, message: string): FindingRow => ({
  clause,
  status,
  actual,
  required,
  evidence: 'people.serviceStaff',
  message,
});
const findings = (clause: string, rows: FindingRow[], proposed: unknown): Record<string, unknown> => ({
  checkedOn: '2026-11-01',
  clause,
  summary: { zh: `核查摘要 ${clause}`, en: `summary of the checks ${clause}` },
  rows,
  proposed,
});
const ROWS = [
  row('4.2.4 d)', 'fail', '14', '30', '4.2.4 d) 要求从事信息安全服务人员30名以上，清单列出 14 名 — 4.2.4 d) needs ≥30 service staff, manifest lists 14'),
  row('4.1.4 d)', 'pass', '14', '10', '4.1.4 d) 满足 — 4.1.4 d) met'),
];
const DAY = '2026-11-01';
const JUST = '评审组现场核实的情况与清单不同 what the team saw on site differs from the manifest';

export const SCENARIOS: FormScenario[] = [
  {
    task: 'material-review',
    variables: {
      applicationId: 'APP-20261101-ABCD1234',
      applicant: { name: '杭州明衡信息安全评估有限公司' },
      category: 'risk-assessment',
      level: 2,
      supplementRound: 0,
      materialFindings: findings('6.3', ROWS, {
        materialReviewOutcome: 'accepted',
        grantedLevel: 3,
        missingMaterials: [],
        levels: [
          { label: '二级 level 2', value: 2 },
          { label: '三级 level 3', value: 3 },
        ],
        missing: [{ label: '4.2.7 a) [missing-evidence] no document', value: '4.2.7 a) [missing-evidence] no document' }],
      }),
    },
    follow: {
      actions: [
        ['choose', '评审结论 Outcome of the review', 'accepted'],
        ['pick', '确定的级别', '三级 level 3'],
      ],
      submits: { materialReviewOutcome: 'accepted', grantedLevel: 3 },
    },
    depart: {
      actions: [
        ['choose', '评审结论 Outcome of the review', 'supplement'],
        ['tick', '须补充的材料', '4.2.7 a)'],
      ],
      justification: JUST,
      submits: { materialReviewOutcome: 'supplement', missingMaterials: ['4.2.7 a) [missing-evidence] no document'], materialReviewJustification: JUST },
    },
  },
  {
    task: 'onsite-review',
    variables: {
      applicationId: 'APP-20261101-ABCD1234',
      grantedCategory: 'risk-assessment',
      grantedLevel: 3,
      reviewTeam: ['评审组长 lead reviewer', '评审员 reviewer'],
      onsiteFindings: findings('6.4', ROWS, {
        onsiteReview: { reviewedOn: DAY, passed: true, majorNonconformities: 0, observations: ['A1.2.3 [manual-review] threat identification'] },
        witnessNeeded: false,
        witness: null,
        observationChoices: [{ label: 'A1.2.3 [manual-review] threat identification', value: 'A1.2.3 [manual-review] threat identification' }],
        projects: [],
      }),
    },
    follow: {
      actions: [
        ['type', '评审日期 Reviewed on', DAY],
        ['choose', '现场评审通过 On-site review passed', '是 yes'],
        ['type', '严重不符合项 Major nonconformities', '0'],
        ['tick', '观察项', 'A1.2.3'],
        ['choose', '需要项目实施现场见证', '否 no'],
      ],
      submits: {
        onsiteReview: { reviewedOn: DAY, passed: true, majorNonconformities: 0, observations: ['A1.2.3 [manual-review] threat identification'], notes: '' },
        witnessNeeded: false,
      },
    },
    depart: {
      actions: [
        ['type', '评审日期 Reviewed on', DAY],
        ['choose', '现场评审通过 On-site review passed', '否 no'],
        ['type', '严重不符合项 Major nonconformities', '2'],
        ['choose', '需要项目实施现场见证', '否 no'],
      ],
      justification: JUST,
      submits: {
        onsiteReview: { reviewedOn: DAY, passed: false, majorNonconformities: 2, observations: [], notes: '' },
        witnessNeeded: false,
        onsiteReviewJustification: JUST,
      },
    },
    invalid: ['评审日期 Reviewed on', '2026-13-01'],
  },
  {
    task: 'client-witness',
    variables: {
      applicationId: 'APP-20261101-ABCD1234',
      grantedLevel: 1,
      onsiteFindings: findings('6.4', ROWS, {
        onsiteReview: { reviewedOn: DAY, passed: true, majorNonconformities: 0, observations: [] },
        witnessNeeded: true,
        witness: { witnessedOn: DAY, project: 'ER-2025-03', passed: true },
        observationChoices: [],
        projects: [{ label: '某省电力公司 — ER-2025-03', value: 'ER-2025-03' }],
      }),
    },
    follow: {
      actions: [
        ['type', '见证日期 Witnessed on', DAY],
        ['pick', '见证的客户项目', 'ER-2025-03'],
        ['choose', '见证通过 Witness passed', '是 yes'],
      ],
      submits: { witness: { witnessedOn: DAY, project: 'ER-2025-03', passed: true, details: '' } },
    },
    depart: {
      actions: [
        ['type', '见证日期 Witnessed on', DAY],
        ['pick', '见证的客户项目', 'ER-2025-03'],
        ['choose', '见证通过 Witness passed', '否 no'],
      ],
      justification: JUST,
      submits: { witness: { witnessedOn: DAY, project: 'ER-2025-03', passed: false, details: '' }, witnessJustification: JUST },
    },
    invalid: ['见证日期 Witnessed on', '26-11-1'],
  },
  {
    task: 'committee-vote',
    variables: {
      member: { id: 'm2', name: '委员2 member 2' },
      grantedCategory: 'risk-assessment',
      grantedLevel: 3,
      vote: null,
      decisionFindings: findings('6.5', [row('6.4', 'pass', 'grant', 'grant', '现场评审报告 OSR-1 建议 — on-site review report OSR-1 recommends')], {
        vote: { decision: 'grant' },
      }),
    },
    follow: { actions: [['choose', '表决意见 Vote', '同意 grant']], submits: { vote: { member: 'm2', decision: 'grant' } } },
    depart: {
      actions: [['choose', '表决意见 Vote', '不同意 refuse']],
      justification: '报告未说明见证情况 the report does not cover the witness',
      submits: { vote: { member: 'm2', decision: 'refuse', reason: '报告未说明见证情况 the report does not cover the witness' } },
    },
  },
  {
    task: 'information-assessment',
    variables: {
      certificateNumber: 'ISCCC-ISV-RA3-2026-37796446',
      surveillanceTrigger: 'complaint',
      report: { kind: 'complaint', receivedOn: '2027-04-01', summary: 'client complaint' },
      informationFindings: findings(
        '6.7.4 b)',
        [
          row(
            '6.7.4 b)',
            'fail',
            'complaint: client complaint',
            'major change, incident or complaint',
            '属于增加现场监督评审的情形 — a ground for an extra review',
          ),
        ],
        {
          extraSurveillanceNeeded: true,
        },
      ),
    },
    follow: { actions: [['choose', '增加现场监督评审', '是 yes']], submits: { extraSurveillanceNeeded: true } },
    depart: {
      actions: [['choose', '增加现场监督评审', '否 no']],
      justification: '投诉已由客户撤回 the client withdrew the complaint',
      submits: { extraSurveillanceNeeded: false, informationAssessmentJustification: '投诉已由客户撤回 the client withdrew the complaint' },
    },
  },
  {
    task: 'surveillance-review',
    variables: {
      certificateNumber: 'ISCCC-ISV-RA3-2026-37796446',
      grantedCategory: 'risk-assessment',
      grantedLevel: 3,
      surveillanceTrigger: 'annual',
      surveillanceFindings: findings('6.7.2', ROWS, {
        surveillance: {
          reviewedOn: '2027-10-01',
          holderAccepted: true,
          correctiveActionsVerified: true,
          changesReviewed: true,
          complaintsHandled: true,
          certificateUse: 'proper',
          majorNonconformities: 0,
          seriousIncidentVerified: false,
          observations: [],
        },
        surveillanceConclusion: 'maintain',
        previousObservations: [],
        observationChoices: [],
      }),
    },
    follow: {
      actions: [
        ['type', '评审日期 Reviewed on', '2027-10-01'],
        ['choose', '获证组织按规定接受监督评审', '是 yes'],
        ['choose', '上次观察项的纠正', '是 yes'],
        ['choose', '获证企业变更情况已评审', '是 yes'],
        ['choose', '投诉处理情况符合要求', '是 yes'],
        ['choose', '认证证书及认证标识的使用', '规范 proper'],
        ['type', '严重不符合项 Major nonconformities', '0'],
        ['choose', '严重责任事故', '否 no'],
        ['choose', '监督结论（6.7.3）', '维持认证证书'],
      ],
      submits: {
        surveillance: {
          reviewedOn: '2027-10-01',
          holderAccepted: true,
          correctiveActionsVerified: true,
          changesReviewed: true,
          complaintsHandled: true,
          certificateUse: 'proper',
          majorNonconformities: 0,
          seriousIncidentVerified: false,
          observations: [],
          notes: '',
        },
        surveillanceConclusion: 'maintain',
      },
    },
    depart: {
      actions: [
        ['type', '评审日期 Reviewed on', '2027-10-01'],
        ['choose', '获证组织按规定接受监督评审', '否 no'],
        ['choose', '上次观察项的纠正', '否 no'],
        ['choose', '获证企业变更情况已评审', '否 no'],
        ['choose', '投诉处理情况符合要求', '是 yes'],
        ['choose', '认证证书及认证标识的使用', '规范 proper'],
        ['type', '严重不符合项 Major nonconformities', '0'],
        ['choose', '严重责任事故', '否 no'],
        ['choose', '监督结论（6.7.3）', '6.8.2 a)'],
      ],
      justification: '获证组织拒绝接受现场监督 the holder refused the on-site review',
      submits: {
        surveillance: {
          reviewedOn: '2027-10-01',
          holderAccepted: false,
          correctiveActionsVerified: false,
          changesReviewed: false,
          complaintsHandled: true,
          certificateUse: 'proper',
          majorNonconformities: 0,
          seriousIncidentVerified: false,
          observations: [],
          notes: '',
        },
        surveillanceConclusion: '6.8.2.a',
        surveillanceJustification: '获证组织拒绝接受现场监督 the holder refused the on-site review',
      },
    },
    invalid: ['评审日期 Reviewed on', '2027/10/01'],
  },
  {
    task: 'restoration-review',
    variables: {
      certificateNumber: 'ISCCC-ISV-RA3-2026-37796446',
      reason: { code: 'ISCCC_6_8_2_D', clause: '6.8.2.d', message: '6.8.2 d) 其他需要暂停证书的情况 — other grounds for suspension', details: [] },
      restoration: { requestedOn: '2027-05-20', rectification: ['rectification report'] },
      restorationFindings: findings('6.8.2', [row('6.8.2', 'pass', '1', '≥ 1', '已提交整改证明 — rectification shown')], {
        restorationApproved: true,
        restorationReview: { reviewedOn: '2027-05-20', details: 'rectification report' },
      }),
    },
    follow: {
      actions: [
        ['choose', '批准恢复 Restoration approved', '是 yes'],
        ['type', '审核日期 Reviewed on', '2027-05-20'],
        ['type', '审核情况 Details', 'rectification report verified'],
      ],
      submits: { restorationApproved: true, restorationReview: { reviewedOn: '2027-05-20', details: 'rectification report verified' } },
    },
    depart: {
      actions: [
        ['choose', '批准恢复 Restoration approved', '否 no'],
        ['type', '审核日期 Reviewed on', '2027-05-20'],
        ['type', '审核情况 Details', 'report does not cover the ground'],
      ],
      justification: '整改报告未针对暂停原因 the report does not address the ground',
      submits: {
        restorationApproved: false,
        restorationReview: { reviewedOn: '2027-05-20', details: 'report does not cover the ground' },
        restorationJustification: '整改报告未针对暂停原因 the report does not address the ground',
      },
    },
    invalid: ['审核日期 Reviewed on', '2027-02-40'],
  },
  {
    task: 'change-written-review',
    variables: {
      certificateNumber: 'ISCCC-ISV-RA3-2026-37796446',
      change: { kinds: ['address'], description: 'address changed', documents: ['变更申请书 change application'] },
      changeFindings: findings('6.8.5', [row('6.8.5', 'pass', '1', '≥ 1', '变更申请及证明材料 — change application and supporting documents')], {
        changeApproved: true,
        changeReview: { reviewedOn: '2027-02-01', details: '变更申请书 change application' },
      }),
    },
    follow: {
      actions: [
        ['choose', '批准变更 Change approved', '是 yes'],
        ['type', '审核日期 Reviewed on', '2027-02-01'],
        ['type', '审核情况 Details', 'lease for the new address seen'],
      ],
      submits: { changeApproved: true, changeReview: { reviewedOn: '2027-02-01', details: 'lease for the new address seen' } },
    },
    depart: {
      actions: [
        ['choose', '批准变更 Change approved', '否 no'],
        ['type', '审核日期 Reviewed on', '2027-02-01'],
        ['type', '审核情况 Details', 'lease not signed'],
      ],
      justification: '新地址租赁合同未签署 the lease for the new address is not signed',
      submits: {
        changeApproved: false,
        changeReview: { reviewedOn: '2027-02-01', details: 'lease not signed' },
        changeReviewJustification: '新地址租赁合同未签署 the lease for the new address is not signed',
      },
    },
  },
  {
    task: 'change-onsite-verification',
    variables: {
      certificateNumber: 'ISCCC-ISV-RA3-2026-37796446',
      change: { kinds: ['other'], description: 'major reorganisation' },
      grantedCategory: 'risk-assessment',
      grantedLevel: 3,
      changeFindings: findings('6.8.5', ROWS, {
        changeApproved: false,
        changeReview: { reviewedOn: '2028-01-15', details: '' },
        changeVerification: { verifiedOn: '2028-01-15', recommendation: 'grant', observations: [] },
        grantedLevel: 3,
        levels: [{ label: '三级 level 3', value: 3 }],
        observationChoices: [],
      }),
    },
    follow: {
      actions: [
        ['type', '验证日期 Verified on', '2028-01-15'],
        ['choose', '建议 Recommendation to the committee', '同意 grant'],
        ['pick', '变更后仍满足的级别', '三级 level 3'],
      ],
      submits: { changeVerification: { verifiedOn: '2028-01-15', recommendation: 'grant', observations: [], notes: '' }, grantedLevel: 3 },
    },
    depart: {
      actions: [
        ['type', '验证日期 Verified on', '2028-01-15'],
        ['choose', '建议 Recommendation to the committee', '不同意 refuse'],
        ['pick', '变更后仍满足的级别', '三级 level 3'],
      ],
      justification: '重组后技术负责人空缺 the technical head left in the reorganisation',
      submits: {
        changeVerification: { verifiedOn: '2028-01-15', recommendation: 'refuse', observations: [], notes: '' },
        grantedLevel: 3,
        changeVerificationJustification: '重组后技术负责人空缺 the technical head left in the reorganisation',
      },
    },
    invalid: ['验证日期 Verified on', 'yesterday'],
  },
];
