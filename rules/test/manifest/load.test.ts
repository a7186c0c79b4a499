import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseManifest } from '../../src/manifest/load.js';
import { formatPath, type InputProblem, parseFieldPath, YamlSource } from '../../src/manifest/yaml-source.js';
import { packageRoot } from '../../src/paths.js';

const EXAMPLE = path.resolve(packageRoot, '..', 'examples', 'risk-assessment-l3-pass', 'manifest.isccc.yaml');
const text = fs.readFileSync(EXAMPLE, 'utf8');

/** The example with one substitution; fails loudly if the text to replace is not there. */
function edited(from: string, to: string): string {
  assert.ok(text.includes(from), `the example contains ${JSON.stringify(from)}`);
  return text.replace(from, to);
}

function problems(yaml: string): InputProblem[] {
  return parseManifest(yaml, 'm.isccc.yaml').problems;
}

const LINE_BREAK = /[\r\n\u0085\u2028\u2029]/;

describe('manifest input problems', () => {
  describe('dates', () => {
    it('a well-formed date that does not exist says so, once', () => {
      const found = problems(edited('founded: 2019-04-18', 'founded: 2019-02-30'));
      assert.equal(found.length, 1, found.map((p) => p.message).join('\n'));
      assert.equal(found[0]!.code, 'schema/invalid-date');
      assert.equal(found[0]!.field, 'organisation.founded');
      assert.equal(found[0]!.message, 'organisation.founded "2019-02-30" does not exist: February 2019 has 28 days');
      assert.equal(found[0]!.zh, 'organisation.founded "2019-02-30" 这一天不存在：2019 年 2 月只有 28 天');
    });

    it('29 February exists in a leap year only', () => {
      assert.deepEqual(problems(edited('founded: 2019-04-18', 'founded: 2020-02-29')), []);
      assert.match(problems(edited('founded: 2019-04-18', 'founded: 2100-02-29'))[0]!.message, /February 2100 has 28 days/);
    });

    it('month 13 breaks both the pattern and the format of a date but is reported once', () => {
      const found = problems(edited('asOf: 2026-11-01', 'asOf: 2026-13-01'));
      assert.deepEqual(
        found.map((p) => p.message),
        ['application.asOf "2026-13-01" does not exist: there is no month 13'],
      );
    });

    it('a malformed date is told the format, once', () => {
      const found = problems(edited('asOf: 2026-11-01', 'asOf: 2026/11/01'));
      assert.deepEqual(
        found.map((p) => p.message),
        ['application.asOf must be a date YYYY-MM-DD, not "2026/11/01"'],
      );
    });

    it('an expiry is a date or never: a non-existent one says so, once', () => {
      const never = edited('category: risk-assessment, expires: 2027-05-31', 'category: risk-assessment, expires: never');
      assert.deepEqual(problems(never), []);
      const found = problems(edited('category: risk-assessment, expires: 2027-05-31', 'category: risk-assessment, expires: 2027-02-29'));
      assert.deepEqual(
        found.map((p) => [p.field, p.code, p.message]),
        [
          [
            'people.certifiedStaff[0].expires',
            'schema/invalid-date',
            'people.certifiedStaff[0].expires "2027-02-29" does not exist: February 2027 has 28 days',
          ],
        ],
      );
      const word = problems(edited('category: risk-assessment, expires: 2027-05-31', 'category: risk-assessment, expires: soon'));
      assert.deepEqual(
        word.map((p) => p.message),
        ['people.certifiedStaff[0].expires must be a date YYYY-MM-DD or "never", not "soon"'],
      );
    });
  });

  describe('one line per problem', () => {
    it('a key with a line break is quoted in the message and the field, and the field reads back', () => {
      const found = problems(edited('  serviceStaff: 14\n', '  serviceStaff: 14\n  "service\\nstaff": 3\n'));
      assert.equal(found.length, 1);
      const [p] = found;
      assert.equal(p!.code, 'schema/unknown-field');
      assert.doesNotMatch(p!.message + p!.zh + p!.field, LINE_BREAK);
      assert.equal(p!.message, 'unknown field "service\\nstaff" in people (did you mean "serviceStaff"?)');
      assert.equal(p!.field, 'people["service\\nstaff"]');
      assert.deepEqual(parseFieldPath(p!.field), ['people', 'service\nstaff']);
    });

    it('formatPath and parseFieldPath are inverse for plain, numbered and quoted segments', () => {
      for (const at of [
        ['evidence', 3, 'sha256'],
        ['people', 'a.b', 0, 'x"y\u2028z'],
        ['名字', 'k\r\n'],
      ]) {
        assert.doesNotMatch(formatPath(at), LINE_BREAK);
        assert.deepEqual(parseFieldPath(formatPath(at)), at);
      }
    });

    it('a name with a line break is refused as not one line', () => {
      const found = problems(edited('headOfOrganisation: { name: 陈立明,', 'headOfOrganisation: { name: "陈立明\\n陈", '));
      assert.deepEqual(
        found.map((p) => p.message),
        ['people.headOfOrganisation.name must be one line of text (no line breaks or control characters)'],
      );
    });

    it('hostile text in keys and values never breaks a message over lines', () => {
      const hostile = [
        edited('  serviceStaff: 14\n', '  serviceStaff: 14\n  "a\\u2028b\\rc": 1\n'),
        edited('supports: ["4.1.3"]', 'supports: ["4.1.3\\n"]'),
        edited('asOf: 2026-11-01', 'asOf: "2026-11-01\\nx"'),
        edited('  serviceStaff: 14\n', '  serviceStaff: 14\n  "__proto__\\n": 1\n'),
        'isccc: manifest/v1\n"\\n": [',
      ];
      for (const yaml of hostile) {
        const found = problems(yaml);
        assert.ok(found.length > 0, yaml.slice(-60));
        for (const p of found) assert.doesNotMatch(`${p.message} ${p.zh} ${p.field}`, LINE_BREAK, JSON.stringify(p));
      }
    });
  });

  describe('who the people named are', () => {
    const staff = '  staff:\n    - { id: MH-003, name: 李强 }\n    - { id: MH-005, name: 王芳 }\n  certifiedStaff:\n';
    const withStaff = (entries: string) => edited('  certifiedStaff:\n', staff).replace(/ {4}- \{ name: 李强, certificate: CISP-RA-2023-0412,/, entries);

    it('accepts entries that refer to people.staff', () => {
      assert.deepEqual(problems(withStaff('    - { person: MH-003, name: 李强, certificate: CISP-RA-2023-0412,')), []);
    });

    it('refuses a person id no staff record has', () => {
      const found = problems(withStaff('    - { person: MH-033, name: 李强, certificate: CISP-RA-2023-0412,'));
      assert.deepEqual(
        found.map((p) => [p.code, p.field, p.message]),
        [['manifest/unknown-person', 'people.certifiedStaff[0].person', 'no people.staff record has the id "MH-033" (ids: MH-003, MH-005)']],
      );
    });

    it('refuses an entry whose name is not that of the person it refers to', () => {
      const found = problems(withStaff('    - { person: MH-005, name: 李强, certificate: CISP-RA-2023-0412,'));
      assert.deepEqual(
        found.map((p) => p.code),
        ['manifest/person-name'],
      );
      assert.match(found[0]!.message, /"李强" is not the name of "MH-005" in people\.staff \("王芳"\)/);
    });

    it('refuses a duplicate staff id', () => {
      const found = problems(
        edited('  certifiedStaff:\n', '  staff:\n    - { id: MH-003, name: 李强 }\n    - { id: MH-003, name: 王芳 }\n  certifiedStaff:\n'),
      );
      assert.deepEqual(
        found.map((p) => [p.code, p.field]),
        [['manifest/duplicate-person-id', 'people.staff[1].id']],
      );
    });

    it('refuses a name that could be either of two people of that name', () => {
      const two = edited(
        '  certifiedStaff:\n',
        '  staff:\n    - { id: MH-003, name: 李强, idNumber: "330106199001010011" }\n    - { id: MH-040, name: 李强, idNumber: "330106199202020022" }\n  certifiedStaff:\n',
      );
      const found = problems(two);
      assert.deepEqual(
        found.map((p) => [p.code, p.field]),
        [['manifest/ambiguous-person', 'people.certifiedStaff[0].name']],
      );
      assert.match(found[0]!.message, /could be any of people\.staff MH-003, MH-040: say which with person:/);
    });
  });

  describe('consistency', () => {
    it("a disaster-recovery project needs its class; another category's project must not have one", () => {
      const dr = edited('  category: risk-assessment\n  level: 3', '  category: disaster-recovery\n  drClass: A\n  level: 3').replace(
        '    category: risk-assessment\n    signed: 2025-03-02',
        '    category: disaster-recovery\n    signed: 2025-03-02',
      );
      assert.deepEqual(
        problems(dr).map((p) => [p.code, p.field]),
        [['schema/missing-field', 'projects[0].drClass']],
      );
      const stray = edited('    category: risk-assessment\n    signed: 2025-03-02', '    category: risk-assessment\n    drClass: B\n    signed: 2025-03-02');
      assert.deepEqual(
        problems(stray).map((p) => [p.code, p.field]),
        [['manifest/dr-class', 'projects[0].drClass']],
      );
    });

    it('technical service staff are among the service staff', () => {
      assert.deepEqual(problems(edited('  serviceStaff: 14\n', '  serviceStaff: 14\n  technicalServiceStaff: 14\n')), []);
      const found = problems(edited('  serviceStaff: 14\n', '  serviceStaff: 14\n  technicalServiceStaff: 15\n'));
      assert.deepEqual(
        found.map((p) => [p.code, p.field]),
        [['manifest/staff-count', 'people.technicalServiceStaff']],
      );
    });
  });
});

describe('bounded work on many problems and long padding (issue 9 §4)', function () {
  // Generous limits for a loaded machine; no timing assertion.
  this.timeout(60_000);

  it('10,000 bad entries: the first 100 problems and one line counting the rest', () => {
    const entries = Array.from({ length: 10_000 }, (_, i) => `  - { path: x${i}, sha256: nothex, supports: ["9.9.9"] }\n`).join('');
    const found = problems(edited('\nevidence:\n', `\nevidence:\n${entries}`));
    assert.equal(found.length, 101);
    const last = found.at(-1)!;
    assert.equal(last.code, 'input/more-problems');
    assert.match(last.message, /^… and 19,901 more problems, not shown \(the first 100 are\)$/);
    assert.deepEqual(last.range, found[99]!.range);
    assert.ok(found.slice(0, 100).every((p) => p.code.startsWith('schema/')));
  });

  it('10,000 YAML syntax errors are bounded the same way', () => {
    const found = problems(text + 'x: [\n'.repeat(10_000));
    assert.ok(found.length <= 101, String(found.length));
    assert.ok(found.length > 0);
  });

  it('a valid manifest padded with a million comment lines is read as it is, positions in the original file', () => {
    const padding = '#\n'.repeat(1_000_000);
    const padded = parseManifest(text + padding, 'm.isccc.yaml');
    assert.deepEqual(padded.problems, []);
    assert.deepEqual(padded.manifest, parseManifest(text, 'm.isccc.yaml').manifest);
    // A problem after the padding is found on its own line, a million lines down.
    const after = problems(`${text}${padding}extra: 1\n`);
    assert.equal(after.length, 1);
    assert.equal(after[0]!.code, 'schema/unknown-field');
    assert.deepEqual(after[0]!.range.start, { line: text.split('\n').length - 1 + 1_000_000, character: 0 });
    // Padding in the middle moves what follows by exactly its lines.
    const cut = text.indexOf('\nevidence:\n') + 1;
    const middle = parseManifest(`${text.slice(0, cut)}${padding}${text.slice(cut)}`, 'm.isccc.yaml');
    assert.deepEqual(middle.manifest, padded.manifest);
    const line = text.slice(0, cut).split('\n').length - 1;
    assert.equal(middle.source.rangeOf(['evidence', 0, 'path']).start.line, line + 1_000_000 + 1);
    assert.equal(middle.source.doc.getIn(['evidence', 0, 'path'], true) !== undefined, true);
  });

  it('keeps what a comment-like line means inside a block scalar, and a run the parser must still see end a scalar', () => {
    const block = `isccc: manifest/v1\nnote: |\n  first\n${'\n'.repeat(100)}  #not a comment\n${'#\n'.repeat(100)}rest: 1\n`;
    const reference = parseManifest(block.replace(/#\n/g, ''), 'm.isccc.yaml').source;
    const padded = parseManifest(block, 'm.isccc.yaml').source;
    assert.deepEqual(padded.toData(), reference.toData());
    const quoted = `isccc: manifest/v1\nnote: "one\n${'#\n'.repeat(100)}two"\n`;
    assert.ok(parseManifest(quoted, 'm.isccc.yaml').problems.some((p) => p.code === 'yaml/syntax'));
  });
});

describe('nesting too deep for the YAML parser (found by the language-server fuzz)', function () {
  it('is an input problem at the deepest line, not a stack overflow out of parseManifest', () => {
    // `a: a: a: …` typed into an evidence entry: the parser recurses once per key and runs out of stack.
    const line = `   ${'a: '.repeat(20_000)}`;
    const cut = text.indexOf(' type: ', text.indexOf('\nevidence:\n'));
    const deep = `${text.slice(0, cut)}${line}${text.slice(cut)}`;
    const found = problems(deep);
    const before = deep.slice(0, cut).split('\n');
    // On the line typed into, after its indentation (the entry's, then the three spaces of `line`).
    assert.deepEqual(
      found.map((p) => [p.code, p.range.start]),
      [['input/too-deep', { line: before.length - 1, character: before.at(-1)!.length + 3 }]],
    );
    assert.equal(found[0]!.message, 'nesting deeper than 64 levels (too deep for the YAML parser to follow)');
  });
});

describe('hostile nesting and keys never reach the YAML parser unbounded (found by the language-server fuzz)', function () {
  // Generous limits for a loaded machine; no timing assertion.
  this.timeout(60_000);

  it('refuses flow brackets, compact indicators and indentation thousands of levels deep before parsing', () => {
    const staircase = Array.from({ length: 300 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n') + ' 1\n';
    for (const [deep, line] of [
      [`isccc: manifest/v1\nx: ${'['.repeat(100_000)}`, 1],
      [`isccc: manifest/v1\nx: ${'- '.repeat(100_000)}1\n`, 1],
      // At the deepest line.
      [`isccc: manifest/v1\n${staircase}`, 300],
    ] as const) {
      const found = problems(deep);
      assert.deepEqual(
        found.map((p) => [p.code, p.range.start.line]),
        [['input/too-deep', line]],
        deep.slice(0, 60),
      );
    }
  });

  it('survives, in one process, the texts whose deep recursion once made V8 abort while compiling a regular expression', () => {
    // Run apart: before the nesting was bounded this sequence ended the process with a fatal error no catch sees.
    const script = [
      `import { parseManifest } from ${JSON.stringify(pathToFileURL(path.join(packageRoot, 'dist', 'src', 'manifest', 'load.js')).href)};`,
      `for (const text of ['a: '.repeat(66_665), '"'.repeat(200_000), '['.repeat(100_000)])`,
      `  console.log(parseManifest(text, 'm.isccc.yaml').problems[0].code);`,
    ].join('\n');
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr.slice(0, 2000));
    assert.deepEqual(run.stdout.trim().split('\n'), ['input/too-deep', 'yaml/syntax', 'input/too-deep']);
  });

  it('parses a text with a YAML error per character without a stack trace per error, and puts the limit back', () => {
    // 100,000 errors, each an Error: their stack traces were most of the time (the hang the fuzz found).
    const before = Error.stackTraceLimit;
    const found = problems('"'.repeat(200_000));
    assert.equal(found.length, 101);
    assert.equal(found[0]!.code, 'yaml/syntax');
    assert.equal(Error.stackTraceLimit, before);
  });

  it('finds duplicate keys (the same value, quoted or not) in linear time: a map of 100,000 keys is read at once', () => {
    const twice = problems(edited('  serviceStaff: 14\n', '  serviceStaff: 14\n  "serviceStaff": 15\n'));
    assert.deepEqual(
      twice.map((p) => [p.code, p.message, p.range.start]),
      [['yaml/syntax', 'YAML: Map keys must be unique', { line: text.split('\n').indexOf('  serviceStaff: 14') + 1, character: 2 }]],
    );
    assert.deepEqual(
      problems('isccc: manifest/v1\n1: a\n"1": b\n').filter((p) => p.message.includes('unique')),
      [],
    );
    // The parser's own check compared every key with every other: minutes for this map.
    const many = problems(`isccc: manifest/v1\n${Array.from({ length: 100_000 }, (_, i) => `k${i}: 1`).join('\n')}\n`);
    assert.ok(many.length > 0 && many.length <= 101, String(many.length));
  });
});

describe('positions count lines as editors do (found by the language-server fuzz)', function () {
  const ranges = (yaml: string) => YamlSource.parse('m.isccc.yaml', yaml).problems.map((p) => [p.range.start, p.range.end]);

  it('a YAML error after a token that spans lines is on its own line (the parser’s own line counter misses them)', () => {
    assert.deepEqual(ranges('[a]\nb\n  c: d\n'), [
      [
        { line: 1, character: 0 },
        { line: 2, character: 3 },
      ],
      [
        { line: 2, character: 3 },
        { line: 2, character: 4 },
      ],
      [
        { line: 2, character: 5 },
        { line: 2, character: 6 },
      ],
    ]);
  });

  it('a lone \\r breaks a line, as in LSP and editors; \\r\\n is one break', () => {
    assert.deepEqual(ranges('k: "x\ry"\nz: [\n'), [
      [
        { line: 3, character: 0 },
        { line: 3, character: 0 },
      ],
    ]);
    assert.deepEqual(ranges('k: 1\r\nz: [\r\n'), [
      [
        { line: 2, character: 0 },
        { line: 2, character: 0 },
      ],
    ]);
    const source = YamlSource.parse('m.isccc.yaml', 'a: 1\r\nb: 2\n');
    // An offset between \r and \n is the end of its line, not a column past it.
    assert.deepEqual(source.position(5), { line: 0, character: 4 });
  });
});

describe('an edit of one value reuses the parse before it', function () {
  this.timeout(60_000);
  const fresh = (yaml: string) => parseManifest(yaml, 'm.isccc.yaml');
  const sameAsFresh = (before: string, after: string) => {
    const previous = fresh(before).source;
    const edited = parseManifest(after, 'm.isccc.yaml', undefined, previous);
    const reference = fresh(after);
    assert.deepEqual(edited.source.toData(), reference.source.toData());
    assert.deepEqual(edited.problems, reference.problems);
    for (const at of [
      ['people', 'serviceStaff'],
      ['evidence', 0, 'path'],
      ['evidence', 3, 'supports', 0],
      ['projects', 0, 'end'],
      ['organisation', 'legalEntity'],
    ] as const)
      assert.deepEqual(edited.source.rangeOf([...at]), reference.source.rangeOf([...at]), at.join('.'));
    assert.equal(edited.source.text, after);
    return edited;
  };

  it('gives what a fresh parse gives, for values of the same and of another length, and for edits it cannot patch', () => {
    const staff = edited('serviceStaff: 14', 'serviceStaff: 15');
    sameAsFresh(text, staff);
    sameAsFresh(text, edited('serviceStaff: 14', 'serviceStaff: 1400'));
    sameAsFresh(text, edited('serviceStaff: 14', 'serviceStaff: 1'));
    sameAsFresh(text, edited('founded: 2019-04-18', 'founded: 2019-02-30'));
    // Not one plain value: a key, a new line, a quote, a comment, a flow indicator.
    sameAsFresh(text, edited('serviceStaff: 14', 'serviceStaf: 14'));
    sameAsFresh(text, edited('serviceStaff: 14', 'serviceStaff: 14\n  extra: 1'));
    sameAsFresh(text, edited('serviceStaff: 14', 'serviceStaff: "14"'));
    sameAsFresh(text, edited('serviceStaff: 14', 'serviceStaff: 14 # staff'));
    sameAsFresh(text, edited('serviceStaff: 14', 'serviceStaff: [14]'));
  });

  it('patches the previous parse in place when it can', () => {
    const previous = fresh(text).source;
    const next = parseManifest(edited('serviceStaff: 14', 'serviceStaff: 15'), 'm.isccc.yaml', undefined, previous);
    assert.equal(next.source.doc, previous.doc, 'the document tree was reused');
    assert.equal((next.manifest as { people: { serviceStaff: number } }).people.serviceStaff, 15);
    const other = parseManifest(edited('serviceStaff: 14', 'serviceStaf: 14'), 'm.isccc.yaml', undefined, fresh(text).source);
    assert.notEqual(other.source.doc, previous.doc);
  });
});
