/** People in the loop of `isccc run`: user tasks that wait, decisions files, `isccc tasks` and `isccc complete`. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { completeCommand, fromSets } from '../src/commands/complete.js';
import { EXIT, runCommand } from '../src/commands/run.js';
import { tasksCommand } from '../src/commands/tasks.js';
import { cliRoot, L3_PASS, repoRoot } from './helpers.js';

type Cli = (argv: string[], io: { out: (t: string) => void; err: (t: string) => void }) => Promise<number>;
async function call(command: Cli, args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await command(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}
const fixture = (name: string): string => path.join(cliRoot, 'test', 'fixtures', 'decisions', name);
const DECISIONS = path.join(repoRoot, 'examples', 'risk-assessment-l3-pass', 'decisions.yaml');

describe('user tasks on the command line', function () {
  this.timeout(120_000);
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'isccc-people-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('without --auto or a decision, the case waits at the first user task; isccc tasks lists it with its form', async () => {
    const run = await call(runCommand, [L3_PASS, '--case-dir', dir, '--until', '1y']);
    assert.equal(run.code, EXIT.notIssued);
    assert.match(run.out, /result: waiting at 2026-11-01: no certificate; open user tasks: material-review#1/);
    const tasks = await call(tasksCommand, [dir, '--format', 'json']);
    assert.equal(tasks.code, 0);
    const doc = JSON.parse(tasks.out) as {
      tasks: Array<{ handle: string; formId: string; candidateGroups: string[]; fields: Array<{ field: string; required: boolean; proposed?: unknown }> }>;
    };
    assert.equal(doc.tasks.length, 1);
    const [task] = doc.tasks;
    assert.deepEqual([task!.handle, task!.formId, task!.candidateGroups], ['material-review#1', 'isccc-material-review', ['isccc-reviewers']]);
    const outcome = task!.fields.find((f) => f.field === 'materialReviewOutcome')!;
    assert.deepEqual([outcome.required, outcome.proposed], [true, 'accepted']);
  });

  it('isccc complete refuses what the form refuses, names the fields, and leaves the case as it was', async () => {
    await call(runCommand, [L3_PASS, '--case-dir', dir, '--until', '1y']);
    const saved = fs.readFileSync(path.join(dir, 'case.json'), 'utf8');
    const departs = await call(completeCommand, [dir, 'material-review', '--set', 'materialReviewOutcome=refused']);
    assert.equal(departs.code, 2);
    assert.match(departs.err, /materialReviewJustification: is required/);
    const hidden = await call(completeCommand, [
      dir,
      'material-review#1',
      '--set',
      'materialReviewOutcome=accepted',
      '--set',
      'grantedLevel=3',
      '--set',
      'missingMaterials=["x"]',
    ]);
    assert.equal(hidden.code, 2);
    assert.match(hidden.err, /missingMaterials: is not a field this form shows/);
    const none = await call(completeCommand, [dir, 'committee-vote#1', '--set', 'vote.decision=grant']);
    assert.equal(none.code, 2);
    assert.match(none.err, /no open user task "committee-vote#1" .* open: material-review#1/);
    const proto = await call(completeCommand, [dir, 'material-review', '--file', fixture('proto.json')]);
    assert.equal(proto.code, 2);
    assert.match(proto.err, /proto\.json:1:\d+: key "__proto__" is not allowed/);
    assert.equal(fs.readFileSync(path.join(dir, 'case.json'), 'utf8'), saved, 'a refused completion writes nothing');
  });

  it('isccc complete completes the task and runs the case on to the next person', async () => {
    await call(runCommand, [L3_PASS, '--case-dir', dir, '--until', '1y']);
    const done = await call(completeCommand, [dir, 'material-review', '--set', 'materialReviewOutcome=accepted', '--set', 'grantedLevel=3']);
    assert.equal(done.code, 0, done.err);
    assert.match(done.out, /✎ 6\.3 {7}Review application documents \(isccc complete\): materialReviewOutcome=accepted, grantedLevel=3; follows the findings/);
    assert.match(done.out, /contract CTR-[0-9A-F-]+ signed/);
    assert.match(done.out, /open user tasks: onsite-review#1$/);
    const review = await call(completeCommand, [
      dir,
      'onsite-review',
      '--set',
      'onsiteReview.reviewedOn=2026-11-01',
      '--set',
      'onsiteReview.passed=false',
      '--set',
      'onsiteReview.majorNonconformities=1',
      '--set',
      'witnessNeeded=false',
      '--set',
      'onsiteReviewJustification=the service staff count could not be verified on site',
    ]);
    assert.equal(review.code, 0, review.err);
    assert.match(review.out, /departs from the findings because: the service staff count could not be verified on site/);
    assert.match(review.out, /✗ 6\.4 {7}BPMN error ISCCC_6_4/, "the report carries out the team's result");
    assert.match(review.out, /result: completed/);
  });

  it('reads --set values as JSON when they are JSON, nested by their dotted field', () => {
    assert.deepEqual(fromSets(['a.b=true', 'a.c=3', 'd=["x"]', 'e=just text', 'f=2027-10-01']), {
      a: { b: true, c: 3 },
      d: ['x'],
      e: 'just text',
      f: '2027-10-01',
    });
  });

  it('a decisions file decides the case: a committee of 5 grants 3–2, a refused restoration ends in revocation (6.8.3 a)', async () => {
    const r = await call(runCommand, [
      L3_PASS,
      '--committee',
      '5',
      '--decisions',
      DECISIONS,
      '--until',
      '2y',
      '--event',
      '2027-03-10:suspend',
      '--event',
      '2027-05-20:restore',
      '--format',
      'json',
    ]);
    assert.equal(r.code, EXIT.issued, r.err);
    const doc = JSON.parse(r.out) as {
      certificate: { status: string };
      trail: Array<{ kind: string; userTask?: string; at: string; outcome?: string; justification?: string; text: { en: string } }>;
    };
    const votes = doc.trail.filter((e) => e.userTask === 'committee-vote');
    assert.equal(votes.length, 5);
    assert.equal(votes.filter((v) => v.outcome === 'departs-from-findings').length, 2, 'the two votes against the report give their reasons');
    assert.ok(doc.trail.some((e) => e.kind === 'job' && e.text.en === 'decision: 3 for, 2 against → grant'));
    const restoration = doc.trail.find((e) => e.userTask === 'restoration-review')!;
    assert.equal(restoration.at.slice(0, 10), '2027-05-25', 'decided on the day the file says');
    assert.match(restoration.justification!, /does not cover the ground/);
    assert.equal(doc.certificate.status, 'revoked');
  });

  for (const [file, pattern] of [
    [
      'bad-field.yaml',
      /bad-field\.yaml:4:\d+: error \[decisions\/unknown-field\] material-review: "grantedLevels" is not a field of form isccc-material-review/,
    ],
    [
      'bad-date.yaml',
      /bad-date\.yaml:6:11: error \[schema\/invalid-date\] tasks\.restoration-review\[0\]\.on "2027-02-30" does not exist: February 2027 has 28 days/,
    ],
    [
      'unknown-task.yaml',
      /unknown-task\.yaml:3:3: error \[schema\/unknown-field\] unknown field "committee-votes" in tasks \(did you mean "committee-vote"\?\)/,
    ],
  ] as const) {
    it(`refuses a bad decisions file with file:line:col: ${file}`, async () => {
      const r = await call(runCommand, [L3_PASS, '--decisions', fixture(file)]);
      assert.equal(r.code, EXIT.badInput);
      assert.match(r.err, pattern);
    });
  }

  it('a decision the form refuses stops the run with exit 2, naming where it was written', async () => {
    const r = await call(runCommand, [L3_PASS, '--decisions', fixture('refused-by-form.yaml'), '--until', '1m']);
    assert.equal(r.code, EXIT.badInput);
    assert.match(r.err, /refused-by-form\.yaml:4:\d+: material-review: materialReviewJustification is required/);
  });
});
