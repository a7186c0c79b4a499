/** Camunda 7 models generated from the Zeebe models: `generateCamunda7`, and where the generated files are. */
import path from 'node:path';
import { packageRoot } from '../models.js';
import type { ProcessKey } from '../task-types.js';

export { generateCamunda7, Camunda7GeneratorError, EXTERNAL_TASK_RETRIES, HISTORY_TIME_TO_LIVE } from './generate.js';
export { feelConditionToJuel, feelToJuel, UntranslatableFeel } from './feel-to-juel.js';

/** Generated Camunda 7 model of each process, relative to the package root (committed; `npm run -w bpmn camunda7`). */
export const CAMUNDA7_MODEL_FILES: Record<ProcessKey, string> = {
  certification: 'generated/camunda7/certification.bpmn',
  lifecycle: 'generated/camunda7/certificate-lifecycle.bpmn',
};

export function camunda7ModelPath(process: ProcessKey): string {
  return path.join(packageRoot, CAMUNDA7_MODEL_FILES[process]);
}
