/**
 * The job workers as a service (`isccc worker`): structured JSON logs, Prometheus metrics (prom-client), and an
 * HTTP endpoint whose `/health` answers 200 only while the gateway answers, so an orchestrator routes around
 * (or restarts) a worker that lost its cluster.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { connectToGateway, type SdkSettings } from './sdk-client.js';
import { startZeebeWorkers, type JobRecord, type RetryBackOff, type ZeebeWorkers } from './zeebe-workers.js';

export interface WorkerServiceOptions {
  types: readonly string[];
  maxJobsActive?: number;
  retryBackOff?: RetryBackOff;
  stream: boolean;
  /** Port of /health and /metrics; 0 picks a free one. */
  httpPort: number;
  httpHost?: string;
  log: (entry: Record<string, unknown>) => void;
  settings?: SdkSettings;
}

export interface WorkerService {
  readonly httpPort: number;
  readonly workers: ZeebeWorkers;
  /** Stops activating, lets jobs in hand finish (bounded), closes everything; resolves with the jobs left unfinished. */
  stop(drainTimeoutMs: number): Promise<number>;
}

function metrics(registry: Registry) {
  const labelNames = ['type'] as const;
  return {
    activated: new Counter({ name: 'isccc_jobs_activated_total', help: 'Jobs activated, per job type', labelNames, registers: [registry] }),
    completed: new Counter({ name: 'isccc_jobs_completed_total', help: 'Jobs completed, per job type', labelNames, registers: [registry] }),
    failed: new Counter({ name: 'isccc_jobs_failed_total', help: 'Jobs failed (technical errors), per job type', labelNames, registers: [registry] }),
    bpmnErrors: new Counter({
      name: 'isccc_jobs_bpmn_errors_total',
      help: 'Jobs ended with a BPMN error (business-rule failure), per job type and code',
      labelNames: ['type', 'code'] as const,
      registers: [registry],
    }),
    dropped: new Counter({
      name: 'isccc_jobs_dropped_total',
      help: 'Answers refused with NOT_FOUND (job timed out or element left)',
      labelNames,
      registers: [registry],
    }),
    latency: new Histogram({
      name: 'isccc_job_handler_duration_seconds',
      help: 'Time from activation to the answer sent, per job type',
      labelNames,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    }),
    connected: new Gauge({ name: 'isccc_gateway_connected', help: '1 while the Zeebe gateway answers', registers: [registry] }),
  };
}

export async function startWorkerService(options: WorkerServiceOptions): Promise<WorkerService> {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const m = metrics(registry);
  const log = (level: 'info' | 'warn' | 'error', msg: string, fields: Record<string, unknown> = {}): void =>
    options.log({ time: new Date().toISOString(), level, msg, ...fields });

  const onJob = (r: JobRecord): void => {
    const labels = { type: r.type };
    if (r.outcome === 'completed') m.completed.inc(labels);
    else if (r.outcome === 'failed') m.failed.inc(labels);
    else if (r.outcome === 'bpmn-error') m.bpmnErrors.inc({ ...labels, code: r.errorCode ?? '' });
    else m.dropped.inc(labels);
    m.latency.observe(labels, r.durationMs / 1000);
    log(r.outcome === 'failed' || r.outcome === 'dropped' ? 'warn' : 'info', 'job', { ...r, durationMs: Math.round(r.durationMs * 10) / 10 });
  };

  const connection = connectToGateway({ stream: options.stream, ...(options.settings && { settings: options.settings }) });
  const workers = startZeebeWorkers({
    ...connection,
    types: options.types,
    ...(options.maxJobsActive !== undefined && { maxJobsActive: options.maxJobsActive }),
    ...(options.retryBackOff && { retryBackOff: options.retryBackOff }),
    onJob,
    onActivated: (type, count) => m.activated.inc({ type }, count),
    onConnection: (up, error) => {
      m.connected.set(up ? 1 : 0);
      if (up) log('info', 'gateway connected');
      else log('warn', 'gateway unreachable', { error: error?.message });
    },
    onLost: (type, jobKey, error) => log('error', 'job answer not delivered', { type, jobKey, error: (error as Error).message }),
  });

  const server = http.createServer((request, response) => {
    const url = request.url ?? '/';
    if (url === '/health') {
      const up = workers.connected;
      response.writeHead(up ? 200 : 503, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ status: up ? 'UP' : 'DOWN', inFlight: workers.inFlight }));
    } else if (url === '/metrics') {
      registry.metrics().then(
        (text) => {
          response.writeHead(200, { 'content-type': registry.contentType });
          response.end(text);
        },
        (error: unknown) => {
          response.writeHead(500);
          response.end((error as Error).message);
        },
      );
    } else {
      response.writeHead(404, { 'content-type': 'text/plain' });
      response.end('GET /health or /metrics\n');
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.httpPort, options.httpHost ?? '0.0.0.0', resolve);
  });
  const httpPort = (server.address() as AddressInfo).port;
  log('info', 'worker started', { types: options.types, http: httpPort, stream: options.stream });

  return {
    httpPort,
    workers,
    async stop(drainTimeoutMs) {
      const draining = workers.drain(drainTimeoutMs);
      log('info', 'draining', { inFlight: workers.inFlight, timeoutMs: drainTimeoutMs });
      const left = await draining;
      await connection.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      log(left > 0 ? 'warn' : 'info', 'worker stopped', { unfinished: left });
      return left;
    },
  };
}
