/**
 * The same handlers as job workers of a Zeebe cluster (zeebe-node over gRPC): one worker per task type.
 * The adapter only moves variables and maps outcomes — decision → CompleteJob, BusinessRuleError →
 * ThrowError with its `ISCCC_<clause>` code and `reason`, anything else → FailJob with one retry fewer
 * (an incident once none are left) — and closes the workers on shutdown.
 */
import type { Decision, JobContext, PublishedMessage, TaskHandler, Variables } from '../../handlers/contract.js';
import { isBusinessRuleError } from '../../handlers/contract.js';
import { HANDLERS } from '../../handlers/registry.js';

/** The part of zeebe-node's ZBClient the adapter uses (so a caller may pass a configured client). */
export interface ZeebeClient {
  createWorker(config: {
    taskType: string;
    taskHandler: (job: ZeebeJob) => Promise<unknown>;
    maxJobsToActivate?: number;
    pollInterval?: number;
    timeout?: number;
  }): { close(timeout?: number): Promise<unknown> };
  publishMessage(request: { name: string; correlationKey: string; messageId?: string; timeToLive: number; variables: Variables }): Promise<unknown>;
}

export interface ZeebeJob {
  key: string;
  type: string;
  retries: number;
  variables: Variables;
  customHeaders: Record<string, unknown>;
  complete(variables?: Variables): Promise<unknown>;
  error(error: { errorCode: string; errorMessage?: string; variables: Variables }): Promise<unknown>;
  fail(failure: { errorMessage: string; retries?: number }): Promise<unknown>;
}

export interface ZeebeWorkersOptions {
  client: ZeebeClient;
  handlers?: Readonly<Record<string, TaskHandler>>;
  /** Task types to serve; all handlers by default. */
  types?: string[];
  /** Wall clock by default; a handler's `now`. */
  now?: () => Date;
  /** How long a published message waits for its subscription; also how long its id stays unique. */
  messageTtlMs?: number;
  pollIntervalMs?: number;
  onDecision?: (type: string, jobKey: string, decision: Decision) => void;
}

/** gRPC status ALREADY_EXISTS: a message with this id is still buffered, i.e. it was published already. */
const ALREADY_EXISTS = 6;

export function startZeebeWorkers(options: ZeebeWorkersOptions): { close(): Promise<void> } {
  const handlers = options.handlers ?? HANDLERS;
  const now = options.now ?? (() => new Date());
  const ttl = options.messageTtlMs ?? 3_600_000;
  const publish = async (message: PublishedMessage): Promise<void> => {
    try {
      await options.client.publishMessage({
        name: message.name,
        correlationKey: message.correlationKey ?? '',
        ...(message.messageId !== undefined && { messageId: message.messageId }),
        timeToLive: ttl,
        variables: message.variables,
      });
    } catch (error) {
      if ((error as { code?: number }).code !== ALREADY_EXISTS) throw error;
    }
  };

  const workers = (options.types ?? Object.keys(handlers)).map((type) => {
    const handler = handlers[type];
    if (!handler) throw new Error(`no handler for job type "${type}"`);
    return options.client.createWorker({
      taskType: type,
      ...(options.pollIntervalMs !== undefined && { pollInterval: options.pollIntervalMs }),
      taskHandler: async (job) => {
        const context: JobContext = {
          type,
          now: now(),
          retries: job.retries - 1,
          headers: Object.fromEntries(Object.entries(job.customHeaders ?? {}).map(([k, v]) => [k, String(v)])),
          publishMessage: publish,
        };
        try {
          const result = await handler(job.variables, context);
          options.onDecision?.(type, job.key, result.decision);
          return await job.complete(result.variables);
        } catch (error) {
          if (isBusinessRuleError(error)) return await job.error({ errorCode: error.code, errorMessage: error.message, variables: error.variables });
          return await job.fail({ errorMessage: (error as Error).message, retries: Math.max(0, job.retries - 1) });
        }
      },
    });
  });

  return {
    async close() {
      await Promise.all(workers.map((w) => w.close()));
    },
  };
}
