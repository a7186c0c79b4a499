/**
 * Whole certification cases on a real Camunda 7 engine (Camunda 7 CE 7.24 from workers/camunda7-engine,
 * started here as a child process) running the generated models of bpmn/generated/camunda7 with their Camunda
 * Forms, the handlers served through the external-task adapter, and every human step completed over the REST
 * API the way Tasklist does it (support/camunda7-tasklist.ts). No mocks: deployment, correlation, BPMN errors,
 * multi-instance user tasks, forms and timers are the engine's own.
 */
import assert from 'node:assert/strict';
import { FORM_IDS } from '@isccc/bpmn';
import { deployModelsAndForms } from '../src/adapters/camunda7/deploy.js';
import { followsFindings, Tasklist } from './support/camunda7-tasklist.js';
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
  let tasklist: Tasklist;
  const failures: string[] = [];
  const input = caseInputFromManifest(L3_PASS);

  before(async () => {
    engine = await startEngine();
    rest = new EngineRest(engine.baseUrl);
    const deployment = await deployModelsAndForms(rest);
    assert.deepEqual(deployment.resources.filter((r) => r.endsWith('.form')).length, FORM_IDS.length, 'the forms are deployed with the models');
    tasklist = new Tasklist(rest);
    tasklist.start();
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
    tasklist?.stop();
    await workers?.close();
    await engine?.stop();
  });

  afterEach(() => {
    assert.deepEqual(failures.splice(0), [], 'the engine accepted every complete / bpmnError / failure');
    assert.deepEqual(tasklist.problems.splice(0), [], 'every human step was completed through its form');
    tasklist.person = followsFindings;
  });

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
  async function certify(
    variables: Record<string, unknown> = input.variables,
  ): Promise<{ certification: string; certificateNumber: string; lifecycle: ProcessInstance }> {
    const pi = await startCase(variables);
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
    // the people's steps were user tasks with their forms, candidate groups and assignees
    const people = tasklist.completed.filter((t) => t.processInstanceId === certification);
    assert.deepEqual(
      people.map((t) => t.task),
      ['material-review', 'onsite-review', 'committee-vote', 'committee-vote', 'committee-vote'],
    );
    assert.ok(
      people.every((t) => t.formKey === `isccc-${t.task}`),
      people.map((t) => t.formKey).join(),
    );
    assert.deepEqual(people[0]!.candidateGroups, ['isccc-reviewers']);
    assert.deepEqual(
      people
        .filter((t) => t.task === 'committee-vote')
        .map((t) => t.assignee)
        .sort(),
      ['m1', 'm2', 'm3'],
      'each member votes in their own task',
    );
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

  it('a committee of 5 decides 3–2 for the certificate, each member in their own task, the two against giving reasons', async () => {
    tasklist.person = (task, _variables, assignee) =>
      task.task === 'committee-vote' && (assignee === 'm2' || assignee === 'm4')
        ? { vote: { decision: 'refuse', reason: `委员 ${assignee} 认为报告不足 the report does not convince ${assignee}` } }
        : {};
    // another applicant, so another certificate (a certificate's lifecycle is started once, by its number)
    const { certification, certificateNumber } = await certify({
      ...input.variables,
      applicant: { name: '五人委员会测试 committee-of-5 applicant', id: 'C5' },
      committee: committeeOf(5),
    });
    const votes = tasklist.completed.filter((t) => t.processInstanceId === certification && t.task === 'committee-vote');
    assert.deepEqual(votes.map((t) => t.assignee).sort(), ['m1', 'm2', 'm3', 'm4', 'm5']);
    assert.ok(votes.every((t) => t.candidateGroups.includes('isccc-committee')));
    const history = await rest.call<Array<{ name: string; value: unknown; type: string }>>(
      'GET',
      `/history/variable-instance?processInstanceId=${certification}&deserializeValues=false`,
    );
    const value = (name: string): unknown => {
      const v = history.find((x) => x.name === name);
      return v && v.type === 'Json' ? JSON.parse(String(v.value)) : v?.value;
    };
    assert.deepEqual([value('decision'), value('votesFor'), value('votesAgainst')], ['grant', 3, 2]);
    const cast = value('votes') as Array<{ member: string; decision: string; reason?: string }>;
    assert.deepEqual(
      cast
        .filter((v) => v.decision === 'refuse')
        .map((v) => v.member)
        .sort(),
      ['m2', 'm4'],
      'each vote names its member (the form computes it)',
    );
    assert.ok(cast.filter((v) => v.decision === 'refuse').every((v) => v.reason?.includes('the report does not convince')));
    assert.match(certificateNumber, /^ISCCC-ISV-RA3-2026-/);
  });

  it('a refused restoration keeps the certificate suspended until the P3M timer revokes it (6.8.2 → 6.8.3 a))', async () => {
    tasklist.person = (task) =>
      task.task === 'restoration-review'
        ? {
            restorationApproved: false,
            restorationReview: { reviewedOn: '2027-05-25', details: '整改报告未针对暂停原因 the report does not address the ground' },
            restorationJustification: '整改未覆盖暂停原因 the rectification does not cover the ground of suspension',
          }
        : {};
    const { certificateNumber, lifecycle } = await certify({ ...input.variables, applicant: { name: '恢复被拒测试 refused-restoration applicant', id: 'R1' } });
    await until_(
      lifecycle.id,
      'the lifecycle to wait at "certificate valid" (6.8.1)',
      async () =>
        (await rest.call<unknown[]>('GET', `/event-subscription?processInstanceId=${lifecycle.id}&eventType=message&eventName=isccc.suspension-ordered`))[0],
      engine!,
    );
    const correlate = (messageName: string, variables: Record<string, unknown>): Promise<unknown> =>
      rest.call('POST', '/message', {
        messageName,
        correlationKeys: { certificateNumber: { value: certificateNumber, type: 'String' } },
        processVariables: typedVariables(variables),
      });
    await correlate('isccc.suspension-ordered', { details: ['监管通报 regulator notice'] });
    await until_(
      lifecycle.id,
      'the wait for a restoration application',
      async () =>
        (await rest.call<unknown[]>('GET', `/event-subscription?processInstanceId=${lifecycle.id}&eventType=message&eventName=isccc.restoration-requested`))[0],
      engine!,
    );
    await correlate('isccc.restoration-requested', { restoration: { requestedOn: '2027-05-20', rectification: ['rectification report'] } });
    // the body refuses in the review task; the case waits for another application again
    await until_(
      lifecycle.id,
      'the refused restoration review and the wait for another application',
      async () => {
        if (!tasklist.completed.some((t) => t.processInstanceId === lifecycle.id && t.task === 'restoration-review')) return undefined;
        return (
          await rest.call<unknown[]>('GET', `/event-subscription?processInstanceId=${lifecycle.id}&eventType=message&eventName=isccc.restoration-requested`)
        )[0];
      },
      engine!,
    );
    const review = tasklist.completed.find((t) => t.processInstanceId === lifecycle.id && t.task === 'restoration-review')!;
    assert.deepEqual(review.candidateGroups, ['isccc-certification-body']);
    assert.ok(review.due, 'the restoration review is due by the end of the suspension');
    assert.equal(review.submitted.restorationApproved, false);
    const timer = (await rest.call<Array<{ id: string; dueDate: string }>>('GET', `/job?processInstanceId=${lifecycle.id}&timers=true`)).find(
      (j) => new Date(j.dueDate).getTime() - Date.now() > 60 * 86_400_000,
    )!;
    assert.ok(timer, 'the P3M timer is still armed');
    // (the handlers' clock is the case's start, the engine's timers run on its own clock: compare with the handler's date)
    const suspended = await rest.variables(lifecycle.id);
    assert.equal(new Date(String(review.due)).toISOString().slice(0, 10), suspended.suspendedUntil, 'due when the three months of the suspension end');
    await rest.call('POST', `/job/${timer.id}/execute`);
    await until(
      'the lifecycle to end',
      async () => {
        const r = await rest.call<{ state: string }>('GET', `/history/process-instance/${lifecycle.id}`);
        return r.state === 'COMPLETED' ? r : undefined;
      },
      engine!,
    );
    const path = (await activities(lifecycle.id)).map((a) => a.activityId);
    assert.ok(path.includes('Task_RestorationReview') && path.includes('Timer_SuspensionExpired'), path.join(' '));
    assert.ok(!path.includes('Task_RestoreCertificate'), 'never restored');
    assert.equal(path[path.length - 1], 'EndEvent_Revoked');
  });
});
