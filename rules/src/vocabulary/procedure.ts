/** Shapes of the §6 procedure that more than one package speaks of. */

/** Why a path left the happy path: carried by every BPMN error and set by the timers that end a stage. */
export interface Reason {
  /** `ISCCC_6_8_2_C` */
  code: string;
  /** Catalog id, `6.8.2.c` */
  clause: string;
  /** Starts with the clause label: `6.8.2 c) 监督评审有严重不符合项 — major nonconformity at surveillance` */
  message: string;
  /** Human-readable findings behind the decision (rule ids, observations, complaint numbers…). */
  details?: string[];
}

/** An organisation the procedure deals with: the applicant, later the certificate holder. */
export interface Party {
  name: string;
  /** Unified social credit code (统一社会信用代码) or another registry id. */
  id?: string;
  address?: string;
  legalRepresentative?: string;
  registeredCapital?: number;
}
