/**
 * Writes `lint/contract.json`: what bpmnlint-plugin-isccc checks against — the catalog's clause ids (with the
 * §6 procedural clauses' titles and text) and what the task-type contract says about job types, messages, forms,
 * the committee and the suspension. The rules are plain CommonJS, loaded as they are by bpmnlint's CLI, the tests
 * and (bundled) Camunda Modeler, so they cannot import `src/task-types.ts` or read the catalog's YAML: this file is
 * their view of both, and a test fails when it is stale (`npm run -w bpmn lint-data` regenerates it). Functions the
 * rules share with the rest of the repository (clause ids, the calendar) come from `@isccc/rules/vocabulary`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadCatalog } from '@isccc/rules';
import { errorCodeOf } from '@isccc/rules/vocabulary';
import { ERRORS, MESSAGES, TASK_TYPES, type TaskTypeSpec, USER_TASKS } from '../src/task-types.js';
import { packageRoot } from '../src/models.js';

export const LINT_DATA_FILE = path.join(packageRoot, 'lint', 'contract.json');

export interface LintData {
  edition: string;
  /** Every clause id of the catalog → [label, kind]. */
  clauses: Record<string, [string, string]>;
  /** §6 procedural clauses → [title zh, title en, text zh]: what a message quotes (zh verbatim, en our translation). */
  procedural: Record<string, [string, string, string]>;
  errorCodes: string[];
  /** Job types (`zeebe:taskDefinition type`, Camunda 7 topic). */
  taskTypes: string[];
  /** Message name → the correlation keys the contract gives it (FEEL, `=x`; empty for a start message). */
  messages: Record<string, string[]>;
  /** Form id → the clauses of the user tasks that use it. */
  forms: Record<string, string[]>;
  /** 6.5: the forms of the committee's vote, and the job types that validate the committee (they throw ISCCC_6_5). */
  committee: { forms: string[]; validators: string[] };
  /** 6.8.2: the job types that suspend, restore and revoke a certificate (by the status they set). */
  suspension: { suspend: string[]; restore: string[]; revoke: string[] };
}

/** Job types of a clause that set `certificateStatus` to the given status. */
function setting(status: string, clause: string): string[] {
  return (TASK_TYPES as readonly TaskTypeSpec[])
    .filter((t) => t.clauses.includes(clause) && t.outputs.some((o) => o.name === 'certificateStatus' && o.type === `'${status}'`))
    .map((t) => t.type);
}

export function buildLintData(): LintData {
  const catalog = loadCatalog();
  const clauses: LintData['clauses'] = {};
  const procedural: LintData['procedural'] = {};
  for (const c of catalog.all) {
    clauses[c.id] = [c.label, c.kind];
    if (c.kind === 'procedural' && c.id.startsWith('6')) {
      const titled = c.title ?? (c.parent ? catalog.get(c.parent)?.title : undefined);
      procedural[c.id] = [titled?.zh ?? '', titled?.en ?? '', c.text?.zh ?? ''];
    }
  }
  const messages: LintData['messages'] = {};
  for (const m of MESSAGES) {
    const key = 'correlationKey' in m ? m.correlationKey : '';
    messages[m.name] = [...new Set([...(messages[m.name] ?? []), key])];
  }
  const forms: LintData['forms'] = {};
  for (const u of USER_TASKS) forms[u.formId] = [...new Set([...(forms[u.formId] ?? []), ...u.clauses])];
  const committeeError = errorCodeOf('6.5');
  return {
    edition: catalog.edition,
    clauses,
    procedural,
    errorCodes: Object.keys(ERRORS),
    taskTypes: TASK_TYPES.map((t) => t.type),
    messages,
    forms,
    committee: {
      forms: [...new Set(USER_TASKS.filter((u) => (u.clauses as readonly string[]).includes('6.5')).map((u) => u.formId))],
      validators: (TASK_TYPES as readonly TaskTypeSpec[]).filter((t) => (t.errors as readonly string[]).includes(committeeError)).map((t) => t.type),
    },
    suspension: { suspend: setting('suspended', '6.8.2'), restore: setting('valid', '6.8.2'), revoke: setting('revoked', '6.8.3') },
  };
}

/** Stable JSON with one entry per line, so a catalog or contract change shows as a small diff. */
export function serialiseLintData(data: LintData): string {
  const entries = Object.entries(data).map(([key, value]: [string, unknown]) => {
    const body =
      typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length > 3
        ? `{\n${Object.entries(value as Record<string, unknown>)
            .map(([k, v]) => `    ${JSON.stringify(k)}: ${JSON.stringify(v)}`)
            .join(',\n')}\n  }`
        : Array.isArray(value) && value.length > 3
          ? `[\n${value.map((v) => `    ${JSON.stringify(v)}`).join(',\n')}\n  ]`
          : JSON.stringify(value);
    return `  ${JSON.stringify(key)}: ${body}`;
  });
  return `{\n${entries.join(',\n')}\n}\n`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  fs.writeFileSync(LINT_DATA_FILE, serialiseLintData(buildLintData()));
  console.log(`wrote ${path.relative(process.cwd(), LINT_DATA_FILE)}`);
}
