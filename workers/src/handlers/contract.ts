/**
 * The contract every task handler keeps, whichever engine drives it (embedded bpmn-engine, Zeebe, Camunda 7):
 * job variables in → variables out plus the decision it took, or a {@link BusinessRuleError} naming the clause.
 * Any other thrown error is technical: the adapter fails the job so it is retried.
 */
import { ERRORS, type ErrorCode, type TaskHeaders, type TaskOutputs, type TaskType } from '@isccc/bpmn';
import { clauseLabel, type Reason, type Text } from '@isccc/rules/vocabulary';

export type { Text };
export type Variables = Record<string, unknown>;

/** A message a handler publishes (Zeebe `PublishMessage`): name, correlation key, message id, payload. */
export interface PublishedMessage {
  name: string;
  correlationKey?: string;
  /** Zeebe rejects a second message with the same id while the first is buffered: publishing is idempotent. */
  messageId?: string;
  variables: Variables;
}

export interface JobContext<H = Record<string, string>> {
  /** Zeebe task type, e.g. `isccc.material-checks`. */
  type: string;
  /** The engine's notion of now (virtual under the embedded engine). */
  now: Date;
  /** Retries left after this attempt fails. */
  retries: number;
  /** `zeebe:taskHeaders` of the element (typed by the contract for a typed handler). */
  headers: H;
  publishMessage(message: PublishedMessage): Promise<void>;
}

/** What a trail shows of a rules finding: enough to explain a decision, not the whole evaluation. */
export interface FindingBrief {
  rule: string;
  clause: string;
  status: string;
  message: Text;
}

export interface Decision {
  /** Catalog clause id the step applies, e.g. `6.5` or `6.8.2.a`. */
  clause: string;
  /** Short machine word: `passed`, `approved`, `issued`, `suspended`, … */
  outcome: string;
  text: Text;
  findings?: FindingBrief[];
}

export interface HandlerResult<O = Variables> {
  variables: O;
  decision: Decision;
}

/** What an engine adapter calls: any job's variables in, variables out. */
export type TaskHandler = (variables: Variables, context: JobContext) => Promise<HandlerResult>;

/**
 * A handler of one job type of the contract, typed by it (bpmn/src/generated/task-io.ts): the task headers it
 * reads and the variables it sets are those the contract lists for the type. Its input variables come from
 * outside and are read through `Inputs`, which checks them at run time.
 */
export type TypedTaskHandler<T extends TaskType> = (variables: Variables, context: JobContext<TaskHeaders<T>>) => Promise<HandlerResult<TaskOutputs<T>>>;

/** An async handler of job type `T`, as adapters call it. */
export function typedHandler<T extends TaskType>(_type: T, work: TypedTaskHandler<T>): TaskHandler {
  return (variables, context) => work(variables, context);
}

/**
 * A handler of job type `T` whose work is synchronous, kept to the contract: a thrown {@link BusinessRuleError}
 * (or any other error) becomes a rejected promise, exactly as from an async handler, whichever engine awaits it.
 */
export function handler<T extends TaskType>(
  type: T,
  work: (variables: Variables, context: JobContext<TaskHeaders<T>>) => HandlerResult<TaskOutputs<T>>,
): TaskHandler {
  return typedHandler(type, (variables, context) => new Promise((resolve) => resolve(work(variables, context))));
}

/**
 * A business-rule failure: becomes a BPMN error whose code names the clause (`ISCCC_6_5`), so the model
 * can route it (a boundary error event) instead of retrying it. Its `reason` variable is built from the
 * contract's {@link ERRORS} entry, so every engine and trail shows the same words for the same ground.
 */
export class BusinessRuleError extends Error {
  readonly code: ErrorCode;
  readonly clause: string;
  /** What went wrong in this case; the error's general meaning is `ERRORS[code].text`. */
  readonly text: Text;
  readonly variables: Variables & { reason: Reason };
  readonly findings: FindingBrief[];

  constructor(code: ErrorCode, text: Text = ERRORS[code].text, options: { details?: string[]; variables?: Variables; findings?: FindingBrief[] } = {}) {
    const spec = ERRORS[code];
    super(`${clauseLabel(spec.clause)} ${text.zh} — ${text.en}`);
    this.name = 'BusinessRuleError';
    this.code = code;
    this.clause = spec.clause;
    this.text = text;
    this.variables = { ...options.variables, reason: { code, clause: spec.clause, message: spec.name, details: options.details ?? [] } };
    this.findings = options.findings ?? [];
  }
}

export function isBusinessRuleError(err: unknown): err is BusinessRuleError {
  return err instanceof BusinessRuleError;
}
