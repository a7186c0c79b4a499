/**
 * What a rule-check handler hands to the person who decides: the evaluator's findings as the rows a form shows
 * read-only, a summary, and the decision they support (`proposed`). Handlers never take the decision itself.
 */
import type { Choice, FindingRow, Findings } from '@isccc/bpmn';
import { clauseLabel, dayOf, levelName, type Level, type Text } from '@isccc/rules/vocabulary';

export function findingsOf<P>(clause: string, now: Date, summary: Text, rows: FindingRow[], proposed: P): Findings<P> {
  return { checkedOn: dayOf(now), clause: clauseLabel(clause), summary, rows, proposed };
}

/** A row for a procedural fact the checks note (a report, a rectification, a document), not a rules finding. */
export function notedRow(clause: string, actual: string, required: string, message: Text, status: FindingRow['status'] = 'noted', evidence = ''): FindingRow {
  return { clause: clauseLabel(clause), status, actual, required, evidence, message: `${message.zh} — ${message.en}` };
}

/** Levels that may be granted on an application for `applied`: that level and the lower ones (level 1 is the highest). */
export function levelChoices(applied: Level): Choice[] {
  return ([1, 2, 3] as const).filter((l) => l >= applied).map((l) => ({ label: `${levelName(l, 'zh')} ${levelName(l, 'en')}`, value: l }));
}

export const choices = (items: readonly string[]): Choice[] => items.map((item) => ({ label: item, value: item }));
