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

export interface Summary {
  qualifyingLevel: Level | null;
  findingCount: number;
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
  status: string;
  message: string;
  range?: Range;
}

export interface ReportClause {
  clause: string;
  title?: string;
  findings: ReportFinding[];
}

export interface Report {
  uri: string;
  qualifyingLevel: Level | null;
  clauses: ReportClause[];
}

export const SummaryRequest = new RequestType<DocumentParams, Summary, void>('isccc/summary');
export const ReportRequest = new RequestType<DocumentParams, Report, void>('isccc/report');
