/**
 * The job stream of whole embedded-engine cases, replayed through `isccc worker` (a process, over gRPC) against
 * the gateway double: each job's outcome must equal what the embedded engine did with it, for every job type.
 */
import assert from 'node:assert/strict';
import { JOB_TYPES } from '@isccc/bpmn';
import { recordJobStream, type RecordedJob } from './support/job-recording.js';
import { startWorkerProcess, type WorkerProcess } from './support/worker-process.js';
import { ZeebeGatewayDouble, type Answer } from './support/zeebe-gateway-double.js';

describe('replay of embedded-engine cases through isccc worker', function () {
  this.timeout(240_000);
  let recorded: RecordedJob[];
  let gateway: ZeebeGatewayDouble;
  let worker: WorkerProcess;
  const keys = new Map<RecordedJob, string>();

  before(async () => {
    recorded = await recordJobStream();
    gateway = new ZeebeGatewayDouble();
    await gateway.start();
    worker = await startWorkerProcess(gateway.address);
    for (const job of recorded) {
      keys.set(
        job,
        gateway.queueJob({ type: job.type, variables: job.variables, customHeaders: job.headers, retries: job.retries, activatedAt: new Date(job.now) }),
      );
    }
    for (const key of keys.values()) await gateway.answerFor((a) => 'jobKey' in a && a.jobKey === key, 120_000);
  });
  after(async () => {
    worker.child.kill('SIGTERM');
    assert.equal(await worker.exited, 0);
    await gateway.stop();
  });

  it('covers every job type of the contract, with completions, BPMN errors and failures', () => {
    assert.deepEqual([...new Set(recorded.map((j) => j.type))].sort(), [...JOB_TYPES].sort());
    const kinds = new Set(recorded.map((j) => j.outcome.kind));
    assert.deepEqual([...kinds].sort(), ['bpmn-error', 'completed', 'failed']);
  });

  it('gives every job the outcome the embedded engine gave it', () => {
    const differences: string[] = [];
    for (const job of recorded) {
      const key = keys.get(job)!;
      const answers = gateway.answersTo(key);
      const expected = expectedAnswer(job, key);
      try {
        // A failed job with retries left comes back after its back-off (the recording holds those attempts too).
        if (job.outcome.kind !== 'failed') assert.equal(answers.length, 1, 'one answer');
        assert.deepEqual(comparable(answers[0]!), expected);
      } catch (error) {
        differences.push(`${job.case} / ${job.type} #${key}: ${(error as Error).message.slice(0, 600)}`);
      }
    }
    assert.deepEqual(differences, []);
  });

  it('publishes the messages the embedded engine published, once per message id', () => {
    const expected = new Map<string, unknown>();
    for (const job of recorded)
      for (const m of job.published) if (!expected.has(m.messageId ?? '')) expected.set(m.messageId ?? '', [m.name, m.correlationKey ?? '', m.variables]);
    const published = gateway.answers.flatMap((a) => (a.rpc === 'PublishMessage' ? [[a.messageId, [a.name, a.correlationKey, a.variables]] as const] : []));
    assert.ok(expected.size > 0);
    assert.deepEqual(new Map(published), expected);
  });
});

/** What the worker must have answered for a recorded job. */
function expectedAnswer(job: RecordedJob, key: string): unknown {
  switch (job.outcome.kind) {
    case 'completed':
      return { rpc: 'CompleteJob', jobKey: key, variables: job.outcome.variables };
    case 'bpmn-error':
      return { rpc: 'ThrowError', jobKey: key, errorCode: job.outcome.code, errorMessage: job.outcome.message, variables: job.outcome.variables };
    case 'failed':
      return { rpc: 'FailJob', jobKey: key, retries: job.retries - 1, failedWith: job.outcome.message };
  }
}

/** A failure's message carries the clause and type in front of the handler's words; its back-off is the worker's own. */
function comparable(answer: Answer): unknown {
  if (answer.rpc !== 'FailJob') return answer;
  return { rpc: answer.rpc, jobKey: answer.jobKey, retries: answer.retries, failedWith: answer.errorMessage.replace(/^\S+ isccc\.[a-z-]+: /, '') };
}
