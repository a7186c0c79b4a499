/** The two §6 models of `@isccc/bpmn`, compiled once per OS process. */
import fs from 'node:fs';
import { modelPath } from '@isccc/bpmn';
import { compileModel, type CompiledModel } from '../engine/model.js';
import type { ModelKey } from './case-runner.js';

let compiled: Promise<Record<ModelKey, CompiledModel>> | undefined;

export function loadModels(): Promise<Record<ModelKey, CompiledModel>> {
  compiled ??= (async () => ({
    certification: await compileModel(fs.readFileSync(modelPath('certification'), 'utf8')),
    lifecycle: await compileModel(fs.readFileSync(modelPath('lifecycle'), 'utf8')),
  }))();
  return compiled;
}
