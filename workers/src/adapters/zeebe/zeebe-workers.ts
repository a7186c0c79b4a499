/**
 * The handlers as Zeebe job workers over the gateway's gRPC API (`@camunda8/sdk`'s ZeebeGrpcClient): one
 * activation loop per job type, sized by the contract's {@link JOB_WORKERS} (fetchVariables, timeout, capacity).
 * The adapter only moves variables and maps outcomes — decision → CompleteJob, BusinessRuleError → ThrowError
 * with its `ISCCC_<clause>` code and `reason`, anything else → FailJob with one retry fewer and an exponential
 * retry back-off (Zeebe raises the incident at 0, with a message naming the clause and the cause).
 */
import { clauseLabel, jobWorkerSpec, MESSAGE_TTL, taskTypeSpec } from '@isccc/bpmn';
import { addDuration } from '@isccc/rules/vocabulary';
import type { JobContext, PublishedMessage, TaskHandler, Variables } from '../../handlers/contract.js';
import { isBusinessRuleError } from '../../handlers/contract.js';
import { HANDLERS } from '../../handlers/registry.js';
import { JobLoop, type ActivatedJob, type JobSource } from './job-loop.js';

/** The part of `@camunda8/sdk`'s ZeebeGrpcClient the adapter uses (commands; activation goes through {@link JobSource}). */
export interface ZeebeCommands {
  completeJob(request: { jobKey: string; variables: Variables }): Promise<unknown>;
  failJob(request: { jobKey: string; retries: number; errorMessage: string; retryBackOff: number }): Promise<unknown>;
  throwError(request: { jobKey: string; errorCode: string; errorMessage: string; variables: Variables }): Promise<unknown>;
  publishMessage(request: { name: string; correlationKey: string; messageId?: string; timeToLive: number; variables: Variables }): Promise<unknown>;
}

export type JobOutcome = 'completed' | 'bpmn-error' | 'failed' | 'dropped';

/** One handled job, as logs and metrics see it. */
export interface JobRecord {
  jobKey: string;
  type: string;
  processInstanceKey: string;
  elementId: string;
  clause: string;
  outcome: JobOutcome;
  durationMs: number;
  errorCode?: string;
  retriesLeft?: number;
  message?: string;
}

export interface RetryBackOff {
  /** Back-off after the first failure; doubled after each further one. */
  initialMs: number;
  maxMs: number;
}

export interface ZeebeWorkersOptions {
  /** Activates jobs (long polling, and job streaming where the gateway offers it). */
  source: JobSource;
  /** Completes, fails, throws errors, publishes messages. */
  commands: ZeebeCommands;
  handlers?: Readonly<Record<string, TaskHandler>>;
  /** Job types to serve (contract types with job-worker settings); all of {@link JOB_TYPES} by default. */
  types: readonly string[];
  /** Worker name the gateway records on each activated job. */
  worker?: string;
  /** Overrides the contract's capacity of every type. */
  maxJobsActive?: number;
  retryBackOff?: RetryBackOff;
  /** How long a published message waits for its subscription; also how long its id stays unique. */
  messageTtlMs?: number;
  onJob?: (record: JobRecord) => void;
  onActivated?: (type: string, count: number) => void;
  onConnection?: (connected: boolean, error?: Error) => void;
  /** A job whose answer could not be sent (the gateway stayed away): Zeebe hands it out again after its timeout. */
  onLost?: (type: string, jobKey: string, error: unknown) => void;
  longPollMs?: number;
}

/** gRPC status codes the adapter reads. */
const ALREADY_EXISTS = 6;
const NOT_FOUND = 5;

export const DEFAULT_RETRY_BACKOFF: RetryBackOff = { initialMs: 1_000, maxMs: 300_000 };

/** Zeebe's retries when the model sets none; the attempt number of a failure is counted from it. */
const MODEL_RETRIES = 3;

export function retryBackOffMs(retriesBefore: number, backOff: RetryBackOff): number {
  const attempt = Math.max(0, MODEL_RETRIES - retriesBefore);
  return Math.min(backOff.maxMs, backOff.initialMs * 2 ** attempt);
}

export interface ZeebeWorkers {
  /** Stops activating, lets the jobs in hand finish (at most `timeoutMs`), and resolves with how many were left unfinished. */
  drain(timeoutMs: number): Promise<number>;
  readonly connected: boolean;
  readonly inFlight: number;
}

export function startZeebeWorkers(options: ZeebeWorkersOptions): ZeebeWorkers {
  const handlers = options.handlers ?? HANDLERS;
  const backOff = options.retryBackOff ?? DEFAULT_RETRY_BACKOFF;
  const ttl = options.messageTtlMs ?? durationMs(MESSAGE_TTL);
  const publish = async (message: PublishedMessage): Promise<void> => {
    try {
      await options.commands.publishMessage({
        name: message.name,
        correlationKey: message.correlationKey ?? '',
        ...(message.messageId !== undefined && { messageId: message.messageId }),
        timeToLive: ttl,
        variables: message.variables,
      });
    } catch (error) {
      // A message with this id is still buffered: it was published already (a retried job publishes once).
      if (grpcCode(error) !== ALREADY_EXISTS) throw error;
    }
  };

  const loops = options.types.map((type) => {
    const handler = handlers[type];
    const spec = jobWorkerSpec(type);
    if (!handler || !spec) throw new Error(`no handler or job-worker settings for job type "${type}" in the contract`);
    const timeoutMs = durationMs(spec.timeout);
    const clause = taskTypeSpec(type)?.clauses[0] ?? '6';
    const work = async (job: ActivatedJob): Promise<void> => {
      const started = performance.now();
      const record = (outcome: JobOutcome, extra: Partial<JobRecord> = {}): void =>
        options.onJob?.({
          jobKey: job.key,
          type,
          processInstanceKey: job.processInstanceKey,
          elementId: job.elementId,
          clause,
          outcome,
          durationMs: performance.now() - started,
          ...extra,
        });
      const context: JobContext = {
        type,
        now: activatedAt(job, timeoutMs),
        retries: job.retries - 1,
        headers: Object.fromEntries(Object.entries(job.customHeaders ?? {}).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)])),
        publishMessage: publish,
      };
      try {
        let result;
        try {
          result = await handler(job.variables, context);
        } catch (error) {
          if (isBusinessRuleError(error)) {
            await options.commands.throwError({ jobKey: job.key, errorCode: error.code, errorMessage: error.message, variables: error.variables });
            record('bpmn-error', { errorCode: error.code });
            return;
          }
          const retries = Math.max(0, job.retries - 1);
          const message = `${clauseLabel(clause)} ${type}: ${(error as Error).message}`;
          await options.commands.failJob({
            jobKey: job.key,
            retries,
            errorMessage: message,
            retryBackOff: retries > 0 ? retryBackOffMs(job.retries, backOff) : 0,
          });
          record('failed', { retriesLeft: retries, message });
          return;
        }
        await options.commands.completeJob({ jobKey: job.key, variables: result.variables });
        record('completed');
      } catch (error) {
        // The job timed out and went to another worker, or its element was left: Zeebe answers NOT_FOUND. The
        // other worker's answer counts; retrying this one would never succeed.
        if (grpcCode(error) === NOT_FOUND) record('dropped', { message: (error as Error).message });
        else throw error;
      }
    };
    return new JobLoop({
      source: options.source,
      type,
      worker: options.worker ?? 'isccc-worker',
      timeoutMs,
      fetchVariables: spec.fetchVariables,
      maxJobsActive: options.maxJobsActive ?? spec.maxJobsActive,
      work,
      ...(options.longPollMs !== undefined && { longPollMs: options.longPollMs }),
      ...(options.onActivated && { onActivated: (count: number) => options.onActivated!(type, count) }),
      onWorkError: (job, error) => options.onLost?.(type, job.key, error),
    });
  });

  let connected = false;
  const connectivity = (up: boolean, error?: Error): void => {
    if (up === connected) return;
    connected = up;
    options.onConnection?.(up, error);
  };
  for (const loop of loops) loop.start(connectivity);

  return {
    get connected() {
      return connected;
    },
    get inFlight() {
      return loops.reduce((n, l) => n + l.inFlight, 0);
    },
    async drain(timeoutMs) {
      const draining = loops.map((l) => l.drain(timeoutMs));
      await options.source.close();
      const left = await Promise.all(draining);
      return left.reduce((a, b) => a + b, 0);
    },
  };
}

/**
 * A handler's `now`: when the broker activated the job (its deadline less the job timeout), so every worker of a
 * cluster dates a decision by the broker's clock rather than its own; wall time if the deadline is unreadable.
 */
function activatedAt(job: ActivatedJob, timeoutMs: number): Date {
  const deadline = Number(job.deadline);
  return Number.isFinite(deadline) && deadline > timeoutMs ? new Date(deadline - timeoutMs) : new Date();
}

/** An ISO duration of days, hours, minutes or seconds, in milliseconds. */
export function durationMs(iso: string): number {
  return addDuration(new Date(0), iso).getTime();
}

export function grpcCode(error: unknown): number | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'number' ? code : undefined;
}
