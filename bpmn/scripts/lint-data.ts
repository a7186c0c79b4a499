/**
 * Writes `lint/contract.json`: what bpmnlint-plugin-isccc checks against (catalog clause ids and labels,
 * error codes, task types). The plugin is plain CommonJS with no dependencies so that bpmnlint's CLI, the
 * Node API and a bundled Camunda Modeler plugin can all load it; this file is its only input and a test
 * fails when it is stale (`npm run -w bpmn lint-data` regenerates it).
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CLAUSE_ID_PATTERNS, loadCatalog } from '@isccc/rules';
import { ERRORS, TASK_TYPES } from '../src/task-types.js';
import { packageRoot } from '../src/models.js';

export const LINT_DATA_FILE = path.join(packageRoot, 'lint', 'contract.json');

export interface LintData {
  edition: string;
  /** Regular expressions (sources) of clause-id input and error codes, from the shared vocabulary. */
  patterns: { input: string; errorCode: string };
  /** Every clause id of the catalog → [label, kind]. */
  clauses: Record<string, [string, string]>;
  errorCodes: string[];
  taskTypes: string[];
}

export function buildLintData(): LintData {
  const catalog = loadCatalog();
  const clauses: LintData['clauses'] = {};
  for (const c of catalog.all) clauses[c.id] = [c.label, c.kind];
  return {
    edition: catalog.edition,
    patterns: { ...CLAUSE_ID_PATTERNS },
    clauses,
    errorCodes: Object.keys(ERRORS),
    taskTypes: TASK_TYPES.map((t) => t.type),
  };
}

/** Stable JSON with one clause / code / type per line, so a catalog change shows as a small diff. */
export function serialiseLintData(data: LintData): string {
  const lines = (entries: string[]): string => entries.map((e) => `    ${e}`).join(',\n');
  return [
    '{',
    `  "edition": ${JSON.stringify(data.edition)},`,
    `  "patterns": ${JSON.stringify(data.patterns)},`,
    '  "clauses": {',
    lines(Object.entries(data.clauses).map(([id, v]) => `${JSON.stringify(id)}: ${JSON.stringify(v)}`)),
    '  },',
    '  "errorCodes": [',
    lines(data.errorCodes.map((c) => JSON.stringify(c))),
    '  ],',
    '  "taskTypes": [',
    lines(data.taskTypes.map((t) => JSON.stringify(t))),
    '  ]',
    '}',
    '',
  ].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  fs.writeFileSync(LINT_DATA_FILE, serialiseLintData(buildLintData()));
  console.log(`wrote ${path.relative(process.cwd(), LINT_DATA_FILE)}`);
}
