/**
 * Bilingual messages live in their package's message table, keyed by code, not inline: no other source file of
 * the handlers, the CLI, the language server or the VS Code client writes a `{ zh, en }` literal, or picks between
 * words by language (`lang === 'zh' ? '…' : '…'`). The sources are read with the TypeScript parser, not with patterns.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Each part of the code and the one module of it that may hold bilingual words. */
const PARTS = [
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

/** Words of ours: literal text other than blanks and language codes. */
function hasWords(node: ts.Node): boolean {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text.trim() !== '' && !LANGS.has(node.text);
  if (ts.isTemplateExpression(node)) return [node.head, ...node.templateSpans.map((s) => s.literal)].some((part) => part.text.trim() !== '');
  return ts.forEachChild(node, (child) => hasWords(child) || undefined) ?? false;
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
    } else if (ts.isConditionalExpression(node) && testsLanguage(node.condition) && (hasWords(node.whenTrue) || hasWords(node.whenFalse))) {
      report(node, 'words chosen by language');
    } else if (ts.isIfStatement(node) && testsLanguage(node.expression) && hasWords(node.thenStatement)) {
      report(node, 'words chosen by language');
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('bilingual messages live in their package’s message table', () => {
  for (const part of PARTS) {
    it(`${part.sources}: no file but ${path.basename(part.table)} writes bilingual words`, () => {
      const files = sources(path.join(REPO, part.sources)).filter((f) => f !== path.join(REPO, part.table));
      assert.ok(files.length > 3, `${files.length} source files under ${part.sources}`);
      const inline = files.flatMap((f) => inlineMessages(path.relative(REPO, f), fs.readFileSync(f, 'utf8')));
      assert.deepEqual(inline, []);
    });

    it(`${part.table}: the scan finds the table's own entries`, () => {
      const table = path.join(REPO, part.table);
      assert.ok(inlineMessages(part.table, fs.readFileSync(table, 'utf8')).length >= 5);
    });
  }

  it('finds a { zh, en } literal, shorthand or quoted, and words chosen by language, but not data in both languages', () => {
    const code = [
      "const a = { zh: '是', en: 'yes' };",
      "const b = { 'zh': x, en };",
      "const c = lang === 'zh' ? '（字段）' : ' (field)';",
      "function d(lang: string) { if (lang === 'zh') return `${n} 项`; return 'n'; }",
      "const e = lang === 'zh' ? p.zh : p.message;",
      "const f = describe(target, lang === 'zh' ? 'zh' : 'en');",
      'const g = { zh: 1, fr: 2 };',
    ].join('\n');
    assert.deepEqual(
      inlineMessages('sample.ts', code).map((hit) => hit.replace(/^sample\.ts:(\d+):\d+ /, '$1 ')),
      ['1 { zh, en } literal', '2 { zh, en } literal', '3 words chosen by language', '4 words chosen by language'],
    );
  });
});
