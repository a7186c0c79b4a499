/** The contract's job-worker settings agree with the models and with what the handlers really read. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { JOB_TYPES, JOB_WORKERS, modelPath, TASK_TYPE_NAMES, taskTypeSpec, type TaskType } from '@isccc/bpmn';
import { HANDLERS } from '../src/handlers/registry.js';
import { recordJobStream } from './support/job-recording.js';

describe('job-worker settings of the contract (JOB_WORKERS)', function () {
  this.timeout(120_000);

  it('names exactly the job types the models bind to a zeebe:taskDefinition, each with a handler', () => {
    const inModels = new Set<string>();
    for (const p of ['certification', 'lifecycle'] as const) {
      for (const m of fs.readFileSync(modelPath(p), 'utf8').matchAll(/<zeebe:taskDefinition\b[^>]*\btype="([^"]+)"/g)) inModels.add(m[1]!);
    }
    assert.deepEqual([...JOB_TYPES].sort(), [...inModels].sort());
    for (const type of JOB_TYPES) assert.ok(HANDLERS[type], `handler for ${type}`);
    assert.ok(Object.keys(JOB_WORKERS).every((t) => TASK_TYPE_NAMES.includes(t as TaskType)));
  });

  it('fetches every variable a handler reads in whole cases, and every required input', async () => {
    const reads = new Map<string, Set<string>>();
    const jobs = await recordJobStream();
    for (const job of jobs) {
      const seen = reads.get(job.type) ?? new Set<string>();
      reads.set(job.type, seen);
      const watched = new Proxy(job.variables, {
        get: (target, key) => (typeof key === 'string' && seen.add(key), Reflect.get(target, key) as unknown),
        has: (target, key) => (typeof key === 'string' && seen.add(key), Reflect.has(target, key)),
      });
      await HANDLERS[job.type]!(watched, {
        type: job.type,
        now: new Date(job.now),
        retries: job.retries - 1,
        headers: job.headers,
        publishMessage: () => Promise.resolve(),
      }).catch(() => undefined);
    }
    const missing = [...reads].flatMap(([type, names]) =>
      [...names].filter((n) => !JOB_WORKERS[type as TaskType]!.fetchVariables.includes(n)).map((n) => `${type} reads ${n}`),
    );
    const required = JOB_TYPES.flatMap((type) =>
      (taskTypeSpec(type)?.inputs ?? []).filter((i) => i.required && !JOB_WORKERS[type]!.fetchVariables.includes(i.name)).map((i) => `${type} needs ${i.name}`),
    );
    assert.deepEqual([...missing, ...required], []);
  });
});
