import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileModel, type CompiledModel } from '../src/embedded/engine/model.js';
import { type InstanceEvent, type InstanceSnapshot, ProcessInstance } from '../src/embedded/engine/process-instance.js';
import { VirtualClock } from '../src/embedded/engine/virtual-clock.js';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'test', 'fixtures');
const compile = (name: string): Promise<CompiledModel> => compileModel(fs.readFileSync(path.join(fixtures, name), 'utf8'));
const day = (d: Date): string => d.toISOString().slice(0, 10);

describe('embedded engine (bpmn-engine + feelin, Zeebe dialect)', () => {
  let committee: CompiledModel;
  let timers: CompiledModel;
  before(async () => {
    committee = await compile('committee.bpmn');
    timers = await compile('timers.bpmn');
  });

  function committeeInstance(variables: Record<string, unknown>, events: InstanceEvent[] = []): ProcessInstance {
    return new ProcessInstance({
      key: 'c',
      processId: 'fixture-committee',
      model: committee,
      clock: new VirtualClock(new Date('2026-01-01T00:00:00Z')),
      variables: { applicationId: 'A1', ...variables },
      onEvent: (e) => events.push(e),
    });
  }

  /** Completes the committee fixture's jobs as their workers would. */
  function work(instance: ProcessInstance, votes: Record<string, string>): string[] {
    const done: string[] = [];
    for (let job = instance.jobs[0]; job; job = instance.jobs[0]) {
      done.push(job.type);
      const v = job.variables;
      if (job.type === 'fixture.validate') {
        const size = (v.committee as unknown[]).length;
        if (size % 2 === 0) instance.throwError(job.key, 'ISCCC_6_5', '6.5 even committee', { reason: { code: 'ISCCC_6_5', clause: '6.5' } });
        else instance.complete(job.key, { committeeSize: size });
      } else if (job.type === 'fixture.vote') {
        const member = (v.member as { id: string }).id;
        assert.equal(v.vote, null, 'the input mapping vote = =null starts each iteration empty');
        instance.complete(job.key, { vote: { member, decision: votes[member] } });
      } else if (job.type === 'fixture.tally') {
        assert.equal(job.headers.refusalClause, '6.5');
        const cast = v.votes as Array<{ decision: string }>;
        instance.complete(job.key, { decision: cast.filter((c) => c.decision === 'grant').length * 2 > cast.length ? 'grant' : 'refuse' });
      } else {
        instance.complete(job.key, {});
      }
    }
    return done;
  }

  it('routes a BPMN error to its boundary event with the error variables mapped out, then waits for the correlated message', async () => {
    const events: InstanceEvent[] = [];
    const instance = committeeInstance({ committee: [{ id: 'm1' }, { id: 'm2' }] }, events);
    await instance.start();
    assert.deepEqual(work(instance, {}), ['fixture.validate']);
    assert.deepEqual(instance.variables.reason, { code: 'ISCCC_6_5', clause: '6.5' });
    assert.ok(events.some((e) => e.kind === 'caught' && e.elementId === 'InvalidCommittee' && e.error?.code === 'ISCCC_6_5'));
    assert.deepEqual(
      instance.subscriptions().map((s) => [s.messageName, s.correlationKey]),
      [['fixture.committee-appointed', 'A1']],
    );
    assert.equal(instance.correlate('fixture.committee-appointed', 'A2', { committee: [] }), undefined, 'another correlation key is not this instance');
    assert.ok(instance.correlate('fixture.committee-appointed', 'A1', { committee: [{ id: 'm1' }, { id: 'm2' }, { id: 'm3' }] }));
    assert.deepEqual(work(instance, { m1: 'grant', m2: 'grant', m3: 'refuse' }), [
      'fixture.validate',
      'fixture.vote',
      'fixture.vote',
      'fixture.vote',
      'fixture.tally',
      'fixture.announce',
    ]);
    assert.deepEqual(instance.variables.votes, [
      { member: 'm1', decision: 'grant' },
      { member: 'm2', decision: 'grant' },
      { member: 'm3', decision: 'refuse' },
    ]);
    assert.equal(instance.variables.vote, undefined, 'each vote stayed in its iteration');
    assert.equal(instance.variables.decision, 'grant');
    assert.equal(instance.status, 'completed');
    assert.ok(
      events.some((e) => e.kind === 'end-event' && e.elementId === 'Issued'),
      'the message end event ran as a job, then ended the process',
    );
  });

  it('takes the default flow when the FEEL condition is false', async () => {
    const events: InstanceEvent[] = [];
    const instance = committeeInstance({ committee: [{ id: 'm1' }, { id: 'm2' }, { id: 'm3' }] }, events);
    await instance.start();
    work(instance, { m1: 'grant', m2: 'refuse', m3: 'refuse' });
    assert.equal(instance.variables.decision, 'refuse');
    assert.deepEqual(
      events.filter((e) => e.kind === 'end-event').map((e) => (e as { elementId: string }).elementId),
      ['Refused'],
    );
  });

  it('resumes a saved instance in a new engine with half the votes cast', async () => {
    const first = committeeInstance({ committee: [{ id: 'm1' }, { id: 'm2' }, { id: 'm3' }] });
    await first.start();
    first.complete(first.jobs[0]!.key, { committeeSize: 3 });
    const [m1] = first.jobs;
    first.complete(m1!.key, { vote: { member: 'm1', decision: 'grant' } });
    const saved = JSON.parse(JSON.stringify(first.snapshot())) as InstanceSnapshot;
    await first.stop();

    const second = committeeInstance({});
    await second.resume(saved);
    assert.deepEqual(
      second.jobs.map((j) => (j.variables.member as { id: string }).id),
      ['m2', 'm3'],
    );
    work(second, { m2: 'grant', m3: 'refuse' });
    assert.deepEqual(
      (second.variables.votes as Array<{ member: string }>).map((v) => v.member),
      ['m1', 'm2', 'm3'],
    );
    assert.equal(second.variables.decision, 'grant');
    assert.equal(second.status, 'completed');
  });

  describe('timers on the virtual clock', () => {
    function timersInstance(clock: VirtualClock): ProcessInstance {
      return new ProcessInstance({ key: 't', processId: 'fixture-timers', model: timers, clock, variables: { caseKey: 'K' } });
    }
    async function armed(clock: VirtualClock): Promise<ProcessInstance> {
      const instance = timersInstance(clock);
      await instance.start();
      instance.complete(instance.jobs[0]!.key, { deadline: '2027-03-15T00:00:00Z' });
      return instance;
    }

    it('fires a six-month timer (beyond setTimeout’s 24.8 days) at its calendar due date, then a three-month boundary timer', async () => {
      const clock = new VirtualClock(new Date('2026-08-31T00:00:00Z'));
      const instance = await armed(clock);
      const six = instance.nextTimer()!;
      assert.equal(day(six.due), '2027-02-28', '31 Aug + P6M clamps to the end of February');
      instance.fireTimer(six);
      assert.equal(day(clock.now()), '2027-02-28');
      assert.deepEqual(
        instance.subscriptions().map((s) => s.elementId),
        ['Answer'],
      );
      const three = instance.nextTimer()!;
      assert.equal(day(three.due), '2027-05-28');
      instance.fireTimer(three);
      assert.equal(instance.variables.outcome, 'expired');
      assert.equal(instance.status, 'completed');
      assert.deepEqual(instance.subscriptions(), []);
    });

    it('cancels the boundary timer when the message comes in time, then waits for a timeDate read from a variable', async () => {
      const clock = new VirtualClock(new Date('2026-08-31T00:00:00Z'));
      const instance = await armed(clock);
      instance.fireTimer(instance.nextTimer()!);
      clock.advanceTo(new Date('2027-03-01T00:00:00Z'));
      assert.ok(instance.correlate('fixture.answer', 'K', { answer: 42 }));
      assert.equal(instance.variables.answer, 42);
      const deadline = instance.nextTimer()!;
      assert.equal(deadline.owner?.id, 'UntilDeadline', 'the P3M boundary timer went with its sub-process');
      assert.equal(deadline.due.toISOString(), '2027-03-15T00:00:00.000Z');
      instance.fireTimer(deadline);
      assert.equal(instance.status, 'completed');
      assert.equal(instance.variables.outcome, undefined);
    });

    it('keeps a timer’s due date across save and resume', async () => {
      const clock = new VirtualClock(new Date('2026-08-31T00:00:00Z'));
      const instance = await armed(clock);
      instance.fireTimer(instance.nextTimer()!);
      const saved = JSON.parse(JSON.stringify(instance.snapshot())) as InstanceSnapshot;
      await instance.stop();
      const later = new VirtualClock(new Date('2027-04-01T00:00:00Z'));
      const resumed = timersInstance(later);
      await resumed.resume(saved);
      assert.equal(day(resumed.nextTimer()!.due), '2027-05-28', 'due date from the saved state, not re-armed at resume time');
    });
  });
});
