/**
 * Writes `src/generated/task-io.ts`: the TypeScript types of every job type's inputs, task headers and outputs,
 * and of every user task's shown variables and outputs, from the contract in `src/task-types.ts` — what the
 * handlers in workers/ are typed by (`handler('isccc.x', …)` checks the variables a handler sets and the headers it
 * reads), as camunda-8-js-sdk types a `ZBWorkerTaskHandler<In, Headers, Out>`. A test fails when the file is
 * stale (`npm run -w bpmn task-io`).
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { packageRoot } from '../src/models.js';
import { TASK_TYPES, USER_TASKS, type TaskTypeSpec, type UserTaskSpec, type VariableSpec } from '../src/task-types.js';

export const TASK_IO_FILE = path.join(packageRoot, 'src', 'generated', 'task-io.ts');

/** Names of the contract's shapes the type strings use (imported from task-types.ts). */
const SHAPES = [
  'Category',
  'ChangeProposal',
  'ChangeVerificationRecord',
  'CommitteeMember',
  'CertificateStatus',
  'Findings',
  'InformationAssessmentProposal',
  'InformationReport',
  'MaterialReviewProposal',
  'OnsiteReviewProposal',
  'OnsiteReviewRecord',
  'Party',
  'Reason',
  'RestorationReviewProposal',
  'SurveillanceConclusion',
  'SurveillanceProposal',
  'SurveillanceRecord',
  'SurveillanceTrigger',
  'Vote',
  'VoteProposal',
  'WitnessRecord',
];

/** A contract type string as TypeScript: `string (date)` is a string, `object` any JSON object, `Manifest` the manifest. */
export function tsType(type: string): string {
  return type
    .replace(/string \((date|date-time)\)/g, 'string')
    .replace(/\bobject\b/g, 'Record<string, unknown>')
    .replace(/\bManifest\b/g, 'Record<string, unknown>');
}

const key = (name: string): string => (/^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name));

function record(vars: readonly VariableSpec[], allOptional: boolean, indent: string): string {
  if (vars.length === 0) return 'Record<string, never>';
  const seen = new Set<string>();
  const lines = vars
    .filter((v) => !seen.has(v.name) && seen.add(v.name))
    .map(
      (v) =>
        `${indent}  /** ${v.description.replace(/\*\//g, '* /')} */\n${indent}  ${key(v.name)}${allOptional || !v.required ? '?' : ''}: ${tsType(v.type)};`,
    );
  return `{\n${lines.join('\n')}\n${indent}}`;
}

function headers(spec: TaskTypeSpec, indent: string): string {
  if (!spec.headers?.length) return 'Record<string, never>';
  return `{\n${spec.headers.map((h) => `${indent}  /** ${h.description} */\n${indent}  ${key(h.key)}?: ${h.values.map((v) => JSON.stringify(v)).join(' | ')};`).join('\n')}\n${indent}}`;
}

export function buildTaskIo(): string {
  const jobs = (TASK_TYPES as readonly TaskTypeSpec[])
    .map(
      (t) =>
        `  /** ${t.title} (${t.clauses.join(', ')}) */\n  ${JSON.stringify(t.type)}: {\n    inputs: ${record(t.inputs, false, '    ')};\n    headers: ${headers(t, '    ')};\n    /** What the handler may set (a subset: some only on one outcome). */\n    outputs: ${record(t.outputs, true, '    ')};\n  };`,
    )
    .join('\n');
  const people = (USER_TASKS as readonly UserTaskSpec[])
    .map(
      (t) =>
        `  /** ${t.title.en} (${t.clauses.join(', ')}), form ${t.formId} */\n  ${JSON.stringify(t.task)}: {\n    shows: ${record(t.shows, true, '    ')};\n    outputs: ${record(t.outputs, false, '    ')};\n  };`,
    )
    .join('\n');
  return `// Generated from src/task-types.ts by \`npm run -w bpmn task-io\`: do not edit (a test fails when it is stale).
import type { ${SHAPES.join(', ')} } from '../task-types.js';

/** Every job type: the variables its handler reads (required ones not optional), the task headers, what it sets. */
export interface TaskIo {
${jobs}
}

/** Every user task: what its form shows, and the variables the completed form sets. */
export interface UserTaskIo {
${people}
}

export type TaskInputs<T extends keyof TaskIo> = TaskIo[T]['inputs'];
export type TaskHeaders<T extends keyof TaskIo> = TaskIo[T]['headers'];
export type TaskOutputs<T extends keyof TaskIo> = TaskIo[T]['outputs'];
export type UserTaskOutputs<T extends keyof UserTaskIo> = UserTaskIo[T]['outputs'];
`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  fs.mkdirSync(path.dirname(TASK_IO_FILE), { recursive: true });
  fs.writeFileSync(TASK_IO_FILE, buildTaskIo());
  console.log(`wrote ${path.relative(process.cwd(), TASK_IO_FILE)}`);
}
