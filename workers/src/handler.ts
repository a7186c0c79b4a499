/**
 * The contract every task handler keeps, whichever engine drives it (embedded bpmn-engine, Zeebe, Camunda 7):
 * job variables in → variables out plus the decision it took, or a {@link BusinessRuleError} naming the clause.
 * Any other thrown error is technical: the adapter fails the job so it is retried.
 */
import { clauseLabel, errorCodeOf } from './clauses.js';

export type Variables = Record<string, unknown>;

export interface Text {
  zh: string;
  en: string;
}

/** A message a handler publishes (Zeebe `PublishMessage`): name, correlation key, message id, payload. */
export interface PublishedMessage {
  name: string;
  correlationKey?: string;
  /** Zeebe rejects a second message with the same id while the first is buffered: publishing is idempotent. */
  messageId?: string;
  variables: Variables;
}

export interface JobContext {
  /** Zeebe task type, e.g. `isccc.material-review`. */
  type: string;
  /** The engine's notion of now (virtual under the embedded engine). */
  now: Date;
  /** Retries left after this attempt fails. */
  retries: number;
  /** `zeebe:taskHeaders` of the element. */
  headers: Record<string, string>;
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

export interface HandlerResult {
  variables: Variables;
  decision: Decision;
}

export type TaskHandler = (variables: Variables, context: JobContext) => Promise<HandlerResult>;

/**
 * A business-rule failure: becomes a BPMN error whose code names the clause (`ISCCC_6_5`), so the model
 * can route it (a boundary error event) instead of retrying it.
 */
export class BusinessRuleError extends Error {
  readonly code: string;
  readonly clause: string;
  readonly text: Text;
  readonly variables: Variables;
  readonly findings: FindingBrief[];

  constructor(clause: string, text: Text, options: { variables?: Variables; findings?: FindingBrief[]; code?: string } = {}) {
    super(`${clauseLabel(clause)} ${text.zh} — ${text.en}`);
    this.name = 'BusinessRuleError';
    this.clause = clause;
    this.code = options.code ?? errorCodeOf(clause);
    this.text = text;
    this.variables = options.variables ?? {};
    this.findings = options.findings ?? [];
  }
}

export function isBusinessRuleError(err: unknown): err is BusinessRuleError {
  return err instanceof BusinessRuleError;
}
