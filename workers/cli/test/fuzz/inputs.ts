/**
 * Hostile inputs for the fuzz properties, built by fast-check from the project's real files: the five example
 * manifests and the shipped rule files, mutated at the text level (bytes, lines, YAML syntax) and at the data
 * level (a value anywhere replaced by something hostile: huge, negative, wrong type, deep, `__proto__`, a path out
 * of the folder, a date that does not exist).
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { repoRoot } from '../helpers.js';

export const EXAMPLES = fs
  .readdirSync(path.join(repoRoot, 'examples'))
  .filter((d) => fs.existsSync(path.join(repoRoot, 'examples', d, 'manifest.isccc.yaml')))
  .sort()
  .map((d) => ({ name: d, dir: path.join(repoRoot, 'examples', d), text: fs.readFileSync(path.join(repoRoot, 'examples', d, 'manifest.isccc.yaml'), 'utf8') }));

const RULEBOOK = path.join(repoRoot, 'rules', 'rulebooks', 'isccc-sv-001-2015');
export const RULE_FILES = fs
  .readdirSync(RULEBOOK)
  .filter((f) => f.endsWith('.rules.yaml'))
  .sort()
  .map((f) => ({ name: f, text: fs.readFileSync(path.join(RULEBOOK, f), 'utf8') }));

const hostileString = fc.oneof(
  fc.constantFrom(
    '',
    '__proto__',
    'constructor',
    '../../etc/passwd',
    '/etc/passwd',
    '/dev/zero',
    'C:\\Windows\\win.ini',
    'evidence/../../x.md',
    '2019-02-30',
    '2026-13-01',
    '9999-99-99',
    'never',
    '4.9.9 z)',
    'A2.2.3',
    '\u0000',
    '\u202e\u2028',
    '\ud800',
    '${process.exit()}',
    '{{constructor.constructor("x")()}}',
    '<script>',
    'x'.repeat(5000),
  ),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
);
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.constantFrom(0, -1, 1e308, -1e308, 2 ** 53 + 1, 0.5, Number.MAX_SAFE_INTEGER, true, false, null),
  fc.integer(),
  fc.double({ noNaN: true }),
  fc.constant({ __proto__: { polluted: true } }),
  fc.array(hostileString, { maxLength: 5 }),
  fc.dictionary(hostileString, hostileString, { maxKeys: 4 }),
  fc.constant(JSON.parse('{"__proto__": {"polluted": true}}') as unknown),
  fc.constant(deep(80)),
);

function deep(n: number): unknown {
  let v: unknown = 'bottom';
  for (let i = 0; i < n; i++) v = { down: v };
  return v;
}

/** Every path to a value in a plain data tree. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return [prefix, ...value.flatMap((v, i) => paths(v, [...prefix, i]))];
  if (value && typeof value === 'object') return [prefix, ...Object.entries(value).flatMap(([k, v]) => paths(v, [...prefix, k]))];
  return [prefix];
}

function setAt(root: unknown, at: (string | number)[], value: unknown, op: 'replace' | 'delete' | 'add'): unknown {
  if (at.length === 0) return op === 'replace' ? value : root;
  const copy: unknown = structuredClone(root);
  let node = copy as Record<string | number, unknown>;
  for (const key of at.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = at.at(-1)!;
  if (op === 'delete') {
    if (Array.isArray(node)) node.splice(Number(last), 1);
    else delete node[last];
  } else if (op === 'add' && node && typeof node === 'object' && !Array.isArray(node)) {
    Object.defineProperty(node, String(value).slice(0, 30) || 'extra', { value: last, enumerable: true, configurable: true, writable: true });
  } else node[last] = value;
  return copy;
}

const dataMutation = (text: string): fc.Arbitrary<string> => {
  const data: unknown = parse(text);
  const all = paths(data);
  return fc
    .array(fc.tuple(fc.nat({ max: all.length - 1 }), hostileValue, fc.constantFrom<'replace' | 'delete' | 'add'>('replace', 'delete', 'add')), {
      minLength: 1,
      maxLength: 4,
    })
    .map((edits) => {
      let mutated = data;
      for (const [i, value, op] of edits) {
        try {
          mutated = setAt(mutated, all[i]!, value, op);
        } catch {
          // the path no longer exists after an earlier edit
        }
      }
      return stringify(mutated, { aliasDuplicateObjects: false });
    });
};

/** Edits that keep a manifest well-formed, so the evaluation itself is exercised, not only input checking. */
const plausibleMutation = (text: string): fc.Arbitrary<string> => {
  const data: unknown = parse(text);
  const leaves = paths(data).filter((p) => p.length > 0);
  const valueFor = (current: unknown): fc.Arbitrary<unknown> =>
    typeof current === 'number'
      ? fc.oneof(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 1_000_000 }))
      : typeof current === 'boolean'
        ? fc.boolean()
        : typeof current === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(current)
          ? fc.date({ min: new Date('2000-01-01'), max: new Date('2035-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10))
          : fc.constant(current);
  return fc
    .array(fc.nat({ max: leaves.length - 1 }), { minLength: 1, maxLength: 6 })
    .chain((picks) => fc.tuple(...picks.map((i) => fc.tuple(fc.constant(leaves[i]!), fc.boolean(), valueFor(leafAt(data, leaves[i]!))))))
    .map((edits) => {
      let mutated = data;
      for (const [at, dropListItem, value] of edits) {
        try {
          mutated = dropListItem && typeof at.at(-1) === 'number' ? setAt(mutated, at, undefined, 'delete') : setAt(mutated, at, value, 'replace');
        } catch {
          // the path no longer exists after an earlier edit
        }
      }
      return stringify(mutated, { aliasDuplicateObjects: false });
    });
};

function leafAt(root: unknown, at: (string | number)[]): unknown {
  let node = root;
  for (const key of at) node = (node as Record<string | number, unknown> | undefined)?.[key];
  return node;
}

const YAML_NOISE = [
  ':',
  ': ',
  '- ',
  '{',
  '}',
  '[',
  ']',
  '&a ',
  '*a',
  '!!binary ',
  '|',
  '>',
  "'",
  '"',
  '%YAML 1.2\n',
  '---\n',
  '...\n',
  '#',
  '\t',
  '\r\n',
  '\u0000',
  '\ufeff',
  '<<: *a\n',
];

const textMutation = (text: string): fc.Arbitrary<string> => {
  const lines = text.split('\n');
  const edit = fc.oneof(
    fc.record({ kind: fc.constant('delete' as const), at: fc.nat({ max: lines.length - 1 }) }),
    fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat({ max: lines.length - 1 }) }),
    fc.record({
      kind: fc.constant('insert' as const),
      at: fc.nat({ max: text.length }),
      noise: fc.oneof(fc.constantFrom(...YAML_NOISE), fc.string({ maxLength: 8 })),
    }),
    fc.record({ kind: fc.constant('indent' as const), at: fc.nat({ max: lines.length - 1 }), by: fc.integer({ min: -4, max: 4 }) }),
    fc.record({ kind: fc.constant('truncate' as const), at: fc.nat({ max: text.length }) }),
  );
  return fc.array(edit, { minLength: 1, maxLength: 5 }).map((edits) => {
    let out = text;
    for (const e of edits) {
      const ls = out.split('\n');
      const at = Math.min(e.at, Math.max(0, (e.kind === 'insert' || e.kind === 'truncate' ? out.length : ls.length) - 1));
      if (e.kind === 'delete') ls.splice(at, 1);
      else if (e.kind === 'duplicate') ls.splice(at, 0, ls[at] ?? '');
      else if (e.kind === 'indent') ls[at] = e.by >= 0 ? ' '.repeat(e.by) + (ls[at] ?? '') : (ls[at] ?? '').slice(-e.by);
      if (e.kind === 'insert') out = out.slice(0, at) + e.noise + out.slice(at);
      else if (e.kind === 'truncate') out = out.slice(0, at);
      else out = ls.join('\n');
    }
    return out;
  });
};

/** A mutated example manifest: which example (its evidence folder comes along) and the new text. */
export const mutatedManifest: fc.Arbitrary<{ example: (typeof EXAMPLES)[number]; text: string }> = fc
  .constantFrom(...EXAMPLES)
  .chain((example) => fc.oneof(plausibleMutation(example.text), textMutation(example.text), dataMutation(example.text)).map((text) => ({ example, text })));

/** A mutated shipped rule file. */
export const mutatedRuleFile: fc.Arbitrary<{ name: string; text: string }> = fc
  .constantFrom(...RULE_FILES)
  .chain((file) => fc.oneof(textMutation(file.text), dataMutation(file.text)).map((text) => ({ name: file.name, text })));

/** FEEL built to exhaust an interpreter: backtracking regular expressions, nested loops, values that double. */
const feelBomb: fc.Arbitrary<string> = fc.oneof(
  fc.nat({ max: 60 }).map((n) => `matches("${'a'.repeat(n)}!", "^(a+)+$")`),
  fc.nat({ max: 40 }).map((n) => `replace("${'a'.repeat(n)}b", "(a|aa)+$", "x") = "x"`),
  fc.integer({ min: 2, max: 6 }).map((depth) => {
    const list = `[${Array.from({ length: 30 }, (_, i) => i).join(',')}]`;
    let expr = 'true';
    for (let i = 0; i < depth; i++) expr = `every x${i} in ${list} satisfies (${expr})`;
    return expr;
  }),
  fc.integer({ min: 10, max: 40 }).map((n) => {
    const entries = Array.from({ length: n }, (_, i) => `l${i + 1}: l${i} + l${i}`).join(', ');
    return `count({l0: ["x"], ${entries}}.l${n}) > 0`;
  }),
  fc.integer({ min: 10, max: 40 }).map((n) => {
    const entries = Array.from({ length: n }, (_, i) => `s${i + 1}: s${i} + s${i}`).join(', ');
    return `string length({s0: "ab", ${entries}}.s${n}) > 0`;
  }),
  fc.constantFrom(
    'for i in 1..1000000000 return i',
    'function(x) x',
    '(function(f) f(f))(function(f) f(f))',
    'sort([3,1,2], function(a,b) a<b)',
    'date("2026-02-30") > now()',
  ),
);

/** The shipped service-staff rule with its condition replaced by a FEEL bomb. */
export const hostileFeelRuleFile: fc.Arbitrary<{ name: string; text: string; feel: string }> = feelBomb.map((feel) => {
  const file = RULE_FILES.find((f) => f.name === 'service-staff.rules.yaml')!;
  return { name: file.name, text: file.text.replace('condition: actual >= expected', `condition: ${JSON.stringify(feel)}`), feel };
});

/** Options a user might pass alongside, some of them wrong. */
export const checkFlags: fc.Arbitrary<string[]> = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        ['--level', '1'],
        ['--level', '2'],
        ['--level', '3'],
        ['--level', '4'],
        ['--lang', 'zh'],
        ['--format', 'json'],
        ['--format', 'sarif'],
        ['--format', 'junit'],
        ['--as-of', '2026-02-30'],
        ['--as-of', '2027-01-15'],
        ['--category', 'disaster-recovery'],
      ),
    ),
    { maxLength: 2 },
  )
  .map((flags) => flags.flat());
