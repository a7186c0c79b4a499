import type { Lang, SourceRange } from '@isccc/rules';
import type { ManifestAnalysis } from '../documents/analysis.js';
import { MESSAGES } from '../messages.js';

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
    return [{ range: at, title: MESSAGES['lens.fix-input-problems']({ count: analysis.parsed.problems.length })[lang], command: '' }];
  }
  const { qualifyingLevel, next } = analysis.evaluation.summary;
  const now = MESSAGES['lens.qualifies']({ level: qualifyingLevel })[lang];
  const lenses: Lens[] = [{ range: at, title: now, command: SHOW_REPORT_COMMAND, arguments: [analysis.uri] }];
  if (next) {
    const labels = [...new Set(next.blocking.map((f) => f.clauseLabel))];
    const needs = `${labels.slice(0, SHOWN).join(', ')}${labels.length > SHOWN ? `, … (${labels.length})` : ''}`;
    const title = MESSAGES['lens.next-level-needs']({ level: next.level, needs })[lang];
    lenses.push({ range: at, title, command: SHOW_REPORT_COMMAND, arguments: [analysis.uri] });
  }
  return lenses;
}
