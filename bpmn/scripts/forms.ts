/**
 * Writes `forms/<formId>.form`: the Camunda Forms (form-js schema) of the user tasks in the contract. Each form
 * quotes the clause it implements (Chinese verbatim from the catalog, our English translation), shows the
 * rule-check findings read-only (a table over `<findings>.rows`), asks for exactly the outputs the contract
 * lists, and requires a justification when the decision departs from the findings' `proposed` values. A test
 * fails when a file is stale (`npm run -w bpmn forms`).
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadCatalog } from '@isccc/rules';
import { packageRoot } from '../src/models.js';
import { clauseLabel, USER_TASKS, type UserTaskSpec } from '../src/task-types.js';

export const FORMS_DIR = path.join(packageRoot, 'forms');
/** form-js schema version the forms are written in (@bpmn-io/form-js 1.23 reads up to 19). */
export const FORM_SCHEMA_VERSION = 18;
export const DATE_PATTERN = '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$';

type Component = Record<string, unknown>;
export interface FormSchema {
  id: string;
  type: 'default';
  schemaVersion: number;
  executionPlatform: 'Camunda Cloud';
  executionPlatformVersion: string;
  exporter: { name: string; version: string };
  components: Component[];
}

let seq = 0;
const id = (kind: string, key: string): string => `${kind}_${key.replace(/[^A-Za-z0-9]/g, '_')}_${++seq}`;

const text = (body: string): Component => ({ id: id('Text', 'text'), type: 'text', text: body });
const yesNo = [
  { label: '是 yes', value: true },
  { label: '否 no', value: false },
];

function radio(key: string, label: string, values: { label: string; value: unknown }[], extra: Component = {}): Component {
  return { id: id('Field', key), key, label, type: 'radio', values, validate: { required: true }, ...extra };
}
function select(key: string, label: string, valuesExpression: string, extra: Component = {}): Component {
  return { id: id('Field', key), key, label, type: 'select', valuesExpression, validate: { required: true }, ...extra };
}
function checklist(key: string, label: string, valuesExpression: string, extra: Component = {}): Component {
  return { id: id('Field', key), key, label, type: 'checklist', valuesExpression, ...extra };
}
function date(key: string, label: string): Component {
  return {
    id: id('Field', key),
    key,
    label,
    type: 'textfield',
    description: 'YYYY-MM-DD',
    validate: { required: true, pattern: DATE_PATTERN, validationType: 'custom' },
  };
}
function textarea(key: string, label: string, extra: Component = {}): Component {
  return { id: id('Field', key), key, label, type: 'textarea', validate: { maxLength: 2000 }, ...extra };
}
function number(key: string, label: string, min: number, max: number): Component {
  return { id: id('Field', key), key, label, type: 'number', decimalDigits: 0, validate: { required: true, min, max } };
}
function group(pathKey: string, label: string, components: Component[]): Component {
  return { id: id('Group', pathKey), type: 'group', label, path: pathKey, showOutline: true, components };
}

/** The clause(s) a form implements: label, title and text in Chinese as printed, our English translation marked as such. */
function header(spec: UserTaskSpec): Component {
  const catalog = loadCatalog();
  // a form shared by several tasks quotes the clauses of all of them
  const clauses = [...new Set((USER_TASKS as readonly UserTaskSpec[]).filter((t) => t.formId === spec.formId).flatMap((t) => t.clauses))];
  const parts = clauses.map((clauseId) => {
    const c = catalog.get(clauseId);
    if (!c) throw new Error(`${spec.task}: clause ${clauseId} is not in the catalog`);
    const zh = (c.text?.zh ?? '').replace(/\n/g, '\n> ');
    const en = (c.text?.en ?? '').replace(/\n/g, ' ');
    return `**ISCCC-SV-001:2015 ${c.label} ${c.title?.zh ?? ''} ${c.title?.en ?? ''}**\n\n> ${zh}\n\n*English (our translation):* ${en}`;
  });
  return text(`### ${spec.title.zh} ${spec.title.en}\n\n${parts.join('\n\n')}`);
}

/** The rule-check findings, read-only: the summary and every row with clause, status, actual vs required, evidence. */
function findings(spec: UserTaskSpec): Component[] {
  const f = spec.findings;
  return [
    text(
      `#### 核查结果 Findings of the rule checks (${clauseLabel(spec.clauses[0]!)})\n\n{{${f}.summary.zh}}\n\n{{${f}.summary.en}}\n\n核查日期 Checked on: {{${f}.checkedOn}}`,
    ),
    {
      id: id('Table', f),
      type: 'table',
      label: '核查明细（只读） Findings (read-only)',
      dataSource: `=${f}.rows`,
      rowCount: 10,
      columns: [
        { label: '条款 Clause', key: 'clause' },
        { label: '结果 Status', key: 'status' },
        { label: '实际 Actual', key: 'actual' },
        { label: '要求 Required', key: 'required' },
        { label: '依据 Evidence', key: 'evidence' },
        { label: '说明 Message', key: 'message' },
      ],
    },
  ];
}

/** The justification: shown, and then required, only when the decision departs from the findings. */
function justification(key: string, followsFindings: string): Component {
  return textarea(key, '偏离核查结果的理由 Why the decision departs from the findings', {
    description: '决定与核查建议不一致时必填 Required when the decision departs from what the findings support',
    conditional: { hide: `=${followsFindings}` },
    validate: { required: true, minLength: 10, maxLength: 2000 },
  });
}

const FORMS: Record<string, (spec: UserTaskSpec) => Component[]> = {
  'material-review': (spec) => [
    header(spec),
    text(
      '申请 Application **{{applicationId}}** — {{applicant.name}}：{{category}}，申请级别 level applied for **{{level}}**，已补充 supplement rounds so far: {{supplementRound}}',
    ),
    ...findings(spec),
    text(
      '核查建议 Proposed: **{{materialFindings.proposed.materialReviewOutcome}}** {{if materialFindings.proposed.grantedLevel != null then "level " + string(materialFindings.proposed.grantedLevel) else ""}}',
    ),
    radio('materialReviewOutcome', '评审结论 Outcome of the review', [
      { label: '通过，确定级别 accepted: determine the level', value: 'accepted' },
      { label: '补充材料 supplement: ask for more material', value: 'supplement' },
      { label: '不予通过 refused', value: 'refused' },
    ]),
    select('grantedLevel', '确定的级别 Level determined (never above the one applied for)', '=materialFindings.proposed.levels', {
      conditional: { hide: '=materialReviewOutcome != "accepted"' },
    }),
    checklist('missingMaterials', '须补充的材料 Material the applicant must supply', '=materialFindings.proposed.missing', {
      conditional: { hide: '=materialReviewOutcome != "supplement"' },
      validate: { required: true },
    }),
    justification(
      'materialReviewJustification',
      'materialReviewOutcome = materialFindings.proposed.materialReviewOutcome and (materialReviewOutcome != "accepted" or grantedLevel = materialFindings.proposed.grantedLevel)',
    ),
  ],
  'onsite-review': (spec) => [
    header(spec),
    text('申请 Application **{{applicationId}}**：{{grantedCategory}} level **{{grantedLevel}}**；评审组 review team: {{string join(reviewTeam, ", ")}}'),
    ...findings(spec),
    text(
      '核查建议 Proposed: passed **{{onsiteFindings.proposed.onsiteReview.passed}}**, major nonconformities {{onsiteFindings.proposed.onsiteReview.majorNonconformities}}, witness needed {{onsiteFindings.proposed.witnessNeeded}}',
    ),
    group('onsiteReview', '现场评审记录 On-site review record', [
      date('reviewedOn', '评审日期 Reviewed on'),
      radio('passed', '现场评审通过 On-site review passed', yesNo),
      number('majorNonconformities', '严重不符合项 Major nonconformities', 0, 999),
      checklist(
        'observations',
        '观察项 Observations (the first surveillance verifies their corrective actions)',
        '=onsiteFindings.proposed.observationChoices',
      ),
      textarea('notes', '其他情况 Notes'),
    ]),
    radio('witnessNeeded', '需要项目实施现场见证（仅一级） Client-project witness needed (level 1 only)', yesNo),
    justification(
      'onsiteReviewJustification',
      'onsiteReview.passed = onsiteFindings.proposed.onsiteReview.passed and onsiteReview.majorNonconformities = onsiteFindings.proposed.onsiteReview.majorNonconformities and witnessNeeded = onsiteFindings.proposed.witnessNeeded',
    ),
  ],
  'client-witness': (spec) => [
    header(spec),
    text('申请 Application **{{applicationId}}**，级别 level **{{grantedLevel}}**'),
    ...findings(spec),
    group('witness', '见证记录 Witness record', [
      date('witnessedOn', '见证日期 Witnessed on'),
      select('project', '见证的客户项目 Client project witnessed', '=onsiteFindings.proposed.projects'),
      radio('passed', '见证通过 Witness passed', yesNo),
      textarea('details', '见证情况 Details'),
    ]),
    justification('witnessJustification', 'witness.passed = true'),
  ],
  'committee-vote': (spec) => [
    header(spec),
    text('委员 Member: **{{member.name}}**（{{member.id}}）；决定 deciding on: {{grantedCategory}} level **{{grantedLevel}}**'),
    ...findings(spec),
    text('核查建议 The record supports: **{{decisionFindings.proposed.vote.decision}}**'),
    group('vote', '表决 Vote', [
      { id: id('Field', 'vote.member'), key: 'member', type: 'expression', expression: '=member.id', computeOn: 'change' },
      radio('decision', '表决意见 Vote', [
        { label: '同意 grant', value: 'grant' },
        { label: '不同意 refuse', value: 'refuse' },
      ]),
      textarea('reason', '理由（与记录不一致时必填） Reason (required when the vote goes against the record)', {
        conditional: { hide: '=vote.decision = decisionFindings.proposed.vote.decision' },
        validate: { required: true, minLength: 10, maxLength: 2000 },
      }),
    ]),
  ],
  'information-assessment': (spec) => [
    header(spec),
    text(
      '证书 Certificate **{{certificateNumber}}**：{{surveillanceTrigger}} — {{if report != null then report.summary else ""}}（{{if report != null then report.receivedOn else ""}}）',
    ),
    ...findings(spec),
    text('核查建议 Proposed: extra surveillance **{{informationFindings.proposed.extraSurveillanceNeeded}}**'),
    radio('extraSurveillanceNeeded', '增加现场监督评审（6.7.1） Hold an extra on-site surveillance review (6.7.1)', yesNo),
    justification('informationAssessmentJustification', 'extraSurveillanceNeeded = informationFindings.proposed.extraSurveillanceNeeded'),
  ],
  'surveillance-review': (spec) => surveillanceForm(spec),
  'restoration-surveillance-review': (spec) => surveillanceForm(spec),
  'restoration-review': (spec) => [
    header(spec),
    text('证书 Certificate **{{certificateNumber}}**：暂停原因 suspended under {{reason.message}}；申请日期 requested on {{restoration.requestedOn}}'),
    ...findings(spec),
    text('核查建议 Proposed: approve **{{restorationFindings.proposed.restorationApproved}}**'),
    radio('restorationApproved', '批准恢复 Restoration approved', yesNo),
    group('restorationReview', '审核记录 Review record', [
      date('reviewedOn', '审核日期 Reviewed on'),
      textarea('details', '审核情况 Details', { validate: { required: true, maxLength: 2000 } }),
    ]),
    justification('restorationJustification', 'restorationApproved = restorationFindings.proposed.restorationApproved'),
  ],
  'change-written-review': (spec) => [
    header(spec),
    text('证书 Certificate **{{certificateNumber}}**：变更 change {{string join(change.kinds, ", ")}} — {{change.description}}'),
    ...findings(spec),
    text('核查建议 Proposed: approve **{{changeFindings.proposed.changeApproved}}**'),
    radio('changeApproved', '批准变更 Change approved', yesNo),
    group('changeReview', '审核记录 Review record', [
      date('reviewedOn', '审核日期 Reviewed on'),
      textarea('details', '审核情况 Details', { validate: { required: true, maxLength: 2000 } }),
    ]),
    justification('changeReviewJustification', 'changeApproved = changeFindings.proposed.changeApproved'),
  ],
  'change-onsite-verification': (spec) => [
    header(spec),
    text(
      '证书 Certificate **{{certificateNumber}}**：{{grantedCategory}} level **{{grantedLevel}}**；变更 change {{string join(change.kinds, ", ")}} — {{change.description}}',
    ),
    ...findings(spec),
    text('核查建议 Proposed: **{{changeFindings.proposed.changeVerification.recommendation}}** at level {{changeFindings.proposed.grantedLevel}}'),
    group('changeVerification', '现场验证记录 Verification record', [
      date('verifiedOn', '验证日期 Verified on'),
      radio('recommendation', '建议 Recommendation to the committee', [
        { label: '同意 grant', value: 'grant' },
        { label: '不同意 refuse', value: 'refuse' },
      ]),
      checklist('observations', '观察项 Observations', '=changeFindings.proposed.observationChoices'),
      textarea('notes', '其他情况 Notes'),
    ]),
    select('grantedLevel', '变更后仍满足的级别 Level still supported after the change', '=changeFindings.proposed.levels'),
    justification(
      'changeVerificationJustification',
      'changeVerification.recommendation = changeFindings.proposed.changeVerification.recommendation and grantedLevel = changeFindings.proposed.grantedLevel',
    ),
  ],
};

function surveillanceForm(spec: UserTaskSpec): Component[] {
  return [
    header(spec),
    text('证书 Certificate **{{certificateNumber}}**：{{grantedCategory}} level **{{grantedLevel}}**'),
    ...findings(spec),
    text('核查建议 Proposed conclusion (6.7.3): **{{surveillanceFindings.proposed.surveillanceConclusion}}**'),
    group('surveillance', '监督评审记录（6.7.2） Surveillance review record (6.7.2)', [
      date('reviewedOn', '评审日期 Reviewed on'),
      radio('holderAccepted', '获证组织按规定接受监督评审 The holder accepted the review as required', yesNo),
      radio('correctiveActionsVerified', '上次观察项的纠正/预防措施已验证 Corrective/preventive actions on the previous observations verified', yesNo),
      radio('changesReviewed', '获证企业变更情况已评审 Changes of the holder reviewed', yesNo),
      radio('complaintsHandled', '投诉处理情况符合要求 Complaint handling in order', yesNo),
      radio('certificateUse', '认证证书及认证标识的使用 Use of the certificate and the mark', [
        { label: '规范 proper', value: 'proper' },
        { label: '违规，未造成不良影响 misused, no adverse impact', value: 'misuse-no-adverse-impact' },
        { label: '违规，造成不良影响 misused with adverse impact', value: 'misuse-adverse-impact' },
      ]),
      number('majorNonconformities', '严重不符合项 Major nonconformities', 0, 999),
      radio('seriousIncidentVerified', '严重责任事故或经核实的投诉影响继续有效提供服务 Serious accident or verified complaint affecting service', yesNo),
      checklist('observations', '观察项 Observations (the next review verifies them)', '=surveillanceFindings.proposed.observationChoices'),
      textarea('notes', '其他情况 Notes'),
    ]),
    radio('surveillanceConclusion', '监督结论（6.7.3） Conclusion (6.7.3)', [
      { label: '维持认证证书 maintain the certificate', value: 'maintain' },
      { label: '暂停 6.8.2 a) 未按规定接受监督评审', value: '6.8.2.a' },
      { label: '暂停 6.8.2 b) 违规使用认证证书，且未造成不良影响', value: '6.8.2.b' },
      { label: '暂停 6.8.2 c) 监督评审有严重不符合项', value: '6.8.2.c' },
      { label: '暂停 6.8.2 d) 其他需要暂停证书的情况', value: '6.8.2.d' },
      { label: '撤销 6.8.3 b) 违规使用认证证书，造成不良影响', value: '6.8.3.b' },
      { label: '撤销 6.8.3 c) 严重责任事故、被投诉且经核实', value: '6.8.3.c' },
      { label: '撤销 6.8.3 d) 其他需要撤销证书的情况', value: '6.8.3.d' },
    ]),
    justification('surveillanceJustification', 'surveillanceConclusion = surveillanceFindings.proposed.surveillanceConclusion'),
  ];
}

export function buildForm(spec: UserTaskSpec): FormSchema {
  const build = FORMS[spec.task];
  if (!build) throw new Error(`no form for user task ${spec.task}`);
  seq = 0;
  return {
    id: spec.formId,
    type: 'default',
    schemaVersion: FORM_SCHEMA_VERSION,
    executionPlatform: 'Camunda Cloud',
    executionPlatformVersion: '8.8.0',
    exporter: { name: 'isccc-flow', version: '0.1.0' },
    components: build(spec),
  };
}

/** One form per form id (tasks that share a form share the first task's form). */
export function buildForms(): Map<string, FormSchema> {
  const forms = new Map<string, FormSchema>();
  for (const spec of USER_TASKS as readonly UserTaskSpec[]) if (!forms.has(spec.formId)) forms.set(spec.formId, buildForm(spec));
  return forms;
}

export const formFile = (formId: string): string => path.join(FORMS_DIR, `${formId}.form`);
export const serialiseForm = (form: FormSchema): string => JSON.stringify(form, null, 2) + '\n';

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  fs.mkdirSync(FORMS_DIR, { recursive: true });
  for (const [formId, form] of buildForms()) {
    fs.writeFileSync(formFile(formId), serialiseForm(form));
    console.log(`wrote ${path.relative(process.cwd(), formFile(formId))}`);
  }
}
