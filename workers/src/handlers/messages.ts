/**
 * Every bilingual text the handlers write — decision texts, reasons, summaries and rows of the findings, texts of
 * BusinessRuleErrors — keyed by `<job type>.<message>` (the job type without `isccc.`), each a function of the
 * values it shows. Names the vocabulary defines (levels, clause labels) come from `@isccc/rules/vocabulary`.
 */
import type { ChangeVerificationRecord, MaterialReviewProposal, SurveillanceConclusion, TaskType } from '@isccc/bpmn';
import { clauseLabel, type Level, levelName, type Text } from '@isccc/rules/vocabulary';

type JobName = TaskType extends `isccc.${infer N}` ? N : never;
type Recommendation = ChangeVerificationRecord['recommendation'];

const OUTCOME_ZH: Record<MaterialReviewProposal['materialReviewOutcome'], string> = { accepted: '通过', supplement: '补充材料', refused: '不予通过' };
const NOTICE_ZH: Record<string, string> = { valid: '颁发', revoked: '撤销', cancelled: '注销', suspended: '暂停' };

export const MESSAGES = {
  // 6.1 – 6.4, 6.6
  'self-assessment.no-manifest': (): Text => ({ zh: '未提交自评估所需的组织信息（manifest）', en: 'no manifest to self-assess' }),
  'self-assessment.done': (p: { level: Level; met: boolean; pass: number; failed: number; manualReview: number }): Text => ({
    zh: `自评估完成：${levelName(p.level, 'zh')}${p.met ? '要求均满足' : '要求未全部满足'}（通过 ${p.pass}，不符合 ${p.failed}，待人工评审 ${p.manualReview}）`,
    en: `self-assessment done: ${levelName(p.level, 'en')} ${p.met ? 'met' : 'not met'} (${p.pass} pass, ${p.failed} fail/missing, ${p.manualReview} manual review)`,
  }),
  'application-submit.incomplete': (p: { missing: readonly string[] }): Text => ({
    zh: `申请材料缺少：${p.missing.join('、')}`,
    en: `application lacks: ${p.missing.join(', ')}`,
  }),
  'application-submit.submitted': (p: { applicationId: string; category: string; level: Level; documents: number }): Text => ({
    zh: `提交认证申请 ${p.applicationId}：${p.category} ${levelName(p.level, 'zh')}，材料 ${p.documents} 份`,
    en: `application ${p.applicationId} submitted: ${p.category} ${levelName(p.level, 'en')}, ${p.documents} documents`,
  }),
  'material-checks.summary': (p: { category: string; level: Level; grantable: Level | null; missing: number; round: number }): Text => ({
    zh: `${p.category} ${levelName(p.level, 'zh')}：${p.grantable === null ? '无可授予级别' : `可授予${levelName(p.grantable, 'zh')}`}，缺少证明材料 ${p.missing} 项（已补充 ${p.round} 轮）`,
    en: `${p.category} ${levelName(p.level, 'en')}: ${p.grantable === null ? 'no level qualifies' : `${levelName(p.grantable, 'en')} qualifies`}, ${p.missing} evidence items missing (${p.round} supplement rounds so far)`,
  }),
  'material-checks.checked': (p: { summary: Text; outcome: MaterialReviewProposal['materialReviewOutcome'] }): Text => ({
    zh: `申请材料核查：${p.summary.zh}；建议${OUTCOME_ZH[p.outcome]}`,
    en: `document checks: ${p.summary.en}; proposes ${p.outcome}`,
  }),
  'request-supplement.requested': (p: { applicationId: string; round: number; items: number }): Text => ({
    zh: `通知 ${p.applicationId} 补充材料（第 ${p.round} 轮，${p.items} 项）`,
    en: `asked ${p.applicationId} for supplementary material (round ${p.round}, ${p.items} items)`,
  }),
  'contract-sign.refused': (): Text => ({ zh: '申请材料评审不予通过，不签订认证合同', en: 'the document review refused the application: no contract' }),
  'contract-sign.signed': (p: { contractId: string; category: string; level: Level }): Text => ({
    zh: `签订认证合同 ${p.contractId}（${p.category} ${levelName(p.level, 'zh')}）`,
    en: `certification contract ${p.contractId} signed (${p.category} ${levelName(p.level, 'en')})`,
  }),
  'onsite-checks.summary': (p: { category: string; level: Level; failing: number; observations: number; projects: number }): Text => ({
    zh: `${p.category} ${levelName(p.level, 'zh')}：不符合 ${p.failing} 项，待评审组判断 ${p.observations} 项${p.level === 1 ? `，可见证客户项目 ${p.projects} 个` : ''}`,
    en: `${p.category} ${levelName(p.level, 'en')}: ${p.failing} requirements not met, ${p.observations} left to the team${p.level === 1 ? `, ${p.projects} client projects to witness` : ''}`,
  }),
  'onsite-checks.checked': (p: { summary: Text }): Text => ({ zh: `现场评审核查：${p.summary.zh}`, en: `on-site checks: ${p.summary.en}` }),
  'onsite-report.review-not-passed': (p: { majorNonconformities: number }): Text => ({
    zh: `评审组现场评审未通过（严重不符合项 ${p.majorNonconformities}）`,
    en: `the review team did not pass the on-site review (${p.majorNonconformities} major nonconformities)`,
  }),
  'onsite-report.witness-not-passed': (p: { project: string }): Text => ({
    zh: `项目实施现场见证未通过（${p.project}）`,
    en: `client-project witness not passed (${p.project})`,
  }),
  'onsite-report.issued': (p: { id: string; observations: number; witness: { project: string } | undefined }): Text => ({
    zh: `出具现场评审报告 ${p.id}：建议颁证，观察项 ${p.observations}${p.witness ? `，见证 ${p.witness.project} 通过` : ''}`,
    en: `on-site review report ${p.id}: recommends certification, ${p.observations} observations${p.witness ? `, witness of ${p.witness.project} passed` : ''}`,
  }),
  'certificate-issue.issued': (p: { certificateNumber: string; holder: string; category: string; level: Level }): Text => ({
    zh: `向 ${p.holder} 颁发证书 ${p.certificateNumber}（${p.category} ${levelName(p.level, 'zh')}）`,
    en: `certificate ${p.certificateNumber} issued to ${p.holder} (${p.category} ${levelName(p.level, 'en')})`,
  }),
  /** `ground`: the clause of a revocation, named in its notice. */
  'public-notice.published': (p: { certificateNumber: string; status: string; ground: string | undefined }): Text => {
    const why = p.ground ? ` (${clauseLabel(p.ground)})` : '';
    return { zh: `公示：证书 ${p.certificateNumber} ${NOTICE_ZH[p.status]}${why}`, en: `public notice: certificate ${p.certificateNumber} ${p.status}${why}` };
  },
  'lifecycle-start.started': (p: { certificateNumber: string }): Text => ({
    zh: `证书 ${p.certificateNumber} 进入证后监督`,
    en: `certificate ${p.certificateNumber} enters post-certification surveillance`,
  }),
  'rejection-notify.notified': (p: { applicant: string; reason: string }): Text => ({
    zh: `通知 ${p.applicant} 不予认证：${p.reason}`,
    en: `${p.applicant} notified of refusal: ${p.reason}`,
  }),

  // 6.5
  'committee-validate.invalid': (p: { size: number }): Text => ({
    zh: `认证决定委员会须为3名以上（含3名）奇数人员，现为 ${p.size} 名`,
    en: `the decision committee must be an odd number of at least 3 members, got ${p.size}`,
  }),
  'committee-validate.valid': (p: { size: number }): Text => ({
    zh: `认证决定委员会 ${p.size} 名（奇数，≥3）`,
    en: `decision committee of ${p.size} (odd, at least 3)`,
  }),
  'committee-validate.verification-row': (): Text => ({ zh: '现场验证建议', en: 'on-site verification recommends' }),
  'committee-validate.verification-observation-row': (): Text => ({ zh: '验证观察项', en: 'verification observation' }),
  'committee-validate.verification-brief': (p: { recommendation: Recommendation }): Text => ({
    zh: `变更现场验证建议：${p.recommendation === 'grant' ? '同意' : '不同意'}`,
    en: `the on-site verification of the change recommends: ${p.recommendation}`,
  }),
  'committee-validate.report-row': (p: { id: string }): Text => ({ zh: `现场评审报告 ${p.id} 建议`, en: `on-site review report ${p.id} recommends` }),
  'committee-validate.nonconformities-row': (): Text => ({ zh: '严重不符合项', en: 'major nonconformities' }),
  'committee-validate.observation-row': (): Text => ({ zh: '观察项', en: 'observation' }),
  'committee-validate.report-brief': (p: { recommendation: Recommendation }): Text => ({
    zh: `现场评审报告建议：${p.recommendation === 'grant' ? '颁证' : '不予认证'}`,
    en: `the on-site review report recommends: ${p.recommendation}`,
  }),
  'committee-tally.refused-by-majority': (): Text => ({ zh: '认证决定委员会多数不同意', en: 'the decision committee refused by majority' }),
  'committee-tally.decided': (p: { votesFor: number; votesAgainst: number; decision: Recommendation }): Text => ({
    zh: `认证决定：${p.votesFor} 票同意、${p.votesAgainst} 票不同意 → ${p.decision === 'grant' ? '通过' : '不通过'}`,
    en: `decision: ${p.votesFor} for, ${p.votesAgainst} against → ${p.decision}`,
  }),

  // 6.7, 6.8.1 – 6.8.4
  'surveillance-schedule.scheduled': (p: { start: string; deadline: string; base: string }): Text => ({
    zh: `下次监督评审：${p.start} 开始，最迟 ${p.deadline}（距上次 ${p.base} 不超过12个月）`,
    en: `next surveillance review from ${p.start}, due by ${p.deadline} (≤ 12 months after ${p.base})`,
  }),
  'information-checks.extra-ground': (): Text => ({
    zh: '属于增加现场监督评审的情形（6.7.1）',
    en: 'a ground for an extra on-site surveillance review (6.7.1)',
  }),
  'information-checks.no-ground': (): Text => ({ zh: '不属于增加监督评审的情形，记录在案', en: 'no ground for an extra review; recorded' }),
  'information-checks.summary': (p: { trigger: string; report: string | undefined }): Text => ({
    zh: `信息通报（${p.trigger}）${p.report ? `：${p.report}` : ''}`,
    en: `information report (${p.trigger})${p.report ? `: ${p.report}` : ''}`,
  }),
  'information-checks.checked': (p: { summary: Text; extra: boolean }): Text => ({
    zh: `${p.summary.zh} → 建议${p.extra ? '增加现场监督评审（6.7.1）' : '记录在案'}`,
    en: `${p.summary.en} → proposes ${p.extra ? 'an extra on-site surveillance review (6.7.1)' : 'recording it'}`,
  }),
  'surveillance-checks.trigger-row': (): Text => ({ zh: '触发本次监督的信息', en: 'the report that triggered this review' }),
  'surveillance-checks.previous-observation-row': (): Text => ({ zh: '上次观察项', en: 'previous observation' }),
  'surveillance-checks.summary': (p: { trigger: string; majorNonconformities: number; certificateUse: string; previous: number }): Text => ({
    zh: `监督评审（${p.trigger}）：严重不符合项 ${p.majorNonconformities}，证书使用 ${p.certificateUse}，上次观察项 ${p.previous}`,
    en: `surveillance review (${p.trigger}): ${p.majorNonconformities} major nonconformities, certificate use ${p.certificateUse}, ${p.previous} previous observations`,
  }),
  'surveillance-checks.checked': (p: { summary: Text; conclusion: SurveillanceConclusion }): Text => ({
    zh: `${p.summary.zh} → 建议 ${p.conclusion === 'maintain' ? '维持' : clauseLabel(p.conclusion)}`,
    en: `${p.summary.en} → proposes ${p.conclusion === 'maintain' ? 'maintain' : clauseLabel(p.conclusion)}`,
  }),
  'surveillance-conclude.maintained': (p: { certificateNumber: string }): Text => ({
    zh: `监督评审通过，维持证书 ${p.certificateNumber} 有效`,
    en: `surveillance passed: certificate ${p.certificateNumber} maintained`,
  }),
  'certificate-suspend.suspended': (p: { certificateNumber: string; ground: string; until: string }): Text => ({
    zh: `暂停证书 ${p.certificateNumber}（${clauseLabel(p.ground)}），整改期至 ${p.until}`,
    en: `certificate ${p.certificateNumber} suspended (${clauseLabel(p.ground)}) until ${p.until} for rectification`,
  }),
  'restoration-checks.ground-row': (): Text => ({ zh: '暂停原因', en: 'ground of suspension' }),
  'restoration-checks.rectification-row': (): Text => ({ zh: '已提交整改证明', en: 'rectification shown' }),
  'restoration-checks.no-rectification-row': (): Text => ({ zh: '未提交整改证明', en: 'no rectification shown' }),
  'restoration-checks.surveillance-due-row': (): Text => ({
    zh: '年度监督评审已到期：恢复前须进行监督评审',
    en: 'the annual surveillance review is due: it is held before restoration',
  }),
  'restoration-checks.surveillance-not-due-row': (): Text => ({ zh: '年度监督评审未到期', en: 'the annual surveillance review is not due yet' }),
  'restoration-checks.summary': (p: { ground: string; rectifications: number; surveillanceDue: boolean }): Text => ({
    zh: `暂停原因 ${clauseLabel(p.ground)}；整改证明 ${p.rectifications} 项${p.surveillanceDue ? '；恢复前须监督评审' : ''}`,
    en: `suspended under ${clauseLabel(p.ground)}; ${p.rectifications} rectifications shown${p.surveillanceDue ? '; a surveillance review comes before restoration' : ''}`,
  }),
  'restoration-checks.checked': (p: { summary: Text }): Text => ({ zh: `恢复申请核查：${p.summary.zh}`, en: `restoration checks: ${p.summary.en}` }),
  'certificate-restore.restored': (p: { certificateNumber: string }): Text => ({
    zh: `恢复证书 ${p.certificateNumber}`,
    en: `certificate ${p.certificateNumber} restored`,
  }),
  'certificate-revoke.revoked': (p: { certificateNumber: string; reason: string }): Text => ({
    zh: `撤销证书 ${p.certificateNumber}：${p.reason}`,
    en: `certificate ${p.certificateNumber} revoked: ${p.reason}`,
  }),
  'certificate-cancel.cancelled': (p: { certificateNumber: string; requestedOn: string | undefined }): Text => ({
    zh: `应获证组织申请注销证书 ${p.certificateNumber}${p.requestedOn ? `（${p.requestedOn} 申请）` : ''}`,
    en: `certificate ${p.certificateNumber} cancelled at the holder's request${p.requestedOn ? ` of ${p.requestedOn}` : ''}`,
  }),
  'certificate-return.returned': (p: { certificateNumber: string }): Text => ({
    zh: `证书 ${p.certificateNumber} 已交回`,
    en: `certificate ${p.certificateNumber} returned`,
  }),

  // 6.8.5
  'change-classify.kinds-row': (): Text => ({ zh: '变更类别', en: 'kinds of change' }),
  'change-classify.documents-row': (): Text => ({ zh: '变更申请及证明材料', en: 'change application and supporting documents' }),
  'change-classify.no-documents-row': (): Text => ({ zh: '缺少变更证明材料', en: 'no supporting documents' }),
  'change-classify.administrative': (p: { kinds: readonly string[]; documents: number }): Text => ({
    zh: `变更（${p.kinds.join('、')}）：仅涉及地址、资金或法定代表人，书面审核；证明材料 ${p.documents} 份`,
    en: `change (${p.kinds.join(', ')}): address/capital/legal representative only, written review; ${p.documents} documents`,
  }),
  /** `supported`: the level the changed organisation still supports, null when it supports none. */
  'change-classify.major': (p: { kinds: readonly string[]; supported: Level | null }): Text => ({
    zh: `重大变更（${p.kinds.join('、')}）：现场验证并做出认证决定；${p.supported !== null ? `仍满足${levelName(p.supported, 'zh')}` : '要求不满足'}`,
    en: `major change (${p.kinds.join(', ')}): on-site verification and a certification decision; ${p.supported !== null ? `${levelName(p.supported, 'en')} still supported` : 'requirements not met'}`,
  }),
  'change-classify.classified': (p: { certificateNumber: string; summary: Text }): Text => ({
    zh: `证书 ${p.certificateNumber} ${p.summary.zh}`,
    en: `${p.certificateNumber}: ${p.summary.en}`,
  }),
  'certificate-reissue.reissued': (p: { certificateNumber: string; version: number; level: Level; kinds: readonly string[] }): Text => ({
    zh: `更换证书 ${p.certificateNumber}（第 ${p.version} 版，${levelName(p.level, 'zh')}，变更：${p.kinds.join('、')}），收回原证书`,
    en: `certificate ${p.certificateNumber} reissued (version ${p.version}, ${levelName(p.level, 'en')}, change: ${p.kinds.join(', ')}); the old one is recalled`,
  }),
} satisfies Record<`${JobName}.${string}`, (params: never) => Text>;

export type MessageCode = keyof typeof MESSAGES;
