import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DOCS_BASE } from '@isccc/rules';
import { cliRoot, isccc, L3_PASS as EXAMPLE, repoRoot } from './helpers.js';
import { descendants, parseXml } from './xml.js';

const BAD = path.join(cliRoot, 'test', 'fixtures', 'bad');

function assertNoStack(text: string): void {
  assert.doesNotMatch(text, /^\s+at .+\(.*:\d+:\d+\)$/m, 'no stack trace');
}

describe('isccc check (CLI)', () => {
  it('exits 0 on a manifest that passes, printing a table grouped by clause', () => {
    const r = isccc('check', EXAMPLE);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^4\.1\.4 Staff qualifications$/m);
    assert.match(r.out, /✓ 4\.1\.4 d\)\s+pass\s+4\.1\.4 d\) met — Information security service staff: 14 \(required 10\)/);
    assert.match(r.out, /qualifies for level 3; level 2 still needs: 4\.2\.1, 4\.2\.3, 4\.2\.4 d\)/);
  });

  it('exits 1 with the failing clauses when the same manifest is checked for level 2', () => {
    const r = isccc('check', EXAMPLE, '--level', '2', '--format', 'json');
    assert.equal(r.code, 1);
    const report = JSON.parse(r.out) as { findings: { clause: string; status: string; range?: unknown }[]; target: { level: number } };
    assert.equal(report.target.level, 2);
    const failing = report.findings.filter((f) => f.status === 'fail').map((f) => f.clause);
    assert.deepEqual(failing, ['4.2.4.d', '4.2.4.e', '4.2.4.f', '4.2.5.b', '4.2.6.b', '4.2.7.c', '4.2.7.d']);
    assert.ok(
      report.findings.filter((f) => f.status === 'fail').every((f) => f.range),
      'every failing finding has a manifest range',
    );
  });

  it('speaks Chinese with --lang zh', () => {
    const r = isccc('check', EXAMPLE, '--level', '2', '--lang', 'zh');
    assert.match(r.out, /4\.2\.4 d\) 要求从事信息安全服务人员30名以上，清单列出 14 名/);
    assert.match(r.out, /符合三级；二级还缺/);
  });

  it('writes SARIF 2.1.0 with rule ids, clause ids, help links and regions', () => {
    const r = isccc('check', EXAMPLE, '--level', '2', '--format', 'sarif');
    const sarif = JSON.parse(r.out) as {
      version: string;
      runs: {
        tool: { driver: { rules: { id: string; helpUri: string }[] } };
        results: { ruleId: string; properties: { clause: string }; locations: { physicalLocation: { region: { startLine: number } } }[] }[];
      }[];
    };
    assert.equal(sarif.version, '2.1.0');
    const staff = sarif.runs[0]!.results.find((x) => x.properties.clause === '4.2.4 d)')!;
    assert.equal(staff.ruleId, 'isccc/service-staff');
    assert.equal(staff.locations[0]!.physicalLocation.region.startLine, 34);
    const rule = sarif.runs[0]!.tool.driver.rules.find((x) => x.id === 'isccc/service-staff')!;
    // A stable published location, never a file: path of the machine that ran the check; the page it names ships with the rules.
    assert.equal(rule.helpUri, `${DOCS_BASE}service-staff.md`);
    assert.ok(fs.existsSync(path.join(repoRoot, 'rules', 'docs', 'rules', 'service-staff.md')));
    for (const { id, helpUri } of sarif.runs[0]!.tool.driver.rules) assert.ok(helpUri.startsWith(DOCS_BASE), `${id}: ${helpUri}`);
  });

  it('warns in text and SARIF that a clause of another category in supports will not count', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'isccc-other-'));
    fs.cpSync(path.dirname(EXAMPLE), dir, { recursive: true });
    const file = path.join(dir, 'manifest.isccc.yaml');
    fs.writeFileSync(
      file,
      fs.readFileSync(file, 'utf8').replace('supports: ["A1.3.3 a)", "A1.3.3 b)", "A1"]', 'supports: ["A1.3.3 a)", "A1.3.3 b)", "A1", "B1.1.1 a)"]'),
    );
    const text = isccc('check', file);
    assert.equal(text.code, 0, 'a warning does not fail the check');
    assert.match(
      text.out,
      /- B1\.1\.1 a\)\s+not-applicable\s+B1\.1\.1 a\) belongs to security integration \(annex B\): evidence\/ra-report-sample\.md names it in supports, but it will not count for this risk assessment application/,
    );
    const sarif = JSON.parse(isccc('check', file, '--format', 'sarif').out) as { runs: { results: { level: string; properties: { clause: string } }[] }[] };
    assert.deepEqual(
      sarif.runs[0]!.results.filter((r) => r.properties.clause === 'B1.1.1 a)').map((r) => r.level),
      ['warning'],
    );
    fs.rmSync(dir, { recursive: true });
  });

  it('writes JUnit XML with a failure per failing clause', () => {
    const r = isccc('check', EXAMPLE, '--level', '2', '--format', 'junit');
    const suites = parseXml(r.out);
    assert.equal(suites.name, 'testsuites');
    assert.equal(suites.attributes.name, 'isccc check');
    assert.match(suites.attributes.tests ?? '', /^\d+$/);
    assert.equal(suites.attributes.failures, '44');
    const staff = descendants(suites, 'testcase').find((t) => t.attributes.classname === 'isccc.4.2.4.d');
    assert.equal(staff?.attributes.name, '4.2.4 d) isccc/service-staff');
    assert.equal(staff.children[0]?.name, 'failure');
    assert.equal(staff.children[0].attributes.type, 'fail');
    assert.equal(descendants(suites, 'failure').length, 44);
  });

  it('writes well-formed JUnit XML and valid SARIF JSON when names and paths carry control characters, NUL, lone surrogates and markup', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'isccc-hostile-'));
    try {
      // The schema keeps control characters out of names and paths; a lone surrogate, markup and quotes get through
      // (YAML double-quoted escapes), and the manifest's own file name, printed in every location, can hold anything.
      const hostile = String.raw`\uD800<&>\"'`;
      const text = fs
        .readFileSync(EXAMPLE, 'utf8')
        .replace(/^(\s+- path: )evidence\/office-lease\.md$/m, `$1"evidence/${hostile}.md"`)
        .replace(/^(\s+name: ).*$/m, `$1"机构${hostile}"`);
      const manifest = path.join(dir, 'm\x01\x1b[31m<&>.isccc.yaml');
      fs.writeFileSync(manifest, text);
      const junit = isccc('check', manifest, '--format', 'junit');
      assert.equal(junit.code, 1, junit.err);
      const root = parseXml(junit.out);
      const failures = descendants(root, 'failure');
      assert.ok(
        failures.some((f) => (f.attributes.message ?? '').includes('\uFFFD<&>')),
        'the lone surrogate is replaced, not dropped silently, and the markup is escaped and survives',
      );
      assert.ok(
        failures.some((f) => f.text.includes('m\uFFFD\uFFFD[31m<&>.isccc.yaml')),
        'the control characters of the file name are replaced',
      );
      const sarif = JSON.parse(isccc('check', manifest, '--format', 'sarif').out) as { runs: { results: { message: { text: string } }[] }[] };
      assert.ok(sarif.runs[0]!.results.length > 0);
      const table = isccc('check', manifest);
      // eslint-disable-next-line no-control-regex -- no raw control character may reach the terminal
      assert.doesNotMatch(table.out, /[\x00-\x08\x0b-\x1f\x7f]/, 'control characters are shown, not sent to the terminal');
      assert.match(table.out, /m\\x01\\x1b\[31m<&>\.isccc\.yaml/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  describe("--rules DIR: a process owner's rule files replace shipped rules of the same id", () => {
    let dir: string;
    const rule = (condition: string) =>
      [
        'isccc: rules/v1',
        'edition: isccc-sv-001:2015',
        'rules:',
        '  - id: isccc/service-staff',
        '    title: { zh: 从事信息安全服务人员数量, en: Service staff (stricter) }',
        '    type: condition',
        '    source: people.serviceStaff',
        '    actual: serviceStaff',
        `    condition: ${condition}`,
        '    message: { zh: "{clause} 要求{expected}名以上，清单 {actual} 名", en: "{clause} needs ≥{expected} under our reading, manifest lists {actual}" }',
        '    checks:',
        '      - { clause: 4.1.4.d, expected: 20 }',
        '',
      ].join('\n');
    beforeEach(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'isccc-rules-'));
    });
    afterEach(() => fs.rmSync(dir, { recursive: true }));

    it('evaluates with the overriding rule', () => {
      fs.writeFileSync(path.join(dir, 'staff.rules.yaml'), rule('actual >= expected'));
      const r = isccc('check', EXAMPLE, '--rules', dir);
      assert.equal(r.code, 1);
      assert.match(r.out, /✗ 4\.1\.4 d\)\s+fail\s+4\.1\.4 d\) needs ≥20 under our reading, manifest lists 14/);
      assert.match(r.out, /✓ 4\.1\.4 e\)/, 'the other shipped rules stay in force');
    });

    it('refuses a broken rule file with exit 2 at the FEEL error', () => {
      fs.writeFileSync(path.join(dir, 'staff.rules.yaml'), rule('actual >='));
      const r = isccc('check', EXAMPLE, '--rules', dir);
      assert.equal(r.code, 2);
      assert.match(r.err, /staff\.rules\.yaml:9:\d+: error \[rules\/feel-syntax\] FEEL syntax error/);
      assertNoStack(r.err);
    });

    it('never opens a rule file that is a link out of the folder, a FIFO, a folder or a huge sparse file: exit 2, each named, no hang', () => {
      const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'isccc-outside-'));
      try {
        // The link points at a FIFO: opening it would block for ever, so this test can only end if it is never opened.
        execFileSync('mkfifo', [path.join(outside, 'trap.rules.yaml')]);
        fs.symlinkSync(path.join(outside, 'trap.rules.yaml'), path.join(dir, 'a-link.rules.yaml'));
        execFileSync('mkfifo', [path.join(dir, 'b-fifo.rules.yaml')]);
        fs.mkdirSync(path.join(dir, 'c-folder.rules.yaml'));
        const sparse = fs.openSync(path.join(dir, 'd-sparse.rules.yaml'), 'w');
        fs.ftruncateSync(sparse, 3 * 1024 ** 3);
        fs.closeSync(sparse);
        const r = isccc('check', EXAMPLE, '--rules', dir);
        assert.equal(r.code, 2, r.err);
        assert.match(
          r.err,
          /a-link\.rules\.yaml:1:1: error \[input\/outside-folder\] rule file not used: is a symbolic link to .*trap\.rules\.yaml, outside the folder/,
        );
        assert.match(r.err, /b-fifo\.rules\.yaml:1:1: error \[input\/not-a-file\] rule file not used: not a regular file/);
        assert.match(r.err, /c-folder\.rules\.yaml:1:1: error \[input\/not-a-file\]/);
        assert.match(r.err, /d-sparse\.rules\.yaml:1:1: error \[input\/too-large\] rule file not used: 3072\.0 MB, over the 2 MB limit/);
        assertNoStack(r.err);
      } finally {
        fs.rmSync(outside, { recursive: true, force: true });
      }
    });
  });

  it('refuses a manifest that is a FIFO or a folder with exit 2 instead of waiting for a writer', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'isccc-fifo-'));
    try {
      execFileSync('mkfifo', [path.join(dir, 'pipe.isccc.yaml')]);
      fs.mkdirSync(path.join(dir, 'folder.isccc.yaml'));
      for (const name of ['pipe.isccc.yaml', 'folder.isccc.yaml']) {
        const r = isccc('check', path.join(dir, name));
        assert.equal(r.code, 2, name);
        assert.match(r.err, new RegExp(`${name.replace('.', '\\.')}:1:1: error \\[input\\/not-a-file\\] cannot read the file`));
        assertNoStack(r.err);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rejects bad arguments with exit 2 and the usage', () => {
    for (const args of [
      ['check'],
      ['check', EXAMPLE, '--level', '4'],
      ['check', EXAMPLE, '--format', 'pdf'],
      ['check', EXAMPLE, '--as-of', '2026-02-30'],
      ['frobnicate'],
    ]) {
      const r = isccc(...args);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.err, /usage:/);
      assertNoStack(r.err);
    }
    assert.match(isccc('check', EXAMPLE, '--as-of', '2026-02-30').err, /^isccc check: --as-of: "2026-02-30" does not exist: February 2026 has 28 days$/m);
  });

  describe('bad input: exit 2, file:line:col and the field or clause at fault, no stack trace', () => {
    const cases: [string, RegExp][] = [
      ['malformed.isccc.yaml', /malformed\.isccc\.yaml:5:1: error \[yaml\/syntax\] YAML: Missing closing "quote/],
      ['wrong-type.isccc.yaml', /wrong-type\.isccc\.yaml:34:17: error \[schema\/invalid-value\] people\.serviceStaff must be integer/],
      [
        'unknown-field.isccc.yaml',
        /unknown-field\.isccc\.yaml:35:3: error \[schema\/unknown-field\] unknown field "servicesStaff" in people \(did you mean "serviceStaff"\?\)/,
      ],
      [
        'unknown-clause.isccc.yaml',
        /unknown-clause\.isccc\.yaml:66:25: error \[manifest\/unknown-clause\] clause 4\.9\.9 z\): unknown clause id "4\.9\.9 z\)"/,
      ],
      ['huge-number.isccc.yaml', /huge-number\.isccc\.yaml:34:17: error \[schema\/invalid-value\] people\.serviceStaff must be <= 1000000/],
      ['proto-key.isccc.yaml', /proto-key\.isccc\.yaml:35:3: error \[input\/forbidden-key\] key "__proto__" is not allowed/],
      ['alias-bomb.isccc.yaml', /alias-bomb\.isccc\.yaml:3:8: error \[input\/alias-expansion\] anchors and aliases expand too far/],
      ['deep-nesting.isccc.yaml', /deep-nesting\.isccc\.yaml:2:\d+: error \[input\/too-deep\] nesting deeper than 64 levels/],
    ];
    for (const [file, expected] of cases) {
      it(file, () => {
        const r = isccc('check', path.join(BAD, file));
        assert.equal(r.code, 2, r.out + r.err);
        assert.match(r.err, expected);
        assertNoStack(r.err);
        assert.equal(({} as Record<string, unknown>).polluted, undefined);
      });
    }

    it('speaks Chinese with --lang zh', () => {
      const r = isccc('check', path.join(BAD, 'unknown-field.isccc.yaml'), '--lang', 'zh');
      assert.equal(r.code, 2);
      assert.match(r.err, /unknown-field\.isccc\.yaml:35:3: error \[schema\/unknown-field\] people 中有未知字段 "servicesStaff"（是否应为 "serviceStaff"？）/);
    });

    it('a 10 MB file is refused where the 2 MB limit is crossed, without being parsed', () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'isccc-big-'));
      const file = path.join(dir, 'big.isccc.yaml');
      const header = 'isccc: manifest/v1\n';
      const line = 'filler: "' + 'x'.repeat(1000) + '"\n';
      fs.writeFileSync(file, header + line.repeat(10 * 1040));
      const crossedOnLine = Math.floor((2 * 1048576 - header.length) / line.length) + 2;
      const r = isccc('check', file);
      assert.equal(r.code, 2);
      assert.match(r.err, new RegExp(`big\\.isccc\\.yaml:${crossedOnLine}:\\d+: error \\[input/too-large\\] file is 10\\.0 MB; the limit is 2 MB`));
      assertNoStack(r.err);
      fs.rmSync(dir, { recursive: true });
    });

    it('a date that does not exist says so, once, on one line', () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'isccc-date-'));
      const file = path.join(dir, 'date.isccc.yaml');
      fs.writeFileSync(file, fs.readFileSync(EXAMPLE, 'utf8').replace('founded: 2019-04-18', 'founded: 2019-02-30'));
      const r = isccc('check', file);
      assert.equal(r.code, 2);
      assert.deepEqual(r.err.trimEnd().split('\n'), [
        `${file}:12:12: error [schema/invalid-date] organisation.founded "2019-02-30" does not exist: February 2019 has 28 days`,
      ]);
      fs.rmSync(dir, { recursive: true });
    });

    it('every problem is one file:line:col: error line, whatever line breaks keys, values and clause ids hold', () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'isccc-lines-'));
      const manifest = path.join(dir, 'lines.isccc.yaml');
      fs.writeFileSync(
        manifest,
        fs
          .readFileSync(EXAMPLE, 'utf8')
          .replace('  serviceStaff: 14\n', '  serviceStaff: 14\n  "service\\nstaff": 1\n  "\\r\\u2028": 2\n')
          .replace('asOf: 2026-11-01', 'asOf: "2026-11-01\\nlater"'),
      );
      const ruleDir = (name: string, condition: string, clause: string) => {
        const folder = path.join(dir, name);
        fs.mkdirSync(folder);
        fs.writeFileSync(
          path.join(folder, 'x.rules.yaml'),
          `isccc: rules/v1\nedition: isccc-sv-001:2015\nrules:\n  - id: isccc/x\n    title: { zh: x, en: x }\n    type: condition\n    condition: "${condition}"\n    message: { zh: "{clause}", en: "{clause}" }\n    checks:\n      - { clause: "${clause}" }\n`,
        );
        return folder;
      };
      const runs: [string[], number][] = [
        [[manifest], 3],
        [[manifest, '--lang', 'zh'], 3],
        [[EXAMPLE, '--rules', ruleDir('feel', 'serviceStaff >=\\n(', '4.1.4.d')], 1],
        [[EXAMPLE, '--rules', ruleDir('clause', 'true', '4.1.4\\n.d')], 1],
      ];
      for (const [args, count] of runs) {
        const r = isccc('check', ...args);
        assert.equal(r.code, 2, r.out);
        const lines = r.err.trimEnd().split('\n');
        assert.equal(lines.length, count, r.err);
        for (const line of lines) assert.match(line, /^\/.+\.yaml:\d+:\d+: error \[[a-z]+\/[a-z-]+\] /, line);
      }
      fs.rmSync(dir, { recursive: true });
    });

    it('a missing manifest file', () => {
      const r = isccc('check', path.join(BAD, 'does-not-exist.isccc.yaml'));
      assert.equal(r.code, 2);
      assert.match(r.err, /does-not-exist\.isccc\.yaml:1:1: error \[input\/unreadable\] cannot read the file: ENOENT/);
    });
  });

  describe('evidence paths never leave the manifest folder', () => {
    let dir: string;
    before(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'isccc-ws-'));
      fs.cpSync(path.dirname(EXAMPLE), dir, { recursive: true });
      fs.mkdirSync(path.join(dir, 'linked'));
      fs.symlinkSync('/etc/hostname', path.join(dir, 'evidence', 'hostname.md'));
      fs.symlinkSync('/etc', path.join(dir, 'linked', 'etc'));
      const manifest = fs
        .readFileSync(path.join(dir, 'manifest.isccc.yaml'), 'utf8')
        .replace(
          'evidence:\n',
          [
            'evidence:',
            '  - { path: ../outside.md, sha256: "' + '0'.repeat(64) + '", type: other, supports: ["4.1.3"] }',
            '  - { path: /etc/hostname, sha256: "' + '0'.repeat(64) + '", type: other, supports: ["4.1.3"] }',
            '  - { path: evidence/hostname.md, sha256: "' + '0'.repeat(64) + '", type: other, supports: ["4.1.3"] }',
            '  - { path: linked/etc/hostname, sha256: "' + '0'.repeat(64) + '", type: other, supports: ["4.1.3"] }',
            '',
          ].join('\n'),
        );
      fs.writeFileSync(path.join(dir, 'manifest.isccc.yaml'), manifest);
    });
    after(() => fs.rmSync(dir, { recursive: true }));

    it('reports .., absolute paths and symbolic links as findings naming the clause', () => {
      const r = isccc('check', path.join(dir, 'manifest.isccc.yaml'), '--format', 'json');
      assert.equal(r.code, 1);
      const findings = (JSON.parse(r.out) as { findings: { rule: string; clause: string; message: { en: string } }[] }).findings.filter(
        (f) => f.rule === 'isccc/evidence-integrity',
      );
      assert.deepEqual(
        findings.map((f) => f.message.en),
        [
          "evidence ../outside.md for 4.1.3 is outside the manifest's folder (leaves the manifest folder); not read",
          "evidence /etc/hostname for 4.1.3 is outside the manifest's folder (is an absolute path); not read",
          "evidence evidence/hostname.md for 4.1.3 is outside the manifest's folder (is a symbolic link); not read",
          "evidence linked/etc/hostname for 4.1.3 is outside the manifest's folder (goes through the symbolic link linked/etc); not read",
        ],
      );
      assert.ok(findings.every((f) => f.clause === '4.1.3'));
    });
  });
});
