/**
 * Writes the examples of each lint rule's doc page (`lint/docs/rules/<rule>.md`) from the rule's fixtures
 * (`test/lint/<rule>/valid-*.bpmn`, `invalid-*.bpmn`), with what bpmnlint actually reports on each. The prose
 * above `## Incorrect` is hand-written; everything from there on is generated, and a test fails when it is
 * stale (`npm run -w bpmn lint-docs` regenerates it), so a page can never show an example that lints
 * differently from what it says.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { packageRoot } from '../src/models.js';
import { ISCCC_RULES, lint } from './lint-runner.js';

export const LINT_DOCS_DIR = path.join(packageRoot, 'lint', 'docs', 'rules');
const FIXTURES_DIR = path.join(packageRoot, 'test', 'lint');
const GENERATED_FROM = '## Incorrect';

export function lintRules(): string[] {
  return fs
    .readdirSync(FIXTURES_DIR, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

export function fixturesOf(rule: string): { valid: string[]; invalid: string[] } {
  const files = fs
    .readdirSync(path.join(FIXTURES_DIR, rule))
    .filter((f) => f.endsWith('.bpmn'))
    .sort();
  return { valid: files.filter((f) => f.startsWith('valid-')), invalid: files.filter((f) => f.startsWith('invalid-')) };
}

/** A fixture as a page shows it: without the XML declaration and the test's `<!-- expect: … -->` comments. */
function excerpt(xml: string): string {
  return xml
    .split('\n')
    .filter((line) => !/^<\?xml /.test(line) && !/^\s*<!--\s*expect:/.test(line))
    .join('\n')
    .trim();
}

async function example(rule: string, file: string): Promise<string> {
  const xml = fs.readFileSync(path.join(FIXTURES_DIR, rule, file), 'utf8');
  const category = ISCCC_RULES[rule] ?? 'error';
  const reports = (await lint(xml, { rules: { [`isccc/${rule}`]: category } }))[`isccc/${rule}`] ?? [];
  const link = path.posix.join('../../../test/lint', rule, file);
  const said =
    reports.length === 0
      ? 'bpmnlint reports nothing.'
      : [`bpmnlint reports (${category === 'warn' ? 'warnings' : 'errors'}):`, '', ...reports.map((r) => `- \`${r.id ?? '(diagram)'}\`: ${r.message}`)].join(
          '\n',
        );
  return [`[\`${file}\`](${link})`, '', '```xml', excerpt(xml), '```', '', said].join('\n');
}

/** The generated part of a rule's page: every invalid fixture, then every valid one. */
export async function renderExamples(rule: string): Promise<string> {
  const { valid, invalid } = fixturesOf(rule);
  const parts = [GENERATED_FROM, ''];
  for (const file of invalid) parts.push(await example(rule, file), '');
  parts.push('## Correct', '');
  for (const file of valid) parts.push(await example(rule, file), '');
  return parts.join('\n').trimEnd() + '\n';
}

export function docPath(rule: string): string {
  return path.join(LINT_DOCS_DIR, `${rule}.md`);
}

/** The page with its generated part replaced (the prose before `## Incorrect` kept as written). */
export async function renderPage(rule: string): Promise<string> {
  const current = fs.readFileSync(docPath(rule), 'utf8');
  const cut = current.indexOf(GENERATED_FROM);
  const prose = (cut >= 0 ? current.slice(0, cut) : current).trimEnd();
  return `${prose}\n\n${await renderExamples(rule)}`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const rule of lintRules()) fs.writeFileSync(docPath(rule), await renderPage(rule));
  console.log(`wrote ${lintRules().length} lint rule pages to ${path.relative(process.cwd(), LINT_DOCS_DIR)}`);
}
