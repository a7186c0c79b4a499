/**
 * What a fuzzed editing session is made of, built by fast-check: edits of the open manifests (random characters,
 * YAML fragments, deep nesting, huge lines, lone UTF-16 surrogates, tabs, anchors and alias bombs, whole-text
 * replacements), interleaved with the requests an editor sends while a person types, pauses, saves, evidence files
 * changed on disk, and documents closed and opened again. Positions are drawn as numbers and taken modulo the
 * document's length when the step runs, since the text is only known then.
 */
import fc from 'fast-check';

/** An edit of one document: `at` and `length` in UTF-16 code units, modulo the text's length. */
export type Edit =
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'replace'; at: number; length: number; text: string }
  | { kind: 'whole'; text: string };

export const REQUESTS = [
  'hover',
  'completion',
  'definition',
  'codeAction',
  'codeLens',
  'documentSymbol',
  'isccc/report',
  'isccc/summary',
  'isccc/evidenceRoot',
] as const;
export type RequestKind = (typeof REQUESTS)[number];

export type Step =
  | { op: 'edit'; doc: number; edit: Edit }
  /** `at`: the position asked about, an offset modulo the length (a few land past the end on purpose: `beyond`). */
  | { op: 'request'; doc: number; request: RequestKind; at: number; beyond: boolean }
  /** Waits for every request sent and for the diagnostics of every document's current version. */
  | { op: 'settle' }
  | { op: 'pause'; ms: number }
  | { op: 'save'; doc: number }
  | { op: 'touch-evidence'; doc: number; file: number }
  | { op: 'reopen'; doc: number };

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((unit) => String.fromCharCode(unit));

/** An alias bomb: each level a list of nine references to the one below (9^depth nodes once expanded). */
const aliasBomb = fc.integer({ min: 3, max: 9 }).map((depth) => {
  const lines = ['bomb0: &b0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
  for (let i = 1; i <= depth; i++) lines.push(`bomb${i}: &b${i} [${Array.from({ length: 9 }, () => `*b${i - 1}`).join(', ')}]`);
  return lines.join('\n') + '\n';
});

const deepNesting = fc.oneof(
  fc.integer({ min: 50, max: 5000 }).map((n) => `${'['.repeat(n)}x${']'.repeat(n)}`),
  fc.integer({ min: 50, max: 3000 }).map((n) => `${'{a: '.repeat(n)}1${'}'.repeat(n)}`),
  fc.integer({ min: 20, max: 400 }).map((n) => Array.from({ length: n }, (_, i) => `${'  '.repeat(i)}k${i}:`).join('\n') + ' 1\n'),
  fc.integer({ min: 20, max: 400 }).map((n) => Array.from({ length: n }, (_, i) => `${'  '.repeat(i)}- `).join('\n') + 'x\n'),
);

const hugeLine = fc
  .tuple(fc.constantFrom('x', 'a: ', '😀', '- ', '"', '\t', '中'), fc.integer({ min: 10_000, max: 200_000 }))
  .map(([unit, n]) => unit.repeat(Math.ceil(n / unit.length)));

/** Pieces of YAML, and of manifests in particular, that break or bend the structure around where they land. */
const yamlFragment = fc.constantFrom(
  ':',
  ': ',
  '- ',
  '-',
  '\n',
  '\n  ',
  '\n- ',
  '{',
  '}',
  '[',
  ']',
  ',',
  '&a ',
  '*a',
  '&anchor [1, 2]\n',
  'x: *nowhere\n',
  '<<: *a\n',
  '!!binary ',
  '!!js/function "x"',
  '!custom ',
  '|',
  '>-\n',
  "'",
  '"',
  '"\\u0000"',
  '"\\ud800"',
  '%YAML 1.2\n',
  '%TAG ! tag:x,2000:\n',
  '---\n',
  '...\n',
  '# comment\n',
  '\t',
  '\t\t- ',
  '\r\n',
  '\r',
  '\u0000',
  '\ufeff',
  '\u2028',
  '\u202e',
  '😀',
  '\ud83d',
  '\ude00',
  '? complex key\n: value\n',
  '__proto__: {polluted: true}\n',
  'constructor: {prototype: {polluted: true}}\n',
  'isccc: manifest/v1\n',
  'isccc: rules/v1\n',
  'serviceStaff: 99999999999999999999\n',
  'serviceStaff: -1\n',
  'level: 4\n',
  'asOf: 2019-02-30\n',
  'asOf: 9999-99-99\n',
  'supports: ["4.1.3", "4.9.9", "A2.1", "__proto__"]\n',
  '  - path: ../../etc/passwd\n    sha256: 0000\n    type: licence\n    supports: ["4.1.1"]\n',
  '  - path: /etc/passwd\n',
  '  - path: evidence\n',
  'sha256: e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n',
  'x'.repeat(1000),
  '1e400',
  '0x10',
  '.inf',
  '~',
  'null',
);

/** What is typed or pasted: characters of every kind, YAML fragments, and the occasional pathological block. */
export const inserted: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 6 }) },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 6 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 4 }) },
  { weight: 2, arbitrary: loneSurrogate },
  { weight: 8, arbitrary: yamlFragment },
  { weight: 1, arbitrary: aliasBomb },
  { weight: 1, arbitrary: deepNesting },
  { weight: 1, arbitrary: hugeLine },
);

/** `texts`: the documents' original texts, which a whole-text replacement may restore (so evaluation is exercised again). */
export const edit = (texts: readonly string[]): fc.Arbitrary<Edit> =>
  fc.oneof(
    { weight: 8, arbitrary: fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: inserted }) },
    {
      weight: 4,
      arbitrary: fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.oneof(fc.integer({ min: 1, max: 8 }), fc.nat({ max: 2000 })) }),
    },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }), text: inserted }) },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('whole' as const),
        text: fc.oneof(fc.constantFrom('', '\n', ...texts), aliasBomb, deepNesting, hugeLine, inserted),
      }),
    },
  );

export const step = (documents: number, texts: readonly string[]): fc.Arbitrary<Step> => {
  const doc = fc.nat({ max: documents - 1 });
  return fc.oneof(
    { weight: 30, arbitrary: fc.record({ op: fc.constant('edit' as const), doc, edit: edit(texts) }) },
    {
      weight: 14,
      arbitrary: fc.record({
        op: fc.constant('request' as const),
        doc,
        request: fc.constantFrom(...REQUESTS),
        at: fc.nat(),
        beyond: fc.nat({ max: 9 }).map((n) => n === 0),
      }),
    },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('pause' as const), ms: fc.integer({ min: 0, max: 250 }) }) },
    { weight: 1, arbitrary: fc.constant({ op: 'settle' as const }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('save' as const), doc }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('touch-evidence' as const), doc, file: fc.nat() }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('reopen' as const), doc }) },
  );
};

/** A session: `length` steps over `documents` documents, ending settled so the final diagnostics are checked. */
export const session = (documents: number, texts: readonly string[], length: number): fc.Arbitrary<Step[]> =>
  fc.array(step(documents, texts), { minLength: length, maxLength: length }).map((steps) => [...steps, { op: 'settle' }]);
