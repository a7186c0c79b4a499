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

/** Result of a surveillance review (6.7.2): one field per content item the clause names. */
export interface SurveillanceRecord {
  reviewedOn: string;
  trigger: SurveillanceTrigger;
  /** Corrective/preventive actions on the previous review's observations were verified. */
  correctiveActionsVerified: boolean;
  /** Changes of the holder since the last review were reviewed. */
  changesReviewed: boolean;
  /** The holder's handling of complaints was reviewed. */
  complaintsHandled: boolean;
  /** Use of the certificate and the certification mark. */
  certificateUse: 'proper' | 'misuse-no-adverse-impact' | 'misuse-adverse-impact';
  majorNonconformities: number;
  /** New observations; become `lastObservations` for the next review. */
  observations: string[];
  /** Serious accident, or complaint verified, that affects continued service (6.8.3 c). */
  seriousIncidentVerified: boolean;
}

export type SurveillanceTrigger = 'annual' | 'major-change' | 'incident' | 'complaint' | 'information' | 'misuse';
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
    type: 'isccc.material-review',
    title: 'Review application documents',
    clauses: ['6.3'],
    processes: ['certification'],
    inputs: [
      v('applicationId', 'string', 'Application', true),
      v('category', 'Category', 'Category applied for', true),
      v('level', '1 | 2 | 3', 'Level applied for', true),
      v('drClass', "'A' | 'B'", 'Disaster-recovery class'),
      v('manifest', 'object', 'Provider manifest (latest, after any supplement)'),
      v('documents', 'string[]', 'Submitted documents (latest, after any supplement)'),
      v('supplementRound', 'number', 'How many supplements were requested so far (0 when absent)'),
    ],
    outputs: [
      v('materialReviewOutcome', "'accepted' | 'supplement'", 'Gateway variable: accept, or ask for more material'),
      v('missingMaterials', 'string[]', 'What the applicant must supply (when outcome is supplement)'),
      v('grantedCategory', 'Category', 'Category confirmed by the review'),
      v('grantedLevel', '1 | 2 | 3', 'Highest level the documents support (may be lower than applied for)'),
      v('materialReview', '{ reviewedOn: string; details: string[] }', 'Review record'),
    ],
    errors: ['ISCCC_6_3'],
    notes: 'Throws ISCCC_6_3 when no level of the category can be granted, or when material is still missing after the last allowed supplement round.',
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
      v('grantedCategory', 'Category', 'Confirmed category', true),
      v('grantedLevel', '1 | 2 | 3', 'Confirmed level', true),
    ],
    outputs: [v('contractId', 'string', 'Certification contract number'), v('contractSignedOn', 'string (date)', 'Signing date')],
    errors: [],
  },
  {
    type: 'isccc.onsite-review',
    title: 'On-site review',
    clauses: ['6.4'],
    processes: ['certification'],
    inputs: [
      v('applicationId', 'string', 'Application', true),
      v('grantedCategory', 'Category', 'Confirmed category', true),
      v('grantedLevel', '1 | 2 | 3', 'Confirmed level', true),
      v('drClass', "'A' | 'B'", 'Disaster-recovery class'),
      v('manifest', 'object', 'Provider manifest'),
      v('reviewTeam', 'string[]', 'Names of the review team members'),
    ],
    outputs: [
      v('onsiteReview', '{ reviewedOn: string; team: string[]; details: string[] }', 'What the team found on site'),
      v('witnessNeeded', 'boolean', 'Level 1 only: the team judges a client-project witness necessary'),
    ],
    errors: ['ISCCC_6_4'],
  },
  {
    type: 'isccc.client-witness',
    title: 'Client-project witness',
    clauses: ['6.4'],
    processes: ['certification'],
    inputs: [
      v('applicationId', 'string', 'Application', true),
      v('grantedLevel', '1 | 2 | 3', 'Always 1 here', true),
      v('witnessProject', '{ client: string; project: string }', 'The client project chosen for the witness'),
    ],
    outputs: [v('witness', '{ witnessedOn: string; client: string; project: string; passed: boolean; details: string[] }', 'Witness record')],
    errors: ['ISCCC_6_4'],
    notes: 'Only reached when grantedLevel = 1 and witnessNeeded = true ("when necessary").',
  },
  {
    type: 'isccc.onsite-report',
    title: 'Issue on-site review report',
    clauses: ['6.4'],
    processes: ['certification'],
    inputs: [
      v('applicationId', 'string', 'Application', true),
      v('onsiteReview', 'object', 'Output of isccc.onsite-review', true),
      v('witness', 'object', 'Output of isccc.client-witness, when there was one'),
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
  },
  {
    type: 'isccc.committee-validate',
    title: 'Validate decision committee',
    clauses: ['6.5'],
    processes: ['certification', 'lifecycle'],
    inputs: [v('committee', 'CommitteeMember[]', 'Members appointed for this decision', true)],
    outputs: [v('committeeSize', 'number', 'committee.length')],
    errors: ['ISCCC_6_5'],
    notes:
      'Throws ISCCC_6_5 unless committee has an odd number (≥ 3) of distinct members. The process then waits for isccc.committee-appointed (new committee) and validates again.',
  },
  {
    type: 'isccc.committee-vote',
    title: 'Committee member vote',
    clauses: ['6.5'],
    processes: ['certification', 'lifecycle'],
    inputs: [
      v('member', 'CommitteeMember', "This instance's member (multi-instance inputElement)", true),
      v('applicationId', 'string', 'Certification: the application decided on'),
      v('certificateNumber', 'string', 'Lifecycle (6.8.5 change): the certificate decided on'),
      v('grantedCategory', 'Category', 'Category decided on', true),
      v('grantedLevel', '1 | 2 | 3', 'Level decided on', true),
      v('onsiteReport', 'object', 'Certification: the on-site review report'),
      v('changeVerification', 'object', 'Lifecycle: the on-site change verification'),
      v(
        'ballots',
        'Record<string, Vote>',
        'Votes cast ahead, member id → grant | refuse (a case replayed from a script); absent: the member decides from the report',
      ),
    ],
    outputs: [v('vote', 'Vote', "This member's vote (multi-instance outputElement, collected into votes)")],
    errors: [],
    notes:
      'Parallel multi-instance: inputCollection =committee, inputElement member, outputCollection votes, outputElement =vote; input mapping vote = =null keeps each vote local to its instance.',
  },
  {
    type: 'isccc.committee-tally',
    title: 'Tally committee votes',
    clauses: ['6.5'],
    processes: ['certification', 'lifecycle'],
    inputs: [v('votes', 'Vote[]', 'Collected votes', true), v('committee', 'CommitteeMember[]', 'The committee', true)],
    outputs: [
      v('decision', "'grant' | 'refuse'", 'Gateway variable: majority of the votes'),
      v('votesFor', 'number', 'Votes to grant'),
      v('votesAgainst', 'number', 'Votes to refuse'),
      { ...REASON_OUT, description: "Set when refused: code/clause from the refusalClause header, details = the refusing votes' reasons" },
    ],
    errors: [],
    headers: [{ key: 'refusalClause', description: 'Clause a refusal is recorded under', values: ['6.5', '6.8.2.d'] }],
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
    ],
    outputs: [],
    errors: [],
    notes:
      'Job of the message end event "Certificate issued": publishes message isccc.certificate-issued (messageId = certificateNumber) with the lifecycle start variables (holder = applicant, the rest by the same names), which starts one isccc-certificate-lifecycle instance per certificate.',
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
      v('lastSurveillanceOn', 'string (date)', 'Date of the last surveillance review (or approved restoration); issuedOn when absent'),
    ],
    outputs: [
      v('surveillanceStartOn', 'string (date-time)', 'When the annual surveillance starts: base + P12M − P1M (timer "Annual surveillance due")'),
      v('surveillanceDeadline', 'string (date-time)', 'Latest completion: base + P12M (boundary timer → 6.8.2 a)'),
    ],
    errors: [],
  },
  {
    type: 'isccc.information-assess',
    title: 'Assess reported information',
    clauses: ['6.7.4', '6.7.1'],
    processes: ['lifecycle'],
    inputs: [
      v('certificateNumber', 'string', 'Certificate', true),
      v('surveillanceTrigger', "'major-change' | 'incident' | 'complaint' | 'information'", 'Set by the message catch event', true),
      v('report', 'InformationReport', 'The reported information (message variable)'),
    ],
    outputs: [v('extraSurveillanceNeeded', 'boolean', 'Gateway variable: hold an extra surveillance review now (6.7.1 paragraph 2)')],
    errors: [],
  },
  {
    type: 'isccc.surveillance-review',
    title: 'Surveillance review',
    clauses: ['6.7.1', '6.7.2'],
    processes: ['lifecycle'],
    inputs: [
      v('certificateNumber', 'string', 'Certificate', true),
      v('grantedCategory', 'Category', 'Certified category', true),
      v('grantedLevel', '1 | 2 | 3', 'Certified level', true),
      v('surveillanceTrigger', 'SurveillanceTrigger', 'Why this review is held (set by the event that started it)', true),
      v('report', 'InformationReport', 'Information that triggered an extra review'),
      v('lastObservations', 'string[]', 'Observations of the previous review whose corrective actions are verified'),
      v('manifest', 'object', 'Current provider manifest (the initial review content is repeated)'),
    ],
    outputs: [
      v('surveillance', 'SurveillanceRecord', 'The review record (6.7.2 content)'),
      v('lastSurveillanceOn', 'string (date)', 'Date of this review (base of the next schedule)'),
      v('lastObservations', 'string[]', "This review's observations"),
    ],
    errors: ['ISCCC_6_8_2_A'],
    notes: 'Throws ISCCC_6_8_2_A when the holder does not accept the review.',
  },
  {
    type: 'isccc.surveillance-conclude',
    title: 'Conclude surveillance',
    clauses: ['6.7.3'],
    processes: ['lifecycle'],
    inputs: [v('certificateNumber', 'string', 'Certificate', true), v('surveillance', 'SurveillanceRecord', 'Output of isccc.surveillance-review', true)],
    outputs: [v('certificateStatus', "'valid'", 'Maintained (completing normally means maintain)')],
    errors: ['ISCCC_6_8_2_B', 'ISCCC_6_8_2_C', 'ISCCC_6_8_2_D', 'ISCCC_6_8_3_B', 'ISCCC_6_8_3_C', 'ISCCC_6_8_3_D'],
    notes: 'Maintain = complete; suspend = throw ISCCC_6_8_2_B|C|D; revoke = throw ISCCC_6_8_3_B|C|D.',
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
    ],
    errors: [],
  },
  {
    type: 'isccc.restoration-review',
    title: 'Review restoration application',
    clauses: ['6.8.2'],
    processes: ['lifecycle'],
    inputs: [
      v('certificateNumber', 'string', 'Certificate', true),
      v('reason', 'Reason', 'Why the certificate was suspended', true),
      v('restoration', '{ requestedOn: string; rectification: string[] }', 'The restoration application (message variable)'),
    ],
    outputs: [
      v('restorationApproved', 'boolean', 'Gateway variable'),
      v('restorationReview', '{ reviewedOn: string; details: string[] }', 'Review record'),
      v('lastSurveillanceOn', 'string (date)', 'Set when approved: the verification counts as the surveillance review'),
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
        "{ kinds: ('address' | 'capital' | 'legal-representative' | 'other')[]; description: string; documents?: string[] }",
        'The change application (message variable)',
        true,
      ),
    ],
    outputs: [v('changeScope', "'administrative' | 'major'", 'Gateway variable: administrative = only address, capital or legal representative')],
    errors: [],
  },
  {
    type: 'isccc.change-written-review',
    title: 'Written review of change',
    clauses: ['6.8.5'],
    processes: ['lifecycle'],
    inputs: [v('certificateNumber', 'string', 'Certificate', true), v('change', 'object', 'The change application', true)],
    outputs: [
      v('changeApproved', 'boolean', 'Gateway variable'),
      v('changeReview', '{ reviewedOn: string; details: string[] }', 'Review record'),
      { ...REASON_OUT, description: 'Set when not approved (clause 6.8.5); the certificate stays as it is' },
    ],
    errors: [],
  },
  {
    type: 'isccc.change-onsite-verify',
    title: 'On-site verification of change',
    clauses: ['6.8.5'],
    processes: ['lifecycle'],
    inputs: [
      v('certificateNumber', 'string', 'Certificate', true),
      v('change', 'object', 'The change application', true),
      v('grantedCategory', 'Category', 'Certified category', true),
      v('grantedLevel', '1 | 2 | 3', 'Certified level', true),
    ],
    outputs: [
      v('changeVerification', '{ verifiedOn: string; details: string[]; observations: string[] }', 'Verification record for the committee'),
      v('grantedLevel', '1 | 2 | 3', 'Level the organisation still supports after the change (the committee decides on it)'),
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
const job = (fetchVariables: readonly string[], sizing: { timeout: string; maxJobsActive: number } = BOOKKEEPING): JobWorkerSpec => ({
  fetchVariables,
  ...sizing,
});

/**
 * Per job type of {@link TASK_TYPES} that a worker serves; a task type without an entry is no job for a worker (a
 * user task). A test checks each list against what the handler reads in whole cases.
 */
export const JOB_WORKERS: Readonly<Partial<Record<TaskType, JobWorkerSpec>>> = {
  'isccc.self-assessment': job(['applicant', 'category', 'level', 'drClass', 'manifest', 'manifestDir', 'asOf'], EVALUATES_RULES),
  'isccc.application-submit': job(['applicant', 'category', 'level', 'drClass', 'selfAssessment', 'documents']),
  'isccc.material-review': job(['applicationId', 'category', 'level', 'drClass', 'manifest', 'manifestDir', 'documents', 'supplementRound'], EVALUATES_RULES),
  'isccc.request-supplement': job(['applicationId', 'applicant', 'missingMaterials', 'supplementRound']),
  'isccc.contract-sign': job(['applicationId', 'applicant', 'grantedCategory', 'grantedLevel']),
  'isccc.onsite-review': job(
    ['applicationId', 'grantedCategory', 'grantedLevel', 'drClass', 'manifest', 'manifestDir', 'reviewTeam', 'witnessProject'],
    EVALUATES_RULES,
  ),
  'isccc.client-witness': job(['applicationId', 'grantedCategory', 'grantedLevel', 'witnessProject', 'manifest']),
  'isccc.onsite-report': job(['applicationId', 'onsiteReview', 'witness']),
  'isccc.committee-validate': job(['committee']),
  'isccc.committee-vote': job([
    'member',
    'applicationId',
    'certificateNumber',
    'grantedCategory',
    'grantedLevel',
    'onsiteReport',
    'changeVerification',
    'ballots',
  ]),
  'isccc.committee-tally': job(['votes', 'committee']),
  'isccc.certificate-issue': job(['applicationId', 'applicant', 'grantedCategory', 'grantedLevel', 'drClass', 'decision', 'submittedOn']),
  'isccc.public-notice': job(['certificateNumber', 'certificateStatus', 'reason']),
  'isccc.lifecycle-start': job([
    'certificateNumber',
    'applicationId',
    'applicant',
    'grantedCategory',
    'grantedLevel',
    'drClass',
    'issuedOn',
    'lastObservations',
    'committee',
    'manifest',
    'manifestDir',
    'ballots',
  ]),
  'isccc.rejection-notify': job(['applicant', 'applicationId', 'reason']),
  'isccc.surveillance-schedule': job(['issuedOn', 'lastSurveillanceOn']),
  'isccc.information-assess': job(['certificateNumber', 'surveillanceTrigger', 'report']),
  'isccc.surveillance-review': job(
    ['certificateNumber', 'grantedCategory', 'grantedLevel', 'drClass', 'surveillanceTrigger', 'report', 'lastObservations', 'manifest', 'manifestDir'],
    EVALUATES_RULES,
  ),
  'isccc.surveillance-conclude': job(['certificateNumber', 'surveillance']),
  'isccc.certificate-suspend': job(['certificateNumber', 'reason']),
  'isccc.restoration-review': job(['certificateNumber', 'reason', 'restoration']),
  'isccc.certificate-restore': job(['certificateNumber']),
  'isccc.certificate-revoke': job(['certificateNumber', 'reason']),
  'isccc.certificate-cancel': job(['certificateNumber', 'cancellation']),
  'isccc.certificate-return': job(['certificateNumber', 'certificateStatus']),
  'isccc.change-classify': job(['certificateNumber', 'change']),
  'isccc.change-written-review': job(['certificateNumber', 'change']),
  'isccc.change-onsite-verify': job(['certificateNumber', 'change', 'grantedCategory', 'grantedLevel', 'drClass', 'manifest', 'manifestDir'], EVALUATES_RULES),
  'isccc.certificate-reissue': job(['certificateNumber', 'change', 'grantedLevel', 'certificateVersion']),
};

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
    process: 'lifecycle',
    clauses: ['6.6', '6.7.1'],
    variables: [
      v('certificateNumber', 'string', 'Certificate (also the messageId)', true),
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
      v('ballots', 'Record<string, Vote>', 'Votes cast ahead for later committee decisions'),
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
  kind: 'timeDate' | 'timeDuration' | 'timeCycle';
  /** The `bpmn:timeDate|timeDuration|timeCycle` body as written in the model. */
  expression: string;
  clauses: string[];
  description: string;
}

export const TIMERS = [
  {
    elementId: 'Timer_SurveillanceDue',
    process: 'lifecycle',
    kind: 'timeDate',
    expression: '=surveillanceStartOn',
    clauses: ['6.7.1'],
    description:
      'Annual surveillance due. An absolute date (last review + P12M − P1M), so waiting again after other events never restarts the 12-month clock, and every review — annual or extra — re-bases it.',
  },
  {
    elementId: 'Timer_SurveillanceDeadline',
    process: 'lifecycle',
    kind: 'timeDate',
    expression: '=surveillanceDeadline',
    clauses: ['6.8.2.a', '6.7.1'],
    description: 'Interrupting boundary on the surveillance sub-process: review not completed 12 months after the last one → suspension 6.8.2 a.',
  },
  {
    elementId: 'Timer_SuspensionExpired',
    process: 'lifecycle',
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
  { on: { elementIds: ['Timer_SurveillanceDue'] }, target: 'report', source: '=null' },
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
} as const;
