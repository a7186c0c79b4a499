/**
 * The server's evaluation thread: runs the rulebook over a manifest off the request path, with the rule budget,
 * the job's cancellation flag (a newer edit) and its deadline. It keeps, per document, what the last evaluation
 * found (facts and outcomes), so an edit re-runs only the checks whose facts it changed; and per rulebook
 * generation, the workspace's rules over the shipped ones (each check compiled once). After the evaluation, which it
 * answers first so that diagnostics never wait for it, it computes the manifest's evidence root from the evidence
 * checks the evaluation just made.
 */
import path from 'node:path';
import {
  CANCELLED,
  checkEvidenceFiles,
  type EvidenceCheck,
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

export type EvaluationAnswer = { id: number; evaluation: Evaluation } | { id: number; failure: string };
/** The second answer to a job with `evidenceOf`: the evidence root, or none when the job was cancelled before it. */
export interface EvidenceAnswer {
  id: number;
  evidence?: EvidenceRootState;
}

/** Answers a job: the evaluation, then, for a manifest on disk, its evidence root. */
export function answer(job: EvaluationJob, post: (answer: EvaluationAnswer | EvidenceAnswer) => void): void {
  const { answered, evidence } = evaluateJob(job);
  post(answered);
  if (!job.evidenceOf) return;
  // A cancelled job's root is not made: no file is read for it.
  const cancelled = Atomics.load(new Int32Array(job.cancel), 0) === CANCELLED;
  post({ id: job.id, ...(!cancelled && { evidence: evidenceRootOf(job.manifest, job.evidenceOf.file, job.evidenceOf.text, evidence) }) });
}

function evaluateJob(job: EvaluationJob): { answered: EvaluationAnswer; evidence?: EvidenceCheck[] } {
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
    // The evaluation and the evidence root read the same files in the same folder: checked once, for both.
    const shared = job.workspaceDir !== undefined && job.evidenceOf !== undefined && path.dirname(path.resolve(job.evidenceOf.file)) === job.workspaceDir;
    const evidence = shared ? checkEvidenceFiles(job.manifest.evidence, job.workspaceDir!, job.asOf ?? job.manifest.application.asOf) : undefined;
    const evaluation = evaluate({
      manifest: job.manifest,
      catalog,
      rulebook,
      ...(job.target ? { target: job.target } : {}),
      ...(job.asOf ? { asOf: job.asOf } : {}),
      ...(job.workspaceDir ? { workspaceDir: job.workspaceDir } : {}),
      ...(evidence ? { evidence } : {}),
      docsBase,
      memo,
      cancel: new Int32Array(job.cancel),
      deadlineMs: job.deadlineMs,
    });
    return { answered: { id: job.id, evaluation }, ...(evidence && { evidence }) };
  } catch (error) {
    return { answered: { id: job.id, failure: error instanceof Error ? error.message : String(error) } };
  }
}
