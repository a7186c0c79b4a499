/**
 * Every bilingual word the `isccc` command prints of its own — the check table and its summary lines, the
 * headings, labels and sheet names of the self-assessment form and the application, the packet's hint — keyed by
 * `<part>.<message>`, each a function of the values it shows. Names the vocabulary defines (levels, categories,
 * DR classes, targets) come from `@isccc/rules`; messages of the evaluator and the handlers come with their data.
 */
import {
  describeTarget,
  type InputFileProblem,
  type Level,
  levelName,
  MAX_INPUT_BYTES,
  type Manifest,
  type Status,
  type Target,
  type Text,
} from '@isccc/rules';
import type { Conclusion } from './form/self-assessment.js';

const STATUS_ZH: Record<Status, string> = {
  pass: '符合',
  fail: '不符合',
  'missing-evidence': '缺少证据',
  'manual-review': '待评审组判定',
  'not-applicable': '不适用',
};

const RULE_FILE_ZH: Record<InputFileProblem, string> = {
  'not-found': '规则文件不存在',
  'not-a-file': '规则文件不是普通文件（目录、管道或设备）',
  'too-large': `规则文件超过 ${MAX_INPUT_BYTES / 1048576} MB 上限`,
  'outside-folder': '规则文件指向 --rules 目录之外（符号链接），未打开',
  unreadable: '无法读取规则文件',
};

/** The four conclusions the self-assessment form uses (自评估结论). */
const CONCLUSION_NAMES: Record<Conclusion, Text> = {
  conforms: { zh: '符合', en: 'conforms' },
  'does-not-conform': { zh: '不符合', en: 'does not conform' },
  'to-be-reviewed': { zh: '待评审', en: 'to be reviewed' },
  'not-applicable': { zh: '不适用', en: 'not applicable' },
};

const LEGAL_STATUS: Record<Manifest['organisation']['legalEntity'], Text> = {
  independent: { zh: '独立法人', en: 'independent legal entity' },
  branch: { zh: '分支机构', en: 'branch' },
  unincorporated: { zh: '非法人组织', en: 'unincorporated' },
};

const FORM_TITLE: Text = { zh: '信息安全服务自评估表', en: 'Information security service self-assessment form' };

export const MESSAGES = {
  // isccc check
  'check.heading': (p: { file: string; target: Target; asOf: string }): Text => ({
    zh: `${p.file} — ${describeTarget(p.target, 'zh')}，基准日 ${p.asOf}`,
    en: `${p.file} — ${describeTarget(p.target, 'en')}, as of ${p.asOf}`,
  }),
  'check.status': (p: { status: Status }): Text => ({ zh: STATUS_ZH[p.status], en: p.status }),
  'check.counts': ({ counts: c }: { counts: Record<Status, number> }): Text => ({
    zh: `合计：${STATUS_ZH.pass} ${c.pass}，${STATUS_ZH.fail} ${c.fail}，${STATUS_ZH['missing-evidence']} ${c['missing-evidence']}，${STATUS_ZH['manual-review']} ${c['manual-review']}`,
    en: `${c.pass} pass, ${c.fail} fail, ${c['missing-evidence']} missing evidence, ${c['manual-review']} manual review`,
  }),
  /** `next.needs`: the labels of the clauses that stand in the way of the next level. */
  'check.summary': ({ qualifyingLevel: q, next }: { qualifyingLevel: Level | null; next: { level: Level; needs: string } | null }): Text => {
    const zh = q === null ? '尚不符合任何级别' : `符合${levelName(q, 'zh')}`;
    const en = q === null ? 'qualifies for no level yet' : `qualifies for ${levelName(q, 'en')}`;
    return next
      ? { zh: `${zh}；${levelName(next.level, 'zh')}还缺：${next.needs}`, en: `${en}; ${levelName(next.level, 'en')} still needs: ${next.needs}` }
      : { zh: `${zh}（最高级别）`, en: `${en} (the highest)` };
  },
  'check.evidence-not-checked': (): Text => ({ zh: '（未检查证据文件）', en: '(evidence files not checked)' }),
  /** After a problem whose text does not name its field. */
  'check.field': (p: { field: string }): Text => ({ zh: `（字段 ${p.field}）`, en: ` (field ${p.field})` }),
  /** After a batch of manifests (`isccc check <folder|glob>…`). */
  'check.batch-summary': (p: { total: number; pass: number; findings: number; bad: number; threads: number; seconds: number; rate: number }): Text => ({
    zh: `${p.total} 份清单：${p.pass} 份全部符合，${p.findings} 份有不符合项，${p.bad} 份输入有误（${p.threads} 个线程，${p.seconds.toFixed(1)} 秒，每秒 ${p.rate} 份）`,
    en: `${p.total} manifests: ${p.pass} pass, ${p.findings} with findings, ${p.bad} bad input (${p.threads} thread${p.threads === 1 ? '' : 's'}, ${p.seconds.toFixed(1)} s, ${p.rate} manifests/s)`,
  }),
  'check.rule-file-not-used': (p: { problem: InputFileProblem; detail: string }): Text => ({
    zh: `${RULE_FILE_ZH[p.problem]}：${p.detail}`,
    en: `rule file not used: ${p.detail}`,
  }),

  // isccc form: the self-assessment form (6.1), as a workbook and a page
  'form.title': (): Text => FORM_TITLE,
  'form.sheet-title': (p: { organisation: { name: string; nameEn?: string }; target: Text; asOf: string }): Text => ({
    zh: `${FORM_TITLE.zh} — ${p.organisation.name} — ${p.target.zh} — 基准日 ${p.asOf}`,
    en: `${FORM_TITLE.en} — ${p.organisation.nameEn ?? p.organisation.name} — ${p.target.en} — as of ${p.asOf}`,
  }),
  'form.translation-note': (): Text => ({ zh: '英文为 isccc-flow 译文', en: 'English: our translation' }),
  'form.sheet.application': (): Text => ({ zh: '申请书', en: 'Application' }),
  'form.summary': (): Text => ({ zh: '汇总', en: 'Summary' }),
  'form.sheet.form': (): Text => ({ zh: '自评估表', en: 'Self-assessment (EN)' }),
  'form.column.no': (): Text => ({ zh: '序号', en: 'No.' }),
  'form.column.clause': (): Text => ({ zh: '条款', en: 'Clause' }),
  'form.column.requirement': (): Text => ({ zh: '要求', en: 'Requirement (our translation)' }),
  'form.column.conclusion': (): Text => ({ zh: '自评估结论', en: 'Conclusion' }),
  'form.column.evidence': (): Text => ({ zh: '证明材料', en: 'Evidence' }),
  'form.column.remarks': (): Text => ({ zh: '说明', en: 'Remarks' }),
  'form.column.section': (): Text => ({ zh: '栏目', en: 'Section' }),
  'form.column.item': (): Text => ({ zh: '项目', en: 'Item' }),
  'form.column.value': (): Text => ({ zh: '内容', en: 'Value' }),
  'form.conclusion': (p: { conclusion: Conclusion }): Text => CONCLUSION_NAMES[p.conclusion],
  'form.counts': ({ counts: c }: { counts: Record<Conclusion, number> }): Text => ({
    zh: (Object.keys(CONCLUSION_NAMES) as Conclusion[]).map((k) => `${CONCLUSION_NAMES[k].zh} ${c[k]}`).join('，'),
    en: `${c.conforms} conform, ${c['does-not-conform']} do not conform, ${c['to-be-reviewed']} to be reviewed, ${c['not-applicable']} not applicable`,
  }),
  'form.no-level': (): Text => ({ zh: '无', en: 'none' }),
  'form.highest-level': (): Text => ({ zh: '已是最高级别', en: 'already the highest' }),
  'form.not-stated': (): Text => ({ zh: '清单未写明', en: 'not stated in the manifest' }),
  'form.summary.organisation': (): Text => ({ zh: '组织名称', en: 'Organisation' }),
  'form.summary.target': (): Text => ({ zh: '申请类别与级别', en: 'Category and level applied for' }),
  'form.summary.as-of': (): Text => ({ zh: '基准日', en: 'As of' }),
  'form.summary.qualifying-level': (): Text => ({ zh: '可达级别', en: 'Qualifying level' }),
  'form.summary.next-level': (): Text => ({ zh: '更高一级尚需', en: 'The next level still needs' }),
  'form.summary.conclusions': (): Text => ({ zh: '自评估结论统计', en: 'Conclusions' }),
  'form.summary.evidence-root': (): Text => ({ zh: '证据根哈希 (SHA-256)', en: 'Evidence root (SHA-256)' }),

  // the application form (6.2): its title, sections and rows
  'application.form': (): Text => ({ zh: '信息安全服务资质认证申请书', en: 'Application for information security service qualification certification' }),
  'application.legal-status': (p: { status: Manifest['organisation']['legalEntity'] }): Text => LEGAL_STATUS[p.status],
  'application.section.applicant': (): Text => ({ zh: '申请组织', en: 'Applicant' }),
  'application.section.applying': (): Text => ({ zh: '申请认证', en: 'Certification applied for' }),
  'application.section.contact': (): Text => ({ zh: '联系方式', en: 'Contact' }),
  'application.section.staff': (): Text => ({ zh: '人员', en: 'Staff' }),
  'application.section.projects': (): Text => ({ zh: '项目业绩', en: 'Track record' }),
  'application.row.name': (): Text => ({ zh: '组织名称', en: 'Name' }),
  'application.row.name-en': (): Text => ({ zh: '英文名称', en: 'Name in English' }),
  'application.row.credit-code': (): Text => ({ zh: '统一社会信用代码', en: 'Unified social credit code' }),
  'application.row.legal-status': (): Text => ({ zh: '法律地位', en: 'Legal status' }),
  'application.row.registered-in': (): Text => ({ zh: '注册国家/地区', en: 'Registered in' }),
  'application.row.founded': (): Text => ({ zh: '成立日期', en: 'Founded' }),
  'application.row.registered-address': (): Text => ({ zh: '注册地址', en: 'Registered address' }),
  'application.row.postal-address': (): Text => ({ zh: '通讯地址', en: 'Postal address' }),
  'application.row.postcode': (): Text => ({ zh: '邮政编码', en: 'Postcode' }),
  'application.row.management-systems': (): Text => ({ zh: '管理体系认证', en: 'Management system certificates' }),
  'application.row.category': (): Text => ({ zh: '申请类别', en: 'Category' }),
  'application.row.dr-class': (): Text => ({ zh: '灾备服务类型', en: 'DR class' }),
  'application.row.level': (): Text => ({ zh: '申请级别', en: 'Level' }),
  'application.row.service-since': (): Text => ({ zh: '从事该类服务起始日期', en: 'Providing this service since' }),
  'application.row.certificates-held': (): Text => ({ zh: '已获资质', en: 'Certificates held' }),
  'application.row.as-of': (): Text => ({ zh: '基准日', en: 'As of' }),
  'application.row.contact-person': (): Text => ({ zh: '联系人', en: 'Contact person' }),
  'application.row.phone': (): Text => ({ zh: '联系电话', en: 'Telephone' }),
  'application.row.email': (): Text => ({ zh: '电子邮箱', en: 'E-mail' }),
  'application.row.head-of-organisation': (): Text => ({ zh: '组织负责人', en: 'Head of organisation' }),
  'application.row.technical-head': (): Text => ({ zh: '技术负责人', en: 'Technical head' }),
  'application.row.finance-head': (): Text => ({ zh: '财务负责人', en: 'Finance head' }),
  'application.row.service-staff': (): Text => ({ zh: '从事信息安全服务人员', en: 'Service staff' }),
  'application.row.certified-staff': (): Text => ({ zh: '专业认证人员（与申报类别一致，有效）', en: 'Category-matching certified staff (valid)' }),
  'application.row.project-managers': (): Text => ({ zh: '项目管理资格人员（有效）', en: 'Project-management qualified staff (valid)' }),
  'application.row.completed-projects': (): Text => ({ zh: '近3年签订并完成的本类别项目', en: 'Category projects signed and completed in the last 3 years' }),
  'application.row.category-projects': (): Text => ({ zh: '本类别项目', en: 'Category projects' }),

  // isccc packet
  'packet.quote-root': (): Text => ({
    zh: '请在申请书中注明此根哈希；评审时用 isccc verify --root 核对',
    en: 'quote this root in the application; the reviewer checks it with isccc verify --root',
  }),
} satisfies Record<`${'check' | 'form' | 'application' | 'packet'}.${string}`, (params: never) => Text>;

export type MessageCode = keyof typeof MESSAGES;
