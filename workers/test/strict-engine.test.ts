/** The embedded engine raises incidents where Zeebe does, instead of silent defaults, and resolves them on retry. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileModel, type CompiledModel } from '../src/embedded/engine/model.js';
import { type InstanceEvent, ProcessInstance } from '../src/embedded/engine/process-instance.js';
import { VirtualClock } from '../src/embedded/engine/virtual-clock.js';
import { correlationKeyOf } from '../src/embedded/engine/correlation-key.js';
import { timerProblem } from '../src/embedded/engine/timer-due.js';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'test', 'fixtures');

describe('embedded engine: incidents where Zeebe raises them', () => {
  let model: CompiledModel;
  before(async () => {
    model = await compileModel(fs.readFileSync(path.join(fixtures, 'strict.bpmn'), 'utf8'));
  });

  async function started(variables: Record<string, unknown>): Promise<{ instance: ProcessInstance; events: InstanceEvent[] }> {
    const events: InstanceEvent[] = [];
    const instance = new ProcessInstance({
      key: 's',
      processId: 'fixture-strict',
      model,
      clock: new VirtualClock(new Date('2027-01-01T00:00:00Z')),
      variables,
      onEvent: (e) => events.push(e),
    });
    await instance.start();
    return { instance, events };
  }

  it('a condition that is not a boolean (a number compared with a string) is an incident at the gateway naming the expression, not the default flow', async () => {
    const { instance, events } = await started({ route: 42, caseKey: 'K' });
    assert.equal(instance.status, 'incident');
    const incident = events.find((e) => e.kind === 'incident');
    assert.deepEqual(incident, {
      kind: 'incident',
      elementId: 'Gateway_Route',
      message: 'condition =route = "wait" of flow F_Wait must be a boolean, but was null',
    });
    assert.deepEqual(instance.subscriptions(), [], 'the default flow was not taken');
  });

  it('a resumed instance with --retry at the gateway evaluates it again over the current variables', async () => {
    const { instance } = await started({ route: 42, caseKey: 'K' });
    const snapshot = { ...instance.snapshot(), variables: { route: 'other', caseKey: 'K' } };
    const resumed = new ProcessInstance({ key: 's', processId: 'fixture-strict', model, clock: new VirtualClock(new Date('2027-01-01T00:00:00Z')) });
    await resumed.resume(snapshot, 'Gateway_Route');
    assert.equal(resumed.status, 'active');
    assert.deepEqual(
      resumed.subscriptions().map((s) => [s.elementId, s.correlationKey]),
      [['Event_Answer', 'K']],
    );
  });

  it('a null timer date or one without offset is an incident at the timer event', async () => {
    for (const [deadline, detail] of [
      [null, 'a timer needs an ISO 8601 date-time, but was null'],
      ['2027-10-01T00:00:00', '"2027-10-01T00:00:00" is not an ISO 8601 date-time with an offset (e.g. 2027-10-01T00:00:00Z)'],
      ['2027-10-01', '"2027-10-01" is not an ISO 8601 date-time with an offset (e.g. 2027-10-01T00:00:00Z)'],
    ] as const) {
      const { instance, events } = await started({ route: 'wait', deadline });
      assert.equal(instance.status, 'incident', String(deadline));
      assert.deepEqual(
        events.find((e) => e.kind === 'incident'),
        { kind: 'incident', elementId: 'Timer_Deadline', message: `timeDate =deadline: ${detail}` },
      );
      assert.equal(instance.nextTimer(), undefined, 'nothing was scheduled to fire at once');
    }
    const { instance } = await started({ route: 'wait', deadline: '2027-10-01T00:00:00+08:00' });
    assert.equal(instance.nextTimer()?.due.toISOString(), '2027-09-30T16:00:00.000Z');
  });

  it('a correlation key that is neither a string nor a number is an incident at the catch event; a number becomes an integer', async () => {
    const { instance, events } = await started({ route: 'other', caseKey: { id: 7 } });
    assert.deepEqual(instance.subscriptions(), []);
    assert.deepEqual(
      events.find((e) => e.kind === 'incident'),
      {
        kind: 'incident',
        elementId: 'Event_Answer',
        message: 'correlation key =caseKey: a correlation key must be a string or a number, but was a context {"id":7}',
      },
    );
    const numbered = await started({ route: 'other', caseKey: 7.9 });
    assert.deepEqual(
      numbered.instance.subscriptions().map((s) => s.correlationKey),
      ['7'],
    );
    assert.ok(numbered.instance.correlate('fixture.answer', 7, {}));
    assert.equal(numbered.instance.status, 'completed');
  });

  it('states the rules themselves: timer values and correlation keys', () => {
    assert.equal(timerProblem('timeDuration', 'P3M'), undefined);
    assert.match(timerProblem('timeDuration', 'three months') ?? '', /not an ISO 8601 duration/);
    assert.equal(correlationKeyOf('ISCCC-1'), 'ISCCC-1');
    assert.throws(() => correlationKeyOf(true), /but was the boolean true/);
    assert.throws(() => correlationKeyOf([1]), /but was a list/);
  });
});
