import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PROCESS_IDS, type ProcessKey } from './task-types.js';

/** The `@isccc/bpmn` package folder, whether this file runs from `src/` or from `dist/src/`. */
export const packageRoot = ((): string => {
  const here = path.dirname(fileURLToPath(import.meta.url));
  return path.basename(path.dirname(here)) === 'dist' ? path.resolve(here, '..', '..') : path.resolve(here, '..');
})();

/** Model file of each process, relative to the package root. */
export const MODEL_FILES: Record<ProcessKey, string> = {
  certification: 'models/certification.bpmn',
  lifecycle: 'models/certificate-lifecycle.bpmn',
};

/** Absolute path of a process's model (`modelPath('lifecycle')`), for engines that deploy or load it. */
export function modelPath(process: ProcessKey): string {
  return path.join(packageRoot, MODEL_FILES[process]);
}

export { PROCESS_IDS };
