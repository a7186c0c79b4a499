/**
 * `isccc deploy` and `isccc worker` on bad input (exit 2, nothing contacted). Their behaviour against a gateway —
 * drain, reconnect, health, metrics, deploy order, replay — is tested in workers/test/worker-process.test.ts and
 * workers/test/zeebe-replay.test.ts, next to the gateway double they run against.
 */
import assert from 'node:assert/strict';
import { isccc } from './helpers.js';

describe('isccc deploy / isccc worker: usage', function () {
  this.timeout(60_000);

  it('are listed in isccc --help', () => {
    const r = isccc('--help');
    assert.match(r.out, /^\s+deploy\s+deploy the §6 models and forms to a Camunda 8 cluster/m);
    assert.match(r.out, /^\s+worker\s+serve the §6 job types on a Camunda 8 cluster until SIGTERM/m);
  });

  it('worker refuses unknown job types and a capacity of 0 (exit 2)', () => {
    const types = isccc('worker', '--types', 'isccc.material-checks,isccc.no-such-task');
    assert.equal(types.code, 2);
    assert.match(types.err, /--types: "isccc.no-such-task" is no job type of the contract; one of isccc.self-assessment, /);
    const zero = isccc('worker', '--max-jobs', '0');
    assert.equal(zero.code, 2);
    assert.match(zero.err, /--max-jobs must be at least 1/);
    const port = isccc('worker', '--http-port', 'eighty');
    assert.equal(port.code, 2);
    assert.match(port.err, /--http-port must be a whole number, not "eighty"/);
  });

  it('deploy refuses a folder without models (exit 2) and an unknown format', () => {
    const empty = isccc('deploy', '--dir', '/');
    assert.equal(empty.code, 2);
    assert.match(empty.err, /isccc deploy: \/: no \.bpmn model to deploy/);
    const format = isccc('deploy', '--format', 'xml');
    assert.equal(format.code, 2);
    assert.match(format.err, /--format must be text or json, not "xml"/);
  });
});
