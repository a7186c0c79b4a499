/**
 * `npm run bench` (workers, Zeebe side): jobs through the Zeebe adapter over real gRPC against the gateway double.
 *
 * Figures, all from this run:
 * - per-job latency (one job at a time: queued at the gateway → answer received, p50/p99) and throughput (jobs/s
 *   with all jobs queued at once) of `isccc worker` (a process) serving isccc.committee-validate, next to the
 *   baseline: a no-op handler through the same adapter, in process;
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

type BenchJob = { type: string; variables: Record<string, unknown>; headers?: Record<string, string>; retries?: number; now?: string };

const queue = (gateway: ZeebeGatewayDouble, j: BenchJob): string =>
  gateway.queueJob({
    type: j.type,
    variables: j.variables,
    customHeaders: j.headers ?? {},
    retries: j.retries ?? 3,
    ...(j.now && { activatedAt: new Date(j.now) }),
  });
const answered = (gateway: ZeebeGatewayDouble, key: string): Promise<unknown> => gateway.answerFor((a) => 'jobKey' in a && a.jobKey === key, 300_000);

/** Jobs/s with every job queued at once. */
async function throughput(gateway: ZeebeGatewayDouble, jobs: BenchJob[]): Promise<number> {
  const start = performance.now();
  const keys = jobs.map((j) => queue(gateway, j));
  for (const key of keys) await answered(gateway, key);
  return jobs.length / ((performance.now() - start) / 1000);
}

/** Round trip of one job at a time (queued → answered), p50 and p99 in ms. */
async function latency(gateway: ZeebeGatewayDouble, jobs: BenchJob[]): Promise<{ p50: number; p99: number }> {
  const times: number[] = [];
  for (const j of jobs) {
    const start = performance.now();
    await answered(gateway, queue(gateway, j));
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99) };
}

async function measure(gateway: ZeebeGatewayDouble, jobs: BenchJob[]): Promise<{ perSecond: number; p50: number; p99: number }> {
  await throughput(gateway, jobs.slice(0, 50));
  const perSecond = await throughput(gateway, jobs);
  return { perSecond, ...(await latency(gateway, jobs.slice(0, 200))) };
}

const line = (label: string, r: { perSecond: number; p50: number; p99: number }): string =>
  `  ${label.padEnd(62)} ${r.perSecond.toFixed(0).padStart(6)} jobs/s   p50 ${r.p50.toFixed(1).padStart(6)} ms   p99 ${r.p99.toFixed(1).padStart(6)} ms`;

const validate = Array.from({ length: JOBS }, () => ({ type: TYPE, variables: { committee: committeeOf(3) } }));

console.log(`workers: Zeebe adapter (@camunda8/sdk 8.8.13) over gRPC against the gateway double, node ${process.version}`);
console.log(`\n${TYPE}: ${JOBS} jobs queued at once (jobs/s), then 200 one at a time (latency):`);

const baselineGateway = new ZeebeGatewayDouble();
await baselineGateway.start();
const connection = connectToGateway({ stream: true, settings: { ZEEBE_GRPC_ADDRESS: `grpc://${baselineGateway.address}` } });
const noop = startZeebeWorkers({
  ...connection,
  types: [TYPE],
  handlers: { [TYPE]: () => Promise.resolve({ variables: {}, decision: { clause: '6.5', outcome: 'noop', text: { zh: '', en: '' } } }) },
});
const baseline = await measure(baselineGateway, validate);
await noop.drain(5_000);
await connection.close();
await baselineGateway.stop();

const gateway = new ZeebeGatewayDouble();
await gateway.start();
const worker = await startWorkerProcess(gateway.address);
const real = await measure(gateway, validate);
console.log(line('isccc worker (process), real handler', real));
console.log(line('baseline: no-op handler through the same adapter, in process', baseline));
console.log(
  `  → ratio ${(real.perSecond / baseline.perSecond).toFixed(2)}× the baseline's jobs/s; the handler and the worker process add ${(real.p50 - baseline.p50).toFixed(1)} ms at p50 per job`,
);

const stream = await recordJobStream();
const wholeJobs = stream.map((j) => ({ type: j.type, variables: j.variables, headers: j.headers, retries: j.retries, now: j.now }));
const cases = new Set(stream.map((j) => j.case)).size;
const whole = await throughput(gateway, wholeJobs);
console.log(`\nwhole cases: the job stream of ${cases} embedded-engine cases (${stream.length} jobs, every job type) queued at once, through isccc worker:`);
console.log(
  `  ${'isccc worker (process), real handlers and rules'.padEnd(62)} ${whole.toFixed(0).padStart(6)} jobs/s   ${((whole / stream.length) * cases).toFixed(2)} cases/s`,
);
worker.child.kill('SIGTERM');
await worker.exited;
await gateway.stop();
