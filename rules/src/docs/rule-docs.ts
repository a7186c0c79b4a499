import path from 'node:path';
import { stringify } from 'yaml';
import type { Catalog, ClauseKind } from '../catalog/catalog.js';
import { packageRoot } from '../paths.js';
import type { Rule } from '../rulebook/rulebook.js';
import { show } from '../evaluate/evaluate.js';
import { ruleFixtures, runFixture } from './rule-fixtures.js';

export const DOCS_DIR = path.join(packageRoot, 'docs', 'rules');

export function ruleDocPath(ruleId: string): string {
  return path.join(DOCS_DIR, `${ruleId.replace(/^isccc\//, '')}.md`);
}

const KIND_OF_TYPE: Partial<Record<Rule['type'], ClauseKind>> = { evidence: 'evidence', assessor: 'auditor' };

/** A rule's doc page: clause text zh/en, what it checks, and a passing and a failing snippet from its fixtures. */
export function renderRuleDoc(rule: Rule, catalog: Catalog): string {
  const out: string[] = [];
  out.push(`# \`${rule.id}\` — ${rule.title.en}`, '', `${rule.title.zh}`, '');
  const applies = rule.applies
    ? [
        rule.applies.categories?.join(', '),
        rule.applies.drClass ? `class ${rule.applies.drClass}` : '',
        rule.applies.levels ? `levels ${rule.applies.levels.join(', ')}` : '',
      ]
        .filter(Boolean)
        .join(' · ')
    : 'wherever its clauses apply';
  out.push(
    `Type: \`${rule.type}\` · Severity: \`${rule.severity}\` · Applies: ${applies} · Source: [\`${path.basename(rule.location.file)}\`](../../rulebooks/isccc-sv-001-2015/${path.basename(rule.location.file)})`,
    '',
  );
  if (rule.description) out.push('## What it checks', '', rule.description.en, '', rule.description.zh, '');
  if (rule.interpretation?.length) {
    out.push('## How the clauses are read', '', 'Choices this rule makes where the standard leaves room (English is our wording):', '');
    for (const item of rule.interpretation) out.push(`- ${item.en}`, `  ${item.zh}`);
    out.push('');
  }

  out.push('## Clauses', '');
  const kind = KIND_OF_TYPE[rule.type];
  if (rule.checks.length > 0) {
    out.push('| Clause | Levels | Required | 标准原文 (ISCCC-SV-001:2015, verbatim) | English (our translation) |', '|---|---|---|---|---|');
    for (const check of rule.checks) {
      const clause = catalog.get(check.clause)!;
      const text = clause.text ?? clause.title!;
      const expected = check.expected === undefined ? '' : show(check.expected);
      out.push(`| ${clause.label} | ${clause.levels.join(', ')} | ${cell(expected)} | ${cell(text.zh)} | ${cell(text.en)} |`);
    }
  } else if (kind) {
    const clauses = catalog.all.filter((c) => c.kind === kind);
    out.push(`Every clause of kind \`${kind}\` in the catalog (${clauses.length} clauses), at the levels and categories where it applies. For example:`, '');
    for (const c of clauses.slice(0, 3)) out.push(`- **${c.label}** ${(c.text ?? c.title)!.zh} — *${(c.text ?? c.title)!.en}*`);
  } else {
    out.push('The clauses named in each evidence entry’s `supports`.');
  }
  out.push('');

  if (rule.type === 'condition') {
    out.push('## How it is decided', '');
    if (rule.actual) out.push(`Actual value (FEEL): \`${rule.actual}\``, '');
    if (rule.condition) out.push(`Condition (FEEL): \`${rule.condition}\``, '');
    if (rule.review) {
      const evidence = rule.messages?.['review-without-evidence'] ? ' on the documents supporting the clause (missing-evidence without one)' : '';
      out.push(`Manual review instead of fail${evidence} when (FEEL): \`${rule.review}\``, '');
    }
    for (const check of rule.checks.filter((c) => c.condition || c.actual)) {
      const parts = [check.actual ? `actual \`${check.actual}\`` : '', check.condition ? `condition \`${check.condition}\`` : ''].filter(Boolean);
      out.push(`- ${catalog.get(check.clause)!.label}: ${parts.join('; ')}`);
    }
    if (rule.checks.some((c) => c.condition || c.actual)) out.push('');
    out.push('Facts are derived from the manifest on its as-of date (see `rules/src/facts/facts.ts`).', '');
  }

  if (rule.message) {
    out.push('## Message', '', `- en: ${rule.message.en}`, `- zh: ${rule.message.zh}`);
    for (const [key, text] of Object.entries(rule.messages ?? {})) out.push(`- \`${key}\`: ${text.en}`, `  ${text.zh}`);
    out.push('');
  }

  const fixtures = ruleFixtures(rule.id);
  for (const valid of [true, false]) {
    const fixture = fixtures.find((f) => f.valid === valid);
    if (!fixture) continue;
    out.push(
      valid ? '## Correct' : '## Incorrect',
      '',
      `${fixture.description} ([\`${path.basename(fixture.file)}\`](../../test/rules/${path.basename(path.dirname(fixture.file))}/${path.basename(fixture.file)}))`,
      '',
    );
    const snippet = Object.keys(fixture.patch).length ? stringify(fixture.patch, { lineWidth: 0 }).trimEnd() : '# the first example manifest, unchanged';
    out.push(
      '```yaml',
      `# manifest fields (merged over examples/risk-assessment-l3-pass), target level ${fixture.target.level ?? 'as applied'}`,
      snippet,
      '```',
      '',
    );
    const { findings } = runFixture(fixture, rule);
    const shown = findings.filter((f) => (valid ? true : f.status !== 'pass') && (!fixture.expect?.status || f.status === fixture.expect.status)).slice(0, 2);
    for (const f of shown) out.push(`→ \`${f.status}\` ${f.message.en}`, '');
  }
  return out.join('\n');
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, '<br>');
}
