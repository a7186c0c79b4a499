/**
 * The words the client prints itself — the status bar, the report panel and the evidence root — keyed by `<part>.<message>`, each a
 * function of the values it shows; findings, clause titles and problems come from the server in the language
 * asked for. Level names come from `@isccc/rules/vocabulary`. No `vscode` import: the table is tested outside VS Code.
 */
import { type Level, LEVEL_NAMES, type Text } from '@isccc/rules/vocabulary';

const NO_LEVEL: Text = { zh: '未达到任何级别', en: 'no level' };

function levelLabel(level: Level | null): Text {
  return level === null ? NO_LEVEL : LEVEL_NAMES[level];
}

function findingsLabel(count: number): Text {
  return { zh: `${count} 项发现`, en: count === 1 ? '1 finding' : `${count} findings` };
}

export const MESSAGES = {
  // the status bar item
  'status.text': (p: { level: Level | null; findings: number }): Text => {
    const level = levelLabel(p.level);
    const findings = findingsLabel(p.findings);
    return { zh: `${level.zh} · ${findings.zh}`, en: `${level.en} · ${findings.en}` };
  },
  'status.click': (): Text => ({ zh: '点击显示符合性报告', en: 'Click to show the conformance report' }),
  'status.blocking': (p: { level: Level }): Text => ({ zh: `距${levelLabel(p.level).zh}：`, en: `Blocking ${levelLabel(p.level).en}:` }),

  // the conformance report panel
  'report.target': (p: { category: string; drClass: string | undefined; level: Level; asOf: string | null }): Text => {
    const target = `${p.category}${p.drClass ? ` ${p.drClass}` : ''}`;
    const level = levelLabel(p.level);
    return {
      zh: `申请: ${target}, ${level.zh}${p.asOf ? ` · 评价日期 ${p.asOf}` : ''}`,
      en: `Target: ${target}, ${level.en}${p.asOf ? ` · as of ${p.asOf}` : ''}`,
    };
  },
  /** `findings`: what the report shows open, input problems included. */
  'report.summary': (p: { level: Level | null; findings: number }): Text => {
    const level = levelLabel(p.level);
    const findings = findingsLabel(p.findings);
    return {
      zh: `${p.level === null ? '' : '可达到 '}${level.zh} · ${findings.zh}`,
      en: `${p.level === null ? '' : 'Qualifies for '}${level.en} · ${findings.en}`,
    };
  },
  'report.problems': (): Text => ({ zh: '输入问题（修正之前不做评价）', en: 'Input problems (nothing is evaluated until they are fixed)' }),
  'report.show-passed': (): Text => ({ zh: '显示已符合和不适用的条款', en: 'Show met and not-applicable clauses' }),
  'report.column.rule': (): Text => ({ zh: '规则', en: 'Rule' }),
  'report.column.status': (): Text => ({ zh: '状态', en: 'Status' }),
  'report.column.finding': (): Text => ({ zh: '发现', en: 'Finding' }),
  'report.column.location': (): Text => ({ zh: '位置', en: 'Location' }),

  // the evidence root (the status bar's tooltip, ISCCC: Copy evidence root)
  'evidence.root': (p: { root: string; files: number; unsaved: boolean }): Text => ({
    zh: `证据根哈希（isccc packet 的 evidence root）：${p.root}，${p.files} 个文件${p.unsaved ? '，未保存的文本' : ''}`,
    en: `Evidence root (isccc packet's "evidence root"): ${p.root}, ${p.files} file${p.files === 1 ? '' : 's'}${p.unsaved ? ', of the unsaved text' : ''}`,
  }),
  'evidence.unusable': (p: { problems: string[] }): Text => ({
    zh: `没有证据根哈希，isccc packet 不会打包：${p.problems.join('；')}`,
    en: `No evidence root; isccc packet would not pack: ${p.problems.join('; ')}`,
  }),
  'evidence.pending': (): Text => ({ zh: '证据根哈希计算中…', en: 'Computing the evidence root…' }),
  'evidence.unavailable': (p: { why: string }): Text => ({ zh: `没有证据根哈希：${p.why}`, en: `No evidence root: ${p.why}` }),
  'evidence.copied': (p: { root: string }): Text => ({ zh: `已复制证据根哈希 ${p.root}`, en: `Copied the evidence root ${p.root}` }),
  'evidence.no-manifest': (): Text => ({ zh: '请先打开一个 ISCCC 证据清单', en: 'Open an ISCCC evidence manifest first' }),
} satisfies Record<`${'status' | 'report' | 'evidence'}.${string}`, (params: never) => Text>;

export type MessageCode = keyof typeof MESSAGES;
