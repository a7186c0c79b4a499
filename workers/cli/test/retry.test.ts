/** An incident stops `isccc run` with exit 3, names its element; `--resume --retry ELEMENT` resolves it once the cause is fixed. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TrailEntry } from '@isccc/workers/embedded';
import { isccc, L3_PASS } from './helpers.js';

interface CaseJson {
  instances: Array<{ variables: Record<string, unknown>; status: string; incidentElementId?: string }>;
}

describe('isccc run --resume --retry', function () {
  this.timeout(120_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'isccc-retry-'));
  const file = path.join(dir, 'case.json');
  const edit = (change: (c: CaseJson) => void): void => {
    const data = JSON.parse(fs.readFileSync(file, 'utf8')) as CaseJson;
    change(data);
    fs.writeFileSync(file, JSON.stringify(data));
  };
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('stops at an incident (exit 3) naming the element, and continues after the cause is fixed and the element retried', () => {
    assert.equal(isccc('run', '--auto', L3_PASS, '--case-dir', dir, '--max-steps', '3', '--until', '1m').code, 1);
    let committee: unknown;
    edit((c) => {
      committee = c.instances[0]!.variables.committee;
      delete c.instances[0]!.variables.committee;
    });
    const broken = isccc('run', '--auto', '--case-dir', dir, '--resume', '--format', 'json');
    assert.equal(broken.code, 3, broken.err);
    const trail = (JSON.parse(broken.out) as { status: string; trail: TrailEntry[] }).trail;
    const incident = trail.find((e) => e.kind === 'incident')!;
    assert.equal(incident.elementId, 'Task_CommitteeValidate');
    assert.equal(incident.clause, '6.5');
    assert.match(incident.text.en, /incident: isccc.committee-validate: .*committee/);
    assert.equal(trail.filter((e) => e.kind === 'retry' && e.elementId === 'Task_CommitteeValidate').length, 2);

    const wrong = isccc('run', '--auto', '--case-dir', dir, '--resume', '--retry', 'Task_SignContract');
    assert.equal(wrong.code, 2);
    assert.match(wrong.err, /--retry Task_SignContract: no incident at that element; incidents at: Task_CommitteeValidate/);

    edit((c) => {
      c.instances[0]!.variables.committee = committee;
    });
    const fixed = isccc('run', '--auto', '--case-dir', dir, '--resume', '--retry', 'Task_CommitteeValidate', '--format', 'json');
    assert.equal(fixed.code, 0, fixed.err);
    const after = JSON.parse(fixed.out) as { status: string; certificate: { status: string } | null; trail: TrailEntry[] };
    assert.equal(after.certificate?.status, 'valid');
    assert.ok(after.trail.some((e) => e.kind === 'job' && e.taskType === 'isccc.committee-validate'));
  });
});
