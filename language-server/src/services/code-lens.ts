import type { Lang } from '@isccc/rules';
import type { CodeLens } from 'vscode-languageserver';
import type { ManifestAnalysis } from '../documents/analysis.js';

const SHOWN = 6;

/** Above `application:`: the level the manifest qualifies for now and what the next level still needs. */
export function codeLenses(analysis: ManifestAnalysis, lang: Lang): CodeLens[] {
  const source = analysis.parsed.source;
  const range = source.rangeOf(['application'], { key: true });
  const at = { start: range.start, end: range.start };
  if (!analysis.evaluation) {
    const n = analysis.parsed.problems.length;
    return [{ range: at, command: { title: lang === 'zh' ? `ISCCC：先修正 ${n} 个输入问题` : `ISCCC: fix ${n} input problem${n === 1 ? '' : 's'} to evaluate`, command: '' } }];
  }
  const { qualifyingLevel, next } = analysis.evaluation.summary;
  const now =
    qualifyingLevel === null
      ? lang === 'zh' ? 'ISCCC：目前不满足任何级别' : 'ISCCC: qualifies for no level yet'
      : lang === 'zh' ? `ISCCC：目前满足${['', '一', '二', '三'][qualifyingLevel]}级` : `ISCCC: qualifies for level ${qualifyingLevel}`;
  const lenses: CodeLens[] = [{ range: at, command: { title: now, command: 'isccc.showReport', arguments: [analysis.uri] } }];
  if (next) {
    const labels = [...new Set(next.blocking.map((f) => f.clauseLabel))];
    const list = `${labels.slice(0, SHOWN).join(', ')}${labels.length > SHOWN ? `, … (${labels.length})` : ''}`;
    const title = lang === 'zh' ? `${['', '一', '二', '三'][next.level]}级还需：${list}` : `level ${next.level} still needs: ${list}`;
    lenses.push({ range: at, command: { title, command: 'isccc.showReport', arguments: [analysis.uri] } });
  }
  return lenses;
}
