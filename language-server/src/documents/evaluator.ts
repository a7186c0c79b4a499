/**
 * Manifest evaluation off the request path: one worker thread (the server's own entry module, started in its
 * evaluation role) takes jobs one at a time. A job answers its evaluation first and, for a manifest on disk, its
 * evidence root after it; the next job starts once both are in. A newer edit of a document cancels its job
 * (queued: dropped; running: its flag is raised and the checks still to run stop at once). A job past its deadline
 * is told to stop the same way, and a thread that still does not answer is replaced. Where no thread can be
 * started the job runs in this thread, bounded by the same deadline.
 */
import { Worker } from 'node:worker_threads';
import { CANCELLED, type Evaluation, OUT_OF_TIME, type Rule } from '@isccc/rules';
import { answer, type EvaluationAnswer, type EvaluationJob, type EvidenceAnswer } from './evaluation-thread.js';
import type { EvidenceRootState } from './evidence-root.js';

/**
 * An evaluation or why there is none; for a manifest on disk, its evidence root to come (none when the job was
 * cancelled before it was made, a failure when the thread stopped first).
 */
export type EvaluationResult =
  (({ evaluation: Evaluation } | { failure: string }) & { evidence?: Promise<EvidenceRootState | undefined> }) | { cancelled: true };

export type EvaluationRequest = Omit<EvaluationJob, 'id' | 'cancel' | 'deadlineMs' | 'workspaceRules'> & { workspaceRules: Rule[] };

/** Marks the worker thread's environment: the server entry starts the evaluation thread instead of a server. */
export const EVALUATION_THREAD = 'isccc-evaluation-thread';

/** How long one manifest's evaluation may take before it is stopped (far above any real rulebook's need). */
export const DEADLINE_MS = 10_000;
/** After the stop signal, how long the thread has to answer before it is replaced. */
const GRACE_MS = 3_000;

interface Pending {
  job: EvaluationJob;
  resolve: (result: EvaluationResult) => void;
  timer?: NodeJS.Timeout;
  /** Set once the evaluation is delivered and its evidence root is still to come. */
  evidence?: (state: EvidenceRootState | undefined) => void;
}

export class Evaluator {
  private worker: Worker | undefined;
  private workerGeneration = -1;
  private nextId = 1;
  private queue: Pending[] = [];
  private running: Pending | undefined;
  private failed = false;

  /** @param entry the module a worker thread runs (the server entry); none: evaluate in this thread. */
  constructor(
    private readonly entry: string | URL | undefined,
    private readonly log: (where: string, error: unknown) => void,
    readonly deadlineMs = DEADLINE_MS,
  ) {}

  /** Evaluates a manifest; a newer request for the same document makes this one resolve as cancelled. */
  evaluate(request: EvaluationRequest): Promise<EvaluationResult> {
    this.cancel(request.uri);
    return new Promise((resolve) => {
      const job: EvaluationJob = { ...request, id: this.nextId++, cancel: new SharedArrayBuffer(4), deadlineMs: this.deadlineMs };
      this.queue.push({ job, resolve });
      this.pump();
    });
  }

  /** Drops a queued job of the document and stops its running one. */
  cancel(uri: string): void {
    for (const pending of this.queue.filter((p) => p.job.uri === uri)) pending.resolve({ cancelled: true });
    this.queue = this.queue.filter((p) => p.job.uri !== uri);
    if (this.running?.job.uri === uri) Atomics.store(new Int32Array(this.running.job.cancel), 0, CANCELLED);
  }

  dispose(): void {
    for (const pending of this.queue) pending.resolve({ cancelled: true });
    this.queue = [];
    void this.worker?.terminate();
    this.worker = undefined;
  }

  private pump(): void {
    if (this.running || this.queue.length === 0) return;
    const pending = this.queue.shift()!;
    this.running = pending;
    const worker = this.thread();
    if (!worker) {
      // In this thread: the deadline is the evaluation's own (no timer can interrupt it here).
      answer(pending.job, (message) => this.answered(pending, message));
      return;
    }
    const { job } = pending;
    const sent: EvaluationJob = job.generation === this.workerGeneration ? { ...job, workspaceRules: undefined } : job;
    this.workerGeneration = job.generation;
    pending.timer = setTimeout(() => {
      Atomics.store(new Int32Array(job.cancel), 0, OUT_OF_TIME);
      pending.timer = setTimeout(() => {
        this.log('evaluation', new Error(`no answer ${(this.deadlineMs + GRACE_MS) / 1000} s after ${job.uri} was sent: the evaluation thread is replaced`));
        this.replace();
        this.settle(pending, { failure: `the evaluation took longer than ${this.deadlineMs / 1000} s and was stopped` });
      }, GRACE_MS);
    }, this.deadlineMs);
    worker.postMessage(sent);
  }

  /** An answer of the running job: its evaluation (the root may follow), or its evidence root. */
  private answered(pending: Pending, message: EvaluationAnswer | EvidenceAnswer): void {
    if ('evaluation' in message || 'failure' in message) {
      if (!pending.job.evidenceOf) return this.settle(pending, fromAnswer(message));
      const evidence = new Promise<EvidenceRootState | undefined>((resolve) => (pending.evidence = resolve));
      this.deliver(pending, { ...fromAnswer(message), evidence });
    } else if (pending.evidence) {
      this.finish(pending, () => pending.evidence!(message.evidence));
    } else {
      this.settle(pending, { failure: 'the evaluation thread answered an evidence root before the evaluation' });
    }
  }

  private deliver(pending: Pending, result: EvaluationResult): void {
    const cancelled = Atomics.load(new Int32Array(pending.job.cancel), 0) === CANCELLED;
    pending.resolve(cancelled ? { cancelled: true } : result);
  }

  /** The job ends with `result`; when its evaluation was delivered already, a failure stands for the root it did not get. */
  private settle(pending: Pending, result: EvaluationResult): void {
    this.finish(pending, () => {
      if (!pending.evidence) this.deliver(pending, result);
      else pending.evidence('failure' in result ? { failure: result.failure } : undefined);
    });
  }

  private finish(pending: Pending, resolve: () => void): void {
    clearTimeout(pending.timer);
    if (this.running === pending) this.running = undefined;
    resolve();
    this.pump();
  }

  private thread(): Worker | undefined {
    if (this.worker || this.failed || !this.entry) return this.worker;
    try {
      const worker = new Worker(this.entry, {
        workerData: { role: EVALUATION_THREAD },
        argv: [],
        // The rule budget keeps far below this; past it the thread ends with an error (and is replaced), not the server.
        resourceLimits: { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 4 },
        // The parent's stdout is the LSP channel: nothing of the thread's may reach it.
        stdout: true,
        stderr: true,
      });
      worker.stdout.resume();
      worker.stderr.on('data', (chunk: Buffer) => this.log('evaluation thread', chunk.toString()));
      worker.on('message', (message: EvaluationAnswer | EvidenceAnswer) => {
        if (this.running?.job.id === message.id) this.answered(this.running, message);
      });
      worker.on('error', (error) => {
        this.log('evaluation thread', error);
        const running = this.running;
        this.replace();
        if (running) this.settle(running, { failure: `the evaluation thread stopped: ${error.message}` });
      });
      worker.unref();
      this.worker = worker;
      this.workerGeneration = -1;
      return worker;
    } catch (error) {
      this.log('evaluation thread', error);
      this.failed = true;
      return undefined;
    }
  }

  private replace(): void {
    const worker = this.worker;
    this.worker = undefined;
    this.workerGeneration = -1;
    void worker?.terminate();
  }
}

function fromAnswer(message: EvaluationAnswer): { evaluation: Evaluation } | { failure: string } {
  return 'evaluation' in message ? { evaluation: message.evaluation } : { failure: message.failure };
}
