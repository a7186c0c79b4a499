import type { Lang, SourceRange } from '@isccc/rules';
import type { ManifestAnalysis } from '../documents/analysis.js';

/** A line of text above `range`; clicking it runs the client command `command` (none when empty). */
export interface Lens {
  range: SourceRange;
  title: string;
  command: string;
  arguments?: unknown[];
}

/** The client command that opens the conformance report (the VS Code extension defines it). */
const SHOW_REPORT_COMMAND = 'isccc.showReport';
const SHOWN = 6;

/** Above `application:`: the level the manifest qualifies for now and what the next level still needs. */
export function codeLenses(analysis: ManifestAnalysis, lang: Lang): Lens[] {
  const range = analysis.source.rangeOf(['application'], { key: true });
  const at = { start: range.start, end: range.start };
  if (!analysis.evaluation) {
    const n = analysis.parsed.problems.length;
    return [
      { range: at, title: lang === 'zh' ? `ISCCC：先修正 ${n} 个输入问题` : `ISCCC: fix ${n} input problem${n === 1 ? '' : 's'} to evaluate`, command: '' },
    ];
  }
  const { qualifyingLevel, next } = analysis.evaluation.summary;
  const now =
    qualifyingLevel === null
      ? lang === 'zh'
        ? 'ISCCC：目前不满足任何级别'
        : 'ISCCC: qualifies for no level yet'
      : lang === 'zh'
        ? `ISCCC：目前满足${['', '一', '二', '三'][qualifyingLevel]}级`
        : `ISCCC: qualifies for level ${qualifyingLevel}`;
  const lenses: Lens[] = [{ range: at, title: now, command: SHOW_REPORT_COMMAND, arguments: [analysis.uri] }];
  if (next) {
    const labels = [...new Set(next.blocking.map((f) => f.clauseLabel))];
    const list = `${labels.slice(0, SHOWN).join(', ')}${labels.length > SHOWN ? `, … (${labels.length})` : ''}`;
    const title = lang === 'zh' ? `${['', '一', '二', '三'][next.level]}级还需：${list}` : `level ${next.level} still needs: ${list}`;
    lenses.push({ range: at, title, command: SHOW_REPORT_COMMAND, arguments: [analysis.uri] });
  }
  return lenses;
}
