/**
 * Every bilingual word the language server says of its own — the code lenses above a manifest, the evidence root and
 * the diagnostics it makes itself — keyed by `<part>.<message>`, each a function of the values it shows. Findings and input problems
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
  /** `root`: the first hex digits of the evidence root (the command copies all of it). */
  'lens.evidence-root': ({ root, files, unsaved }: { root: string; files: number; unsaved: boolean }): Text => ({
    zh: `ISCCC 证据根哈希：${root}…（${files} 个文件${unsaved ? '，未保存的文本' : ''}）`,
    en: `ISCCC evidence root: ${root}… (${files} file${files === 1 ? '' : 's'}${unsaved ? ', unsaved text' : ''})`,
  }),
  'lens.evidence-root-tooltip': ({ root, unsaved }: { root: string; unsaved: boolean }): Text => ({
    zh: `复制完整的证据根哈希 ${root}：即 isccc packet 为此清单打印的 evidence root${unsaved ? '（保存之后）' : ''}`,
    en: `Copy the full evidence root ${root}: the "evidence root" isccc packet prints for this manifest${unsaved ? ' once it is saved' : ''}`,
  }),
  'lens.evidence-pending': (): Text => ({ zh: 'ISCCC 证据根哈希：计算中…', en: 'ISCCC evidence root: computing…' }),
  /** `paths`: the first few documents at fault, as listed. */
  'lens.evidence-unusable': ({ count, paths }: { count: number; paths: string }): Text => ({
    zh: `ISCCC 证据根哈希：无（${count} 个证据文件不可用：${paths}）`,
    en: `ISCCC evidence root: none (${count} evidence file${count === 1 ? '' : 's'} unusable: ${paths})`,
  }),
  'lens.evidence-unavailable': ({ why }: { why: string }): Text => ({ zh: `ISCCC 证据根哈希：无（${why}）`, en: `ISCCC evidence root: none (${why})` }),

  // the evidence root (isccc/evidenceRoot)
  'evidence.input-problems': ({ count }: { count: number }): Text => ({
    zh: `清单有 ${count} 个输入问题，isccc packet 不会打包`,
    en: `the manifest has ${count} input problem${count === 1 ? '' : 's'}; isccc packet would not pack it`,
  }),
  'evidence.not-on-disk': (): Text => ({ zh: '清单尚未保存到文件夹', en: 'the manifest is not saved in a folder yet' }),
  'evidence.failed': ({ detail }: { detail: string }): Text => ({ zh: `未能计算：${detail}`, en: `could not be computed: ${detail}` }),
  'evidence.name-taken': (): Text => ({
    zh: 'isccc packet 会写入同名的自有文件，请改名',
    en: 'a packet writes a file of its own under this name; rename it',
  }),

  // diagnostics of rule files
  'diagnostic.uncovered-clause': ({ label, kind }: { label: string; kind: string }): Text => ({
    zh: `条款 ${label}（${kind}）没有任何现行规则检查`,
    en: `clause ${label} (${kind}) is checked by no rule of the rulebook in force`,
  }),
} satisfies Record<`${'lens' | 'evidence' | 'diagnostic'}.${string}`, (params: never) => Text>;

export type MessageCode = keyof typeof MESSAGES;
