/**
 * `npm run bench` (workers, Zeebe side): jobs through the Zeebe adapter over real gRPC against the gateway double.
 *
 * Figures, all from this run:
 * - per-job latency (queued at the gateway → answer received, p50/p99) and jobs/s of `isccc worker` (a process)
 *   serving isccc.committee-validate, next to the baseline: a no-op handler through the same adapter, in process;
 * - whole-case throughput: the recorded job stream of the replay cases (every job type) through `isccc worker`.
 * No timing goes into a pass/fail test; this only prints.
 */
import { committeeOf } from '../src/embedded/case/events.js';
import { connectToGateway } from '../src/adapters/zeebe/sdk-client.js';
import { startZeebeWorkers } from '../src/adapters/zeebe/zeebe-workers.js';
import { recordJobStream } from '../test/support/job-recording.js';
import { startWorkerProcess } from '../test/support/worker-process.js';
import { ZeebeGatewayDouble } from '../test/support/zeebe-gateway-double.js';

const JOBS = Number(process.env.BENCH_JOBS ?? 400);
const TYPE = 'isccc.committee-validate';

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Queues `jobs` at once and waits for every answer: jobs/s and per-job latency. */
async function measure(
  gateway: ZeebeGatewayDouble,
  jobs: Array<{ type: string; variables: Record<string, unknown>; headers?: Record<string, string>; retries?: number; now?: string }>,
) {
  const start = Date.now();
  const queued = jobs.map((j) => ({
    key: gateway.queueJob({
      type: j.type,
      variables: j.variables,
      customHeaders: j.headers ?? {},
      retries: j.retries ?? 3,
      ...(j.now && { activatedAt: new Date(j.now) }),
    }),
    at: Date.now(),
  }));
  for (const q of queued) await gateway.answerFor((a) => 'jobKey' in a && a.jobKey === q.key, 300_000);
  const seconds = (Date.now() - start) / 1000;
  const latencies = queued.map((q) => gateway.answeredAt.get(q.key)! - q.at).sort((a, b) => a - b);
  return { perSecond: jobs.length / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

const line = (label: string, r: { perSecond: number; p50: number; p99: number }): string =>
  `  ${label.padEnd(58)} ${r.perSecond.toFixed(0).padStart(6)} jobs/s   p50 ${String(r.p50).padStart(5)} ms   p99 ${String(r.p99).padStart(5)} ms`;

const validate = Array.from({ length: JOBS }, () => ({ type: TYPE, variables: { committee: committeeOf(3) } }));

console.log(`workers: Zeebe adapter (@camunda8/sdk 8.8.13) over gRPC against the gateway double, node ${process.version}`);
console.log(`\n${JOBS} jobs of ${TYPE}, queued at once:`);

const baselineGateway = new ZeebeGatewayDouble();
await baselineGateway.start();
const connection = connectToGateway({ stream: true, settings: { ZEEBE_GRPC_ADDRESS: `grpc://${baselineGateway.address}` } });
const noop = startZeebeWorkers({
  ...connection,
  types: [TYPE],
  handlers: { [TYPE]: () => Promise.resolve({ variables: {}, decision: { clause: '6.5', outcome: 'noop', text: { zh: '', en: '' } } }) },
});
await measure(baselineGateway, validate.slice(0, 50));
const baseline = await measure(baselineGateway, validate);
await noop.drain(5_000);
await connection.close();
await baselineGateway.stop();

const gateway = new ZeebeGatewayDouble();
await gateway.start();
const worker = await startWorkerProcess(gateway.address);
await measure(gateway, validate.slice(0, 50));
const real = await measure(gateway, validate);
console.log(line('isccc worker (process), real handler', real));
console.log(line('baseline: no-op handler through the same adapter, in process', baseline));
console.log(`  → the handler and the worker process add ${(real.p50 - baseline.p50).toFixed(0)} ms at p50 per job`);

const stream = await recordJobStream();
const whole = await measure(
  gateway,
  stream.map((j) => ({ type: j.type, variables: j.variables, headers: j.headers, retries: j.retries, now: j.now })),
);
const cases = new Set(stream.map((j) => j.case)).size;
console.log(`\nwhole cases: the job stream of ${cases} embedded-engine cases (${stream.length} jobs, every job type), through isccc worker:`);
console.log(line('isccc worker (process), real handlers and rules', whole));
worker.child.kill('SIGTERM');
await worker.exited;
await gateway.stop();
