/** `isccc worker` and `isccc deploy` as processes against the gateway double: drain, reconnect, health, metrics, deploy order. */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { modelPath, PROCESS_IDS } from '@isccc/bpmn';
import { committeeOf } from '../src/embedded/case/events.js';
import { ZeebeGatewayDouble } from './support/zeebe-gateway-double.js';
import { clusterEnv, eventually, ISCCC_BIN, startWorkerProcess, type WorkerProcess } from './support/worker-process.js';

const run = promisify(execFile);

describe('isccc worker (a process) against the gateway double', function () {
  this.timeout(90_000);
  let gateway: ZeebeGatewayDouble;
  let worker: WorkerProcess | undefined;

  beforeEach(async () => {
    gateway = new ZeebeGatewayDouble();
    await gateway.start();
  });
  afterEach(async () => {
    if (worker && worker.child.exitCode === null) {
      worker.child.kill('SIGKILL');
      await worker.exited;
    }
    worker = undefined;
    await gateway.stop();
  });

  it('drains on SIGTERM: the job in hand completes, nothing new is activated, exit 0', async () => {
    worker = await startWorkerProcess(gateway.address, ['--types', 'isccc.committee-validate']);
    gateway.answerDelayMs = 1_500;
    const first = gateway.queueJob({ type: 'isccc.committee-validate', variables: { committee: committeeOf(3) } });
    await gateway.answerFor((a) => 'jobKey' in a && a.jobKey === first);
    // The completion is sent and not yet acknowledged: the job is still in the worker's hands.
    worker.child.kill('SIGTERM');
    const draining = await worker.waitForLog((e) => e.msg === 'draining');
    assert.equal(draining.inFlight, 1);
    const type = 'isccc.committee-validate';
    await eventually(() => gateway.streaming(type) + gateway.polling(type) === 0, 'the worker closes its stream and long poll');
    const stoppedAt = Date.now();
    const second = gateway.queueJob({ type: 'isccc.committee-validate', variables: { committee: committeeOf(5) } });
    assert.equal(await worker.exited, 0);
    const job = await worker.waitForLog((e) => e.msg === 'job' && e.jobKey === first);
    assert.equal(job.outcome, 'completed');
    assert.equal((await worker.waitForLog((e) => e.msg === 'worker stopped')).unfinished, 0);
    assert.deepEqual(
      gateway.activations.filter((a) => a.at >= stoppedAt),
      [],
      'no activation after SIGTERM',
    );
    assert.equal(gateway.jobState(second), 'activatable');
  });

  it('flips /health while the gateway is away and reconnects when it comes back', async () => {
    worker = await startWorkerProcess(gateway.address, ['--types', 'isccc.committee-validate,isccc.surveillance-schedule']);
    const w = worker;
    await eventually(async () => (await w.get('/health')).status === 200, '/health 200 once connected');
    await gateway.stop();
    await eventually(async () => (await w.get('/health')).status === 503, '/health 503 while the gateway is down');
    assert.match((await w.get('/health')).body, /"status":"DOWN"/);
    await gateway.start();
    await eventually(async () => (await w.get('/health')).status === 200, '/health 200 after the gateway is back');
    const key = gateway.queueJob({ type: 'isccc.surveillance-schedule', variables: { issuedOn: '2026-11-01' } });
    const answer = await gateway.answerFor((a) => 'jobKey' in a && a.jobKey === key);
    assert.equal(answer.rpc, 'CompleteJob');
    assert.ok(w.logs.some((e) => e.msg === 'gateway unreachable') && w.logs.filter((e) => e.msg === 'gateway connected').length >= 2);
  });

  it('counts what happened in /metrics and logs each job as JSON with its key, type, instance, clause, outcome and duration', async () => {
    worker = await startWorkerProcess(gateway.address, ['--types', 'isccc.committee-validate']);
    const keys = [3, 5, 4].map((n) =>
      gateway.queueJob({ type: 'isccc.committee-validate', variables: { committee: committeeOf(n) }, processInstanceKey: '77' }),
    );
    for (const key of keys) await gateway.answerFor((a) => 'jobKey' in a && a.jobKey === key);
    const w = worker;
    await eventually(() => keys.every((k) => w.logs.some((e) => e.jobKey === k)), 'three job log lines');
    const metrics = (await worker.get('/metrics')).body;
    assert.match(metrics, /isccc_jobs_activated_total\{type="isccc.committee-validate"\} 3/);
    assert.match(metrics, /isccc_jobs_completed_total\{type="isccc.committee-validate"\} 2/);
    assert.match(metrics, /isccc_jobs_bpmn_errors_total\{type="isccc.committee-validate",code="ISCCC_6_5"\} 1/);
    assert.match(metrics, /isccc_job_handler_duration_seconds_count\{type="isccc.committee-validate"\} 3/);
    const line = worker.logs.find((e) => e.jobKey === keys[2])!;
    assert.deepEqual(
      {
        type: line.type,
        processInstanceKey: line.processInstanceKey,
        clause: line.clause,
        outcome: line.outcome,
        errorCode: line.errorCode,
        level: line.level,
      },
      { type: 'isccc.committee-validate', processInstanceKey: '77', clause: '6.5', outcome: 'bpmn-error', errorCode: 'ISCCC_6_5', level: 'info' },
    );
    assert.equal(typeof line.durationMs, 'number');
  });

  it('refuses a job type outside the contract (a user task type) with exit 2', async () => {
    const result = await run(process.execPath, [ISCCC_BIN, 'worker', '--types', 'io.camunda.zeebe:userTask'], { env: clusterEnv(gateway.address) }).catch(
      (error: { code: number; stderr: string }) => error,
    );
    assert.equal((result as { code: number }).code, 2);
    assert.match((result as { stderr: string }).stderr, /"io.camunda.zeebe:userTask" is no job type of the contract/);
  });
});

describe('isccc deploy (a process) against the gateway double', function () {
  this.timeout(60_000);
  let gateway: ZeebeGatewayDouble;
  before(async () => {
    gateway = new ZeebeGatewayDouble();
    await gateway.start();
  });
  after(() => gateway.stop());

  const deploy = (args: string[] = []): Promise<{ stdout: string }> =>
    run(process.execPath, [ISCCC_BIN, 'deploy', '--format', 'json', ...args], { env: clusterEnv(gateway.address) });

  it('deploys the lifecycle model before the certification model and the forms, and a second run deploys nothing new', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'isccc-deploy-'));
    for (const p of ['certification', 'lifecycle'] as const) fs.copyFileSync(modelPath(p), path.join(dir, path.basename(modelPath(p))));
    fs.writeFileSync(path.join(dir, 'committee-vote.form'), JSON.stringify({ id: 'isccc-committee-vote', type: 'default', components: [] }));
    const first = JSON.parse((await deploy(['--dir', dir])).stdout) as {
      deployments: Array<Array<{ kind: string; id: string; version: number; key: string }>>;
    };
    assert.deepEqual(
      first.deployments.map((d) => d.map((r) => `${r.kind}:${r.id}@${r.version}`)),
      [[`process:${PROCESS_IDS.lifecycle}@1`], [`process:${PROCESS_IDS.certification}@1`, 'form:isccc-committee-vote@1']],
    );
    assert.deepEqual(
      gateway.deployments.map((d) => d.resources),
      [['certificate-lifecycle.bpmn'], ['certification.bpmn', 'committee-vote.form']],
    );
    const again = JSON.parse((await deploy(['--dir', dir])).stdout) as typeof first;
    assert.deepEqual(again.deployments, first.deployments, 'same versions and keys');
    // A changed model is deployed as a new version: the idempotence is Zeebe's, not the command's.
    const lifecycle = path.join(dir, 'certificate-lifecycle.bpmn');
    fs.writeFileSync(lifecycle, fs.readFileSync(lifecycle, 'utf8').replace('</bpmn:definitions>', '<!-- changed --></bpmn:definitions>'));
    const changed = JSON.parse((await deploy(['--dir', dir])).stdout) as typeof first;
    assert.deepEqual(
      changed.deployments.flat().map((r) => `${r.id}@${r.version}`),
      [`${PROCESS_IDS.lifecycle}@2`, `${PROCESS_IDS.certification}@1`, 'isccc-committee-vote@1'],
    );
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('deploys the shipped models by default; a missing folder is bad input (exit 2)', async () => {
    const shipped = JSON.parse((await deploy()).stdout) as { deployments: Array<Array<{ id: string }>> };
    assert.deepEqual(
      shipped.deployments.map((d) => d.map((r) => r.id)),
      [[PROCESS_IDS.lifecycle], [PROCESS_IDS.certification]],
    );
    const missing = await deploy(['--dir', '/nonexistent/models']).catch((error: { code: number; stderr: string }) => error);
    assert.equal((missing as { code: number }).code, 2);
    assert.match((missing as { stderr: string }).stderr, /\/nonexistent\/models: no such folder/);
  });
});
