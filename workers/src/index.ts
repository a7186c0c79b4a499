/**
 * @isccc/workers — ISCCC-SV-001:2015 §6 executed: engine-neutral task handlers (`handlers/`), the embedded
 * engine that runs the §6 models on a simulated clock (`embedded/`), and the Zeebe and Camunda 7 adapters
 * (`adapters/`). `@isccc/workers/embedded` is the embedded engine alone, without the adapters' clients.
 */
export {
  BusinessRuleError,
  isBusinessRuleError,
  type Decision,
  type FindingBrief,
  type HandlerResult,
  type JobContext,
  type PublishedMessage,
  type TaskHandler,
  type Text,
  type Variables,
} from './handlers/contract.js';
export { HANDLERS } from './handlers/registry.js';
export { assess, type Assessment } from './handlers/rules-gateway.js';
export * from './embedded/index.js';
export {
  DEFAULT_RETRY_BACKOFF,
  durationMs,
  type JobRecord,
  type RetryBackOff,
  startZeebeWorkers,
  type ZeebeCommands,
  type ZeebeWorkers,
  type ZeebeWorkersOptions,
} from './adapters/zeebe/zeebe-workers.js';
export type { ActivatedJob, JobSource } from './adapters/zeebe/job-loop.js';
export { connectToGateway, type GatewayConnection, type SdkSettings, zeebeClientFromEnvironment } from './adapters/zeebe/sdk-client.js';
export { startWorkerService, type WorkerService, type WorkerServiceOptions } from './adapters/zeebe/worker-service.js';
export { deployFolder, DeployInputError, deploymentPlan, type DeployedResource, SHIPPED_MODELS } from './adapters/zeebe/deploy.js';
export { type Camunda7WorkersOptions, startCamunda7Workers } from './adapters/camunda7/camunda7-workers.js';
export { JOB_TYPES, jobWorkerSpec } from '@isccc/bpmn';
export { deployModelsAndForms } from './adapters/camunda7/deploy.js';
