/** A case stopped mid-way and continued by a new OS process finishes exactly as an uninterrupted one. */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { TrailEntry } from '@isccc/workers/embedded';
import { BIN as bin, L3_PASS } from './helpers.js';

/** What two runs of the same case must agree on (sequence numbers and instance keys aside). */
const comparable = (trail: TrailEntry[]): string[] => trail.map((e) => `${e.at} ${e.kind} ${e.clause} ${e.elementId ?? ''} ${e.text.en}`);

const run = promisify(execFile);

interface Output {
  status: string;
  trail: TrailEntry[];
  certificate: { number: string; status: string } | null;
}

async function isccc(args: string[]): Promise<Output> {
  try {
    const { stdout } = await run(process.execPath, [bin, 'run', ...args, '--format', 'json'], { maxBuffer: 64 * 1024 * 1024 });
    return JSON.parse(stdout) as Output;
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    if (e.code === 1 && e.stdout) return JSON.parse(e.stdout) as Output;
    throw new Error(`isccc run ${args.join(' ')} exited ${e.code}: ${e.stderr}`, { cause: error });
  }
}

describe('resume in a new process', function () {
  this.timeout(180_000);
  const scenario = [L3_PASS, '--auto', '--until', '3y', '--event', '2027-03-10:suspend', '--event', '2027-05-20:restore', '--event', '2028-01-15:change-major'];
  let dir: string;
  let whole: Output;

  before(async () => {
    whole = await isccc(scenario);
  });
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'isccc-resume-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  for (const [label, steps, lastJob] of [
    ['in the middle of the committee vote (6.5)', '11', 'committee-vote'],
    ['during the suspension (6.8.2)', '19', 'isccc.certificate-suspend'],
    ['in the middle of a change decision (6.8.5)', '35', 'committee-vote'],
  ] as const) {
    it(`finishes the same after stopping ${label}`, async () => {
      const first = await isccc([...scenario, '--case-dir', dir, '--max-steps', steps]);
      assert.equal(first.status, 'running');
      const last = first.trail.at(-1)!;
      assert.equal(last.taskType ?? last.userTask, lastJob, 'stopped where the test means to stop');
      assert.ok(first.trail.length < whole.trail.length);
      const second = await isccc(['--case-dir', dir, '--resume', '--auto']);
      assert.deepEqual(comparable(second.trail), comparable(whole.trail));
      assert.deepEqual(second.certificate, whole.certificate);
      assert.equal(second.status, whole.status);
    });
  }
});
