/**
 * `isccc worker`: the job workers of every service task type of the contract, against the Zeebe cluster the
 * environment names (the Camunda SDK's variables), until SIGTERM or SIGINT — then it stops activating, lets the
 * jobs in hand finish (bounded by the drain timeout), closes and exits 0.
 */
import { parseArgs } from 'node:util';
import { DEFAULT_RETRY_BACKOFF, JOB_TYPES, startWorkerService } from '@isccc/workers';
import { type Io, UsageError } from '../io.js';

export const WORKER_USAGE = `usage: isccc worker [--types a,b] [--max-jobs N] [--http-port N] [--drain-timeout MS] [--no-stream]

Serves the ISCCC-SV-001:2015 §6 job types on a Camunda 8 cluster until SIGTERM/SIGINT. The cluster comes from
the environment the Camunda SDKs read (ZEEBE_GRPC_ADDRESS, CAMUNDA_AUTH_STRATEGY, ZEEBE_CLIENT_ID, …; see
workers/README.md). Logs are JSON lines on stdout; GET /health (200 while connected, else 503) and /metrics.

  --types LIST         job types to serve (default: all ${JOB_TYPES.length} of the contract)
  --max-jobs N         jobs of one type held at once (default: per type, from the contract)
  --http-port N        port of /health and /metrics (default ISCCC_WORKER_HTTP_PORT or 9600)
  --drain-timeout MS   how long jobs in hand may finish after SIGTERM (default ISCCC_WORKER_DRAIN_TIMEOUT_MS or 30000)
  --no-stream          long polling only (default: job streaming too, unless ISCCC_WORKER_STREAM=false)

exit codes: 0 stopped by a signal after draining, 1 jobs were still unfinished at the drain timeout, 2 bad input`;

function whole(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined || text === '') return fallback;
  if (!/^\d+$/.test(text)) throw new UsageError(`${name} must be a whole number, not "${text}"`);
  return Number(text);
}

export async function workerCommand(argv: string[], io: Io, signals: NodeJS.EventEmitter = process): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      types: { type: 'string' },
      'max-jobs': { type: 'string' },
      'http-port': { type: 'string' },
      'drain-timeout': { type: 'string' },
      'no-stream': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.out(WORKER_USAGE);
    return 0;
  }
  const env = process.env;
  const types = values.types === undefined ? [...JOB_TYPES] : values.types.split(',').map((t) => t.trim());
  const unknown = types.filter((t) => !(JOB_TYPES as readonly string[]).includes(t));
  if (unknown.length > 0 || types.length === 0) {
    throw new UsageError(`--types: ${unknown.map((t) => `"${t}"`).join(', ') || 'none given'} is no job type of the contract; one of ${JOB_TYPES.join(', ')}`);
  }
  const maxJobs = values['max-jobs'] === undefined ? undefined : whole('--max-jobs', values['max-jobs'], 0);
  if (maxJobs === 0) throw new UsageError('--max-jobs must be at least 1');
  const httpPort = whole('--http-port', values['http-port'] ?? env.ISCCC_WORKER_HTTP_PORT, 9600);
  const drainTimeoutMs = whole('--drain-timeout', values['drain-timeout'] ?? env.ISCCC_WORKER_DRAIN_TIMEOUT_MS, 30_000);
  const retryBackOff = {
    initialMs: whole('ISCCC_RETRY_BACKOFF_MS', env.ISCCC_RETRY_BACKOFF_MS, DEFAULT_RETRY_BACKOFF.initialMs),
    maxMs: whole('ISCCC_RETRY_BACKOFF_MAX_MS', env.ISCCC_RETRY_BACKOFF_MAX_MS, DEFAULT_RETRY_BACKOFF.maxMs),
  };
  const stream = !values['no-stream'] && env.ISCCC_WORKER_STREAM !== 'false';

  const service = await startWorkerService({
    types,
    ...(maxJobs !== undefined && { maxJobsActive: maxJobs }),
    retryBackOff,
    stream,
    httpPort,
    log: (entry) => io.out(JSON.stringify(entry)),
  });
  const signal = await new Promise<string>((resolve) => {
    for (const name of ['SIGTERM', 'SIGINT']) signals.once(name, () => resolve(name));
  });
  io.out(JSON.stringify({ time: new Date().toISOString(), level: 'info', msg: 'signal', signal }));
  const left = await service.stop(drainTimeoutMs);
  return left > 0 ? 1 : 0;
}
