/**
 * Every bilingual word the language server says of its own — the code lenses above a manifest and the diagnostics
 * it makes itself — keyed by `<part>.<message>`, each a function of the values it shows. Findings and input problems
 * come from `@isccc/rules` in both languages already; level names come from its vocabulary.
 */
import { type Level, levelName, type Text } from '@isccc/rules';

export const MESSAGES = {
  // the code lenses above `application:`
  'lens.fix-input-problems': ({ count }: { count: number }): Text => ({
    zh: `ISCCC：先修正 ${count} 个输入问题`,
    en: `ISCCC: fix ${count} input problem${count === 1 ? '' : 's'} to evaluate`,
  }),
  'lens.qualifies': ({ level }: { level: Level | null }): Text =>
    level === null
      ? { zh: 'ISCCC：目前不满足任何级别', en: 'ISCCC: qualifies for no level yet' }
      : { zh: `ISCCC：目前满足${levelName(level, 'zh')}`, en: `ISCCC: qualifies for ${levelName(level, 'en')}` },
  /** `needs`: the labels of the clauses that stand in the way of `level`. */
  'lens.next-level-needs': ({ level, needs }: { level: Level; needs: string }): Text => ({
    zh: `${levelName(level, 'zh')}还需：${needs}`,
    en: `${levelName(level, 'en')} still needs: ${needs}`,
  }),

  // diagnostics of rule files
  'diagnostic.uncovered-clause': ({ label, kind }: { label: string; kind: string }): Text => ({
    zh: `条款 ${label}（${kind}）没有任何现行规则检查`,
    en: `clause ${label} (${kind}) is checked by no rule of the rulebook in force`,
  }),
} satisfies Record<`${'lens' | 'diagnostic'}.${string}`, (params: never) => Text>;

export type MessageCode = keyof typeof MESSAGES;
