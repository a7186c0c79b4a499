/** The handlers as Zeebe job workers on @camunda8/sdk, over real gRPC, against the in-repo gateway double. */
import assert from 'node:assert/strict';
import { JOB_WORKERS } from '@isccc/bpmn';
import { committeeOf } from '../src/embedded/case/events.js';
import { HANDLERS } from '../src/handlers/registry.js';
import type { TaskHandler } from '../src/handlers/contract.js';
import { connectToGateway, type GatewayConnection } from '../src/adapters/zeebe/sdk-client.js';
import { JobLoop } from '../src/adapters/zeebe/job-loop.js';
import { retryBackOffMs, startZeebeWorkers, type JobRecord, type ZeebeWorkers } from '../src/adapters/zeebe/zeebe-workers.js';
import { rawGatewayClient, ZeebeGatewayDouble, type Answer } from './support/zeebe-gateway-double.js';

let settings: { ZEEBE_GRPC_ADDRESS: string };

describe('Zeebe job workers (@camunda8/sdk) against a gateway double over gRPC', function () {
  this.timeout(60_000);
  let gateway: ZeebeGatewayDouble;
  let connection: GatewayConnection;
  let workers: ZeebeWorkers;
  const records: JobRecord[] = [];
  let attempts = 0;
  let slowDone = 0;
  const seen: string[][] = [];
  const spy: TaskHandler = (variables, ctx) => {
    seen.push(Object.keys(variables).sort());
    return HANDLERS['isccc.committee-validate']!(variables, ctx);
  };

  const flaky: TaskHandler = () => {
    attempts++;
    return Promise.reject(new Error('notice board unreachable'));
  };
  /** Takes longer than the job timeout the test gives it: the gateway hands it out again meanwhile. */
  const slow: TaskHandler = async () => {
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    slowDone++;
    return { variables: { restoredOn: '2027-01-01' }, decision: { clause: '6.8.2', outcome: 'restored', text: { zh: '', en: '' } } };
  };

  before(async () => {
    gateway = new ZeebeGatewayDouble();
    settings = { ZEEBE_GRPC_ADDRESS: `grpc://${await gateway.start()}` };
    connection = connectToGateway({ stream: false, settings });
    workers = startZeebeWorkers({
      ...connection,
      handlers: { ...HANDLERS, 'isccc.public-notice': flaky, 'isccc.certificate-restore': slow, 'isccc.committee-validate': spy },
      types: [
        'isccc.committee-validate',
        'isccc.committee-tally',
        'isccc.lifecycle-start',
        'isccc.public-notice',
        'isccc.certificate-restore',
        'isccc.certificate-issue',
      ],
      retryBackOff: { initialMs: 200, maxMs: 10_000 },
      longPollMs: 500,
      onJob: (r) => records.push(r),
    });
  });
  after(async () => {
    await workers.drain(5_000);
    await connection.close();
    await gateway.stop();
  });

  const answerTo = (key: string): Promise<Answer> => gateway.answerFor((a) => 'jobKey' in a && a.jobKey === key);
  /** The worker records a job once the gateway has taken its answer. */
  const recordOf = async (key: string): Promise<JobRecord> => {
    for (let i = 0; i < 100; i++) {
      const found = records.find((r) => r.jobKey === key);
      if (found) return found;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`no job record for ${key}`);
  };

  it('completes a job with the handler’s variables', async () => {
    const key = gateway.queueJob({ type: 'isccc.committee-validate', variables: { committee: committeeOf(5) } });
    assert.deepEqual(await answerTo(key), { rpc: 'CompleteJob', jobKey: key, variables: { committeeSize: 5 } });
  });

  it('fetches only the variables the contract lists for the job type (the manifest stays behind)', async () => {
    const key = gateway.queueJob({
      type: 'isccc.committee-validate',
      variables: {
        // every variable the contract lists (null where this job does not need a value), and two it does not
        ...Object.fromEntries(JOB_WORKERS['isccc.committee-validate']!.fetchVariables.map((name) => [name, null])),
        committee: committeeOf(3),
        manifest: { big: 'x'.repeat(1000) },
        applicant: { name: 'X' },
      },
    });
    await answerTo(key);
    assert.deepEqual(seen.at(-1), [...JOB_WORKERS['isccc.committee-validate']!.fetchVariables].sort());
  });

  it('throws the BPMN error ISCCC_6_5 with its reason for a committee of 4', async () => {
    const key = gateway.queueJob({ type: 'isccc.committee-validate', variables: { committee: committeeOf(4) } });
    const answer = await answerTo(key);
    assert.equal(answer.rpc, 'ThrowError');
    if (answer.rpc !== 'ThrowError') return;
    assert.equal(answer.errorCode, 'ISCCC_6_5');
    assert.match(answer.errorMessage, /^6\.5 /);
    assert.equal((answer.variables.reason as { clause: string }).clause, '6.5');
    assert.equal((await recordOf(key)).outcome, 'bpmn-error');
  });

  it('passes task headers: a refused change decision is recorded under refusalClause 6.8.2.d', async () => {
    const votes = ['refuse', 'refuse', 'grant'].map((decision, i) => ({ member: `m${i + 1}`, decision }));
    const key = gateway.queueJob({
      type: 'isccc.committee-tally',
      variables: { committee: committeeOf(3), votes },
      customHeaders: { refusalClause: '6.8.2.d' },
    });
    const answer = await answerTo(key);
    assert.equal(answer.rpc, 'CompleteJob');
    if (answer.rpc !== 'CompleteJob') return;
    assert.equal(answer.variables.decision, 'refuse');
    assert.equal((answer.variables.reason as { code: string }).code, 'ISCCC_6_8_2_D');
  });

  it('fails a technical error with one retry fewer and an exponential back-off the gateway honours, then an incident naming the clause', async () => {
    const before = attempts;
    const key = gateway.queueJob({ type: 'isccc.public-notice', variables: { certificateNumber: 'C', certificateStatus: 'valid' }, retries: 3 });
    await gateway.answerFor((a) => a.rpc === 'FailJob' && a.jobKey === key && a.retries === 0, 20_000);
    const fails = gateway.answersTo(key).filter((a) => a.rpc === 'FailJob');
    assert.deepEqual(
      fails.map((a) => a.rpc === 'FailJob' && [a.retries, a.retryBackOff]),
      [
        [2, retryBackOffMs(3, { initialMs: 200, maxMs: 10_000 })],
        [1, retryBackOffMs(2, { initialMs: 200, maxMs: 10_000 })],
        [0, 0],
      ],
    );
    assert.deepEqual(
      fails.map((a) => a.rpc === 'FailJob' && a.retryBackOff),
      [200, 400, 0],
      'doubles per attempt',
    );
    const handedOut = gateway.activations.filter((a) => a.jobKey === key).map((a) => a.at);
    assert.equal(handedOut.length, 3);
    assert.ok(handedOut[1]! - handedOut[0]! >= 200 && handedOut[2]! - handedOut[1]! >= 400, 'not handed out again before its back-off');
    assert.equal(attempts - before, 3);
    assert.deepEqual(gateway.incidents.find((i) => i.jobKey === key)?.errorMessage, '6.6 isccc.public-notice: notice board unreachable');
  });

  it('a completion answered NOT_FOUND (the element was left meanwhile) is logged and dropped, not retried', async () => {
    // An interrupting event left the element while the handler worked (the gateway double is told so).
    const key = gateway.queueJob({ type: 'isccc.certificate-restore', variables: { certificateNumber: 'C' } });
    while (!gateway.activations.some((a) => a.jobKey === key)) await new Promise((resolve) => setTimeout(resolve, 50));
    gateway.cancelled.add(key);
    const done = slowDone;
    while (slowDone === done) await new Promise((resolve) => setTimeout(resolve, 100));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const record = await recordOf(key);
    assert.equal(record.outcome, 'dropped');
    assert.match(record?.message ?? '', /NOT_FOUND|no such job/);
    assert.deepEqual(gateway.answersTo(key), [], 'no answer was accepted');
    assert.equal(records.filter((r) => r.jobKey === key).length, 1, 'the refused completion is not sent again');
  });

  it('a job delivered twice (at-least-once) issues one certificate: the same number both times', async () => {
    const variables = {
      applicationId: 'APP-20261101-0000ABCD',
      applicant: { name: 'X' },
      grantedCategory: 'risk-assessment',
      grantedLevel: 3,
      decision: 'grant',
      submittedOn: '2026-11-01',
    };
    const answers = [];
    for (const at of ['2026-12-01T00:00:00Z', '2026-12-01T00:05:00Z']) {
      const key = gateway.queueJob({ type: 'isccc.certificate-issue', variables, activatedAt: new Date(at) });
      answers.push(await answerTo(key));
    }
    const numbers = answers.map((a) => a.rpc === 'CompleteJob' && a.variables.certificateNumber);
    assert.match(String(numbers[0]), /^ISCCC-ISV-RA3-2026-[0-9A-F]{8}$/);
    assert.equal(numbers[1], numbers[0]);
  });

  it('publishes the lifecycle start message once, even when the job runs twice', async () => {
    const variables = {
      certificateNumber: 'ISCCC-ISV-RA3-2026-0000ABCD',
      applicationId: 'APP-20261101-0000ABCD',
      applicant: { name: 'X' },
      grantedCategory: 'risk-assessment',
      grantedLevel: 3,
      issuedOn: '2026-11-01',
    };
    const first = gateway.queueJob({ type: 'isccc.lifecycle-start', variables });
    await answerTo(first);
    const second = gateway.queueJob({ type: 'isccc.lifecycle-start', variables });
    assert.equal((await answerTo(second)).rpc, 'CompleteJob', 'the duplicate message id is no failure');
    const published = gateway.answers.filter((a) => a.rpc === 'PublishMessage');
    assert.equal(published.length, 1);
    assert.deepEqual(
      published.map((a) => a.rpc === 'PublishMessage' && [a.name, a.messageId, a.timeToLive, (a.variables.holder as { name: string }).name]),
      [['isccc.certificate-issued', 'ISCCC-ISV-RA3-2026-0000ABCD', 3_600_000, 'X']],
    );
  });

  it('dates a decision by the broker’s activation time (deadline − timeout), not the worker’s clock', async () => {
    const key = gateway.queueJob({
      type: 'isccc.public-notice',
      variables: { certificateNumber: 'C', certificateStatus: 'valid' },
      activatedAt: new Date('2031-05-06T07:08:09Z'),
    });
    // The flaky handler stands in for public-notice in this suite; the answer shows the job reached it.
    await gateway.answerFor((a) => a.rpc === 'FailJob' && a.jobKey === key);
    const streamed = startZeebeWorkers({
      ...connectToGateway({ stream: true, settings }),
      types: ['isccc.certificate-suspend'],
      longPollMs: 500,
      worker: 'streamed',
    });
    while (gateway.streaming('isccc.certificate-suspend') === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    const suspend = gateway.queueJob({
      type: 'isccc.certificate-suspend',
      variables: { certificateNumber: 'C', reason: { code: 'ISCCC_6_8_2_D', clause: '6.8.2.d', message: 'm', details: [] } },
      activatedAt: new Date('2031-05-06T07:08:09Z'),
    });
    const answer = await answerTo(suspend);
    await streamed.drain(2_000);
    assert.equal(answer.rpc, 'CompleteJob');
    if (answer.rpc !== 'CompleteJob') return;
    assert.equal(answer.variables.suspendedOn, '2031-05-06');
    assert.equal(gateway.activations.find((a) => a.jobKey === suspend)?.via, 'StreamActivatedJobs', 'the stream pushed it');
  });
});

describe('the gateway double is as strict as Zeebe', function () {
  this.timeout(30_000);
  let gateway: ZeebeGatewayDouble;
  let connection: GatewayConnection;
  before(async () => {
    gateway = new ZeebeGatewayDouble();
    settings = { ZEEBE_GRPC_ADDRESS: `grpc://${await gateway.start()}` };
    connection = connectToGateway({ stream: false, settings });
  });
  after(async () => {
    await connection.close();
    await gateway.stop();
  });

  const code = async (work: Promise<unknown>): Promise<number | undefined> => {
    try {
      await work;
      return undefined;
    } catch (error) {
      return (error as { code?: number }).code;
    }
  };

  it('refuses variables that are not a JSON object document (INVALID_ARGUMENT)', async () => {
    gateway.queueJob({ type: 'strict', variables: {} });
    const [job] = await connection.source.activate({ type: 'strict', worker: 't', timeoutMs: 10_000, fetchVariables: [], maxJobs: 1, requestTimeoutMs: 1_000 });
    assert.ok(job);
    const raw = rawGatewayClient(settings.ZEEBE_GRPC_ADDRESS.replace('grpc://', ''));
    try {
      assert.equal(await code(raw.call('CompleteJob', { jobKey: job.key, variables: '[1, 2]' })), 3);
      assert.equal(await code(raw.call('CompleteJob', { jobKey: job.key, variables: 'not json' })), 3);
      assert.equal(await code(raw.call('CompleteJob', { jobKey: job.key, variables: '{"a": 1}' })), undefined);
      assert.equal(await code(raw.call('CompleteJob', { jobKey: job.key, variables: '{}' })), 5, 'a second completion: NOT_FOUND');
    } finally {
      raw.close();
    }
  });

  it('hands a job held past its timeout out again; the first holder’s late completion then gets NOT_FOUND', async () => {
    const key = gateway.queueJob({ type: 'timed', variables: {} });
    const activate = (worker: string): Promise<Array<{ key: string }>> =>
      connection.source.activate({ type: 'timed', worker, timeoutMs: 200, fetchVariables: [], maxJobs: 1, requestTimeoutMs: -1 });
    assert.deepEqual(
      (await activate('a')).map((j) => j.key),
      [key],
    );
    assert.deepEqual(await activate('b'), [], 'not before its timeout');
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.deepEqual(
      (await activate('b')).map((j) => j.key),
      [key],
    );
    assert.equal(await code(connection.commands.completeJob({ jobKey: key, variables: { by: 'b' } })), undefined);
    assert.equal(await code(connection.commands.completeJob({ jobKey: key, variables: { by: 'a' } })), 5);
    assert.deepEqual(gateway.answersTo(key), [{ rpc: 'CompleteJob', jobKey: key, variables: { by: 'b' } }]);
  });

  it('keeps a message for its TTL, refuses its id again within it, and accepts it again after', async () => {
    const send = (id: string, ttl: number): Promise<unknown> =>
      connection.commands.publishMessage({ name: 'isccc.incident-reported', correlationKey: '42', messageId: id, timeToLive: ttl, variables: {} });
    assert.equal(await code(send('m-1', 300)), undefined);
    assert.equal(await code(send('m-1', 300)), 6, 'ALREADY_EXISTS within the TTL');
    assert.equal(gateway.openSubscription('isccc.incident-reported', 42.7)?.messageId, 'm-1', 'a number key is turned to an integer');
    assert.equal(await code(send('m-2', 100)), undefined);
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(gateway.openSubscription('isccc.incident-reported', '42'), undefined, 'expired after its TTL');
    assert.equal(await code(send('m-2', 100)), undefined, 'the id is free again');
    assert.throws(() => gateway.openSubscription('isccc.incident-reported', { id: 42 }), /must be a string or a number, but was a context/);
  });
});

describe('job loop capacity', () => {
  it('works on at most maxJobsActive jobs at once, even when a stream pushes more, and finishes them all on drain', async () => {
    const pushed = Array.from({ length: 10 }, (_, i) => ({
      key: String(i),
      type: 't',
      processInstanceKey: '1',
      elementId: 'E',
      retries: 3,
      deadline: '0',
      customHeaders: {},
      variables: {},
    }));
    let running = 0;
    let most = 0;
    const done: string[] = [];
    const loop = new JobLoop({
      source: {
        probe: () => Promise.resolve({ gatewayVersion: '8.8.0' }),
        activate: () => new Promise((resolve) => setTimeout(() => resolve([]), 20)),
        stream: (_request, onJob) => {
          setImmediate(() => pushed.forEach(onJob));
          return Promise.resolve(() => undefined);
        },
        close: () => Promise.resolve(),
      },
      type: 't',
      worker: 'w',
      timeoutMs: 60_000,
      fetchVariables: [],
      maxJobsActive: 2,
      streamPollMs: 10,
      work: async (job) => {
        most = Math.max(most, ++running);
        await new Promise((resolve) => setTimeout(resolve, 5));
        running--;
        done.push(job.key);
      },
    });
    loop.start(() => undefined);
    while (done.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    assert.equal(await loop.drain(5_000), 0);
    assert.equal(most, 2);
    assert.deepEqual(done.sort(), pushed.map((j) => j.key).sort());
  });
});
