/**
 * `isccc check` over several manifests (files, folders, globs) on worker threads with one summary; the bundled
 * command answering as the compiled modules do; and hostile rule files through the real command (issue 9 §3).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { codeCacheOf, freshBundle, loadBundle } from '../src/bundled.js';
import { BIN, isccc, L3_PASS, repoRoot } from './helpers.js';
import { descendants, parseXml } from './xml.js';

const EXAMPLES = path.join(repoRoot, 'examples');
const names = fs
  .readdirSync(EXAMPLES)
  .filter((e) => fs.existsSync(path.join(EXAMPLES, e, 'manifest.isccc.yaml')))
  .sort();

function run(args: string[], env: Record<string, string> = {}): { code: number; out: string; err: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 120_000, env: { ...process.env, ...env } });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

describe('isccc check on several manifests (worker threads, one summary)', function () {
  // Generous: worker threads start on a loaded two-core machine. No timing assertion.
  this.timeout(180_000);

  it('takes a folder, a quoted glob and a file, checks each manifest once, in order, and sums them up', () => {
    const r = isccc('check', EXAMPLES, `${EXAMPLES}/*/manifest.isccc.yaml`, L3_PASS);
    assert.equal(r.code, 1, 'some examples have findings');
    const summary = r.err.trim().split('\n').at(-1)!;
    assert.match(
      summary,
      new RegExp(`^${names.length} manifests: \\d+ pass, \\d+ with findings, 0 bad input \\(\\d+ threads?, [\\d.]+ s, \\d+ manifests/s\\)$`),
    );
    const heads = r.out.split('\n').filter((line) => /manifest\.isccc\.yaml — /.test(line));
    assert.deepEqual(
      heads.map((line) => line.split('/').at(-2)),
      names,
    );
    // A batch's table shows what needs attention, not the passes.
    assert.doesNotMatch(r.out, /^ {2}✓ /m);
    assert.match(r.out, /^ {2}✗ /m);
  });

  it('gives the same answer on worker threads as in this thread (--jobs 1)', () => {
    const threads = isccc('check', EXAMPLES, '--format', 'json');
    const one = isccc('check', EXAMPLES, '--format', 'json', '--jobs', '1');
    assert.equal(threads.code, one.code);
    assert.equal(threads.out, one.out);
    const parsed = JSON.parse(threads.out) as { manifest: string; summary: { qualifyingLevel: number | null } }[];
    assert.equal(parsed.length, names.length);
    assert.deepEqual(
      parsed.map((e) => path.basename(path.dirname(e.manifest))),
      names,
    );
  });

  it('counts a bad manifest among the others: exit 2, its problem at file:line:col, the rest still checked', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'isccc-batch-'));
    try {
      fs.cpSync(path.join(EXAMPLES, 'risk-assessment-l3-pass'), path.join(dir, 'good'), { recursive: true });
      fs.writeFileSync(path.join(dir, 'bad.isccc.yaml'), 'isccc: manifest/v1\nunknownField: 1\n');
      const r = isccc('check', dir);
      assert.equal(r.code, 2);
      assert.match(r.err, /bad\.isccc\.yaml:1:1: error \[schema\/missing-field\]/);
      assert.match(r.err, /2 manifests: 1 pass, 0 with findings, 1 bad input/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('merges SARIF runs and JUnit suites into one document each', () => {
    const sarif = JSON.parse(isccc('check', EXAMPLES, '--format', 'sarif').out) as { version: string; runs: unknown[] };
    assert.equal(sarif.version, '2.1.0');
    assert.equal(sarif.runs.length, names.length);
    const junit = parseXml(isccc('check', EXAMPLES, '--format', 'junit').out);
    assert.equal(junit.name, 'testsuites');
    const suites = descendants(junit, 'testsuite');
    assert.equal(suites.length, names.length);
    assert.equal(
      Number(junit.attributes.tests),
      suites.reduce((n, s) => n + Number(s.attributes.tests), 0),
    );
  });

  it('refuses a bad --jobs and a folder without manifests with exit 2', () => {
    assert.equal(isccc('check', EXAMPLES, '--jobs', '0').code, 2);
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'isccc-empty-'));
    try {
      const r = isccc('check', empty);
      assert.equal(r.code, 2);
      assert.match(r.err, /no manifest \(\*\.isccc\.yaml\) in/);
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });
});

describe('isccc check as bundled by the build', function () {
  this.timeout(60_000);

  it('answers exactly as the compiled modules do (ISCCC_NO_BUNDLE=1), in every format', () => {
    assert.ok(freshBundle('check.bundle'), 'npm run build made the bundle of today’s compiled modules');
    for (const format of ['text', 'json', 'sarif', 'junit']) {
      const bundled = run(['check', L3_PASS, '--level', '2', '--format', format]);
      const modules = run(['check', L3_PASS, '--level', '2', '--format', format], { ISCCC_NO_BUNDLE: '1' });
      assert.equal(bundled.code, 1, format);
      assert.equal(bundled.out, modules.out, format);
      assert.equal(bundled.err, modules.err, format);
    }
  });

  it('starts from the code cache the build made, which this Node takes', () => {
    const bundle = freshBundle('check.bundle')!;
    assert.ok(fs.existsSync(codeCacheOf(bundle)), 'npm run build made the code cache');
    assert.equal(loadBundle(bundle).cached, true, 'V8 took the code cache');
    // A cache of other code is refused, not run: the bundle compiles as any script and still works.
    // Beside the bundle, where it finds the packages it reads its data from.
    const other = path.join(path.dirname(bundle), `check.bundle-test-${process.pid}.cjs`);
    fs.writeFileSync(other, `${fs.readFileSync(bundle, 'utf8')}\n// another build`);
    fs.copyFileSync(codeCacheOf(bundle), codeCacheOf(other));
    try {
      const loaded = loadBundle(other);
      assert.equal(loaded.cached, false);
      assert.equal(typeof loaded.exports.checkCommand, 'function');
    } finally {
      fs.rmSync(other, { force: true });
      fs.rmSync(codeCacheOf(other), { force: true });
    }
  });
});

describe('isccc check --rules with hostile FEEL (issue 9 §3)', function () {
  this.timeout(120_000);

  it('turns a rule that would loop or grow without bound into a failed finding at the rule file’s line and column', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'isccc-hostile-'));
    try {
      const list = `[${Array.from({ length: 150 }, (_, i) => i).join(', ')}]`;
      const condition = `{l: ${list}, n: count(for a in l, b in l, c in l return 1)}.n > 0`;
      fs.writeFileSync(
        path.join(dir, 'hostile.rules.yaml'),
        [
          'isccc: rules/v1',
          'edition: isccc-sv-001:2015',
          'rules:',
          '  - id: isccc/service-staff',
          '    title: { zh: 测试, en: Hostile }',
          '    type: condition',
          '    source: people.serviceStaff',
          `    condition: '${condition}'`,
          '    message: { zh: "{clause} 不符合", en: "{clause} fails" }',
          '    checks:',
          '      - { clause: 4.1.4.d, expected: 10 }',
          '',
        ].join('\n'),
      );
      const r = isccc('check', L3_PASS, '--rules', dir);
      assert.equal(r.code, 1);
      const column = "    condition: '".length + condition.indexOf('for') + 1;
      assert.match(
        r.out,
        new RegExp(`4\\.1\\.4 d\\) not judged: the condition of rule isccc/service-staff needed .* and was stopped \\(.*hostile\\.rules\\.yaml:8:${column}\\)`),
      );
      assert.match(r.out, /✓ 4\.1\.4 e\)/, 'the other rules still judge the manifest');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
