/**
 * `@camunda8/sdk`'s ZeebeGrpcClient, configured zero-conf from the environment the Camunda SDKs read
 * (ZEEBE_GRPC_ADDRESS, CAMUNDA_AUTH_STRATEGY, ZEEBE_CLIENT_ID/SECRET, CAMUNDA_OAUTH_URL, ZEEBE_TOKEN_AUDIENCE,
 * CAMUNDA_TENANT_ID, CAMUNDA_CUSTOM_ROOT_CERT_PATH…). Two clients: one activates jobs, so that closing it on
 * shutdown cancels the pending long polls and streams at once, and one answers jobs and publishes messages,
 * which stays open while the jobs in hand finish.
 */
import { Zeebe } from '@camunda8/sdk';
import type { ActivatedJob, JobSource } from './job-loop.js';
import type { ZeebeCommands } from './zeebe-workers.js';

type Client = InstanceType<typeof Zeebe.ZeebeGrpcClient>;

/** The SDK logs to stdout; unless its own variables say otherwise it logs only errors, as JSON, beside ours. */
function sdkLogSettings(): Record<string, string> {
  return {
    ...(process.env.ZEEBE_CLIENT_LOG_LEVEL === undefined && { ZEEBE_CLIENT_LOG_LEVEL: 'ERROR' }),
    ...(process.env.ZEEBE_CLIENT_LOG_TYPE === undefined && { ZEEBE_CLIENT_LOG_TYPE: 'JSON' }),
  };
}

/** SDK settings given in code; they win over the environment (the SDK reads it once, when it is loaded). */
export type SdkSettings = Record<string, string | number | boolean>;

/** A client from the environment; `retry: false` makes calls fail at once while the gateway is away. */
export function zeebeClientFromEnvironment(options: { retry?: boolean; settings?: SdkSettings } = {}): Client {
  return new Zeebe.ZeebeGrpcClient({
    config: {
      ...options.settings,
      zeebeGrpcSettings: { ...sdkLogSettings(), ...(options.retry === false && { ZEEBE_GRPC_CLIENT_RETRY: false }) },
    },
  });
}

export interface GatewayConnection {
  source: JobSource;
  commands: ZeebeCommands;
  close(): Promise<void>;
}

export function connectToGateway(options: { stream: boolean; settings?: SdkSettings }): GatewayConnection {
  // Failing fast lets the activation loop own reconnection (its back-off, its readiness); answers are retried
  // by the SDK while the gateway is away, so a job finished during an outage is still reported when it returns.
  const activation = zeebeClientFromEnvironment({ retry: false, ...(options.settings && { settings: options.settings }) });
  const commands = zeebeClientFromEnvironment(options.settings ? { settings: options.settings } : {});
  const asJob = (job: unknown): ActivatedJob => job as ActivatedJob;
  const source: JobSource = {
    async probe() {
      const topology = await activation.topology();
      return { gatewayVersion: topology.gatewayVersion };
    },
    async activate(request) {
      const jobs = await activation.activateJobs({
        type: request.type,
        worker: request.worker,
        timeout: request.timeoutMs,
        maxJobsToActivate: request.maxJobs,
        requestTimeout: request.requestTimeoutMs,
        fetchVariable: [...request.fetchVariables],
      });
      return jobs.map(asJob);
    },
    ...(options.stream && {
      async stream(request, onJob) {
        const stream = await activation.streamJobs({
          type: request.type,
          worker: request.worker,
          timeout: request.timeoutMs,
          fetchVariables: [...request.fetchVariables],
          pollMaxJobsToActivate: Math.max(1, request.backfill),
          // The activation loop long-polls already; the SDK's own recurring poll would only duplicate it.
          pollInterval: 0,
          taskHandler: (job: unknown) => {
            onJob(asJob(job));
            return Zeebe.Types.JOB_ACTION_ACKNOWLEDGEMENT;
          },
          // The tenant the SDK activates for (CAMUNDA_TENANT_ID, default `<default>`).
          tenantIds: [process.env.CAMUNDA_TENANT_ID ?? '<default>'],
        });
        return () => stream.close();
      },
    }),
    async close() {
      await activation.close();
    },
  };
  return {
    source,
    commands: commands as unknown as ZeebeCommands,
    async close() {
      await Promise.allSettled([activation.close(), commands.close()]);
    },
  };
}
