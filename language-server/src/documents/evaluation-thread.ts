/**
 * The server's evaluation thread: runs the rulebook over a manifest off the request path, with the rule budget,
 * the job's cancellation flag (a newer edit) and its deadline. It keeps, per document, what the last evaluation
 * found (facts and outcomes), so an edit re-runs only the checks whose facts it changed; and per rulebook
 * generation, the workspace's rules over the shipped ones (each check compiled once). With the evaluation it
 * computes the manifest's evidence root (it reads the same evidence files, whose digests the evaluation just made).
 */
import {
  CANCELLED,
  type Evaluation,
  evaluate,
  EvaluationMemo,
  loadCatalog,
  loadRulebook,
  localDocsBase,
  type Manifest,
  overlayRulebook,
  type Rule,
  type Rulebook,
  type Target,
} from '@isccc/rules';
import { evidenceRootOf, type EvidenceRootState } from './evidence-root.js';

export interface EvaluationJob {
  id: number;
  uri: string;
  manifest: Manifest;
  target?: Partial<Target>;
  asOf?: string;
  workspaceDir?: string;
  /** A manifest on disk: its file and the editor's text of it, for the evidence root. */
  evidenceOf?: { file: string; text: string };
  generation: number;
  /** The workspace rules in force for `generation`, sent when the thread has not seen that generation yet. */
  workspaceRules?: Rule[];
  /** Int32 flag: `CANCELLED` or `OUT_OF_TIME` of @isccc/rules. */
  cancel: SharedArrayBuffer;
  deadlineMs: number;
}

const catalog = loadCatalog();
const shipped = loadRulebook(catalog.edition);
const docsBase = localDocsBase();
let generation = -1;
let rulebook: Rulebook = shipped;
/** Documents' memos, the most recently evaluated last; bounded so a long session does not grow without end. */
const memos = new Map<string, EvaluationMemo>();
const MAX_MEMOS = 64;

export type EvaluationAnswer = ({ id: number; evaluation: Evaluation } | { id: number; failure: string }) & { evidence?: EvidenceRootState };

export function answer(job: EvaluationJob): EvaluationAnswer {
  const answered = evaluateJob(job);
  // A cancelled job's answer is dropped: no file is read for it.
  if (!job.evidenceOf || Atomics.load(new Int32Array(job.cancel), 0) === CANCELLED) return answered;
  return { ...answered, evidence: evidenceRootOf(job.manifest, job.evidenceOf.file, job.evidenceOf.text) };
}

function evaluateJob(job: EvaluationJob): EvaluationAnswer {
  try {
    if (job.generation !== generation) {
      rulebook = job.workspaceRules ? overlayRulebook(shipped, { edition: shipped.edition, rules: job.workspaceRules, files: [] }) : shipped;
      generation = job.generation;
    }
    let memo = memos.get(job.uri);
    memos.delete(job.uri);
    memo ??= new EvaluationMemo();
    memos.set(job.uri, memo);
    if (memos.size > MAX_MEMOS) memos.delete(memos.keys().next().value!);
    const evaluation = evaluate({
      manifest: job.manifest,
      catalog,
      rulebook,
      ...(job.target ? { target: job.target } : {}),
      ...(job.asOf ? { asOf: job.asOf } : {}),
      ...(job.workspaceDir ? { workspaceDir: job.workspaceDir } : {}),
      docsBase,
      memo,
      cancel: new Int32Array(job.cancel),
      deadlineMs: job.deadlineMs,
    });
    return { id: job.id, evaluation };
  } catch (error) {
    return { id: job.id, failure: error instanceof Error ? error.message : String(error) };
  }
}
