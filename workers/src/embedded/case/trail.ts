/** The trail of a case: one line per step, each naming the clause it applies and the simulated date. */
import { clauseLabel } from '@isccc/rules/vocabulary';
import type { FindingBrief, Text } from '../../handlers/contract.js';

export type TrailKind = 'job' | 'user-task' | 'bpmn-error' | 'retry' | 'incident' | 'timer' | 'message' | 'message-uncorrelated' | 'end' | 'horizon';

export interface TrailEntry {
  seq: number;
  /** Simulated instant, ISO 8601. */
  at: string;
  processId: string;
  instance: string;
  kind: TrailKind;
  /** Catalog id, e.g. `6.8.2.a`. */
  clause: string;
  /** As the standard prints it, e.g. `6.8.2 a)`. */
  clauseLabel: string;
  elementId?: string;
  elementName?: string;
  taskType?: string;
  /** User tasks: the contract's task name, what the form submitted, and the justification of a departure from the findings. */
  userTask?: string;
  decision?: Record<string, unknown>;
  justification?: string;
  outcome?: string;
  errorCode?: string;
  text: Text;
  findings?: FindingBrief[];
}

export type TrailDraft = Omit<TrailEntry, 'seq' | 'clauseLabel'>;

export function entry(seq: number, draft: TrailDraft): TrailEntry {
  return { seq, ...draft, clauseLabel: clauseLabel(draft.clause) };
}

/** `认证意向\nCertification sought` → `认证意向 Certification sought`. */
export function oneLine(name: string | undefined): string | undefined {
  return name?.replace(/\s*\n\s*/g, ' ').trim();
}

const MARK: Record<TrailKind, string> = {
  job: '•',
  'user-task': '✎',
  'bpmn-error': '✗',
  retry: '↻',
  incident: '!',
  timer: '⏰',
  message: '✉',
  'message-uncorrelated': '✉',
  end: '■',
  horizon: '…',
};

/** Every kind of trail line (the case file schema lists the same). */
export const TRAIL_KINDS = Object.keys(MARK) as TrailKind[];

export interface TextFormatOptions {
  lang?: 'en' | 'zh';
  /** Findings listed under a step, at most this many (0 hides them). */
  findings?: number;
}

export function formatEntry(e: TrailEntry, options: TextFormatOptions = {}): string {
  const lang = options.lang ?? 'en';
  const date = e.at.slice(0, 10);
  const head = `${date}  ${MARK[e.kind]} ${e.clauseLabel.padEnd(9)} ${e.text[lang]}`;
  const max = options.findings ?? 3;
  if (!e.findings?.length || max === 0) return head;
  const shown = e.findings.slice(0, max).map((f) => `${' '.repeat(14)}- ${clauseLabel(f.clause)} [${f.status}] ${f.message[lang]}`);
  if (e.findings.length > max) shown.push(`${' '.repeat(14)}- … ${e.findings.length - max} more`);
  return [head, ...shown].join('\n');
}
