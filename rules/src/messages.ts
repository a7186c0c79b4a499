/**
 * Every bilingual message the rules package writes of its own — findings' explanations, why an evidence document
 * cannot be used, why a date is not one, problems with an input file, a manifest, a rule file or its FEEL,
 * schema-validation texts — keyed by `<part>.<message>`, each a function of the values it shows. Names keyed by
 * their id (levels, categories, DR classes) are the vocabulary's; the messages of each rule are in its rule file.
 * Values quoted from the input come quoted (`quote`), so each stays one line.
 */
import type { ErrorObject } from 'ajv/dist/2020.js';
import type { Overrun } from './feel/budget.js';
import { firstLine, thousands } from './manifest/text-format.js';
import type { Target } from './model.js';
import { ANNEX_OF_CATEGORY, type Category, categoryName, type DrClass, DR_CLASS_NAMES } from './vocabulary/categories.js';
import { levelName } from './vocabulary/levels.js';
import type { Lang, Text } from './vocabulary/text.js';

/** A text made of data in each language, no words of ours (a library's message, a filled-in rule template). */
export function bilingual(render: (lang: Lang) => string): Text {
  return { zh: render('zh'), en: render('en') };
}

/** What a rule's FEEL spent when it was stopped, as the middle of a sentence. */
const SPENT: Record<Overrun, (limit: number) => Text> = {
  steps: (limit) => ({ zh: `超过 ${limit} 个求值步骤`, en: `more than ${thousands(limit)} evaluation steps` }),
  cells: (limit) => ({ zh: `所建值超过 ${limit} 个单元`, en: `values of more than ${thousands(limit)} cells` }),
  // A limit of 0: the evaluation's own deadline, not the check's, ran out.
  time: (limit) =>
    limit > 0 ? { zh: `超过 ${limit} 毫秒`, en: `more than ${limit} ms` } : { zh: '超过整次求值的时限', en: 'longer than the whole evaluation may take' },
  cancelled: () => ({ zh: '已取消（有更新的编辑）', en: 'cancelled (a newer edit)' }),
};

/** A FEEL construct a rule file may not use (it could run without bound), in the sentence that refuses it. */
const notAllowed = (construct: Text): Text => ({ zh: `规则文件中不允许使用 FEEL ${construct.zh}`, en: `FEEL ${construct.en} are not allowed in rule files` });

/** What the rule language leaves out, in the sentence that says so. */
const notInLanguage = (what: Text): Text => ({ zh: `规则语言不支持${what.zh}`, en: `${what.en} is not part of the rule language` });

const MB = 1048576;

const MONTH_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const TYPE_ZH: Record<string, string> = { integer: '整数', number: '数字', string: '字符串', boolean: '布尔值', array: '列表', object: '映射' };

/** ajv's remaining keywords, in Chinese; anything else keeps ajv's English in brackets. */
function chineseOf(error: ErrorObject): string {
  const p = error.params as { type?: string; limit?: number; comparison?: string };
  switch (error.keyword) {
    case 'type':
      return `必须是${String(p.type)
        .split(',')
        .map((t) => TYPE_ZH[t] ?? t)
        .join('或')}`;
    case 'maximum':
    case 'minimum':
    case 'exclusiveMaximum':
    case 'exclusiveMinimum':
      return `必须 ${p.comparison} ${p.limit}`;
    case 'maxItems':
      return `最多 ${p.limit} 项`;
    case 'minItems':
      return `至少 ${p.limit} 项`;
    case 'maxLength':
      return `最多 ${p.limit} 个字符`;
    case 'minLength':
      return `至少 ${p.limit} 个字符`;
    default:
      return `不符合要求（${error.message ?? error.keyword}）`;
  }
}

export const MESSAGES = {
  // findings the evaluator words itself (a rule's own messages are in its rule file)
  /** `actual` and `expected` are shown values, empty when the rule shows none. */
  'finding.met': (p: { clause: string; title: Text; actual: Text; expected: Text }): Text => ({
    zh: `${p.clause} 符合 — ${p.title.zh}${p.actual.zh ? `: ${p.actual.zh}` : ''}${p.expected.zh ? `（要求 ${p.expected.zh}）` : ''}`,
    en: `${p.clause} met — ${p.title.en}${p.actual.en ? `: ${p.actual.en}` : ''}${p.expected.en ? ` (required ${p.expected.en})` : ''}`,
  }),
  'finding.supported': (p: { clause: string; documents: readonly string[] }): Text => ({
    zh: `${p.clause} 有证据：${p.documents.join('、')}`,
    en: `${p.clause} supported by ${p.documents.join(', ')}`,
  }),
  /** `field`: the rule's FEEL field that overran (`condition`, `actual`…); `at`: the rule file's `file:line:col`. */
  'finding.not-judged': (p: { clause: string; rule: string; field: string; overrun: Overrun; limit: number; at: string }): Text => {
    const spent = SPENT[p.overrun](p.limit);
    return {
      zh: `${p.clause} 未能判定：规则 ${p.rule} 的 ${p.field} ${spent.zh}，已中止（${p.at}）`,
      en: `${p.clause} not judged: the ${p.field} of rule ${p.rule} needed ${spent.en} and was stopped (${p.at})`,
    };
  },
  /** A category in a finding's `{category}`/`{target}`: with its DR class, and its annex when a clause names it. */
  'finding.category': (p: { category: Category; drClass?: DrClass; annex?: string }): Text => ({
    zh: `${categoryName(p.category, 'zh')}${p.drClass ? ` ${p.drClass}类` : ''}${p.annex ? `（附录 ${p.annex}）` : ''}`,
    en: `${categoryName(p.category, 'en')}${p.drClass ? ` class ${p.drClass}` : ''}${p.annex ? ` (annex ${p.annex})` : ''}`,
  }),
  /** Why each of several documents is unusable, in one message. */
  'finding.reasons': (p: { reasons: readonly Text[] }): Text => ({ zh: p.reasons.map((t) => t.zh).join('；'), en: p.reasons.map((t) => t.en).join('; ') }),
  /** A value that is null or an empty list, in a finding. */
  'finding.none': (): Text => ({ zh: '无', en: 'none' }),

  // why an evidence document cannot be used: the end of a rule's message, after the document's path
  'evidence.missing': (): Text => ({ zh: '文件不存在', en: 'file not found' }),
  'evidence.hash-mismatch': (p: { expected: string; actual: string }): Text => ({
    zh: `SHA-256 不符：清单为 ${p.expected}，文件为 ${p.actual}`,
    en: `hash mismatch: expected ${p.expected}, file has ${p.actual}`,
  }),
  /** `why`: one of the `evidence.path.*` texts. */
  'evidence.outside-workspace': (p: { why: Text }): Text => ({
    zh: `不在清单所在目录内：${p.why.zh}，未读取`,
    en: `outside the manifest's folder: ${p.why.en}; not read`,
  }),
  'evidence.expired': (p: { validUntil: string }): Text => ({ zh: `已于 ${p.validUntil} 失效`, en: `expired on ${p.validUntil}` }),
  /** `why`: one of the `evidence.file.*` texts, or the system's message. */
  'evidence.unreadable': (p: { why: Text }): Text => ({ zh: `无法读取：${p.why.zh}`, en: `cannot be read: ${p.why.en}` }),
  'evidence.path.symbolic-link': (): Text => ({ zh: '是符号链接', en: 'is a symbolic link' }),
  'evidence.path.absolute': (): Text => ({ zh: '是绝对路径', en: 'is an absolute path' }),
  'evidence.path.leaves-folder': (): Text => ({ zh: '超出清单所在目录', en: 'leaves the manifest folder' }),
  'evidence.path.through-link': (p: { link: string }): Text => ({ zh: `经过符号链接 ${p.link}`, en: `goes through the symbolic link ${p.link}` }),
  'evidence.file.not-regular': (): Text => ({ zh: '不是普通文件', en: 'is not a regular file' }),
  'evidence.file.too-large': (p: { megabytes: number }): Text => ({ zh: `大于 ${p.megabytes} MB`, en: `is larger than ${p.megabytes} MB` }),

  // why a date a user wrote is not one, as the end of a sentence about a field; `quoted`: the text as written
  'date.not-a-date': (p: { quoted: string }): Text => ({ zh: `${p.quoted} 不是 YYYY-MM-DD 格式的日期`, en: `${p.quoted} is not a date YYYY-MM-DD` }),
  'date.invalid-month': (p: { quoted: string; month: number }): Text => ({
    zh: `${p.quoted} 这一天不存在：没有 ${p.month} 月`,
    en: `${p.quoted} does not exist: there is no month ${p.month}`,
  }),
  'date.invalid-day': (p: { quoted: string; year: number; month: number; days: number }): Text => ({
    zh: `${p.quoted} 这一天不存在：${p.year} 年 ${p.month} 月只有 ${p.days} 天`,
    en: `${p.quoted} does not exist: ${MONTH_EN[p.month - 1]} ${p.year} has ${p.days} days`,
  }),

  // an input file that cannot be read, or YAML that is refused before its schema is checked
  /** `detail`: the system's code, in English; the Chinese says what the path is instead. */
  'input.not-a-file': (p: { detail: string }): Text => ({ zh: '无法读取：不是普通文件（目录、管道或设备）', en: `cannot read the file: ${p.detail}` }),
  /** `detail`: the system's code or message. */
  'input.unreadable': (p: { detail: string }): Text => ({ zh: `无法读取文件：${p.detail}`, en: `cannot read the file: ${p.detail}` }),
  /** `bytes`: the file's size; `limit`: the largest size read, in bytes. */
  'input.too-large': (p: { bytes: number; limit: number }): Text => ({
    zh: `文件大小 ${(p.bytes / MB).toFixed(1)} MB，超过 ${p.limit / MB} MB 上限（在此处超出）`,
    en: `file is ${(p.bytes / MB).toFixed(1)} MB; the limit is ${p.limit / MB} MB (exceeded here)`,
  }),
  /** `detail`: the YAML library's message, of which the first line is shown. */
  'input.yaml-syntax': (p: { detail: string }): Text => ({ zh: `YAML 语法错误：${firstLine(p.detail)}`, en: `YAML: ${firstLine(p.detail)}` }),
  /** `detail`: the YAML library's message. */
  'input.alias-expansion': (p: { detail: string }): Text => ({
    zh: `锚点与别名展开过多，已拒绝（${p.detail}）`,
    en: `anchors and aliases expand too far (${p.detail})`,
  }),
  'input.too-deep': (p: { limit: number }): Text => ({ zh: `嵌套超过 ${p.limit} 层`, en: `nesting deeper than ${p.limit} levels` }),
  /** Nesting refused before parsing, by a count of the text's brackets and keys (the parser's recursion would overflow). */
  'input.too-deep-to-parse': (p: { limit: number }): Text => ({
    zh: `嵌套超过 ${p.limit} 层（深到 YAML 解析器无法读取）`,
    en: `nesting deeper than ${p.limit} levels (too deep for the YAML parser to follow)`,
  }),
  'input.complex-key': (): Text => ({ zh: '映射的键必须是普通字符串', en: 'mapping keys must be plain strings' }),
  'input.forbidden-key': (p: { quoted: string }): Text => ({ zh: `不允许使用键 ${p.quoted}`, en: `key ${p.quoted} is not allowed` }),
  /** `more`: the problems not shown; `shown`: how many are. */
  'input.more-problems': (p: { more: number; shown: number }): Text => ({
    zh: `……另有 ${p.more} 个问题未列出（仅列出前 ${p.shown} 个）`,
    en: `… and ${thousands(p.more)} more problems, not shown (the first ${p.shown} are)`,
  }),

  // what a manifest or a rule file says that no other part of it, nor the catalog, bears out
  /** `quoted`: the clause id as written; `edition`: the catalog's. */
  'clause.unknown': (p: { quoted: string; edition: string }): Text => ({
    zh: `未知条款编号 ${p.quoted}（${p.edition} 中没有）`,
    en: `unknown clause id ${p.quoted} (not in the ${p.edition} catalog)`,
  }),
  /** `items`: the labels of the heading's items, of which the first six are shown. */
  'manifest.heading-clause': (p: { label: string; items: readonly string[] }): Text => {
    const list = p.items.length ? ` (${p.items.slice(0, 6).join(', ')}${p.items.length > 6 ? ', …' : ''})` : '';
    return { zh: `条款 ${p.label} 是标题，请改为列出其下的条目${list}`, en: `clause ${p.label} is a heading; name its items instead${list}` };
  },
  'manifest.dr-class': (): Text => ({
    zh: `drClass 仅适用于灾难备份与恢复类别（附录 ${ANNEX_OF_CATEGORY['disaster-recovery']}）`,
    en: `drClass applies only to the disaster-recovery category (annex ${ANNEX_OF_CATEGORY['disaster-recovery']})`,
  }),
  /** `project`: its id, quoted. */
  'manifest.project-date-order': (p: { project: string; start: string; end: string }): Text => ({
    zh: `项目 ${p.project} 的结束日期（${p.end}）早于开始日期（${p.start}）`,
    en: `project ${p.project} ends (${p.end}) before it starts (${p.start})`,
  }),
  /** `project`: its id, quoted. */
  'manifest.trial-run-date-order': (p: { project: string }): Text => ({
    zh: `项目 ${p.project} 的试运行结束早于开始`,
    en: `trial run of project ${p.project} ends before it starts`,
  }),
  'manifest.staff-count': (p: { technical: number; service: number }): Text => ({
    zh: `technicalServiceStaff（${p.technical}）多于 serviceStaff（${p.service}）：信息安全技术服务人员包含在从事信息安全服务人员之内`,
    en: `technicalServiceStaff (${p.technical}) exceeds serviceStaff (${p.service}): technical service staff are among the service staff`,
  }),
  /** `quoted`: the id; `first`: the index of the record that has it. */
  'manifest.duplicate-person-id': (p: { quoted: string; first: number }): Text => ({
    zh: `人员编号 ${p.quoted} 已被 people.staff[${p.first}] 使用`,
    en: `person id ${p.quoted} is already used by people.staff[${p.first}]`,
  }),
  /** `quoted`: the id named; `ids`: those of people.staff, of which the first eight are shown. */
  'manifest.unknown-person': (p: { quoted: string; ids: readonly string[] }): Text => {
    const known = p.ids.slice(0, 8).join(', ');
    const more = p.ids.length > 8;
    return {
      zh: `people.staff 中没有编号为 ${p.quoted} 的人员${known ? `（已有：${known}${more ? '，…' : ''}）` : '（people.staff 为空）'}`,
      en: `no people.staff record has the id ${p.quoted}${known ? ` (ids: ${known}${more ? ', …' : ''})` : ' (people.staff lists nobody)'}`,
    };
  },
  /** Each quoted: `name` as written, `person` the id named, `recorded` the name people.staff has for it. */
  'manifest.person-name': (p: { name: string; person: string; recorded: string }): Text => ({
    zh: `${p.name} 与 people.staff 中 ${p.person} 的姓名（${p.recorded}）不一致`,
    en: `${p.name} is not the name of ${p.person} in people.staff (${p.recorded})`,
  }),
  /** `name`: quoted; `ids`: the people.staff records it could name. */
  'manifest.ambiguous-person': (p: { name: string; ids: readonly string[] }): Text => ({
    zh: `${p.name} 可能是 people.staff 中的 ${p.ids.join(', ')}：请用 person: 指明`,
    en: `${p.name} could be any of people.staff ${p.ids.join(', ')}: say which with person:`,
  }),
  /** `clause`: quoted; `field`: `condition` or `message`. */
  'rules.incomplete-check': (p: { clause: string; field: string }): Text => ({
    zh: `${p.clause} 的检查没有 ${p.field}：请在规则或检查中给出`,
    en: `check of ${p.clause} has no ${p.field}: give the rule or the check one`,
  }),
  /** `quoted`: the rule's id; `file`: the name of the rule file that has it already. */
  'rules.duplicate-id': (p: { quoted: string; file: string }): Text => ({
    zh: `规则编号 ${p.quoted} 重复（${p.file} 中已有）`,
    en: `duplicate rule id ${p.quoted} (also in ${p.file})`,
  }),

  // FEEL a rule file may not hold; `quoted`: the expression
  /** `column`: counted from 1; `detail`: the parser's message, when it gave one (the first line is shown, in English only). */
  'feel.syntax': (p: { quoted: string; column: number; detail: string | undefined }): Text => ({
    zh: `FEEL 语法错误：${p.quoted} 第 ${p.column} 列`,
    en: `FEEL syntax error at column ${p.column} of ${p.quoted}${p.detail ? `: ${firstLine(p.detail)}` : ''}`,
  }),
  'feel.unsafe.function-definitions': (): Text => notAllowed({ zh: '函数定义', en: 'function definitions' }),
  'feel.unsafe.range-loops': (): Text => notAllowed({ zh: '数值区间循环', en: 'loops over numeric ranges' }),
  'feel.unsupported.comparison-test': (): Text => notInLanguage({ zh: '`in` 之外的比较检验', en: 'A comparison test outside `in`' }),
  'feel.unsupported.temporal': (): Text =>
    notInLanguage({ zh: '日期、时间或时长值（事实中的日期为 YYYY-MM-DD 字符串，可直接比较）', en: 'A date, time or duration' }),
  /** `name`: the function's FEEL name. */
  'feel.unsupported.function': (p: { name: string }): Text => notInLanguage({ zh: `函数 ${p.name}()`, en: `The function ${p.name}()` }),
  /** `name`: the construct's name in feelin's grammar. */
  'feel.unsupported.construct': (p: { name: string }): Text => notInLanguage({ zh: ` FEEL ${p.name}`, en: `FEEL ${p.name}` }),

  // schema validation; `where`: the field at fault (`(document)` at the top)
  'schema.unknown-field': (p: { where: string; quoted: string; hint: string | undefined }): Text => ({
    zh: `${p.where} 中有未知字段 ${p.quoted}${p.hint ? `（是否应为 "${p.hint}"？）` : ''}`,
    en: `unknown field ${p.quoted} in ${p.where}${p.hint ? ` (did you mean "${p.hint}"?)` : ''}`,
  }),
  'schema.missing-field': (p: { where: string; missing: string }): Text => ({
    zh: `${p.where} 缺少必填字段 "${p.missing}"`,
    en: `missing required field "${p.missing}" in ${p.where}`,
  }),
  /** `allowed`: the values, as JSON, joined by commas. */
  'schema.not-one-of': (p: { where: string; allowed: string }): Text => ({
    zh: `${p.where} 必须是 ${p.allowed} 之一`,
    en: `${p.where} must be one of ${p.allowed}`,
  }),
  /** `value`: as JSON. */
  'schema.not-the-constant': (p: { where: string; value: string }): Text => ({ zh: `${p.where} 必须是 ${p.value}`, en: `${p.where} must be ${p.value}` }),
  /** `why`: one of the `schema.must.*` texts, a `date.*` text, or ajv's. */
  'schema.invalid': (p: { where: string; why: Text }): Text => ({ zh: `${p.where} ${p.why.zh}`, en: `${p.where} ${p.why.en}` }),
  /** `shown`: the value, quoted; `alternative`: what an `anyOf` accepts besides a date (e.g. "never"). */
  'schema.must.date': (p: { shown: string; alternative: string | undefined }): Text =>
    p.alternative === undefined
      ? { zh: `必须是 YYYY-MM-DD 格式的日期，而不是 ${p.shown}`, en: `must be a date YYYY-MM-DD, not ${p.shown}` }
      : { zh: `必须是 YYYY-MM-DD 格式的日期或 "${p.alternative}"，而不是 ${p.shown}`, en: `must be a date YYYY-MM-DD or "${p.alternative}", not ${p.shown}` },
  'schema.must.sha256': (): Text => ({ zh: '必须是小写十六进制 SHA-256（64 个字符）', en: 'must be a lowercase hex SHA-256 (64 characters)' }),
  'schema.must.clause-id': (): Text => ({ zh: '必须是条款编号，如 4.1.6 b) 或 A1.2.3', en: 'must be a clause id such as 4.1.6 b) or A1.2.3' }),
  'schema.must.one-line': (): Text => ({ zh: '必须是单行文字（不含换行或控制字符）', en: 'must be one line of text (no line breaks or control characters)' }),
  /** Any other keyword: ajv's English, and our Chinese for it. */
  'schema.must.ajv': (p: { error: ErrorObject }): Text => ({ zh: chineseOf(p.error), en: p.error.message ?? 'is invalid' }),

  // what an application is assessed against, in a heading
  'target.description': ({ target: t }: { target: Target }): Text => ({
    zh: `${categoryName(t.category, 'zh')}${t.drClass ? ` ${DR_CLASS_NAMES[t.drClass].zh}` : ''} ${levelName(t.level, 'zh')}`,
    en: `${t.category}${t.drClass ? ` class ${t.drClass}` : ''}, ${levelName(t.level, 'en')}`,
  }),
} satisfies Record<
  `${'finding' | 'evidence' | 'date' | 'input' | 'clause' | 'manifest' | 'rules' | 'feel' | 'schema' | 'target'}.${string}`,
  (params: never) => Text
>;

export type MessageCode = keyof typeof MESSAGES;
