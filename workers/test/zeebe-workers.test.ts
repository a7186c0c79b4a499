/** The handlers as zeebe-node job workers, over real gRPC, against the in-repo gateway double. */
import assert from 'node:assert/strict';
import zeebe from 'zeebe-node';
import { committeeOf } from '../src/embedded/case/events.js';
import { HANDLERS } from '../src/handlers/registry.js';
import type { TaskHandler } from '../src/handlers/contract.js';
import { startZeebeWorkers, type ZeebeClient } from '../src/adapters/zeebe/zeebe-workers.js';
import { ZeebeGatewayDouble, type Answer } from './support/zeebe-gateway-double.js';

describe('zeebe-node workers against a gateway double (gRPC)', function () {
  this.timeout(60_000);
  let gateway: ZeebeGatewayDouble;
  let client: InstanceType<typeof zeebe.ZBClient>;
  let workers: { close(): Promise<void> };
  let attempts = 0;

  const flaky: TaskHandler = () => {
    attempts++;
    return Promise.reject(new Error('notice board unreachable'));
  };

  before(async () => {
    gateway = new ZeebeGatewayDouble();
    const address = await gateway.start();
    client = new zeebe.ZBClient(address, { useTLS: false, loglevel: 'NONE', retry: false });
    workers = startZeebeWorkers({
      client: client as unknown as ZeebeClient,
      handlers: { ...HANDLERS, 'isccc.public-notice': flaky },
      types: ['isccc.committee-validate', 'isccc.committee-tally', 'isccc.lifecycle-start', 'isccc.public-notice'],
      now: () => new Date('2026-11-01T00:00:00Z'),
      pollIntervalMs: 100,
    });
  });
  after(async () => {
    await workers.close();
    await client.close();
    await gateway.stop();
  });

  const answerTo = (key: string): Promise<Answer> => gateway.answerFor((a) => 'jobKey' in a && a.jobKey === key);

  it('completes a job with the handler’s variables', async () => {
    const key = gateway.queueJob({ type: 'isccc.committee-validate', variables: { committee: committeeOf(5) } });
    assert.deepEqual(await answerTo(key), { rpc: 'CompleteJob', jobKey: key, variables: { committeeSize: 5 } });
  });

  it('throws the BPMN error ISCCC_6_5 with its reason for a committee of 4', async () => {
    const key = gateway.queueJob({ type: 'isccc.committee-validate', variables: { committee: committeeOf(4) } });
    const answer = await answerTo(key);
    assert.equal(answer.rpc, 'ThrowError');
    if (answer.rpc !== 'ThrowError') return;
    assert.equal(answer.errorCode, 'ISCCC_6_5');
    assert.match(answer.errorMessage, /^6\.5 /);
    assert.equal((answer.variables.reason as { clause: string }).clause, '6.5');
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

  it('fails a job on a technical error with one retry fewer', async () => {
    const key = gateway.queueJob({ type: 'isccc.public-notice', variables: { certificateNumber: 'C', certificateStatus: 'valid' }, retries: 2 });
    assert.deepEqual(await answerTo(key), { rpc: 'FailJob', jobKey: key, retries: 1, errorMessage: 'notice board unreachable' });
    assert.equal(attempts, 1);
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
      published.map((a) => a.rpc === 'PublishMessage' && [a.name, a.messageId, (a.variables.holder as { name: string }).name]),
      [['isccc.certificate-issued', 'ISCCC-ISV-RA3-2026-0000ABCD', 'X']],
    );
  });
});
