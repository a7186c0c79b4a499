import fs from 'node:fs';
import path from 'node:path';
import { loadCatalog } from '../catalog/catalog.js';
import { loadRulebook } from '../rulebook/rulebook.js';
import { DOCS_DIR, renderRuleDoc, ruleDocPath } from './rule-docs.js';

/** `npm run -w rules docs`: rewrites every rule's doc page and the index from the rule files and fixtures. */
const catalog = loadCatalog();
const rulebook = loadRulebook();
fs.mkdirSync(DOCS_DIR, { recursive: true });
const index = ['# Rules of the isccc-sv-001:2015 rulebook', '', '| Rule | Title | Clauses |', '|---|---|---|'];
for (const rule of rulebook.rules) {
  fs.writeFileSync(ruleDocPath(rule.id), renderRuleDoc(rule, catalog));
  const clauses = rule.checks.length
    ? [...new Set(rule.checks.map((c) => catalog.get(c.clause)!.label))].join(', ')
    : `all ${rule.type === 'assessor' ? 'auditor' : 'evidence'}-kind clauses`;
  index.push(`| [\`${rule.id}\`](${path.basename(ruleDocPath(rule.id))}) | ${rule.title.en} / ${rule.title.zh} | ${clauses} |`);
}
fs.writeFileSync(path.join(DOCS_DIR, 'README.md'), index.join('\n') + '\n');
console.log(`wrote ${rulebook.rules.length} rule pages to ${path.relative(process.cwd(), DOCS_DIR)}`);
