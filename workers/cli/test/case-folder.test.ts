/**
 * Case folders are untrusted input (issue 9 §5): a tampered `case.json` — truncated, empty, corrupt, wrongly
 * typed, hand-edited into an inconsistent state, with prototype keys, replaced by a folder, a FIFO, a symbolic link
 * out of the folder or a huge file — is refused by `isccc run --resume`, `isccc tasks` and `isccc complete` with
 * exit 2 and a message naming the file and the problem, never a stack trace, and the saved case is left as it was.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { completeCommand } from '../src/commands/complete.js';
import { EXIT, runCommand } from '../src/commands/run.js';
import { tasksCommand } from '../src/commands/tasks.js';
import { BIN, L3_PASS } from './helpers.js';

type Command = (argv: string[], io: { out: (t: string) => void; err: (t: string) => void }) => Promise<number>;
async function call(command: Command, args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await command(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** A line of a JavaScript stack trace (`    at fn (file.js:1:2)`). */
const STACK = /^\s+at .+:\d+:\d+\)?$/m;

// the parsed case as the tampering below edits it; only the fields touched are typed
interface Saved {
  [key: string]: unknown;
  format: string;
  caseId: unknown;
  clock: string;
  until: string;
  status: string;
  events: Array<Record<string, unknown>>;
  retries: Record<string, unknown>;
  instances: Array<Record<string, unknown> & { variables: Record<string, unknown>; engine: { definitions: Array<Record<string, unknown>> } | null }>;
  trail: Array<Record<string, unknown>>;
  people: { counts: Record<string, unknown> };
}

interface Tamper {
  name: string;
  /** Changes the folder; `file` is its case.json. */
  apply: (file: string, dir: string) => void;
  /** What the message says about the problem. */
  problem: RegExp;
  /** Text on the line the message points at (`case.json:LINE:COL`), when the problem has a place in the text. */
  line?: string;
}

/** Rewrites case.json through `change`, one field per line so that positions mean something. */
const edit =
  (change: (saved: Saved) => void) =>
  (file: string): void => {
    const saved = JSON.parse(fs.readFileSync(file, 'utf8')) as Saved;
    change(saved);
    fs.writeFileSync(file, JSON.stringify(saved, null, 1));
  };
/** Rewrites case.json's text (for what JSON.parse would hide: prototype keys, syntax). */
const text =
  (change: (text: string) => string) =>
  (file: string): void =>
    fs.writeFileSync(file, change(fs.readFileSync(file, 'utf8')));
const lifecycle = (saved: Saved): Saved['instances'][number] => saved.instances[1]!;

const TAMPERED: Tamper[] = [
  // the file itself
  {
    name: 'truncated in the middle',
    apply: (f) => fs.truncateSync(f, Math.floor(fs.statSync(f).size / 2)),
    problem: /\[case\/syntax\] not valid JSON: .*truncated/,
  },
  { name: 'truncated to its first byte', apply: (f) => fs.truncateSync(f, 1), problem: /\[case\/syntax\] not valid JSON: .*truncated/ },
  { name: 'empty', apply: (f) => fs.writeFileSync(f, ''), problem: /\[case\/empty\] the file is empty/ },
  { name: 'only white space', apply: (f) => fs.writeFileSync(f, '\n  \n'), problem: /\[case\/empty\] the file is empty/ },
  {
    name: 'corrupt JSON (a colon lost)',
    apply: text((t) => t.replace('"status":', '"status" ')),
    problem: /\[case\/syntax\] not valid JSON: colon expected/,
    line: '"status" ',
  },
  {
    name: 'corrupt JSON (a byte overwritten)',
    apply: text((t) => t.replace('"status":', '"status";')),
    problem: /\[case\/syntax\] not valid JSON: invalid symbol/,
    line: '"status";',
  },
  { name: 'not JSON at all', apply: (f) => fs.writeFileSync(f, 'format: isccc-case/v1\ncaseId: x\n'), problem: /\[case\/syntax\] not valid JSON/ },
  {
    name: 'a comment added by hand',
    apply: text((t) => `// resumed by hand\n${t}`),
    problem: /\[case\/syntax\] not valid JSON: invalid comment token/,
    line: '// resumed by hand',
  },
  { name: 'a trailing comma', apply: text((t) => t.replace(/}\s*$/, ',}')), problem: /\[case\/syntax\] not valid JSON/ },
  {
    name: 'nested a hundred thousand deep',
    apply: (f) => fs.writeFileSync(f, '['.repeat(100_000) + ']'.repeat(100_000)),
    problem: /\[case\/too-deep\] (\/0)+: nesting deeper than 64 levels/,
    line: '[[[',
  },
  {
    name: 'a folder named case.json',
    apply: (f) => {
      fs.rmSync(f);
      fs.mkdirSync(f);
    },
    problem: /\[case\/not-a-file\] is not a regular file: EISDIR/,
  },
  {
    name: 'a symbolic link to a case outside the folder',
    apply: (f, dir) => {
      const outside = `${dir}-elsewhere.json`;
      fs.renameSync(f, outside);
      fs.symlinkSync(outside, f);
    },
    problem: /\[case\/outside-folder\] is not inside the case folder: is a symbolic link to .*-elsewhere\.json, outside the folder/,
  },
  {
    name: 'a symbolic link to /etc/passwd',
    apply: (f) => {
      fs.rmSync(f);
      fs.symlinkSync('/etc/passwd', f);
    },
    problem: /\[case\/outside-folder\] .*symbolic link to \/etc\/passwd/,
  },
  {
    name: 'a huge (sparse) file',
    apply: (f) => fs.truncateSync(f, 3 * 1024 ** 3),
    problem: /\[case\/too-large\] is too large to be a case file: 3072\.0 MB, over the 32 MB limit/,
  },
  // wrong types at each level
  { name: 'a list instead of an object', apply: (f) => fs.writeFileSync(f, '[]'), problem: /\[case\/schema\] must be an object, not a list of 0/ },
  { name: 'null instead of an object', apply: (f) => fs.writeFileSync(f, 'null'), problem: /\[case\/schema\] must be an object, not null/ },
  { name: 'a string instead of an object', apply: (f) => fs.writeFileSync(f, '"isccc-case/v1"'), problem: /\[case\/schema\] must be an object/ },
  {
    name: 'an unknown format version',
    apply: edit((c) => (c.format = 'isccc-case/v2')),
    problem: /\[case\/format\] \/format: "isccc-case\/v2" is not a case format this isccc reads \(it reads isccc-case\/v1\)/,
    line: '"format"',
  },
  { name: 'no format', apply: edit((c) => delete (c as Partial<Saved>).format), problem: /\[case\/schema\] the field "format" is missing/ },
  { name: 'a number for the case id', apply: edit((c) => (c.caseId = 42)), problem: /\/caseId: must be a string, not 42/, line: '"caseId"' },
  { name: 'an unknown field', apply: edit((c) => (c.owner = 'me')), problem: /\[case\/schema\] \/owner: unknown field "owner"/, line: '"owner"' },
  {
    name: 'instances an object',
    apply: edit((c) => (c.instances = { 0: c.instances[0] } as never)),
    problem: /\/instances: must be an array, not an object/,
    line: '"instances"',
  },
  { name: 'an instance a string', apply: edit((c) => (c.instances[1] = 'lifecycle' as never)), problem: /\/instances\/1: must be an object, not "lifecycle"/ },
  {
    name: 'an unknown instance status',
    apply: edit((c) => (lifecycle(c).status = 'paused')),
    problem: /\/instances\/1\/status: must be one of "active", "completed", "incident", not "paused"/,
    line: '"paused"',
  },
  {
    name: 'variables a list',
    apply: edit((c) => (lifecycle(c).variables = [] as never)),
    problem: /\/instances\/1\/variables: must be an object, not a list of 0/,
  },
  {
    name: 'engine state a string',
    apply: edit((c) => (lifecycle(c).engine = 'running' as never)),
    problem: /\/instances\/1\/engine: must be null \(a completed instance\) or an engine state/,
  },
  { name: 'a trail text a number', apply: edit((c) => (c.trail[2]!.text = 3)), problem: /\/trail\/2\/text: must be an object, not 3/ },
  {
    name: 'an unknown event kind',
    apply: edit((c) => (c.events[0]!.kind = 'earthquake')),
    problem: /\/events\/0\/kind: must be one of "major-change", .*not "earthquake"/,
    line: '"earthquake"',
  },
  { name: 'a billion retries', apply: edit((c) => (c.retries = { job: 1e9 })), problem: /\/retries\/job: must be <= 100/ },
  {
    name: 'a clock that is no instant',
    apply: edit((c) => (c.clock = 'yesterday')),
    problem: /\/clock: "yesterday" does not have the form this field takes/,
    line: '"yesterday"',
  },
  {
    name: 'a count of an unknown user task',
    apply: edit((c) => (c.people.counts['coffee-break'] = 1)),
    problem: /\/people\/counts\/coffee-break: unknown field "coffee-break"/,
  },
  {
    name: 'a control character in a trail line',
    apply: edit((c) => ((c.trail[0]!.text as { en: string }).en = 'done \u001b[2J')),
    problem: /\/trail\/0\/text\/en: .* does not have the form this field takes/,
  },
  // hand-edited, inconsistent
  {
    name: 'a clock before the case started',
    apply: edit((c) => (c.clock = '2020-01-01T00:00:00.000Z')),
    problem: /\[case\/inconsistent\] \/clock: the case clock 2020-01-01T00:00:00\.000Z is before the case's start/,
    line: '"clock"',
  },
  {
    name: 'a horizon a century away',
    apply: edit((c) => (c.until = '2126-11-01T00:00:00.000Z')),
    problem: /\/until: the case may run at most 30 years after its start 2026-11-01/,
  },
  {
    name: 'a date that does not exist',
    apply: edit((c) => (c.clock = '2027-02-30T00:00:00.000Z')),
    problem: /\/clock: "2027-02-30T00:00:00\.000Z" is not a real instant/,
  },
  {
    name: 'a completed instance that keeps an engine state',
    apply: edit((c) => (c.instances[0]!.engine = lifecycle(c).engine)),
    problem: /\/instances\/0\/engine: a completed instance keeps no engine state/,
  },
  {
    name: 'an active instance without engine state',
    apply: edit((c) => (lifecycle(c).engine = null)),
    problem: /\/instances\/1\/engine: an active instance needs its engine state, and it is null/,
  },
  {
    name: 'two instances with one key',
    apply: edit((c) => (lifecycle(c).key = c.instances[0]!.key)),
    problem: /\/instances\/1\/key: a second instance with the key "CASE-[0-9A-F]+\/certification-1"/,
  },
  {
    name: 'a process that is not the model’s',
    apply: edit((c) => (lifecycle(c).processId = 'isccc-certification')),
    problem: /\/instances\/1\/processId: the lifecycle model's process is isccc-certificate-lifecycle, not isccc-certification/,
  },
  {
    name: 'an incident that says nothing',
    apply: edit((c) => (lifecycle(c).status = 'incident')),
    problem: /\/instances\/1: an instance with an incident says what the incident is/,
  },
  {
    name: 'a case at an incident no instance has',
    apply: edit((c) => (c.status = 'incident')),
    problem: /\/status: the case stopped at an incident, but no instance has one/,
  },
  {
    name: 'an incident at an element the model lacks',
    apply: edit((c) => Object.assign(lifecycle(c), { status: 'incident', incident: 'by hand', incidentElementId: 'Task_Nowhere' })),
    problem: /\/instances\/1\/incidentElementId: the lifecycle model has no element Task_Nowhere/,
  },
  {
    name: 'the engine state of the other model',
    apply: edit((c) => (lifecycle(c).engine!.definitions[0]!.id = 'Definitions_isccc_certification')),
    problem: /\/instances\/1\/engine\/definitions\/0\/id: the lifecycle model is Definitions_isccc_certificate_lifecycle/,
  },
  {
    name: 'an engine state that does not restore',
    apply: edit((c) => (lifecycle(c).engine!.definitions[0]!.execution = { processes: 5 })),
    problem: /\[case\/engine-state\] \/instances\/1\/engine: the saved engine state does not restore on the lifecycle model/,
  },
  { name: 'a renumbered trail', apply: edit((c) => (c.trail[4]!.seq = 40)), problem: /\/trail\/4\/seq: trail entry 5 is numbered 40/, line: '"seq": 40' },
  {
    name: 'a trail line of an instance the case lacks',
    apply: edit((c) => (c.trail[1]!.instance = 'CASE-X/lifecycle-9')),
    problem: /\/trail\/1\/instance: names the instance "CASE-X\/lifecycle-9"/,
  },
  {
    name: 'events out of date order',
    apply: edit((c) => c.events.unshift({ on: '2029-01-01', kind: 'complaint' })),
    problem: /\/events\/1\/on: events are kept in date order/,
  },
  {
    name: 'an event no message can carry (a committee of 1000)',
    apply: edit((c) => (c.events[0]!.value = '1000')),
    problem: /\/events\/0: committee=N takes a whole number of members 0–99, not "1000"/,
  },
  // prototype keys where they stand
  {
    name: '__proto__ in the variables',
    apply: text((t) => t.replace('"status":"active","variables":{', '"status":"active","variables":{"__proto__":{"polluted":true},')),
    problem: /\[case\/forbidden-key\] \/instances\/1\/variables\/__proto__: key "__proto__" is not allowed/,
  },
  {
    name: '__proto__ in a buffered message',
    apply: text((t) => t.replace('"variables":{', '"variables":{"__proto__":{"polluted":true},')),
    problem: /\/messages\/0\/variables\/__proto__: key "__proto__" is not allowed/,
  },
  {
    name: '__proto__ at the top',
    apply: text((t) => t.replace('{', '{"__proto__":{"polluted":true},')),
    problem: /\/__proto__: key "__proto__" is not allowed/,
  },
  {
    name: 'constructor in the input',
    apply: text((t) => t.replace('"input":{', '"input":{"constructor":{"prototype":{"polluted":true}},')),
    problem: /\/input\/constructor: key "constructor" is not allowed/,
  },
  {
    name: 'prototype in a decision of the trail',
    apply: text((t) => t.replace('"decision":{', '"decision":{"prototype":1,')),
    problem: /\/trail\/\d+\/decision\/prototype: key "prototype" is not allowed/,
  },
];

/** What a folder entry is, to tell afterwards whether anything was written, replaced or followed. */
function snapshot(file: string): string {
  const link = fs.lstatSync(file);
  if (link.isSymbolicLink()) {
    const target = fs.readlinkSync(file);
    return `link ${target} ${fs.existsSync(target) && fs.statSync(target).isFile() ? fs.readFileSync(target).toString('base64') : ''}`;
  }
  if (link.isDirectory()) return `folder ${fs.readdirSync(file).join(',')}`;
  if (link.isFIFO()) return 'fifo';
  // a sparse file of gigabytes is compared by size and its first bytes
  return link.size > 64 * 1024 * 1024 ? `file ${link.size}` : `file ${fs.readFileSync(file).toString('base64')}`;
}

describe('tampered case folders', function () {
  this.timeout(300_000);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'isccc-tampered-'));
  const base = path.join(root, 'base');
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  before(async () => {
    // a case stopped in its lifecycle: the certification completed, the lifecycle active, events still to come
    const r = await call(runCommand, [
      L3_PASS,
      '--auto',
      '--case-dir',
      base,
      '--max-steps',
      '20',
      '--event',
      '2027-03-10:suspend',
      '--event',
      '2027-05-20:restore',
      '--event',
      '2028-01-15:committee=5',
      '--event',
      '2028-03-01:complaint',
    ]);
    assert.equal(r.code, EXIT.issued, r.err);
    const saved = JSON.parse(fs.readFileSync(path.join(base, 'case.json'), 'utf8')) as Saved;
    assert.deepEqual(
      saved.instances.map((i) => [i.model, i.status]),
      [
        ['certification', 'completed'],
        ['lifecycle', 'active'],
      ],
    );
    assert.ok(saved.events.length >= 2 && saved.trail.some((e) => e.decision));
  });

  let count = 0;
  const folder = (): string => {
    const dir = path.join(root, `case-${++count}`);
    fs.cpSync(base, dir, { recursive: true });
    return dir;
  };

  it(`tampers with at least 32 folders (${TAMPERED.length})`, () => assert.ok(TAMPERED.length >= 32));

  for (const tamper of TAMPERED) {
    it(`refuses ${tamper.name}: exit 2, the file and the problem named, no stack trace, nothing written`, async () => {
      const dir = folder();
      const file = path.join(dir, 'case.json');
      tamper.apply(file, dir);
      const before = snapshot(file);
      const tampered = fs.lstatSync(file).isFile() && fs.statSync(file).size < 64 * 1024 * 1024 ? fs.readFileSync(file, 'utf8') : '';
      for (const [command, args] of [
        [runCommand, ['--case-dir', dir, '--resume', '--auto']],
        [runCommand, ['--case-dir', dir, '--resume', '--retry', 'Task_IssueCertificate']],
        [tasksCommand, [dir]],
        [completeCommand, [dir, 'surveillance-review', '--set', 'surveillanceConclusion=maintain']],
      ] as const) {
        const r = await call(command, [...args]);
        assert.equal(r.code, 2, `${args.join(' ')}: exit ${r.code}\n${r.err}`);
        assert.ok(r.err.includes(file), `${args.join(' ')} names ${file}:\n${r.err}`);
        assert.match(r.err, tamper.problem);
        assert.doesNotMatch(r.err, STACK);
        if (tamper.line !== undefined) {
          const at = new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:(\\d+):(\\d+):`).exec(r.err);
          assert.ok(at, `a line and column in:\n${r.err}`);
          assert.ok(tampered.split('\n')[Number(at[1]) - 1]!.includes(tamper.line), `line ${at[1]} shows ${tamper.line}`);
        }
      }
      assert.equal(snapshot(file), before, 'the saved case is as it was');
      assert.deepEqual(
        fs.readdirSync(dir).filter((f) => f !== 'case.json'),
        [],
        'nothing else written into the folder',
      );
      assert.equal(({} as Record<string, unknown>).polluted, undefined, 'no prototype changed');
    });
  }

  it('refuses a FIFO named case.json at once (exit 2), instead of waiting for a writer', () => {
    const dir = folder();
    const file = path.join(dir, 'case.json');
    fs.rmSync(file);
    const made = spawnSync('mkfifo', [file]);
    assert.equal(made.status, 0, 'mkfifo is available');
    for (const args of [
      ['run', '--case-dir', dir, '--resume'],
      ['tasks', dir],
    ]) {
      const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 30_000 });
      assert.equal(r.signal, null, `${args.join(' ')} did not hang`);
      assert.equal(r.status, 2, r.stderr);
      assert.match(r.stderr, /case\.json: error \[case\/not-a-file\] is not a regular file: not a regular file \(a FIFO, socket or device\)/);
      assert.doesNotMatch(r.stderr, STACK);
    }
    assert.ok(fs.lstatSync(file).isFIFO());
  });

  it('the untouched folder still resumes (the refusals above are about the tampering)', async () => {
    const dir = folder();
    const r = await call(runCommand, ['--case-dir', dir, '--resume', '--auto', '--format', 'json']);
    assert.equal(r.code, EXIT.issued, r.err);
    assert.equal((JSON.parse(r.out) as { status: string }).status, 'horizon');
  });

  it('a link planted under the name of the temp file is not written through', async () => {
    const dir = folder();
    const victim = path.join(root, 'victim.txt');
    fs.writeFileSync(victim, 'keep');
    fs.symlinkSync(victim, path.join(dir, `case.json.${process.pid}.tmp`));
    const r = await call(runCommand, ['--case-dir', dir, '--resume', '--auto', '--until', '1y']);
    assert.equal(r.code, EXIT.issued, r.err);
    assert.equal(fs.readFileSync(victim, 'utf8'), 'keep');
    assert.deepEqual(fs.readdirSync(dir), ['case.json']);
    assert.ok(fs.lstatSync(path.join(dir, 'case.json')).isFile());
  });

  it('a folder with a file in its place is refused when a case is started there, not crashed on', async () => {
    const dir = path.join(root, 'not-a-folder');
    fs.writeFileSync(dir, 'notes');
    const r = await call(runCommand, [L3_PASS, '--auto', '--case-dir', dir, '--until', '1m']);
    assert.equal(r.code, 2);
    assert.match(r.err, /not-a-folder\/case\.json: error \[case\/unwritable\] the case cannot be saved here: (ENOTDIR|EEXIST)/);
    assert.doesNotMatch(r.err, STACK);
    assert.equal(fs.readFileSync(dir, 'utf8'), 'notes');
  });

  describe('what a resume is given is checked before anything is written', () => {
    for (const [label, args, problem] of [
      [
        'a committee no message can carry',
        ['--event', '2028-06-01:committee=abc'],
        /--event "2028-06-01:committee=abc": committee=N takes a whole number of members 0–99/,
      ],
      ['a committee of a thousand', ['--event', '2028-06-01:committee=1000'], /committee=N takes a whole number of members 0–99, not "1000"/],
      [
        'a change that is not a minor one',
        ['--event', '2028-06-01:change-minor=headquarters'],
        /change-minor=VALUE is one of address, capital, legal-representative/,
      ],
      ['a date that does not exist', ['--event', '2028-02-30:complaint'], /2028-02-30 is not a calendar date/],
      ['a value with control characters', ['--event', '2028-06-01:complaint=\u001b[31mred'], /the value has control characters/],
      [
        'more events than a case holds (the saved ones count)',
        Array.from({ length: 199 }, () => ['--event', '2028-06-01:complaint']).flat(),
        /--event: a case takes at most 200 events, and this one would have 20[1-9]/,
      ],
      ['a horizon beyond thirty years', ['--until', '31y'], /--until: the case may run at most 30 years after its start 2026-11-01, to 2056-11-01/],
      ['a horizon of a million months', ['--until', '999999m'], /--until: the case may run at most 30 years/],
      ['a horizon of more digits than a date holds', ['--until', '99999999999y'], /--until must be a span like 3y, 18m, 90d or a date/],
      ['a horizon before the start', ['--until', '2020-01-01'], /--until: 2020-01-01 is before the case's start 2026-11-01/],
      ['a retry of an element without incident', ['--retry', 'Task_ScheduleSurveillance'], /--retry Task_ScheduleSurveillance: no incident at that element/],
    ] as const) {
      it(`refuses ${label} (exit 2) and leaves the case untouched`, async () => {
        const dir = folder();
        const file = path.join(dir, 'case.json');
        const before = fs.readFileSync(file);
        const r = await call(runCommand, ['--case-dir', dir, '--resume', '--auto', ...args]);
        assert.equal(r.code, EXIT.badInput, r.err);
        assert.match(r.err, problem);
        assert.doesNotMatch(r.err, STACK);
        assert.ok(fs.readFileSync(file).equals(before), 'the saved case is byte for byte as it was');
      });
    }
  });

  for (const [label, args, problem] of [
    ['a horizon beyond thirty years', ['--until', '2057-01-01'], /--until: the case may run at most 30 years after its start 2026-11-01/],
    [
      'more events than a case holds',
      Array.from({ length: 201 }, () => ['--event', '2027-06-01:complaint']).flat(),
      /--event: a case takes at most 200 events, and this one would have 20[1-9]/,
    ],
  ] as const) {
    it(`a new case is bounded too: ${label}`, async () => {
      const dir = path.join(root, `new-${label.length}`);
      const r = await call(runCommand, [L3_PASS, '--auto', '--case-dir', dir, ...args]);
      assert.equal(r.code, EXIT.badInput, r.err);
      assert.match(r.err, problem);
      assert.ok(!fs.existsSync(dir), 'no case folder made');
    });
  }
});
