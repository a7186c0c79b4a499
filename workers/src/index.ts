/** @isccc/workers — ISCCC-SV-001:2015 §6 task handlers, the embedded engine that runs the §6 models, and `isccc run`. */
export { BusinessRuleError, isBusinessRuleError, type Decision, type FindingBrief, type HandlerResult, type JobContext, type PublishedMessage, type TaskHandler, type Text, type Variables } from './handler.js';
export { clauseLabel, clauseOfErrorCode, errorCodeOf } from './clauses.js';
export { HANDLERS } from './handlers/registry.js';
export { assess, type Assessment } from './rules-gateway.js';
export { compileModel, type CompiledModel } from './embedded/model.js';
export { ProcessInstance, type InstanceSnapshot, type Job, type Subscription } from './embedded/process-instance.js';
export { VirtualClock, type Clock } from './embedded/virtual-clock.js';
export { CaseRunner, type CaseResult, type CaseRunnerOptions, type NewCase } from './case/case-runner.js';
export { FileCaseStore, type CaseFile, type CaseStore } from './case/case-store.js';
export { caseInputFromManifest } from './case/case-input.js';
export { EVENT_KINDS, parseEvent, type ExternalEvent } from './case/events.js';
export { loadModels } from './case/models.js';
export { formatEntry, type TrailEntry } from './case/trail.js';
export { runCommand } from './cli/run-command.js';
export { startZeebeWorkers, type ZeebeClient, type ZeebeWorkersOptions } from './zeebe/zeebe-workers.js';
export { type Camunda7WorkersOptions, startCamunda7Workers } from './camunda7/camunda7-workers.js';
