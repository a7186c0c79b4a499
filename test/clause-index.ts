/**
 * The clause index (`rules/docs/clause-index.md`): for every clause of the catalog, every place of the repository
 * that implements, checks, documents or tests it — rule, doc page, fixtures, BPMN elements, job types and their
 * handlers, forms, tests — so any clause is found from one page. `npm run clause-index` rewrites it; a test fails
 * when it is stale.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { modelElements, TASK_TYPES } from '@isccc/bpmn';
import { type Clause, loadCatalog, loadRulebook } from '@isccc/rules';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const INDEX_FILE = path.join(REPO, 'rules', 'docs', 'clause-index.md');
/** Links in the index are relative to its folder. */
const link = (repoPath: string): string => path.posix.relative('rules/docs', repoPath);

function files(dir: string, keep: (name: string) => boolean): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return ['node_modules', 'dist', '.artifacts', 'fixtures'].includes(e.name) ? [] : files(full, keep);
    return keep(e.name) ? [full] : [];
  });
}

const repoPath = (file: string): string => path.relative(REPO, file).split(path.sep).join('/');

/** Test sources and the clause ids they name in quotes (`'4.2.4.d'`) or as printed (`4.2.4 d)`). */
function testMentions(): Map<string, Set<string>> {
  const tests = ['rules', 'bpmn', 'workers', 'workers/cli', 'language-server', 'vscode-extension', 'test'].flatMap((p) =>
    files(path.join(REPO, p, p === 'test' ? '' : 'test'), (n) => n.endsWith('.test.ts') || n.endsWith('.suite.ts')),
  );
  const byClause = new Map<string, Set<string>>();
  for (const file of [...new Set(tests)]) {
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(/['"`]((?:[A-F]\d+(?:\.\d+)*|\d+(?:\.\d+)+)(?:\.[a-z])?)['"`]|\b([A-F]?\d+(?:\.\d+)+) ([a-z])\)/g)) {
      const id = m[1] ?? `${m[2]}.${m[3]}`;
      (byClause.get(id) ?? byClause.set(id, new Set()).get(id)!).add(repoPath(file));
    }
  }
  return byClause;
}

/** `isccc.material-review` → the file of workers/src/handlers that defines the handler the registry maps it to. */
function handlerFiles(): Map<string, string> {
  const dir = path.join(REPO, 'workers', 'src', 'handlers');
  const registry = fs.readFileSync(path.join(dir, 'registry.ts'), 'utf8');
  const sources = fs.readdirSync(dir).map((f) => ({ file: `workers/src/handlers/${f}`, text: fs.readFileSync(path.join(dir, f), 'utf8') }));
  const out = new Map<string, string>();
  for (const m of registry.matchAll(/'(isccc\.[a-z-]+)':\s*(\w+)/g)) {
    const defined = sources.find((s) => new RegExp(`export const ${m[2]}\\b`).test(s.text));
    if (defined) out.set(m[1]!, defined.file);
  }
  return out;
}

export async function renderClauseIndex(): Promise<string> {
  const catalog = loadCatalog();
  const rulebook = loadRulebook(catalog.edition);
  const elements = await modelElements();
  const mentions = testMentions();
  const handlers = handlerFiles();
  const forms = fs.existsSync(path.join(REPO, 'bpmn', 'forms')) ? fs.readdirSync(path.join(REPO, 'bpmn', 'forms')) : [];

  const rulesOf = (clause: Clause): string[] => {
    const ids = rulebook.rules
      .filter(
        (r) =>
          r.checks.some((c) => c.clause === clause.id) ||
          (r.type === 'evidence' && (clause.kind === 'evidence' || clause.needsEvidence)) ||
          (r.type === 'assessor' && clause.kind === 'auditor'),
      )
      .map((r) => r.id);
    return [...new Set(ids)];
  };
  const ruleCell = (id: string): string => {
    const short = id.replace(/^isccc\//, '');
    const fixtures = files(path.join(REPO, 'rules', 'test', 'rules', short), (n) => /^(valid|invalid)-.*\.ya?ml$/.test(n));
    const fixtureLink = fixtures.length ? ` · [${fixtures.length} fixtures](${link(`rules/test/rules/${short}`)})` : '';
    return `[\`${id}\`](${link(`rules/docs/rules/${short}.md`)}) ([rule](${link(`rules/rulebooks/${catalog.edition.replace(/:/g, '-')}/${short}.rules.yaml`)})${fixtureLink})`;
  };

  const rows = catalog.all.map((clause) => {
    const bpmn = elements.filter((e) => e.clauses.includes(clause.id));
    const jobTypes = [
      ...new Set([
        ...TASK_TYPES.filter((t) => (t.clauses as readonly string[]).includes(clause.id)).map((t) => t.type),
        ...bpmn.flatMap((e) => (e.jobType ? [e.jobType] : [])),
      ]),
    ];
    const formIds = [...new Set(bpmn.flatMap((e) => (e.formId ? [e.formId] : [])))];
    const cells = [
      ...rulesOf(clause).map(ruleCell),
      ...bpmn.map((e) => `[\`${e.id}\`](${link(`bpmn/${e.file}`)})`),
      ...jobTypes.map((t) => (handlers.has(t) ? `[\`${t}\`](${link(handlers.get(t)!)})` : `\`${t}\``)),
      ...formIds.map((f) => {
        const file = forms.find((name) => name.replace(/\.form$/, '') === f);
        return file ? `form [\`${f}\`](${link(`bpmn/forms/${file}`)})` : `form \`${f}\``;
      }),
    ];
    const tests = [...(mentions.get(clause.id) ?? [])].sort().map((t) => `[${path.posix.basename(t)}](${link(t)})`);
    const title = (clause.title?.zh ?? clause.text?.zh ?? '').replace(/\s+/g, ' ').replace(/\|/g, '\\|');
    return `| ${clause.label} | ${title.length > 40 ? `${title.slice(0, 40)}…` : title} | ${clause.kind} | ${cells.join('<br>') || '—'} | ${tests.join(' ') || '—'} |`;
  });

  return [
    '# Clause index — ISCCC-SV-001:2015',
    '',
    '<!-- Generated by `npm run clause-index` (test/clause-index.ts); a test fails when it is stale. -->',
    '',
    'Every clause of the catalog and where it lives: the rule that checks it (with its doc page and fixtures), the BPMN',
    'elements that implement it, their job types (linked to the handler) and forms, and the test files that name it.',
    `Kinds: quantitative (a rule), evidence (a document), auditor (manual review), procedural (§6, the BPMN), group, informative. ${catalog.all.length} clauses.`,
    '',
    '| clause | 标准原文 (start) | kind | implemented / checked by | tests |',
    '|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  fs.writeFileSync(INDEX_FILE, await renderClauseIndex());
  console.log(`wrote ${path.relative(process.cwd(), INDEX_FILE)}`);
}
