/** The embedded engine (bpmn-engine, feelin, virtual clock) and the case runner that drives whole cases on it. */
export { compileModel, type CompiledModel } from './engine/model.js';
export { ProcessInstance, type InstanceSnapshot, type Job, type Subscription, type UserTask } from './engine/process-instance.js';
export { VirtualClock, type Clock } from './engine/virtual-clock.js';
export { CaseRunner, type CaseChange, type CaseResult, type CaseRunnerOptions, type NewCase, type OpenTaskInfo, RetryError } from './case/case-runner.js';
export {
  completeWith,
  DecisionError,
  firstOf,
  followTheFindings,
  proposedValues,
  type Decision,
  type DecisionSource,
  type OpenUserTask,
} from './case/people.js';
export { DecisionsFile, DecisionsFileError, DECISIONS_SCHEMA_FILE, votesAsDecisions } from './case/decisions-file.js';
export { FileCaseStore, type CaseFile, type CaseStore } from './case/case-store.js';
export {
  CASE_FORMAT,
  CASE_SCHEMA_FILE,
  CaseFileError,
  type CaseFileProblem,
  caseSpanProblem,
  MAX_CASE_BYTES,
  MAX_EVENTS,
  MAX_SPAN_YEARS,
  parseCaseFile,
  readCaseFile,
} from './case/case-file.js';
export { CaseInputError, caseInputFromManifest } from './case/case-input.js';
export { EVENT_KINDS, parseEvent, type ExternalEvent } from './case/events.js';
export { loadModels } from './case/models.js';
export { formatEntry, type TrailEntry } from './case/trail.js';
