/**
 * The server's evaluation thread: runs the rulebook over a manifest off the request path, with the rule budget,
 * the job's cancellation flag (a newer edit) and its deadline. It keeps, per document, what the last evaluation
 * found (facts and outcomes), so an edit re-runs only the checks whose facts it changed; and per rulebook
 * generation, the workspace's rules over the shipped ones (each check compiled once).
 */
import {
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

export interface EvaluationJob {
  id: number;
  uri: string;
  manifest: Manifest;
  target?: Partial<Target>;
  asOf?: string;
  workspaceDir?: string;
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

export function answer(job: EvaluationJob): EvaluationAnswer {
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
