export * from './task-types.js';
export { modelPath, MODEL_FILES } from './models.js';
export { type ModelElement, modelElements } from './model-elements.js';
