/** The embedded engine (bpmn-engine, feelin, virtual clock) and the case runner that drives whole cases on it. */
export { compileModel, type CompiledModel } from './engine/model.js';
export { ProcessInstance, type InstanceSnapshot, type Job, type Subscription } from './engine/process-instance.js';
export { VirtualClock, type Clock } from './engine/virtual-clock.js';
export { CaseRunner, type CaseResult, type CaseRunnerOptions, type NewCase, RetryError } from './case/case-runner.js';
export { FileCaseStore, type CaseFile, type CaseStore } from './case/case-store.js';
export { CaseInputError, caseInputFromManifest } from './case/case-input.js';
export { EVENT_KINDS, parseEvent, type ExternalEvent } from './case/events.js';
export { loadModels } from './case/models.js';
export { formatEntry, type TrailEntry } from './case/trail.js';
