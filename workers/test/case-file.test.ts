/** The case file schema accepts every state the runner saves, and names the code's own lists. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { MESSAGES, PROCESS_IDS, USER_TASK_NAMES } from '@isccc/bpmn';
import { CASE_SCHEMA_FILE, parseCaseFile } from '../src/embedded/case/case-file.js';
import type { CaseFile, CaseStore } from '../src/embedded/case/case-store.js';
import { EVENT_KINDS } from '../src/embedded/case/events.js';
import { TRAIL_KINDS } from '../src/embedded/case/trail.js';
import type { TaskHandler } from '../src/handlers/contract.js';
import { HANDLERS } from '../src/handlers/registry.js';
import { runCase, type RunOptions } from './helpers.js';

/** Saves by checking what a case folder would hold, as `isccc run --resume` reads it back. */
class CheckingStore implements CaseStore {
  readonly location = 'memory/case.json';
  saves = 0;
  private text: string | undefined;

  load(): CaseFile | undefined {
    return this.text === undefined ? undefined : parseCaseFile(this.location, this.text);
  }

  save(file: CaseFile): void {
    this.text = JSON.stringify(file);
    parseCaseFile(this.location, this.text);
    this.saves++;
  }
}

describe('case file (case.json) schema', function () {
  this.timeout(120_000);

  const schema = JSON.parse(fs.readFileSync(CASE_SCHEMA_FILE, 'utf8')) as {
    properties: { people: { properties: { counts: { properties: Record<string, unknown> } } } };
    $defs: Record<string, { enum?: string[]; properties?: Record<string, { enum?: string[] }> }>;
  };

  it('lists the event kinds, messages, user tasks, processes and trail kinds the code has', () => {
    assert.deepEqual(schema.$defs.event!.properties!.kind!.enum, Object.keys(EVENT_KINDS));
    assert.deepEqual(schema.$defs.messageName!.enum, [...new Set(MESSAGES.map((m) => m.name))]);
    assert.deepEqual(Object.keys(schema.properties.people.properties.counts.properties), [...USER_TASK_NAMES]);
    assert.deepEqual(schema.$defs.instance!.properties!.model!.enum, Object.keys(PROCESS_IDS));
    assert.deepEqual(schema.$defs.instance!.properties!.processId!.enum, Object.values(PROCESS_IDS));
    assert.deepEqual(schema.$defs.trailEntry!.properties!.kind!.enum, TRAIL_KINDS);
  });

  const scenarios: Array<[string, RunOptions]> = [
    ['three years with a suspension, a restoration and a major change', { events: ['2027-03-10:suspend', '2027-05-20:restore', '2028-01-15:change-major'] }],
    ['a message buffered until it expires', { until: 'P3M', events: ['2026-12-15:restore'] }],
    ['a case waiting for a person', { auto: false, until: 'P1M' }],
    ['a refused certification', { votes: ['no', 'no', 'yes'], until: 'P1M' }],
  ];
  for (const [label, options] of scenarios) {
    it(`accepts every state saved along ${label}`, async () => {
      const store = new CheckingStore();
      const r = await runCase({ ...options, runner: { store } });
      assert.ok(store.saves >= r.trail.filter((e) => e.kind === 'job').length, `${store.saves} saves`);
      assert.deepEqual(store.load()!.trail, r.trail);
    });
  }

  it('accepts the state of a case stopped by an incident, and of its retries', async () => {
    const store = new CheckingStore();
    const broken: TaskHandler = () => Promise.reject(new Error('register unreachable'));
    const r = await runCase({ until: 'P1M', runner: { store, handlers: { ...HANDLERS, 'isccc.certificate-issue': broken } } });
    assert.equal(r.status, 'incident');
    const saved = store.load()!;
    assert.equal(saved.instances[0]!.status, 'incident');
    assert.equal(saved.instances[0]!.incidentElementId, 'Task_IssueCertificate');
  });
});
