/**
 * Every bilingual message the rules package writes of its own — findings' explanations, why an evidence document
 * cannot be used, why a date is not one, schema-validation texts — keyed by `<part>.<message>`, each a function of
 * the values it shows. Names keyed by their id (levels, categories, DR classes) are the vocabulary's; the messages
 * of each rule are in its rule file. Values quoted from the input come quoted (`quote`), so each stays one line.
 */
import type { ErrorObject } from 'ajv/dist/2020.js';
import type { Overrun } from './feel/budget.js';
import { thousands } from './manifest/yaml-source.js';
import type { Target } from './model.js';
import { type Category, categoryName, type DrClass, DR_CLASS_NAMES } from './vocabulary/categories.js';
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
} satisfies Record<`${'finding' | 'evidence' | 'date' | 'schema' | 'target'}.${string}`, (params: never) => Text>;

export type MessageCode = keyof typeof MESSAGES;
