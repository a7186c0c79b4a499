/**
 * The contract between the BPMN models in `bpmn/models/` and whatever runs them (the embedded engine and
 * the workers in `workers/`, Zeebe, Camunda 7 external tasks): every job type, message, timer, error code
 * and process id the models use, with the variables each job reads and sets.
 *
 * Rules of the contract (see also bpmn/README.md, "Task-type contract"):
 * - Variables are plain JSON; names are camelCase. Dates are `YYYY-MM-DD`; anything a timer reads is an
 *   ISO 8601 date-time with an offset (`2027-01-15T00:00:00Z`).
 * - A business-rule failure is a BPMN error: the job is ended with `throwError(code, message, { reason })`
 *   where `code` is `ISCCC_<clause>` (see {@link ERRORS}), `message` starts with the clause label
 *   (`6.8.2 c) …`) and `reason` is a {@link Reason}. Zeebe puts error variables in the catch event's local
 *   scope; every error catch event in the models has the output mapping `reason = =reason`, so the
 *   process sees the reason after the catch. Anything else that goes wrong (bad input, service down) is a
 *   job failure (retries, then an incident), never a BPMN error.
 * - Gateway conditions are FEEL (`=…`) over the variables listed here, simple enough for `feelin`.
 * - Catch events set a few variables through `zeebe:ioMapping` outputs (FEEL string and context literals,
 *   listed in {@link EVENT_OUTPUTS}); the committee vote keeps `vote` local with the input `vote = =null`.
 */

import { clauseLabel, DURATIONS, errorCodeOf, type Text } from '@isccc/rules/vocabulary';

/** How many times document review may ask for supplementary material before it decides on what it has. */
export const MAX_SUPPLEMENT_ROUNDS = 2;

export { type Category, clauseLabel, clauseOfErrorCode, DURATIONS, errorCodeOf, type Party, type Reason } from '@isccc/rules/vocabulary';

export const PROCESS_IDS = {
  certification: 'isccc-certification',
  lifecycle: 'isccc-certificate-lifecycle',
} as const;
export type ProcessKey = keyof typeof PROCESS_IDS;
export type ProcessId = (typeof PROCESS_IDS)[ProcessKey];

// ---------------------------------------------------------------------------------------------------------
// Shapes of the structured variables (TypeScript view of the `type` strings used in the tables below)
// ---------------------------------------------------------------------------------------------------------

export interface CommitteeMember {
  id: string;
  name: string;
}

export interface Vote {
  /** `CommitteeMember.id` of the voter. */
  member: string;
  decision: 'grant' | 'refuse';
  reason?: string;
}

/** What the holder (or a third party) reported through the information channel (6.7.4). */
export interface InformationReport {
  kind: 'organisation-change' | 'incident' | 'complaint' | 'other' | 'misuse';
  receivedOn: string;
  summary: string;
  source?: string;
  reference?: string;
}

/** A surveillance review as the reviewer records it (6.7.2): one field per content item the clause names. */
export interface SurveillanceRecord {
  reviewedOn: string;
  /** The holder accepted the review as required (false: 6.8.2 a). */
  holderAccepted: boolean;
  /** Corrective/preventive actions on the previous review's observations were verified. */
  correctiveActionsVerified: boolean;
  /** Changes of the holder since the last review were reviewed. */
  changesReviewed: boolean;
  /** The holder's handling of complaints was reviewed. */
  complaintsHandled: boolean;
  /** Use of the certificate and the certification mark. */
  certificateUse: 'proper' | 'misuse-no-adverse-impact' | 'misuse-adverse-impact';
  majorNonconformities: number;
  /** Serious accident, or complaint verified, that affects continued service (6.8.3 c). */
  seriousIncidentVerified: boolean;
  /** New observations; the next review verifies their corrective actions. */
  observations: string[];
  notes?: string;
}

export type SurveillanceTrigger = 'annual' | 'major-change' | 'incident' | 'complaint' | 'information' | 'misuse' | 'restoration';

/** The 6.7.3 conclusion: maintain, or the ground of suspension (6.8.2) or revocation (6.8.3). */
export type SurveillanceConclusion = 'maintain' | '6.8.2.a' | '6.8.2.b' | '6.8.2.c' | '6.8.2.d' | '6.8.3.b' | '6.8.3.c' | '6.8.3.d';

/** The review team's record of the on-site review (6.4). */
export interface OnsiteReviewRecord {
  reviewedOn: string;
  passed: boolean;
  majorNonconformities: number;
  observations: string[];
  notes?: string;
}

/** The client-project witness (6.4, level 1, when necessary). */
export interface WitnessRecord {
  witnessedOn: string;
  project: string;
  passed: boolean;
  details?: string;
}

/** The on-site verification of a major change (6.8.5), for the committee. */
export interface ChangeVerificationRecord {
  verifiedOn: string;
  recommendation: 'grant' | 'refuse';
  observations: string[];
  notes?: string;
}

// ---------------------------------------------------------------------------------------------------------
// Findings: what a rule-check service task hands to the person who decides
// ---------------------------------------------------------------------------------------------------------

/** One row of the read-only findings table of a form. */
export interface FindingRow {
  /** As the standard prints it (`4.2.4 d)`). */
  clause: string;
  status: 'pass' | 'fail' | 'missing-evidence' | 'manual-review' | 'not-applicable' | 'noted';
  actual: string;
  required: string;
  evidence: string;
  /** `中文 — English`. */
  message: string;
}

/** A value of a form's choice list computed by a rule check (e.g. the projects that can be witnessed). */
export interface Choice {
  label: string;
  value: string | number;
}

/**
 * What a rule-check service task puts before a person: the rows the form shows read-only, a summary, and
 * `proposed`: the values of the form's decision fields that follow the findings. A decision that differs
 * from `proposed` in a decision field needs a written justification (the form requires it).
 */
export interface Findings<P> {
  checkedOn: string;
  /** Clause the checks were made for. */
  clause: string;
  summary: Text;
  rows: FindingRow[];
  proposed: P;
}

export interface MaterialReviewProposal {
  materialReviewOutcome: 'accepted' | 'supplement' | 'refused';
  grantedLevel: 1 | 2 | 3 | null;
  missingMaterials: string[];
  /** Choices of the form: the levels that may be granted (the applied one and lower), the missing evidence. */
  levels: Choice[];
  missing: Choice[];
}
export interface OnsiteReviewProposal {
  onsiteReview: OnsiteReviewRecord;
  witnessNeeded: boolean;
  witness: WitnessRecord | null;
  observationChoices: Choice[];
  projects: Choice[];
}
export interface VoteProposal {
  vote: { decision: 'grant' | 'refuse' };
}
export interface InformationAssessmentProposal {
  extraSurveillanceNeeded: boolean;
}
export interface SurveillanceProposal {
  surveillance: SurveillanceRecord;
  surveillanceConclusion: SurveillanceConclusion;
  previousObservations: string[];
  observationChoices: Choice[];
}
export interface RestorationReviewProposal {
  restorationApproved: boolean;
  restorationReview: { reviewedOn: string; details: string };
}
export interface ChangeProposal {
  changeApproved: boolean;
  changeReview: { reviewedOn: string; details: string };
  changeVerification: ChangeVerificationRecord;
  grantedLevel: 1 | 2 | 3;
  levels: Choice[];
  observationChoices: Choice[];
}
export type CertificateStatus = 'valid' | 'suspended' | 'revoked' | 'cancelled';
// ---------------------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------------------

export interface ErrorSpec {
  code: string;
  clause: string;
  /** The `bpmn:error` name in the models (`<label> <zh> — <en>`); also the `reason.message` of every such error. */
  name: string;
  /** The name without its label: Chinese, and our English translation. */
  text: Text;
}

const error = (clause: string, zh: string, en: string): ErrorSpec => ({
  code: errorCodeOf(clause),
  clause,
  name: `${clauseLabel(clause)} ${zh} — ${en}`,
  text: { zh, en },
});

/** Every BPMN error code the models define (thrown by a worker, or used as `reason.code` by a timer). */
export const ERRORS = {
  ISCCC_6_1: error('6.1', '自评估未完成', 'self-assessment missing or incomplete'),
  ISCCC_6_2: error('6.2', '认证申请不完整', 'application incomplete (category, level, application form, self-assessment form)'),
  ISCCC_6_3: error('6.3', '申请材料评审未通过', 'document review: no level of the category can be granted'),
  ISCCC_6_4: error('6.4', '现场评审未通过', 'on-site review (or client-project witness) not passed'),
  ISCCC_6_5: error('6.5', '认证决定委员会组成不符合要求', 'decision committee must be an odd number of at least 3 members'),
  ISCCC_6_8_2_A: error('6.8.2.a', '未按规定接受监督评审', 'surveillance review not accepted as required'),
  ISCCC_6_8_2_B: error('6.8.2.b', '违规使用认证证书，且未造成不良影响', 'certificate misused, no adverse impact'),
  ISCCC_6_8_2_C: error('6.8.2.c', '监督评审有严重不符合项', 'major nonconformity at surveillance'),
  ISCCC_6_8_2_D: error('6.8.2.d', '其他需要暂停证书的情况', 'other grounds for suspension'),
  ISCCC_6_8_3_A: error('6.8.3.a', '暂停期间未在规定时间内完成整改并通过验证', 'not rectified and verified within the suspension period'),
  ISCCC_6_8_3_B: error('6.8.3.b', '违规使用认证证书，造成不良影响', 'certificate misused with adverse impact'),
  ISCCC_6_8_3_C: error('6.8.3.c', '严重责任事故或经核实的投诉影响继续有效提供服务', 'serious accident or verified complaint'),
  ISCCC_6_8_3_D: error('6.8.3.d', '其他需要撤销证书的情况', 'other grounds for revocation'),
} as const satisfies Record<string, ErrorSpec>;
export type ErrorCode = keyof typeof ERRORS;

// ---------------------------------------------------------------------------------------------------------
// Task types
// ---------------------------------------------------------------------------------------------------------

export interface VariableSpec {
  name: string;
  /** JSON type in TypeScript notation; shapes are the interfaces above. */
  type: string;
  description: string;
  /** Input only: the job cannot do its work without it (a missing one is a job failure, not a BPMN error). */
  required?: boolean;
}

export interface HeaderSpec {
  key: string;
  description: string;
  /** Values the models use. */
  values: string[];
  /** Every element of the type sets it (an optional header is absent where it does not apply). */
  required?: boolean;
}

export interface TaskTypeSpec {
  /** `zeebe:taskDefinition type` */
  type: string;
  title: string;
  /** Catalog ids of the clauses the job implements. */
  clauses: string[];
  processes: ProcessKey[];
  inputs: VariableSpec[];
  outputs: VariableSpec[];
  /** BPMN error codes the job may throw (each with a `reason` variable). */
  errors: ErrorCode[];
  /** `zeebe:taskHeaders` the models set on elements of this type. */
  headers?: HeaderSpec[];
  /** How the models use the element (multi-instance, message end event…). */
  notes?: string;
}

const v = (name: string, type: string, description: string, required = false): VariableSpec =>
  required ? { name, type, description, required } : { name, type, description };

const REASON_OUT = v('reason', 'Reason', 'Why the path was refused (also sent with any BPMN error)');

export const TASK_TYPES = [
  // --- certification (isccc-certification) -------------------------------------------------------------
  {
    type: 'isccc.self-assessment',
    title: 'Self-assessment',
    clauses: ['6.1'],
    processes: ['certification'],
    inputs: [
      v('applicant', 'Party', 'The provider seeking certification', true),
      v('category', 'Category', 'Service category it intends to apply for', true),
      v('level', '1 | 2 | 3', 'Level it intends to apply for (1 is the highest)', true),
      v('drClass', "'A' | 'B'", 'Disaster-recovery class (category disaster-recovery only)'),
      v('manifest', 'object', 'The provider manifest (facts for the rules evaluator)'),
      v('manifestDir', 'string', "Folder the manifest's evidence paths resolve in (evidence files are checked when set)"),
      v('asOf', 'string (date)', 'Date the self-assessment is made for; defaults to the engine clock'),
    ],
    outputs: [
      v(
        'selfAssessment',
        '{ completedOn: string; meetsTarget: boolean; passed: number; failed: number; manualReview: number }',
        'Result of running the rulebook over the manifest for the intended target (the self-assessment form)',
      ),
    ],
    errors: ['ISCCC_6_1'],
  },
  {
    type: 'isccc.application-submit',
    title: 'Submit application',
    clauses: ['6.2'],
    processes: ['certification'],
    inputs: [
      v('applicant', 'Party', 'Applicant', true),
      v('category', 'Category', 'Category applied for', true),
      v('level', '1 | 2 | 3', 'Level applied for', true),
      v('drClass', "'A' | 'B'", 'Disaster-recovery class'),
      v('selfAssessment', 'object', 'Output of isccc.self-assessment', true),
      v('documents', 'string[]', 'Names of the submitted documents (application form, self-assessment form, evidence)'),
    ],
    outputs: [
      v('applicationId', 'string', 'Id of the application; correlation key of the certification messages'),
      v('submittedOn', 'string (date)', 'Date the application was received'),
    ],
    errors: ['ISCCC_6_2'],
  },
  {
    type: 'isccc.material-checks',
    title: 'Rule checks for the document review',
    clauses: ['6.3'],
    processes: ['certification'],
    inputs: [
      v('applicationId', 'string', 'Application', true),
      v('category', 'Category', 'Category applied for', true),
      v('level', '1 | 2 | 3', 'Level applied for', true),
      v('drClass', "'A' | 'B'", 'Disaster-recovery class'),
      v('manifest', 'object', 'Provider manifest (latest, after any supplement)'),
      v('manifestDir', 'string', "Folder the manifest's evidence paths resolve in"),
      v('supplementRound', 'number', 'How many supplements were requested so far (0 when absent)'),
    ],
    outputs: [
      v('grantedCategory', 'Category', 'The category the rules were checked for (the one applied for)'),
      v('materialFindings', 'Findings<MaterialReviewProposal>', 'What the evaluator found, shown read-only in the review form, and the outcome it proposes'),
    ],
    errors: [],
    notes: `Proposes "supplement" while evidence is missing and fewer than ${MAX_SUPPLEMENT_ROUNDS} supplements were requested, "refused" when no level of the category qualifies, else "accepted" at the highest qualifying level not above the one applied for.`,
  },
  {
    type: 'isccc.request-supplement',
    title: 'Request supplementary material',
    clauses: ['6.3'],
    processes: ['certification'],
    inputs: [
      v('applicationId', 'string', 'Application', true),
      v('applicant', 'Party', 'Who to ask', true),
      v('missingMaterials', 'string[]', 'What to ask for', true),
      v('supplementRound', 'number', 'Rounds so far (0 when absent)'),
    ],
    outputs: [v('supplementRound', 'number', 'Rounds so far, this one included'), v('supplementRequestedOn', 'string (date)', 'Date of the request')],
    errors: [],
    notes: 'The process then waits for message isccc.supplement-submitted (correlation key applicationId).',
  },
  {
    type: 'isccc.contract-sign',
    title: 'Sign certification contract',
    clauses: ['6.3'],
    processes: ['certification'],
    inputs: [
      v('applicationId', 'string', 'Application', true),
      v('applicant', 'Party', 'Contract party', true),
      v('materialReviewOutcome', "'accepted' | 'refused'", "The reviewer's outcome (user task 6.3)", true),
      v('materialReviewJustification', 'string', "The reviewer's reasons, when the outcome departs from the findings"),
      v('materialFindings', 'Findings<MaterialReviewProposal>', 'The findings the reviewer decided on (cited when refused)'),
      v('grantedCategory', 'Category', 'Confirmed category', true),
      v('grantedLevel', '1 | 2 | 3', 'Level the reviewer determined (required when accepted)'),
    ],
    outputs: [v('contractId', 'string', 'Certification contract number'), v('contractSignedOn', 'string (date)', 'Signing date')],
    errors: ['ISCCC_6_3'],
    notes:
      'Signs the contract for the category and the level the reviewer determined; when the reviewer refused the application no contract is signed and ISCCC_6_3 is thrown, citing the reviewer and the findings.',
  },
  {
    type: 'isccc.onsite-checks',
    title: 'Rule checks for the on-site review',
    clauses: ['6.4'],
    processes: ['certification'],
    inputs: [
      v('applicationId', 'string', 'Application', true),
      v('grantedCategory', 'Category', 'Confirmed category', true),
      v('grantedLevel', '1 | 2 | 3', 'Confirmed level', true),
      v('drClass', "'A' | 'B'", 'Disaster-recovery class'),
      v('manifest', 'object', 'Provider manifest'),
      v('manifestDir', 'string', "Folder the manifest's evidence paths resolve in"),
    ],
    outputs: [
      v(
        'onsiteFindings',
        'Findings<OnsiteReviewProposal>',
        'Findings for the review team, the proposed result and, at level 1, the client projects that can be witnessed',
      ),
    ],
    errors: [],
  },
  {
    type: 'isccc.onsite-report',
    title: 'Issue on-site review report',
    clauses: ['6.4'],
    processes: ['certification'],
    inputs: [
      v('applicationId', 'string', 'Application', true),
      v('onsiteReview', 'OnsiteReviewRecord', "The review team's record (user task 6.4)", true),
      v('witness', 'WitnessRecord', 'The witness record (user task 6.4), when there was one'),
    ],
    outputs: [
      v(
        'onsiteReport',
        '{ id: string; issuedOn: string; recommendation: "grant" | "refuse"; majorNonconformities: number; observations: string[] }',
        'The on-site review report handed to the decision committee',
      ),
      v('lastObservations', 'string[]', 'Observations whose corrective actions the first surveillance review verifies (6.7.2)'),
    ],
    errors: ['ISCCC_6_4'],
    notes: "Issues the report from the team's records: ISCCC_6_4 when the team recorded the on-site review or the witness as not passed.",
  },
  {
    type: 'isccc.committee-validate',
    title: 'Validate decision committee',
    clauses: ['6.5', '6.8.5'],
    processes: ['certification', 'lifecycle'],
    inputs: [
      v('committee', 'CommitteeMember[]', 'Members appointed for this decision', true),
      v('onsiteReport', 'object', 'Certification: the on-site review report the committee decides on'),
      v('changeVerification', 'ChangeVerificationRecord', 'Lifecycle: the on-site verification of a change'),
      v('certificateNumber', 'string', 'Lifecycle: the certificate decided on'),
    ],
    outputs: [
      v('committeeSize', 'number', 'committee.length'),
      v(
        'decisionFindings',
        'Findings<VoteProposal>',
        'What every member sees read-only in the vote form: the record before the committee and the vote it supports',
      ),
    ],
    errors: ['ISCCC_6_5'],
    notes:
      'Throws ISCCC_6_5 unless committee has an odd number (≥ 3) of distinct members. The process then waits for isccc.committee-appointed (new committee) and validates again.',
  },
  {
    type: 'isccc.committee-tally',
    title: 'Tally committee votes',
    clauses: ['6.5', '6.8.5'],
    processes: ['certification', 'lifecycle'],
    inputs: [v('votes', 'Vote[]', 'Collected votes', true), v('committee', 'CommitteeMember[]', 'The committee', true)],
    outputs: [
      v('decision', "'grant' | 'refuse'", 'Gateway variable: majority of the votes'),
      v('votesFor', 'number', 'Votes to grant'),
      v('votesAgainst', 'number', 'Votes to refuse'),
      { ...REASON_OUT, description: "Set when refused: code/clause from the refusalClause header, details = the refusing votes' reasons" },
    ],
    errors: [],
    headers: [{ key: 'refusalClause', description: 'Clause a refusal is recorded under', values: ['6.5', '6.8.2.d'], required: true }],
    notes: 'A vote count that differs from the committee size is a job failure (incident), not a BPMN error.',
  },
  {
    type: 'isccc.certificate-issue',
    title: 'Issue certificate',
    clauses: ['6.6'],
    processes: ['certification'],
    inputs: [
      v('applicationId', 'string', 'Application', true),
      v('applicant', 'Party', 'Holder-to-be', true),
      v('grantedCategory', 'Category', 'Certified category', true),
      v('grantedLevel', '1 | 2 | 3', 'Certified level', true),
      v('drClass', "'A' | 'B'", 'Disaster-recovery class'),
      v('decision', "'grant'", 'The committee decision', true),
      v('submittedOn', 'string (date)', 'Date the application was received; its year is part of the certificate number'),
    ],
    outputs: [
      v('certificateNumber', 'string', 'Certificate number; correlation key of every lifecycle message'),
      v('issuedOn', 'string (date)', 'Issue date'),
      v('certificateStatus', "'valid'", 'Status after issuance'),
    ],
    errors: [],
  },
  {
    type: 'isccc.public-notice',
    title: 'Publish public notice',
    clauses: ['6.6', '6.8.3', '6.8.4'],
    processes: ['certification', 'lifecycle'],
    inputs: [
      v('certificateNumber', 'string', 'Certificate', true),
      v('certificateStatus', 'CertificateStatus', 'What is announced: valid (issued), revoked, cancelled', true),
      v('reason', 'Reason', 'Revocation reason, when revoked'),
    ],
    outputs: [v('noticeId', 'string', 'Notice reference'), v('noticePublishedOn', 'string (date)', 'Publication date')],
    errors: [],
  },
  {
    type: 'isccc.lifecycle-start',
    title: 'Start certificate lifecycle (message end event)',
    clauses: ['6.6', '6.7.1'],
    processes: ['certification'],
    inputs: [
      v('certificateNumber', 'string', 'Certificate', true),
      v('applicationId', 'string', 'Application', true),
      v('applicant', 'Party', 'Holder', true),
      v('grantedCategory', 'Category', 'Certified category', true),
      v('grantedLevel', '1 | 2 | 3', 'Certified level', true),
      v('drClass', "'A' | 'B'", 'Disaster-recovery class'),
      v('issuedOn', 'string (date)', 'Issue date', true),
      v('lastObservations', 'string[]', 'Observations of the on-site report'),
      v('committee', 'CommitteeMember[]', 'Decision committee, kept for later change decisions (6.8.5)'),
      v('manifest', 'object', 'The provider manifest, carried to the lifecycle for its surveillance reviews (6.7.2)'),
      v('manifestDir', 'string', "Folder the manifest's evidence paths resolve in, carried along with it"),
    ],
    outputs: [],
    errors: [],
    notes:
      'Job of the message end event "Certificate issued": publishes message isccc.certificate-issued (correlation key and messageId = certificateNumber) with the lifecycle start variables (holder = applicant, the rest by the same names), which starts one isccc-certificate-lifecycle instance per certificate.',
  },
  {
    type: 'isccc.rejection-notify',
    title: 'Notify applicant of refusal',
    clauses: ['6.2', '6.3', '6.4', '6.5'],
    processes: ['certification'],
    inputs: [
      v('applicant', 'Party', 'Who to notify', true),
      v('applicationId', 'string', 'Application (absent when refused before submission)'),
      v('reason', 'Reason', 'Why: set by the error catch event or the tally', true),
    ],
    outputs: [v('refusedOn', 'string (date)', 'Date of the notification')],
    errors: [],
  },

  // --- lifecycle (isccc-certificate-lifecycle) ----------------------------------------------------------
  {
    type: 'isccc.surveillance-schedule',
    title: 'Schedule next surveillance',
    clauses: ['6.7.1'],
    processes: ['lifecycle'],
    inputs: [
      v('issuedOn', 'string (date)', 'Issue date', true),
      v(
        'surveillance',
        'SurveillanceRecord',
        'The last surveillance review held; its reviewedOn is the base (issuedOn when there was none). A restoration review never moves the base.',
      ),
    ],
    outputs: [
      v('surveillanceStartOn', 'string (date-time)', 'When the annual surveillance starts: base + P12M − P1M (timer "Annual surveillance due")'),
      v('surveillanceDeadline', 'string (date-time)', 'Latest completion: base + P12M (boundary timer → 6.8.2 a; due date of the review task)'),
    ],
    errors: [],
  },
  {
    type: 'isccc.information-checks',
    title: 'Rule checks for reported information',
    clauses: ['6.7.4', '6.7.1'],
    processes: ['lifecycle'],
    inputs: [
      v('certificateNumber', 'string', 'Certificate', true),
      v('surveillanceTrigger', "'major-change' | 'incident' | 'complaint' | 'information'", 'Set by the message catch event', true),
      v('report', 'InformationReport', 'The reported information (message variable)'),
    ],
    outputs: [
      v(
        'informationFindings',
        'Findings<InformationAssessmentProposal>',
        'The report against 6.7.1 paragraph 2, and whether an extra surveillance review is proposed',
      ),
    ],
    errors: [],
  },
  {
    type: 'isccc.surveillance-checks',
    title: 'Rule checks for the surveillance review',
    clauses: ['6.7.2', '6.7.3', '6.8.2'],
    processes: ['lifecycle'],
    inputs: [
      v('certificateNumber', 'string', 'Certificate', true),
      v('grantedCategory', 'Category', 'Certified category', true),
      v('grantedLevel', '1 | 2 | 3', 'Certified level', true),
      v('drClass', "'A' | 'B'", 'Disaster-recovery class'),
      v('surveillanceTrigger', 'SurveillanceTrigger', 'Why this review is held (set by the event that started it; the trigger header overrides it)'),
      v('report', 'InformationReport', 'Information that triggered an extra review'),
      v('surveillance', 'SurveillanceRecord', 'The previous review, whose observations this one verifies'),
      v('lastObservations', 'string[]', 'Observations of the on-site report (before the first review)'),
      v('manifest', 'object', 'Current provider manifest (the initial review content is repeated)'),
      v('manifestDir', 'string', "Folder the manifest's evidence paths resolve in"),
    ],
    outputs: [v('surveillanceFindings', 'Findings<SurveillanceProposal>', 'Findings on the 6.7.2 content and the 6.7.3 conclusion they support')],
    errors: [],
    headers: [{ key: 'trigger', description: 'Trigger of a review held outside the annual schedule', values: ['restoration'] }],
  },
  {
    type: 'isccc.surveillance-conclude',
    title: 'Conclude surveillance',
    clauses: ['6.7.3'],
    processes: ['lifecycle'],
    inputs: [
      v('certificateNumber', 'string', 'Certificate', true),
      v('surveillance', 'SurveillanceRecord', 'The review record (user task 6.7.2)', true),
      v('surveillanceConclusion', 'SurveillanceConclusion', "The reviewer's conclusion (user task 6.7.3)", true),
      v('surveillanceJustification', 'string', "The reviewer's reasons, when the conclusion departs from the findings"),
    ],
    outputs: [v('certificateStatus', "'valid'", 'Maintained (completing normally means maintain)')],
    errors: ['ISCCC_6_8_2_A', 'ISCCC_6_8_2_B', 'ISCCC_6_8_2_C', 'ISCCC_6_8_2_D', 'ISCCC_6_8_3_B', 'ISCCC_6_8_3_C', 'ISCCC_6_8_3_D'],
    notes: "Carries out the reviewer's conclusion: maintain = complete; suspend = throw ISCCC_6_8_2_A|B|C|D; revoke = throw ISCCC_6_8_3_B|C|D.",
  },
  {
    type: 'isccc.certificate-suspend',
    title: 'Suspend certificate',
    clauses: ['6.8.2'],
    processes: ['lifecycle'],
    inputs: [v('certificateNumber', 'string', 'Certificate', true), v('reason', 'Reason', 'Ground of suspension (6.8.2 a–d)', true)],
    outputs: [
      v('certificateStatus', "'suspended'", 'Status'),
      v('suspendedOn', 'string (date)', 'Start of the suspension'),
      v('suspendedUntil', 'string (date)', 'suspendedOn + P3M: end of the period for rectification'),
      v('suspensionEndsAt', 'string (date-time)', 'suspendedUntil as a date-time: the due date of the restoration review'),
    ],
    errors: [],
  },
  {
    type: 'isccc.restoration-checks',
    title: 'Rule checks for a restoration application',
    clauses: ['6.8.2', '6.7.1'],
    processes: ['lifecycle'],
    inputs: [
      v('certificateNumber', 'string', 'Certificate', true),
      v('reason', 'Reason', 'Why the certificate was suspended', true),
      v('restoration', '{ requestedOn: string; rectification: string[] }', 'The restoration application (message variable)'),
      v('surveillanceStartOn', 'string (date-time)', 'When the annual surveillance window opens', true),
    ],
    outputs: [
      v('restorationFindings', 'Findings<RestorationReviewProposal>', 'The rectification shown against the ground of suspension, and the decision it supports'),
      v('surveillanceDue', 'boolean', 'Gateway variable: the annual surveillance window is open, so a surveillance review comes before restoration (6.7.1)'),
    ],
    errors: [],
  },
  {
    type: 'isccc.certificate-restore',
    title: 'Restore certificate',
    clauses: ['6.8.2'],
    processes: ['lifecycle'],
    inputs: [v('certificateNumber', 'string', 'Certificate', true)],
    outputs: [v('certificateStatus', "'valid'", 'Status'), v('restoredOn', 'string (date)', 'Date')],
    errors: [],
  },
  {
    type: 'isccc.certificate-revoke',
    title: 'Revoke certificate',
    clauses: ['6.8.3'],
    processes: ['lifecycle'],
    inputs: [v('certificateNumber', 'string', 'Certificate', true), v('reason', 'Reason', 'Ground of revocation (6.8.3 a–d)', true)],
    outputs: [v('certificateStatus', "'revoked'", 'Status'), v('revokedOn', 'string (date)', 'Date')],
    errors: [],
  },
  {
    type: 'isccc.certificate-cancel',
    title: 'Cancel certificate',
    clauses: ['6.8.4'],
    processes: ['lifecycle'],
    inputs: [
      v('certificateNumber', 'string', 'Certificate', true),
      v('cancellation', '{ requestedOn: string; statement?: string }', "The holder's request (message variable)"),
    ],
    outputs: [v('certificateStatus', "'cancelled'", 'Status'), v('cancelledOn', 'string (date)', 'Date')],
    errors: [],
  },
  {
    type: 'isccc.certificate-return',
    title: 'Record certificate returned',
    clauses: ['6.8.3', '6.8.4'],
    processes: ['lifecycle'],
    inputs: [v('certificateNumber', 'string', 'Certificate', true), v('certificateStatus', "'revoked' | 'cancelled'", 'Why it is returned', true)],
    outputs: [v('certificateReturnedOn', 'string (date)', 'Date the holder returned the certificate')],
    errors: [],
  },
  {
    type: 'isccc.change-classify',
    title: 'Classify change application',
    clauses: ['6.8.5'],
    processes: ['lifecycle'],
    inputs: [
      v('certificateNumber', 'string', 'Certificate', true),
      v(
        'change',
        "{ kinds: ('address' | 'capital' | 'legal-representative' | 'other')[]; description: string; documents?: string[]; manifest?: object }",
        'The change application (message variable)',
        true,
      ),
      v('grantedCategory', 'Category', 'Certified category', true),
      v('grantedLevel', '1 | 2 | 3', 'Certified level', true),
      v('drClass', "'A' | 'B'", 'Disaster-recovery class'),
      v('manifest', 'object', 'Provider manifest (when the change brings none)'),
      v('manifestDir', 'string', "Folder the manifest's evidence paths resolve in"),
    ],
    outputs: [
      v('changeScope', "'administrative' | 'major'", 'Gateway variable: administrative = only address, capital or legal representative'),
      v('changeFindings', 'Findings<ChangeProposal>', 'For the written review: the documents; for a major change: the changed manifest evaluated again'),
    ],
    errors: [],
  },
  {
    type: 'isccc.certificate-reissue',
    title: 'Reissue certificate',
    clauses: ['6.8.5'],
    processes: ['lifecycle'],
    inputs: [
      v('certificateNumber', 'string', 'Certificate (the number is kept; the old paper certificate is recalled)', true),
      v('change', 'object', 'The approved change', true),
      v('grantedLevel', '1 | 2 | 3', 'Level on the reissued certificate', true),
      v('certificateVersion', 'number', 'Version of the certificate in force (1 = as issued; absent before the first reissue)'),
    ],
    outputs: [v('certificateVersion', 'number', 'Incremented on every reissue (1 = as issued)'), v('reissuedOn', 'string (date)', 'Date')],
    errors: [],
  },
] as const satisfies readonly TaskTypeSpec[];

export type TaskType = (typeof TASK_TYPES)[number]['type'];
export const TASK_TYPE_NAMES: readonly TaskType[] = TASK_TYPES.map((t) => t.type);

export function taskTypeSpec(type: string): TaskTypeSpec | undefined {
  return (TASK_TYPES as readonly TaskTypeSpec[]).find((t) => t.type === type);
}

// ---------------------------------------------------------------------------------------------------------
// User tasks: the acts §6 gives to people (Camunda user tasks with a linked Camunda Form)
// ---------------------------------------------------------------------------------------------------------

/** Candidate groups of the user tasks: who may claim them in Tasklist. */
export const CANDIDATE_GROUPS = {
  reviewers: 'isccc-reviewers',
  committee: 'isccc-committee',
  body: 'isccc-certification-body',
} as const;
export type CandidateGroup = (typeof CANDIDATE_GROUPS)[keyof typeof CANDIDATE_GROUPS];

export interface UserTaskSpec {
  /** Name of the task in decisions files and `isccc complete` (`material-review`). */
  task: string;
  title: Text;
  clauses: string[];
  processes: ProcessKey[];
  /** Ids of the model elements that are this task. */
  elementIds: string[];
  /** `zeebe:formDefinition formId`: the `id` of `bpmn/forms/<formId>.form`. */
  formId: string;
  candidateGroups: CandidateGroup[];
  /** FEEL `zeebe:assignmentDefinition assignee`, when the task belongs to one person. */
  assignee?: string;
  /** FEEL `zeebe:taskSchedule dueDate` (an ISO date-time variable), where the standard sets a time. */
  dueDate?: string;
  /** `zeebe:input` mappings of the task (`vote = =null` keeps each member's vote local to its instance). */
  inputs?: readonly { target: string; source: string }[];
  /** Variables the form shows (read-only). */
  shows: VariableSpec[];
  /** Variables the completed form sets: what the next elements read. */
  outputs: VariableSpec[];
  /** The findings variable whose `proposed` values the decision is compared with. */
  findings: string;
  /** The output a departure from `proposed` must fill in. */
  justification: string;
  notes?: string;
}

const JUSTIFICATION = 'Why the decision departs from the findings (required then, by the form)';

export const USER_TASKS = [
  {
    task: 'material-review',
    title: { zh: '申请材料评审', en: 'Review application documents' },
    clauses: ['6.3'],
    processes: ['certification'],
    elementIds: ['Task_MaterialReview'],
    formId: 'isccc-material-review',
    candidateGroups: [CANDIDATE_GROUPS.reviewers],
    shows: [
      v('applicationId', 'string', 'Application'),
      v('applicant', 'Party', 'Applicant'),
      v('category', 'Category', 'Category applied for'),
      v('level', '1 | 2 | 3', 'Level applied for'),
      v('supplementRound', 'number', 'Supplements requested so far'),
      v('materialFindings', 'Findings<MaterialReviewProposal>', 'Output of isccc.material-checks'),
    ],
    outputs: [
      v('materialReviewOutcome', "'accepted' | 'supplement' | 'refused'", 'Gateway variable: accept, ask for more material, or refuse', true),
      v('grantedLevel', '1 | 2 | 3', 'Accepted: the level determined (never above the one applied for)'),
      v('missingMaterials', 'string[]', 'Supplement: what the applicant must supply'),
      v('materialReviewJustification', 'string', JUSTIFICATION),
    ],
    findings: 'materialFindings',
    justification: 'materialReviewJustification',
  },
  {
    task: 'onsite-review',
    title: { zh: '现场评审', en: 'On-site review' },
    clauses: ['6.4'],
    processes: ['certification'],
    elementIds: ['Task_OnsiteReview'],
    formId: 'isccc-onsite-review',
    candidateGroups: [CANDIDATE_GROUPS.reviewers],
    shows: [
      v('applicationId', 'string', 'Application'),
      v('grantedCategory', 'Category', 'Confirmed category'),
      v('grantedLevel', '1 | 2 | 3', 'Confirmed level'),
      v('reviewTeam', 'string[]', 'The review team'),
      v('onsiteFindings', 'Findings<OnsiteReviewProposal>', 'Output of isccc.onsite-checks'),
    ],
    outputs: [
      v('onsiteReview', 'OnsiteReviewRecord', "The team's record: passed, major nonconformities, observations", true),
      v('witnessNeeded', 'boolean', 'Level 1 only: the team judges a client-project witness necessary', true),
      v('onsiteReviewJustification', 'string', JUSTIFICATION),
    ],
    findings: 'onsiteFindings',
    justification: 'onsiteReviewJustification',
  },
  {
    task: 'client-witness',
    title: { zh: '项目实施现场见证', en: 'Client-project witness' },
    clauses: ['6.4'],
    processes: ['certification'],
    elementIds: ['Task_ClientWitness'],
    formId: 'isccc-client-witness',
    candidateGroups: [CANDIDATE_GROUPS.reviewers],
    shows: [
      v('applicationId', 'string', 'Application'),
      v('grantedLevel', '1 | 2 | 3', 'Always 1 here'),
      v('onsiteFindings', 'Findings<OnsiteReviewProposal>', 'The client projects that can be witnessed'),
    ],
    outputs: [v('witness', 'WitnessRecord', 'Witness record', true), v('witnessJustification', 'string', JUSTIFICATION)],
    findings: 'onsiteFindings',
    justification: 'witnessJustification',
    notes: 'Only reached when grantedLevel = 1 and witnessNeeded = true ("when necessary").',
  },
  {
    task: 'committee-vote',
    title: { zh: '委员表决', en: 'Committee member vote' },
    clauses: ['6.5', '6.8.5'],
    processes: ['certification', 'lifecycle'],
    elementIds: ['Task_CommitteeVote', 'Task_ChangeCommitteeVote'],
    formId: 'isccc-committee-vote',
    candidateGroups: [CANDIDATE_GROUPS.committee],
    assignee: '=member.id',
    inputs: [{ target: 'vote', source: '=null' }],
    shows: [
      v('member', 'CommitteeMember', "This instance's member (multi-instance inputElement)"),
      v('grantedCategory', 'Category', 'Category decided on'),
      v('grantedLevel', '1 | 2 | 3', 'Level decided on'),
      v('decisionFindings', 'Findings<VoteProposal>', 'Output of isccc.committee-validate: the record before the committee'),
    ],
    outputs: [v('vote', 'Vote', "This member's vote (multi-instance outputElement, collected into votes); a vote against the record needs its reason", true)],
    findings: 'decisionFindings',
    justification: 'vote.reason',
    notes:
      'Parallel multi-instance: inputCollection =committee, inputElement member, outputCollection votes, outputElement =vote; input mapping vote = =null keeps each vote local to its instance; assignee = the member.',
  },
  {
    task: 'information-assessment',
    title: { zh: '信息评估', en: 'Assess reported information' },
    clauses: ['6.7.4', '6.7.1'],
    processes: ['lifecycle'],
    elementIds: ['Task_AssessInformation'],
    formId: 'isccc-information-assessment',
    candidateGroups: [CANDIDATE_GROUPS.body],
    shows: [
      v('certificateNumber', 'string', 'Certificate'),
      v('surveillanceTrigger', 'SurveillanceTrigger', 'What was reported'),
      v('report', 'InformationReport', 'The report'),
      v('informationFindings', 'Findings<InformationAssessmentProposal>', 'Output of isccc.information-checks'),
    ],
    outputs: [
      v('extraSurveillanceNeeded', 'boolean', 'Gateway variable: hold an extra surveillance review now (6.7.1 paragraph 2)', true),
      v('informationAssessmentJustification', 'string', JUSTIFICATION),
    ],
    findings: 'informationFindings',
    justification: 'informationAssessmentJustification',
  },
  {
    task: 'surveillance-review',
    title: { zh: '监督评审与结论', en: 'Surveillance review and conclusion' },
    clauses: ['6.7.2', '6.7.3', '6.7.1'],
    processes: ['lifecycle'],
    elementIds: ['Task_SurveillanceReview'],
    formId: 'isccc-surveillance-review',
    candidateGroups: [CANDIDATE_GROUPS.reviewers],
    dueDate: '=surveillanceDeadline',
    shows: [
      v('certificateNumber', 'string', 'Certificate'),
      v('grantedCategory', 'Category', 'Certified category'),
      v('grantedLevel', '1 | 2 | 3', 'Certified level'),
      v('surveillanceTrigger', 'SurveillanceTrigger', 'Why the review is held'),
      v('surveillanceFindings', 'Findings<SurveillanceProposal>', 'Output of isccc.surveillance-checks'),
    ],
    outputs: [
      v('surveillance', 'SurveillanceRecord', 'The review record (6.7.2 content); its reviewedOn is the base of the next schedule', true),
      v('surveillanceConclusion', 'SurveillanceConclusion', 'The 6.7.3 conclusion: maintain, or the ground of suspension or revocation', true),
      v('surveillanceJustification', 'string', JUSTIFICATION),
    ],
    findings: 'surveillanceFindings',
    justification: 'surveillanceJustification',
    notes: 'Due by the 12-month deadline of 6.7.1 (the boundary timer of the sub-process suspends under 6.8.2 a) when it passes).',
  },
  {
    task: 'restoration-review',
    title: { zh: '恢复审核', en: 'Review restoration application' },
    clauses: ['6.8.2'],
    processes: ['lifecycle'],
    elementIds: ['Task_RestorationReview'],
    formId: 'isccc-restoration-review',
    candidateGroups: [CANDIDATE_GROUPS.body],
    dueDate: '=suspensionEndsAt',
    shows: [
      v('certificateNumber', 'string', 'Certificate'),
      v('reason', 'Reason', 'Why the certificate was suspended'),
      v('restoration', '{ requestedOn: string; rectification: string[] }', 'The application'),
      v('restorationFindings', 'Findings<RestorationReviewProposal>', 'Output of isccc.restoration-checks'),
    ],
    outputs: [
      v('restorationApproved', 'boolean', 'Gateway variable', true),
      v('restorationReview', '{ reviewedOn: string; details: string }', 'Review record', true),
      v('restorationJustification', 'string', JUSTIFICATION),
    ],
    findings: 'restorationFindings',
    justification: 'restorationJustification',
    notes: 'Due before the three-month suspension ends (6.8.2). Approval does not count as a surveillance review: the schedule keeps its base.',
  },
  {
    task: 'restoration-surveillance-review',
    title: { zh: '恢复前监督评审', en: 'Surveillance review before restoration' },
    clauses: ['6.7.2', '6.7.1', '6.8.2'],
    processes: ['lifecycle'],
    elementIds: ['Task_RestorationSurveillanceReview'],
    formId: 'isccc-surveillance-review',
    candidateGroups: [CANDIDATE_GROUPS.reviewers],
    dueDate: '=suspensionEndsAt',
    shows: [
      v('certificateNumber', 'string', 'Certificate'),
      v('grantedCategory', 'Category', 'Certified category'),
      v('grantedLevel', '1 | 2 | 3', 'Certified level'),
      v('surveillanceFindings', 'Findings<SurveillanceProposal>', 'Output of isccc.surveillance-checks (trigger restoration)'),
    ],
    outputs: [
      v('surveillance', 'SurveillanceRecord', 'The review record (6.7.2 content)', true),
      v('surveillanceConclusion', 'SurveillanceConclusion', 'maintain restores the certificate; any other conclusion keeps it suspended', true),
      v('surveillanceJustification', 'string', JUSTIFICATION),
    ],
    findings: 'surveillanceFindings',
    justification: 'surveillanceJustification',
    notes:
      'Held when the annual surveillance window has opened by the time a restoration is approved, so no restored certificate is valid more than 12 months after its last surveillance review (6.7.1).',
  },
  {
    task: 'change-written-review',
    title: { zh: '变更书面审核', en: 'Written review of change' },
    clauses: ['6.8.5'],
    processes: ['lifecycle'],
    elementIds: ['Task_ChangeWrittenReview'],
    formId: 'isccc-change-written-review',
    candidateGroups: [CANDIDATE_GROUPS.body],
    shows: [
      v('certificateNumber', 'string', 'Certificate'),
      v('change', 'object', 'The change application'),
      v('changeFindings', 'Findings<ChangeProposal>', 'Output of isccc.change-classify'),
    ],
    outputs: [
      v('changeApproved', 'boolean', 'Gateway variable', true),
      v('changeReview', '{ reviewedOn: string; details: string }', 'Review record', true),
      v('changeReviewJustification', 'string', JUSTIFICATION),
    ],
    findings: 'changeFindings',
    justification: 'changeReviewJustification',
  },
  {
    task: 'change-onsite-verification',
    title: { zh: '变更现场验证', en: 'On-site verification of change' },
    clauses: ['6.8.5'],
    processes: ['lifecycle'],
    elementIds: ['Task_ChangeOnsiteVerify'],
    formId: 'isccc-change-onsite-verification',
    candidateGroups: [CANDIDATE_GROUPS.reviewers],
    shows: [
      v('certificateNumber', 'string', 'Certificate'),
      v('change', 'object', 'The change application'),
      v('grantedCategory', 'Category', 'Certified category'),
      v('grantedLevel', '1 | 2 | 3', 'Certified level'),
      v('changeFindings', 'Findings<ChangeProposal>', 'Output of isccc.change-classify: the changed manifest evaluated'),
    ],
    outputs: [
      v('changeVerification', 'ChangeVerificationRecord', 'Verification record for the committee', true),
      v('grantedLevel', '1 | 2 | 3', 'Level the organisation still supports after the change (the committee decides on it)', true),
      v('changeVerificationJustification', 'string', JUSTIFICATION),
    ],
    findings: 'changeFindings',
    justification: 'changeVerificationJustification',
  },
] as const satisfies readonly UserTaskSpec[];

export type UserTaskName = (typeof USER_TASKS)[number]['task'];
export const USER_TASK_NAMES: readonly UserTaskName[] = USER_TASKS.map((t) => t.task);

export function userTaskSpec(task: string): UserTaskSpec | undefined {
  return (USER_TASKS as readonly UserTaskSpec[]).find((t) => t.task === task);
}

/** The user task an element of a model is (by element id). */
export function userTaskOfElement(elementId: string): UserTaskSpec | undefined {
  return (USER_TASKS as readonly UserTaskSpec[]).find((t) => t.elementIds.includes(elementId));
}

/** Every form the models link (`bpmn/forms/<id>.form`). */
export const FORM_IDS: readonly string[] = [...new Set(USER_TASKS.map((t) => t.formId))];

// ---------------------------------------------------------------------------------------------------------
// Job workers: how a Zeebe worker activates each job type (fetchVariables, timeout, capacity)
// ---------------------------------------------------------------------------------------------------------

/** How a job worker activates jobs of one type (Zeebe ActivateJobs / StreamActivatedJobs). */
export interface JobWorkerSpec {
  /**
   * Every variable the handler reads (Zeebe `fetchVariable`): a job carries only these, so the manifest travels
   * only to the jobs that evaluate it. Local variables of the element (a multi-instance `member`) are named too.
   */
  fetchVariables: readonly string[];
  /** ISO 8601 duration a worker holds a job before Zeebe hands it out again (sized for the handler's work). */
  timeout: string;
  /** Jobs of the type one worker works on at once (rules evaluation is CPU-bound: few at a time). */
  maxJobsActive: number;
}

/** Handlers that evaluate the rulebook over a manifest: seconds on a loaded worker, and CPU-bound. */
const EVALUATES_RULES = { timeout: 'PT5M', maxJobsActive: 4 } as const;
/** Everything else is a few milliseconds of bookkeeping. */
const BOOKKEEPING = { timeout: 'PT1M', maxJobsActive: 32 } as const;

/**
 * Per job type of {@link TASK_TYPES}: a worker fetches exactly the variables the contract says the handler reads
 * (its `inputs`, one definition), and a handler that evaluates the manifest is sized for it. A user task has no
 * entry: no worker ever serves one. A test checks, in whole cases, that no handler reads a variable it was not sent.
 */
export const JOB_WORKERS: Readonly<Partial<Record<TaskType, JobWorkerSpec>>> = Object.fromEntries(
  TASK_TYPES.map((t): [TaskType, JobWorkerSpec] => {
    const fetchVariables = t.inputs.map((input) => input.name);
    return [t.type, { fetchVariables, ...(fetchVariables.includes('manifest') ? EVALUATES_RULES : BOOKKEEPING) }];
  }),
);

/** The job types a Zeebe worker subscribes to: the task types of the contract with job-worker settings, never a user task. */
export const JOB_TYPES: readonly TaskType[] = TASK_TYPE_NAMES.filter((type) => Object.hasOwn(JOB_WORKERS, type));

export function jobWorkerSpec(type: string): JobWorkerSpec | undefined {
  return Object.hasOwn(JOB_WORKERS, type) ? JOB_WORKERS[type as TaskType] : undefined;
}

/** How long a published message waits for its subscription, and how long its id stays unique (Zeebe TTL). */
export const MESSAGE_TTL = 'PT1H';

// ---------------------------------------------------------------------------------------------------------
// Messages
// ---------------------------------------------------------------------------------------------------------

export interface MessageSpec {
  name: string;
  /** FEEL correlation key of the subscription; absent for the message start event. */
  correlationKey?: string;
  /** Message start event: the variable the publisher sends as correlation key (Zeebe starts one instance per key at a time). */
  startCorrelationKey?: string;
  process: ProcessKey;
  clauses: string[];
  /** Variables the publisher sends. */
  variables: VariableSpec[];
  description: string;
}

export const MESSAGES = [
  {
    name: 'isccc.supplement-submitted',
    correlationKey: '=applicationId',
    process: 'certification',
    clauses: ['6.3'],
    variables: [v('documents', 'string[]', 'All documents now submitted'), v('manifest', 'object', 'Updated manifest')],
    description: 'The applicant supplied the requested material; document review runs again.',
  },
  {
    name: 'isccc.committee-appointed',
    correlationKey: '=applicationId',
    process: 'certification',
    clauses: ['6.5'],
    variables: [v('committee', 'CommitteeMember[]', 'The newly appointed committee', true)],
    description: 'After ISCCC_6_5 the body appoints a committee again; it is validated again.',
  },
  {
    name: 'isccc.certificate-issued',
    startCorrelationKey: 'certificateNumber',
    process: 'lifecycle',
    clauses: ['6.6', '6.7.1'],
    variables: [
      v('certificateNumber', 'string', 'Certificate (also the correlation key and the messageId)', true),
      v('applicationId', 'string', 'Application it was issued on'),
      v('holder', 'Party', 'Certificate holder', true),
      v('grantedCategory', 'Category', 'Certified category', true),
      v('grantedLevel', '1 | 2 | 3', 'Certified level', true),
      v('drClass', "'A' | 'B'", 'Disaster-recovery class'),
      v('issuedOn', 'string (date)', 'Issue date', true),
      v('lastObservations', 'string[]', 'Observations of the on-site report'),
      v('committee', 'CommitteeMember[]', 'Committee for change decisions'),
      v('manifest', 'Manifest', 'The evidence manifest the certificate was granted on; surveillance and change reviews evaluate it again'),
      v('manifestDir', 'string', "Folder the manifest's evidence paths resolve in (evidence files are checked when set)"),
    ],
    description: 'Message start event of the lifecycle: one instance per issued certificate.',
  },
  {
    name: 'isccc.major-change-reported',
    correlationKey: '=certificateNumber',
    process: 'lifecycle',
    clauses: ['6.7.4.a', '6.7.1'],
    variables: [v('report', 'InformationReport', 'kind organisation-change')],
    description: 'Information reporting a): organisational change.',
  },
  {
    name: 'isccc.incident-reported',
    correlationKey: '=certificateNumber',
    process: 'lifecycle',
    clauses: ['6.7.4.b', '6.7.1'],
    variables: [v('report', 'InformationReport', 'kind incident')],
    description: 'Information reporting b): security incident.',
  },
  {
    name: 'isccc.complaint-received',
    correlationKey: '=certificateNumber',
    process: 'lifecycle',
    clauses: ['6.7.4.b', '6.7.1'],
    variables: [v('report', 'InformationReport', 'kind complaint')],
    description: 'Information reporting b): customer complaint (reported by the holder or received by the body).',
  },
  {
    name: 'isccc.information-reported',
    correlationKey: '=certificateNumber',
    process: 'lifecycle',
    clauses: ['6.7.4.c'],
    variables: [v('report', 'InformationReport', 'kind other')],
    description: 'Information reporting c): other important information.',
  },
  {
    name: 'isccc.misuse-reported',
    correlationKey: '=certificateNumber',
    process: 'lifecycle',
    clauses: ['6.7.2', '6.8.2.b', '6.8.3.b'],
    variables: [v('report', 'InformationReport', 'kind misuse')],
    description: "Misuse of the certificate or mark came to the body's notice: extra surveillance of certificate use.",
  },
  {
    name: 'isccc.change-requested',
    correlationKey: '=certificateNumber',
    process: 'lifecycle',
    clauses: ['6.8.5'],
    variables: [v('change', 'object', 'See isccc.change-classify', true)],
    description: 'The holder applies for a certificate change.',
  },
  {
    name: 'isccc.cancellation-requested',
    correlationKey: '=certificateNumber',
    process: 'lifecycle',
    clauses: ['6.8.4'],
    variables: [v('cancellation', '{ requestedOn: string; statement?: string }', 'The request')],
    description: 'The holder no longer maintains the certificate (also accepted while suspended).',
  },
  {
    name: 'isccc.suspension-ordered',
    correlationKey: '=certificateNumber',
    process: 'lifecycle',
    clauses: ['6.8.2.d'],
    variables: [v('details', 'string[]', 'Grounds')],
    description: 'The body suspends for other grounds (6.8.2 d).',
  },
  {
    name: 'isccc.revocation-ordered',
    correlationKey: '=certificateNumber',
    process: 'lifecycle',
    clauses: ['6.8.3.d'],
    variables: [v('details', 'string[]', 'Grounds')],
    description: 'The body revokes for other grounds (6.8.3 d).',
  },
  {
    name: 'isccc.restoration-requested',
    correlationKey: '=certificateNumber',
    process: 'lifecycle',
    clauses: ['6.8.2'],
    variables: [v('restoration', '{ requestedOn: string; rectification: string[] }', 'The application', true)],
    description: 'During suspension the holder applies for restoration.',
  },
  {
    name: 'isccc.committee-appointed',
    correlationKey: '=certificateNumber',
    process: 'lifecycle',
    clauses: ['6.5', '6.8.5'],
    variables: [v('committee', 'CommitteeMember[]', 'The newly appointed committee', true)],
    description: 'After ISCCC_6_5 during a change decision the body appoints a committee again.',
  },
] as const satisfies readonly MessageSpec[];
export type MessageName = (typeof MESSAGES)[number]['name'];

// ---------------------------------------------------------------------------------------------------------
// Timers
// ---------------------------------------------------------------------------------------------------------

export interface TimerSpec {
  /** Id of the timer event in the model. */
  elementId: string;
  process: ProcessKey;
  /** The event it is: a catch event in the flow, or a boundary event on the activity it interrupts. */
  event: 'intermediate' | 'boundary';
  /** The element template of the timer (timers of one template have the same event, expression and outputs). */
  template: { id: string; title: Text };
  kind: 'timeDate' | 'timeDuration' | 'timeCycle';
  /** The `bpmn:timeDate|timeDuration|timeCycle` body as written in the model. */
  expression: string;
  clauses: string[];
  description: string;
}

/** Boundary timers that interrupt a person's decision when the annual surveillance falls due (6.7.1 on every path). */
const SURVEILLANCE_DUE = { id: 'surveillance-due-boundary', title: { zh: '年度监督到期（中断）', en: 'Surveillance due (boundary)' } } as const;
/** The same on the assessment of reported information, which keeps the report for the surveillance review (6.7.2). */
const SURVEILLANCE_DUE_KEEPING_REPORT = {
  id: 'surveillance-due-boundary-report',
  title: { zh: '年度监督到期（中断，保留通报信息）', en: 'Surveillance due (boundary), report kept' },
} as const;

export const TIMERS = [
  {
    elementId: 'Timer_SurveillanceDue',
    process: 'lifecycle',
    event: 'intermediate',
    template: { id: 'surveillance-due', title: { zh: '年度监督到期', en: 'Annual surveillance due' } },
    kind: 'timeDate',
    expression: '=surveillanceStartOn',
    clauses: ['6.7.1'],
    description:
      'Annual surveillance due. An absolute date (last review + P12M − P1M), so waiting again after other events never restarts the 12-month clock, and every review — annual or extra — re-bases it.',
  },
  {
    elementId: 'Timer_SurveillanceDeadline',
    process: 'lifecycle',
    event: 'boundary',
    template: { id: 'surveillance-deadline', title: { zh: '监督评审逾期', en: 'Surveillance overdue (12 months)' } },
    kind: 'timeDate',
    expression: '=surveillanceDeadline',
    clauses: ['6.8.2.a', '6.7.1'],
    description: 'Interrupting boundary on the surveillance sub-process: review not completed 12 months after the last one → suspension 6.8.2 a.',
  },
  ...(
    [
      ['Timer_AssessmentSurveillanceDue', 'the assessment of reported information', SURVEILLANCE_DUE_KEEPING_REPORT],
      ['Timer_ChangeReviewSurveillanceDue', 'the written review of a change', SURVEILLANCE_DUE],
      ['Timer_ChangeDecisionSurveillanceDue', 'the decision on a major change', SURVEILLANCE_DUE],
    ] as const
  ).map(([elementId, what, template]) => ({
    elementId,
    process: 'lifecycle' as const,
    event: 'boundary' as const,
    template,
    kind: 'timeDate' as const,
    expression: '=surveillanceStartOn',
    clauses: ['6.7.1'],
    description: `Interrupting boundary on ${what}: the annual surveillance does not wait for a person, so the 12 months of 6.7.1 hold on every path; the surveillance review covers the holder's changes and reports (6.7.2).`,
  })),
  {
    elementId: 'Timer_SuspensionExpired',
    process: 'lifecycle',
    event: 'boundary',
    template: { id: 'suspension-expired', title: { zh: '暂停期满', en: 'Suspension expired' } },
    kind: 'timeDuration',
    expression: DURATIONS.suspensionPeriod,
    clauses: ['6.8.2', '6.8.3.a'],
    description: 'Interrupting boundary on the suspension period: not restored within three months → revocation 6.8.3 a.',
  },
] as const satisfies readonly TimerSpec[];

// ---------------------------------------------------------------------------------------------------------
// Variables set by events (zeebe:ioMapping outputs), for engines that implement the mappings themselves
// ---------------------------------------------------------------------------------------------------------

export interface EventOutputSpec {
  /** Catch events that set it: element ids, or every catch event of a message (`message`), or every error catch event. */
  on: { elementIds: string[] } | { message: string } | 'error catch events';
  target: string;
  /** FEEL source expression, exactly as in the model. */
  source: string;
}

/** The FEEL context literal that timers and "ordered" messages set as `reason`. */
export function reasonLiteral(code: ErrorCode, details = '[]'): string {
  const e = ERRORS[code];
  return `={code: "${e.code}", clause: "${e.clause}", message: "${e.name}", details: ${details}}`;
}

const trigger = (message: string, value: SurveillanceTrigger): EventOutputSpec => ({ on: { message }, target: 'surveillanceTrigger', source: `="${value}"` });
const copy = (message: string, variable: string): EventOutputSpec => ({ on: { message }, target: variable, source: `=${variable}` });

/**
 * Every `zeebe:output` mapping on a catch event. A catch event with output mappings does not merge the
 * message payload by itself, so the payload variables are mapped explicitly.
 */
export const EVENT_OUTPUTS: readonly EventOutputSpec[] = [
  { on: 'error catch events', target: 'reason', source: '=reason' },
  { on: { elementIds: ['Timer_SurveillanceDue'] }, target: 'surveillanceTrigger', source: '="annual"' },
  {
    on: { elementIds: ['Timer_SurveillanceDue', 'Timer_ChangeReviewSurveillanceDue', 'Timer_ChangeDecisionSurveillanceDue'] },
    target: 'report',
    source: '=null',
  },
  {
    on: { elementIds: ['Timer_AssessmentSurveillanceDue', 'Timer_ChangeReviewSurveillanceDue', 'Timer_ChangeDecisionSurveillanceDue'] },
    target: 'surveillanceTrigger',
    source: '="annual"',
  },
  trigger('isccc.major-change-reported', 'major-change'),
  trigger('isccc.incident-reported', 'incident'),
  trigger('isccc.complaint-received', 'complaint'),
  trigger('isccc.information-reported', 'information'),
  trigger('isccc.misuse-reported', 'misuse'),
  ...['isccc.major-change-reported', 'isccc.incident-reported', 'isccc.complaint-received', 'isccc.information-reported', 'isccc.misuse-reported'].map((m) =>
    copy(m, 'report'),
  ),
  copy('isccc.supplement-submitted', 'documents'),
  copy('isccc.supplement-submitted', 'manifest'),
  copy('isccc.committee-appointed', 'committee'),
  copy('isccc.change-requested', 'change'),
  copy('isccc.cancellation-requested', 'cancellation'),
  copy('isccc.restoration-requested', 'restoration'),
  { on: { elementIds: ['Timer_SurveillanceDeadline'] }, target: 'reason', source: reasonLiteral('ISCCC_6_8_2_A') },
  { on: { elementIds: ['Timer_SuspensionExpired'] }, target: 'reason', source: reasonLiteral('ISCCC_6_8_3_A') },
  { on: { message: 'isccc.suspension-ordered' }, target: 'reason', source: reasonLiteral('ISCCC_6_8_2_D', 'details') },
  { on: { message: 'isccc.revocation-ordered' }, target: 'reason', source: reasonLiteral('ISCCC_6_8_3_D', 'details') },
];

// ---------------------------------------------------------------------------------------------------------
// Gateway conditions
// ---------------------------------------------------------------------------------------------------------

/** Every FEEL condition on a sequence flow (the other branch of each gateway is its default flow). */
export const CONDITIONS = {
  supplementNeeded: '=materialReviewOutcome = "supplement"',
  witnessNeeded: '=grantedLevel = 1 and witnessNeeded = true',
  granted: '=decision = "grant"',
  extraSurveillance: '=extraSurveillanceNeeded = true',
  administrativeChange: '=changeScope = "administrative"',
  changeApproved: '=changeApproved = true',
  restorationApproved: '=restorationApproved = true',
  surveillanceDueBeforeRestoration: '=surveillanceDue = true',
  surveillanceMaintained: '=surveillanceConclusion = "maintain"',
} as const;
