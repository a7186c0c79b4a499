/**
 * The clause map: which BPMN element implements which clause of ISCCC-SV-001:2015 §6, read from the
 * `clause` property of every flow node of both models. `npm run -w bpmn clause-map` prints it as a
 * Markdown table; with `--write` it replaces the table in bpmn/README.md (a test keeps that copy fresh).
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadCatalog } from '@isccc/rules';
import { packageRoot } from '../src/models.js';
import type { ProcessKey } from '../src/task-types.js';
import { clausesOf, loadModel, taskTypeOf } from '../test/support/model.js';

export const README = path.join(packageRoot, 'README.md');
const START = '<!-- clause-map:start (npm run -w bpmn clause-map -- --write) -->';
const END = '<!-- clause-map:end -->';

export async function clauseMap(): Promise<string> {
  const catalog = loadCatalog();
  const byClause = new Map<string, string[]>();
  for (const key of ['certification', 'lifecycle'] as ProcessKey[]) {
    const model = await loadModel(key);
    for (const node of model.flowNodes) {
      const name =
        String(node.name ?? '')
          .replace(/\s*\n\s*/g, ' ')
          .trim() || '(merge)';
      const type = taskTypeOf(node);
      const cell = `${key === 'certification' ? 'C' : 'L'}: ${name} \`${node.id}\`${type ? ` (${type})` : ''}`;
      for (const id of clausesOf(node)) byClause.set(id, [...(byClause.get(id) ?? []), cell]);
    }
  }
  const rows = catalog.all
    .filter((c) => c.id.startsWith('6') && c.kind === 'procedural')
    .map((c) => {
      const title = c.title ? `${c.title.zh} ${c.title.en}` : (c.text?.zh ?? '').replace(/[；;。]$/, '');
      const elements = byClause.get(c.id) ?? ['**none**'];
      return `| ${c.label} | ${title.replace(/\|/g, '\\|')} | ${elements.join('<br>')} |`;
    });
  return [
    'C = `isccc-certification`, L = `isccc-certificate-lifecycle`; merge gateways without a name show as (merge).',
    '',
    '| clause | title | elements |',
    '|---|---|---|',
    ...rows,
  ].join('\n');
}

export function replaceInReadme(readme: string, table: string): string {
  const from = readme.indexOf(START);
  const to = readme.indexOf(END);
  if (from < 0 || to < from) throw new Error(`README.md has no ${START} … ${END} block`);
  return `${readme.slice(0, from + START.length)}\n${table}\n${readme.slice(to)}`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const table = await clauseMap();
  if (process.argv.includes('--write')) {
    fs.writeFileSync(README, replaceInReadme(fs.readFileSync(README, 'utf8'), table));
    console.log(`updated ${path.relative(process.cwd(), README)}`);
  } else {
    console.log(table);
  }
}
