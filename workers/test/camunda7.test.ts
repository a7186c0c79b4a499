/**
 * Whole certification cases on a real Camunda 7 engine (Camunda 7 CE 7.24 from workers/camunda7-engine,
 * started here as a child process) running the generated models of bpmn/generated/camunda7, with the
 * handlers served through the external-task adapter. No mocks: deployment, correlation, BPMN errors,
 * multi-instance votes and timers are the engine's own.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { camunda7ModelPath } from '@isccc/bpmn/camunda7';
import { caseInputFromManifest } from '../src/embedded/case/case-input.js';
import { committeeOf } from '../src/embedded/case/events.js';
import { startCamunda7Workers } from '../src/adapters/camunda7/camunda7-workers.js';
import { startEngine, type EngineProcess } from '../src/adapters/camunda7/engine-process.js';
import { EngineRest, typedVariables } from '../src/adapters/camunda7/rest.js';
import { L3_PASS, runCase } from './helpers.js';

interface ProcessInstance {
  id: string;
  ended?: boolean;
}
interface HistoricActivity {
  activityId: string;
  activityType: string;
  endTime: string | null;
}

/** Polls until `probe` returns a value (bounded: a stuck engine fails the test, never passes it). */
async function until<T>(what: string, probe: () => Promise<T | undefined>, engine: EngineProcess, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n--- engine output ---\n${engine.output().slice(-4000)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('Camunda 7 engine with the external-task adapter', function () {
  this.timeout(240_000);
  let engine: EngineProcess | undefined;
  let rest: EngineRest;
  let workers: { close(): Promise<void> } | undefined;
  const failures: string[] = [];
  const input = caseInputFromManifest(L3_PASS);

  before(async () => {
    engine = await startEngine();
    rest = new EngineRest(engine.baseUrl);
    for (const key of ['certification', 'lifecycle'] as const) {
      const form = new FormData();
      form.append('deployment-name', `isccc-${key}`);
      form.append('data', new Blob([fs.readFileSync(camunda7ModelPath(key))]), `${key}.bpmn`);
      await rest.call('POST', '/deployment/create', form);
    }
    workers = startCamunda7Workers({
      baseUrl: engine.baseUrl,
      // the same "now" the embedded engine starts the case at, so dates (and the certificate number) agree
      now: () => input.startAt,
      intervalMs: 100,
      retryTimeoutMs: 200,
      onError: (type, id, error) => failures.push(`${type} ${id}: ${error.message}`),
    });
  });

  after(async () => {
    await workers?.close();
    await engine?.stop();
  });

  afterEach(() => assert.deepEqual(failures.splice(0), [], 'the engine accepted every complete / bpmnError / failure'));

  const activities = (instanceId: string): Promise<HistoricActivity[]> =>
    rest.call<HistoricActivity[]>('GET', `/history/activity-instance?processInstanceId=${instanceId}&sortBy=startTime&sortOrder=asc`);
  const startCase = (variables: Record<string, unknown>): Promise<ProcessInstance> =>
    rest.call<ProcessInstance>('POST', '/process-definition/key/isccc-certification/start', { variables: typedVariables(variables) });
  const lifecycleOf = (certificateNumber: string): Promise<ProcessInstance | undefined> =>
    rest
      .call<ProcessInstance[]>('GET', `/process-instance?processDefinitionKey=isccc-certificate-lifecycle&businessKey=${encodeURIComponent(certificateNumber)}`)
      .then((r) => r[0]);
  /** {@link until}, and on failure what the instance did and which jobs it has. */
  const until_ = async <T>(instanceId: string, what: string, probe: () => Promise<T | undefined>, e: EngineProcess): Promise<T> => {
    try {
      return await until(what, probe, e);
    } catch (error) {
      const done = (await activities(instanceId)).map((a) => a.activityId).join(' ');
      const jobs = JSON.stringify(await rest.call('GET', `/job?processInstanceId=${instanceId}`));
      const tasks = JSON.stringify(await rest.call('GET', `/external-task?processInstanceId=${instanceId}`));
      throw new Error(`${(error as Error).message.split('\n')[0]}\nactivities: ${done}\njobs: ${jobs}\nexternal tasks: ${tasks}`, { cause: error });
    }
  };
  const incidents = (instanceId: string): Promise<Array<{ incidentMessage: string }>> => rest.call('GET', `/incident?processInstanceId=${instanceId}`);

  /** Runs a certification to its end and returns the certificate number the lifecycle was started for. */
  async function certify(): Promise<{ certification: string; certificateNumber: string; lifecycle: ProcessInstance }> {
    const pi = await startCase(input.variables);
    const done = await until(
      'the certification instance to end',
      async () => {
        const found = await incidents(pi.id);
        if (found.length > 0) throw new Error(`incident: ${found.map((i) => i.incidentMessage).join('; ')}`);
        const h = await rest.call<{ state: string }>('GET', `/history/process-instance/${pi.id}`);
        return h.state === 'COMPLETED' ? h : undefined;
      },
      engine!,
    );
    assert.equal(done.state, 'COMPLETED');
    const vars = await rest.call<Record<string, { value: unknown }>>(
      'GET',
      `/history/variable-instance?processInstanceId=${pi.id}&variableName=certificateNumber`,
    );
    const certificateNumber = String((vars as unknown as Array<{ value: unknown }>)[0]?.value);
    const lifecycle = await until('the lifecycle instance', () => lifecycleOf(certificateNumber), engine!);
    return { certification: pi.id, certificateNumber, lifecycle };
  }

  it('issues the certificate for risk-assessment-l3-pass with the same number as the embedded engine', async () => {
    const embedded = await runCase({ until: 'P1M' });
    const expected = String(embedded.variables.certificateNumber);
    assert.match(expected, /^ISCCC-ISV-RA3-2026-/);

    const { certification, certificateNumber, lifecycle } = await certify();
    assert.equal(certificateNumber, expected);
    const path = (await activities(certification)).map((a) => a.activityId);
    assert.ok(path.includes('Task_IssueCertificate'), `issuance ran: ${path.join(' ')}`);
    assert.equal(path.filter((id) => id === 'Task_CommitteeVote').length, 3, 'three members voted (multi-instance on Json committee)');
    assert.equal(path[path.length - 1], 'EndEvent_CertificateIssued');
    const lv = await rest.variables(lifecycle.id);
    assert.equal(lv.certificateNumber, expected);
    assert.equal(lv.grantedLevel, 3);
    assert.equal(typeof lv.surveillanceDeadline, 'string', 'surveillance scheduled (6.7.1)');
  });

  it('refuses a decision committee of 4 citing 6.5 (BPMN error ISCCC_6_5 caught) and waits for a new committee', async () => {
    const pi = await startCase({ ...input.variables, committee: committeeOf(4) });
    const waiting = await until(
      'the wait for isccc.committee-appointed',
      async () => {
        const subs = await rest.call<Array<{ activityId: string }>>(
          'GET',
          `/event-subscription?processInstanceId=${pi.id}&eventType=message&eventName=isccc.committee-appointed`,
        );
        return subs[0];
      },
      engine!,
    );
    assert.equal(waiting.activityId, 'Event_CommitteeAppointed');
    const vars = await rest.variables(pi.id);
    const reason = vars.reason as { code: string; clause: string; message: string };
    assert.equal(reason.code, 'ISCCC_6_5');
    assert.equal(reason.clause, '6.5');
    assert.match(reason.message, /^6\.5 /);
    assert.equal(vars.certificateNumber, undefined, 'no certificate');
    const path = (await activities(pi.id)).map((a) => a.activityId);
    assert.ok(path.includes('Boundary_CommitteeInvalid'), `the 6.5 error was caught by its boundary event: ${path.join(' ')}`);
    assert.ok(!path.includes('Task_CommitteeVote'), 'no vote with an invalid committee');

    // a valid committee appointed by message: validated again, and the case goes on to a certificate
    await rest.call('POST', '/message', {
      messageName: 'isccc.committee-appointed',
      correlationKeys: { applicationId: { value: vars.applicationId, type: 'String' } },
      processVariables: typedVariables({ committee: committeeOf(3) }),
    });
    const h = await until(
      'the certification to end after the new committee',
      async () => {
        const r = await rest.call<{ state: string }>('GET', `/history/process-instance/${pi.id}`);
        return r.state === 'COMPLETED' ? r : undefined;
      },
      engine!,
    );
    assert.equal(h.state, 'COMPLETED');
  });

  it('revokes a suspended certificate that is not restored when the P3M timer fires (6.8.2 d) → 6.8.3 a))', async () => {
    const { certificateNumber, lifecycle } = await certify();
    await until_(
      lifecycle.id,
      'the lifecycle to wait at "certificate valid" (6.8.1)',
      async () =>
        (await rest.call<unknown[]>('GET', `/event-subscription?processInstanceId=${lifecycle.id}&eventType=message&eventName=isccc.suspension-ordered`))[0],
      engine!,
    );
    await rest.call('POST', '/message', {
      messageName: 'isccc.suspension-ordered',
      correlationKeys: { certificateNumber: { value: certificateNumber, type: 'String' } },
      processVariables: typedVariables({ details: ['监管通报 regulator notice'] }),
    });
    const timer = await until_(
      lifecycle.id,
      'the P3M suspension timer',
      async () => {
        const found = await incidents(lifecycle.id);
        if (found.length > 0) throw new Error(`incident: ${found.map((i) => i.incidentMessage).join('; ')}`);
        return (await rest.call<Array<{ id: string; dueDate: string }>>('GET', `/job?processInstanceId=${lifecycle.id}&timers=true`)).find((j) => {
          const months = (new Date(j.dueDate).getTime() - Date.now()) / (30 * 86_400_000);
          return months > 2.5 && months < 3.5;
        });
      },
      engine!,
    );
    const suspended = await rest.variables(lifecycle.id);
    assert.equal(suspended.certificateStatus, 'suspended');
    assert.equal((suspended.reason as { code: string }).code, 'ISCCC_6_8_2_D');
    assert.deepEqual((suspended.reason as { details: string[] }).details, ['监管通报 regulator notice']);

    // three months without restoration, without waiting three months: run the timer job now
    await rest.call('POST', `/job/${timer.id}/execute`);
    const ended = await until(
      'the lifecycle to end',
      async () => {
        const r = await rest.call<{ state: string }>('GET', `/history/process-instance/${lifecycle.id}`);
        return r.state === 'COMPLETED' ? r : undefined;
      },
      engine!,
    );
    assert.equal(ended.state, 'COMPLETED');
    const path = (await activities(lifecycle.id)).map((a) => a.activityId);
    assert.ok(path.includes('Timer_SuspensionExpired'), `timer fired: ${path.join(' ')}`);
    assert.ok(path.includes('Task_RevokeCertificate'));
    assert.equal(path[path.length - 1], 'EndEvent_Revoked');
    const vars = await rest.call<Array<{ name: string; value: unknown; type: string }>>(
      'GET',
      `/history/variable-instance?processInstanceId=${lifecycle.id}&deserializeValues=false`,
    );
    const value = (name: string): unknown => {
      const v = vars.find((x) => x.name === name);
      return v && v.type === 'Json' ? JSON.parse(String(v.value)) : v?.value;
    };
    assert.equal(value('certificateStatus'), 'revoked');
    assert.equal((value('reason') as { code: string }).code, 'ISCCC_6_8_3_A');
  });
});
