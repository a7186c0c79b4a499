export * from './task-types.js';
export { modelPath, MODEL_FILES } from './models.js';
export { type ModelElement, modelElements } from './model-elements.js';
export * from './forms.js';
export type * from './generated/task-io.js';
