/**
 * The custom requests this client sends to `@isccc/language-server`. The server owns their meaning
 * (see language-server/README.md); the client only renders what comes back.
 */
import { RequestType } from 'vscode-languageclient/node';

export interface DocumentParams {
  /** The manifest's URI as the client sent it in `textDocument/didOpen`. */
  uri: string;
}

/** 1 is the highest level of ISCCC-SV-001:2015; `null` when the manifest qualifies for none. */
export type Level = 1 | 2 | 3;

export interface BlockingFinding {
  clause: string;
  label: string;
  ruleId: string;
  message: string;
}

export interface Summary {
  qualifyingLevel: Level | null;
  /** Findings shown as diagnostics plus input problems. */
  findingCount: number;
  /** The next level up and what stands in its way. */
  next: { level: Level; blocking: BlockingFinding[] } | null;
}

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export interface ReportFinding {
  ruleId: string;
  /** pass, fail, missing-evidence, manual-review or not-applicable. */
  status: string;
  message: string;
  range?: Range;
  docUrl?: string;
}

export interface ReportClause {
  /** Clause id (`4.2.4.d`) and its printed label (`4.2.4 d)`). */
  clause: string;
  label: string;
  title?: string;
  findings: ReportFinding[];
}

export interface InputProblem {
  code: string;
  message: string;
  range: Range;
}

export interface Report {
  uri: string;
  qualifyingLevel: Level | null;
  target: { category: string; level: Level; drClass?: string } | null;
  asOf: string | null;
  clauses: ReportClause[];
  /** YAML or schema problems: while there are any, nothing is evaluated. */
  problems: InputProblem[];
}

/** Both answer `null` for a document the server does not hold as a manifest. */
export const SummaryRequest = new RequestType<DocumentParams, Summary | null, void>('isccc/summary');
export const ReportRequest = new RequestType<DocumentParams, Report | null, void>('isccc/report');
