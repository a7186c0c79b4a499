/**
 * The same handlers as Camunda 7 external-task workers (camunda-external-task-client-js): one topic
 * subscription per task type, topic = the Zeebe job type (the generated models in
 * `bpmn/generated/camunda7/` use it as `camunda:topic`). Like the Zeebe adapter it only moves variables and
 * maps outcomes: a decision → complete with its variables, a `BusinessRuleError` → `handleBpmnError` with its
 * `ISCCC_<clause>` code, clause-labelled message and `reason`, anything else → `handleFailure` with one retry
 * fewer (an incident at 0) — and stops polling on close.
 *
 * Camunda 7 specifics kept here, not in the handlers:
 * - Variables: JSON objects and arrays go as `Json` (Spin) variables and come back as plain JSON.
 * - Headers: the task's extension properties (`camunda:properties`: the Zeebe task headers and `clause`).
 * - Retries: a fresh external task has none (null); it gets {@link EXTERNAL_TASK_RETRIES} attempts, as the
 *   Zeebe models' `retries="3"`.
 * - Parallel multi-instance completions touch the same rows (the output collection, the instance
 *   counters), so a complete refused with an OptimisticLockingException is sent again.
 * - Messages: Camunda 7 does not buffer messages and has no message ids. A message with a correlation key
 *   is correlated on the process variable the contract names (`correlationKey: "=certificateNumber"`); a
 *   start message gets its message id as business key, and is not sent again when an instance with that
 *   business key exists (so a retried `isccc.lifecycle-start` starts no second lifecycle).
 */
import { Client, Variables as TaskVariables } from 'camunda-external-task-client-js';
import { MESSAGES } from '@isccc/bpmn';
import type { Decision, JobContext, PublishedMessage, TaskHandler, Variables } from '../../handlers/contract.js';
import { isBusinessRuleError } from '../../handlers/contract.js';
import { HANDLERS } from '../../handlers/registry.js';
import { EngineRest, EngineRestError, typedVariables } from './rest.js';

/** Attempts per external task, as `retries="3"` on every `zeebe:taskDefinition` of the models. */
export const EXTERNAL_TASK_RETRIES = 3;

export interface Camunda7WorkersOptions {
  /** `http://host:port/engine-rest` */
  baseUrl: string;
  handlers?: Readonly<Record<string, TaskHandler>>;
  /** Task types (topics) to serve; all handlers by default. */
  types?: string[];
  /** Wall clock by default; a handler's `now`. */
  now?: () => Date;
  workerId?: string;
  /** Poll interval (ms); the client's default is 300. */
  intervalMs?: number;
  /** Long polling: how long a fetch waits for tasks (ms). */
  asyncResponseTimeoutMs?: number;
  lockDurationMs?: number;
  /** How long a failed task waits before it is fetched again (ms). */
  retryTimeoutMs?: number;
  onDecision?: (type: string, taskId: string, decision: Decision) => void;
  /** A complete / bpmnError / failure call the engine refused (after the optimistic-locking retries). */
  onError?: (type: string, taskId: string, error: Error) => void;
}

interface ExternalTask {
  id: string;
  topicName: string;
  retries: number | null;
  processInstanceId: string;
  extensionProperties?: Record<string, string>;
  variables: { getAll(): Variables };
}

interface TaskService {
  complete(task: ExternalTask, variables?: unknown, localVariables?: unknown): Promise<void>;
  handleBpmnError(task: ExternalTask, errorCode: string, errorMessage?: string, variables?: unknown): Promise<void>;
  handleFailure(task: ExternalTask, options: { errorMessage: string; errorDetails?: string; retries: number; retryTimeout: number }): Promise<void>;
}

const OPTIMISTIC_LOCKING = /OptimisticLockingException/;

function taskVariables(variables: Variables): unknown {
  const v = new TaskVariables();
  for (const [key, value] of Object.entries(variables)) if (value !== undefined) v.set(key, value);
  return v;
}

export function startCamunda7Workers(options: Camunda7WorkersOptions): { close(): Promise<void> } {
  const handlers = options.handlers ?? HANDLERS;
  const now = options.now ?? (() => new Date());
  const rest = new EngineRest(options.baseUrl);
  const publish = (message: PublishedMessage): Promise<void> => publishMessage(rest, message);

  const client = new Client({
    baseUrl: options.baseUrl,
    workerId: options.workerId ?? `isccc-workers-${process.pid}`,
    autoPoll: false,
    ...(options.intervalMs !== undefined && { interval: options.intervalMs }),
    ...(options.asyncResponseTimeoutMs !== undefined && { asyncResponseTimeout: options.asyncResponseTimeoutMs }),
    ...(options.lockDurationMs !== undefined && { lockDuration: options.lockDurationMs }),
  });

  const types = options.types ?? Object.keys(handlers);
  for (const type of types) {
    const handler = handlers[type];
    if (!handler) throw new Error(`no handler for task type (topic) "${type}"`);
    client.subscribe(type, { includeExtensionProperties: true }, async ({ task, taskService }: { task: ExternalTask; taskService: TaskService }) => {
      const left = (task.retries ?? EXTERNAL_TASK_RETRIES) - 1;
      const context: JobContext = { type, now: now(), retries: Math.max(0, left), headers: { ...(task.extensionProperties ?? {}) }, publishMessage: publish };
      const settle = async (call: () => Promise<void>): Promise<void> => {
        for (let attempt = 1; ; attempt++) {
          try {
            return await call();
          } catch (error) {
            if (attempt < 10 && OPTIMISTIC_LOCKING.test((error as Error).message)) continue;
            options.onError?.(type, task.id, error as Error);
            return;
          }
        }
      };
      try {
        const result = await handler(task.variables.getAll(), context);
        options.onDecision?.(type, task.id, result.decision);
        await settle(() => taskService.complete(task, taskVariables(result.variables)));
      } catch (error) {
        if (isBusinessRuleError(error)) {
          await settle(() => taskService.handleBpmnError(task, error.code, error.message, taskVariables(error.variables)));
        } else {
          const err = error as Error;
          await settle(() =>
            taskService.handleFailure(task, {
              errorMessage: err.message.slice(0, 600),
              ...(err.stack !== undefined && { errorDetails: err.stack }),
              retries: Math.max(0, left),
              retryTimeout: options.retryTimeoutMs ?? 1_000,
            }),
          );
        }
      }
    });
  }
  client.start();

  return {
    close() {
      client.stop();
      return Promise.resolve();
    },
  };
}

/** Correlation variables a message may correlate on, from the contract (`=certificateNumber` → certificateNumber). */
function correlationVariables(name: string): string[] {
  const keys = MESSAGES.filter((m) => m.name === name).map((m) => ('correlationKey' in m ? m.correlationKey.replace(/^=/, '') : undefined));
  return [...new Set(keys.filter((k): k is string => k !== undefined))];
}

/** Publishes a contract message to a Camunda 7 engine (see the module comment for ids and correlation). */
export async function publishMessage(rest: EngineRest, message: PublishedMessage): Promise<void> {
  const processVariables = typedVariables(message.variables);
  const candidates = correlationVariables(message.name);
  if (message.correlationKey === undefined || message.correlationKey === '' || candidates.length === 0) {
    if (message.messageId !== undefined) {
      const existing = await rest.call<unknown[]>('GET', `/history/process-instance?processInstanceBusinessKey=${encodeURIComponent(message.messageId)}`);
      if (existing.length > 0) return;
    }
    await rest.call('POST', '/message', {
      messageName: message.name,
      ...(message.messageId !== undefined && { businessKey: message.messageId }),
      processVariables,
    });
    return;
  }
  let last: Error | undefined;
  for (const variable of candidates) {
    try {
      await rest.call('POST', '/message', {
        messageName: message.name,
        correlationKeys: { [variable]: { value: message.correlationKey, type: 'String' } },
        processVariables,
      });
      return;
    } catch (error) {
      if (!(error instanceof EngineRestError) || error.status !== 400) throw error;
      last = error;
    }
  }
  throw last!;
}
