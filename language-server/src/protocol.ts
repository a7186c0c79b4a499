/**
 * The custom requests of this server, for its clients: `@isccc/language-server/protocol`. The VS Code
 * extension bundles this module, so at run time it needs nothing but vscode-jsonrpc's `RequestType`
 * (which every LSP client bundles already); everything else here is types.
 */
import type { Level, Severity, SourceRange, Status } from '@isccc/rules';
import { RequestType } from 'vscode-jsonrpc';

export type { Level, Severity, Status };
/** Zero-based line and character (UTF-16 code units), as LSP counts. */
export type Range = SourceRange;

export interface DocumentParams {
  /** The manifest's URI as the client sent it in `textDocument/didOpen`. */
  uri: string;
}

export interface ReportFinding {
  ruleId: string;
  status: Status;
  severity: Severity;
  message: string;
  actual?: unknown;
  expected?: unknown;
  /** Field path in the manifest, e.g. `people.serviceStaff`. */
  path: string;
  range?: Range;
  /** The rule's documentation page. */
  docUrl: string;
}

export interface ReportClause {
  /** Clause id (`4.2.4.d`) and its printed label (`4.2.4 d)`). */
  clause: string;
  label: string;
  title?: string;
  findings: ReportFinding[];
}

export interface ReportProblem {
  code: string;
  message: string;
  range: Range;
}

/** Every finding (passes too), grouped by clause in document order. */
export interface Report {
  uri: string;
  /** 1 is the highest level of ISCCC-SV-001:2015; `null` when the manifest qualifies for none. */
  qualifyingLevel: Level | null;
  target: { category: string; level: Level; drClass?: string } | null;
  asOf: string | null;
  clauses: ReportClause[];
  /** YAML or schema problems: while there are any, nothing is evaluated. */
  problems: ReportProblem[];
}

export interface BlockingFinding {
  clause: string;
  label: string;
  ruleId: string;
  message: string;
}

export interface Summary {
  qualifyingLevel: Level | null;
  /** Findings shown as diagnostics (fail, missing evidence, manual review) plus input problems. */
  findingCount: number;
  /** The next level up and what stands in its way. */
  next: { level: Level; blocking: BlockingFinding[] } | null;
}

/** Each custom request answers `null` for a document the server does not hold as a manifest. */
export const ReportRequest = new RequestType<DocumentParams, Report | null, void>('isccc/report');
export const SummaryRequest = new RequestType<DocumentParams, Summary | null, void>('isccc/summary');

/** A listed document that keeps `isccc packet` from being written, so there is no root to quote. */
export interface EvidenceFileProblem {
  /** As listed in the manifest's `evidence`. */
  path: string;
  /** `name-taken`: a packet writes a file of its own under that name. */
  problem: 'missing' | 'hash-mismatch' | 'outside-workspace' | 'unreadable' | 'expired' | 'name-taken';
  message: string;
  /** The entry's `path` (its `sha256` on a hash mismatch). */
  range: Range;
}

/**
 * The `evidence root` `isccc packet` prints for the manifest: SHA-256 of the canonical index of the manifest and
 * every listed document (path, size, SHA-256), computed from the editor's text and the files on disk now.
 */
export type EvidenceRoot =
  /** `files`: the manifest and its evidence documents; `unsaved`: the root of the editor's text, which the file does not hold yet. */
  | { state: 'ready'; root: string; files: number; bytes: number; unsaved: boolean }
  | { state: 'unusable'; problems: EvidenceFileProblem[] }
  /** Being computed (files are hashed off the request path); clients that allow it are asked to refresh code lenses when done. */
  | { state: 'pending' }
  | { state: 'unavailable'; reason: 'input-problems' | 'not-on-disk' | 'failed'; message: string };

export const EvidenceRootRequest = new RequestType<DocumentParams, EvidenceRoot | null, void>('isccc/evidenceRoot');

/**
 * Node options a client starts the server with (`node --optimize-for-size …/server.js --stdio`). After 200
 * manifests the server holds about 22 MB of live objects, yet without the option V8 let its heaps grow to 165 MB
 * of RSS before collecting; with it 114 MB, at an edit latency the same within the noise (`npm run bench`). A
 * server started without them sets them itself as it starts, which gets most of that (the young generation is
 * sized before any code runs).
 */
export const SERVER_NODE_OPTIONS: readonly string[] = ['--optimize-for-size'];
