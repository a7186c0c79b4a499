/**
 * Bilingual messages live in their package's message table, keyed by code, not inline: no other source file of
 * the parts below writes a `{ zh, en }` literal, a problem's `{ message, zh }` pair (English and Chinese) in words
 * of its own, passes words in both languages to a call (`at(path, 'no such field', '没有此字段')`), or picks between
 * words by language (`lang === 'zh' ? '…' : '…'`). The sources are read with the TypeScript parser, not with patterns.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Each part of the code, the one module of it that may hold bilingual messages, and the modules that hold names
 * instead: a level's, a category's, a DR class's name (the vocabulary), a task's or a BPMN error's label (the
 * contract) is keyed by its id and defined once, data that messages quote rather than a message of its own.
 */
const PARTS: { sources: string; table?: string; names?: string[] }[] = [
  { sources: 'rules/src', table: 'rules/src/messages.ts', names: ['rules/src/vocabulary'] },
  { sources: 'bpmn/src', names: ['bpmn/src/task-types.ts'] },
  { sources: 'workers/src/handlers', table: 'workers/src/handlers/messages.ts' },
  { sources: 'workers/cli/src', table: 'workers/cli/src/messages.ts' },
  { sources: 'vscode-extension/src', table: 'vscode-extension/src/messages.ts' },
  { sources: 'language-server/src', table: 'language-server/src/messages.ts' },
];

const LANGS = new Set(['zh', 'en']);

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sources(full);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [full] : [];
  });
}

const nameOf = (name: ts.PropertyName): string | undefined => (ts.isIdentifier(name) || ts.isStringLiteral(name) ? name.text : undefined);

/** Words of ours: the literal texts of an expression other than blanks and language codes. */
function wordsOf(node: ts.Node): string[] {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text.trim() !== '' && !LANGS.has(node.text) ? [node.text] : [];
  if (ts.isTemplateExpression(node)) {
    const parts = [node.head, ...node.templateSpans.map((s) => s.literal)].map((part) => part.text).filter((text) => text.trim() !== '');
    return [...parts, ...node.templateSpans.flatMap((s) => wordsOf(s.expression))];
  }
  const words: string[] = [];
  ts.forEachChild(node, (child) => {
    words.push(...wordsOf(child));
  });
  return words;
}

const hasWords = (node: ts.Node): boolean => wordsOf(node).length > 0;

const HAN = /\p{Script=Han}/u;

/** `at(path, 'unknown field', '未知字段')`: one call given words in Chinese and words in English. */
function passesWordPairs(node: ts.CallExpression | ts.NewExpression): boolean {
  const args = (node.arguments ?? []).map(wordsOf);
  const chinese = args.some((words) => words.some((text) => HAN.test(text)));
  const english = args.some((words) => words.some((text) => /\p{Script=Latin}{2}/u.test(text)) && !words.some((text) => HAN.test(text)));
  return chinese && english;
}

/** A `message:` (English) or `zh:` field written out, the shape of a problem's two texts. */
function isWording(p: ts.ObjectLiteralElementLike): p is ts.PropertyAssignment {
  const name = ts.isPropertyAssignment(p) ? nameOf(p.name) : undefined;
  return name === 'message' || name === 'zh';
}

/** `x === 'zh'`, `'en' !== x`: a test of the language. */
function testsLanguage(node: ts.Expression): boolean {
  if (!ts.isBinaryExpression(node)) return false;
  const op = node.operatorToken.kind;
  if (op !== ts.SyntaxKind.EqualsEqualsEqualsToken && op !== ts.SyntaxKind.ExclamationEqualsEqualsToken) return false;
  return [node.left, node.right].some((side) => ts.isStringLiteral(side) && LANGS.has(side.text));
}

/** Where a file writes bilingual words inline, as `file:line:col what`. */
function inlineMessages(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: string[] = [];
  const report = (node: ts.Node, what: string): void => {
    const { line, character } = source.getLineAndCharacterOfPosition(node.getStart(source));
    found.push(`${file}:${line + 1}:${character + 1} ${what}`);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isObjectLiteralExpression(node)) {
      const keys = new Set(node.properties.map((p) => (p.name ? nameOf(p.name) : undefined)));
      if (keys.has('zh') && keys.has('en')) report(node, '{ zh, en } literal');
      else if (keys.has('zh') && keys.has('message') && node.properties.some((p) => isWording(p) && hasWords(p.initializer)))
        report(node, '{ message, zh } literal');
    } else if (ts.isConditionalExpression(node) && testsLanguage(node.condition) && (hasWords(node.whenTrue) || hasWords(node.whenFalse))) {
      report(node, 'words chosen by language');
    } else if (ts.isIfStatement(node) && testsLanguage(node.expression) && hasWords(node.thenStatement)) {
      report(node, 'words chosen by language');
    } else if ((ts.isCallExpression(node) || ts.isNewExpression(node)) && passesWordPairs(node)) {
      report(node, 'words in both languages passed to a call');
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('bilingual messages live in their package’s message table', () => {
  for (const part of PARTS) {
    const allowed = [part.table, ...(part.names ?? [])].filter((p) => p !== undefined);
    const isAllowed = (file: string) => allowed.some((p) => file === path.join(REPO, p) || file.startsWith(path.join(REPO, p) + path.sep));
    it(`${part.sources}: no file but ${allowed.map((p) => path.basename(p)).join(', ')} writes bilingual words`, () => {
      const files = sources(path.join(REPO, part.sources)).filter((f) => !isAllowed(f));
      assert.ok(files.length > 3, `${files.length} source files under ${part.sources}`);
      const inline = files.flatMap((f) => inlineMessages(path.relative(REPO, f), fs.readFileSync(f, 'utf8')));
      assert.deepEqual(inline, []);
    });

    if (part.table) {
      const table = part.table;
      it(`${table}: the scan finds the table's own entries`, () => {
        assert.ok(inlineMessages(table, fs.readFileSync(path.join(REPO, table), 'utf8')).length >= 5);
      });
    }

    for (const names of part.names ?? []) {
      it(`${names}: holds names the scan would otherwise report`, () => {
        const at = path.join(REPO, names);
        const files = fs.statSync(at).isDirectory() ? sources(at) : [at];
        assert.ok(files.flatMap((f) => inlineMessages(path.relative(REPO, f), fs.readFileSync(f, 'utf8'))).length >= 3);
      });
    }
  }

  it('finds a { zh, en } literal, shorthand or quoted, a { message, zh } literal with words, words chosen by language and word pairs passed to a call, but not data in both languages', () => {
    const code = [
      "const a = { zh: '是', en: 'yes' };",
      "const b = { 'zh': x, en };",
      "const c = lang === 'zh' ? '（字段）' : ' (field)';",
      "function d(lang: string) { if (lang === 'zh') return `${n} 项`; return 'n'; }",
      "const e = lang === 'zh' ? p.zh : p.message;",
      "const f = describe(target, lang === 'zh' ? 'zh' : 'en');",
      'const g = { zh: 1, fr: 2 };',
      "const h = { code: 'x/y', message: `unknown field ${q}`, zh: `未知字段 ${q}` };",
      "const i = { 'message': m, zh: cond ? '是' : z };",
      'const j = { code, message: p.message, zh: p.zh, from };',
      "const k = { message, zh, code: 'x/y' };",
      "const l = { message: 'a finding', title: 'no zh' };",
      "at(['people'], 'x/y', `no staff record ${id}`, `没有人员 ${id}`);",
      "unsupported('A date', '日期值', node);",
      "problem(source, at, MESSAGES['schema.invalid']({ where, why }));",
      "title(id, '自评估表', 3);",
    ].join('\n');
    assert.deepEqual(
      inlineMessages('sample.ts', code).map((hit) => hit.replace(/^sample\.ts:(\d+):\d+ /, '$1 ')),
      [
        '1 { zh, en } literal',
        '2 { zh, en } literal',
        '3 words chosen by language',
        '4 words chosen by language',
        '8 { message, zh } literal',
        '9 { message, zh } literal',
        '13 words in both languages passed to a call',
        '14 words in both languages passed to a call',
      ],
    );
  });
});
