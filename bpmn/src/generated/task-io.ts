// Generated from src/task-types.ts by `npm run -w bpmn task-io`: do not edit (a test fails when it is stale).
import type { Category, ChangeProposal, ChangeVerificationRecord, CommitteeMember, CertificateStatus, Findings, InformationAssessmentProposal, InformationReport, MaterialReviewProposal, OnsiteReviewProposal, OnsiteReviewRecord, Party, Reason, RestorationReviewProposal, SurveillanceConclusion, SurveillanceProposal, SurveillanceRecord, SurveillanceTrigger, Vote, VoteProposal, WitnessRecord } from '../task-types.js';

/** Every job type: the variables its handler reads (required ones not optional), the task headers, what it sets. */
export interface TaskIo {
  /** Self-assessment (6.1) */
  "isccc.self-assessment": {
    inputs: {
      /** The provider seeking certification */
      applicant: Party;
      /** Service category it intends to apply for */
      category: Category;
      /** Level it intends to apply for (1 is the highest) */
      level: 1 | 2 | 3;
      /** Disaster-recovery class (category disaster-recovery only) */
      drClass?: 'A' | 'B';
      /** The provider manifest (facts for the rules evaluator) */
      manifest?: Record<string, unknown>;
      /** Folder the manifest's evidence paths resolve in (evidence files are checked when set) */
      manifestDir?: string;
      /** Date the self-assessment is made for; defaults to the engine clock */
      asOf?: string;
    };
    headers: Record<string, never>;
    /** What the handler may set (a subset: some only on one outcome). */
    outputs: {
      /** Result of running the rulebook over the manifest for the intended target (the self-assessment form) */
      selfAssessment?: { completedOn: string; meetsTarget: boolean; passed: number; failed: number; manualReview: number };
    };
  };
  /** Submit application (6.2) */
  "isccc.application-submit": {
    inputs: {
      /** Applicant */
      applicant: Party;
      /** Category applied for */
      category: Category;
      /** Level applied for */
      level: 1 | 2 | 3;
      /** Disaster-recovery class */
      drClass?: 'A' | 'B';
      /** Output of isccc.self-assessment */
      selfAssessment: Record<string, unknown>;
      /** Names of the submitted documents (application form, self-assessment form, evidence) */
      documents?: string[];
    };
    headers: Record<string, never>;
    /** What the handler may set (a subset: some only on one outcome). */
    outputs: {
      /** Id of the application; correlation key of the certification messages */
      applicationId?: string;
      /** Date the application was received */
      submittedOn?: string;
    };
  };
  /** Rule checks for the document review (6.3) */
  "isccc.material-checks": {
    inputs: {
      /** Application */
      applicationId: string;
      /** Category applied for */
      category: Category;
      /** Level applied for */
      level: 1 | 2 | 3;
      /** Disaster-recovery class */
      drClass?: 'A' | 'B';
      /** Provider manifest (latest, after any supplement) */
      manifest?: Record<string, unknown>;
      /** Folder the manifest's evidence paths resolve in */
      manifestDir?: string;
      /** How many supplements were requested so far (0 when absent) */
      supplementRound?: number;
    };
    headers: Record<string, never>;
    /** What the handler may set (a subset: some only on one outcome). */
    outputs: {
      /** The category the rules were checked for (the one applied for) */
      grantedCategory?: Category;
      /** What the evaluator found, shown read-only in the review form, and the outcome it proposes */
      materialFindings?: Findings<MaterialReviewProposal>;
    };
  };
  /** Request supplementary material (6.3) */
  "isccc.request-supplement": {
    inputs: {
      /** Application */
      applicationId: string;
      /** Who to ask */
      applicant: Party;
      /** What to ask for */
      missingMaterials: string[];
      /** Rounds so far (0 when absent) */
      supplementRound?: number;
    };
    headers: Record<string, never>;
    /** What the handler may set (a subset: some only on one outcome). */
    outputs: {
      /** Rounds so far, this one included */
      supplementRound?: number;
      /** Date of the request */
      supplementRequestedOn?: string;
    };
  };
  /** Sign certification contract (6.3) */
  "isccc.contract-sign": {
    inputs: {
      /** Application */
      applicationId: string;
      /** Contract party */
      applicant: Party;
      /** The reviewer's outcome (user task 6.3) */
      materialReviewOutcome: 'accepted' | 'refused';
      /** The reviewer's reasons, when the outcome departs from the findings */
      materialReviewJustification?: string;
      /** The findings the reviewer decided on (cited when refused) */
      materialFindings?: Findings<MaterialReviewProposal>;
      /** Confirmed category */
      grantedCategory: Category;
      /** Level the reviewer determined (required when accepted) */
      grantedLevel?: 1 | 2 | 3;
    };
    headers: Record<string, never>;
    /** What the handler may set (a subset: some only on one outcome). */
    outputs: {
      /** Certification contract number */
      contractId?: string;
      /** Signing date */
      contractSignedOn?: string;
    };
  };
  /** Rule checks for the on-site review (6.4) */
  "isccc.onsite-checks": {
    inputs: {
      /** Application */
      applicationId: string;
      /** Confirmed category */
      grantedCategory: Category;
      /** Confirmed level */
      grantedLevel: 1 | 2 | 3;
      /** Disaster-recovery class */
      drClass?: 'A' | 'B';
      /** Provider manifest */
      manifest?: Record<string, unknown>;
      /** Folder the manifest's evidence paths resolve in */
      manifestDir?: string;
    };
    headers: Record<string, never>;
    /** What the handler may set (a subset: some only on one outcome). */
    outputs: {
      /** Findings for the review team, the proposed result and, at level 1, the client projects that can be witnessed */
      onsiteFindings?: Findings<OnsiteReviewProposal>;
    };
  };
  /** Issue on-site review report (6.4) */
  "isccc.onsite-report": {
    inputs: {
      /** Application */
      applicationId: string;
      /** The review team's record (user task 6.4) */
      onsiteReview: OnsiteReviewRecord;
      /** The witness record (user task 6.4), when there was one */
      witness?: WitnessRecord;
    };
    headers: Record<string, never>;
    /** What the handler may set (a subset: some only on one outcome). */
    outputs: {
      /** The on-site review report handed to the decision committee */
      onsiteReport?: { id: string; issuedOn: string; recommendation: "grant" | "refuse"; majorNonconformities: number; observations: string[] };
      /** Observations whose corrective actions the first surveillance review verifies (6.7.2) */
      lastObservations?: string[];
    };
  };
  /** Validate decision committee (6.5, 6.8.5) */
  "isccc.committee-validate": {
    inputs: {
      /** Members appointed for this decision */
      committee: CommitteeMember[];
      /** Certification: the on-site review report the committee decides on */
      onsiteReport?: Record<string, unknown>;
      /** Lifecycle: the on-site verification of a change */
      changeVerification?: ChangeVerificationRecord;
      /** Lifecycle: the certificate decided on */
      certificateNumber?: string;
    };
    headers: Record<string, never>;
    /** What the handler may set (a subset: some only on one outcome). */
    outputs: {
      /** committee.length */
      committeeSize?: number;
      /** What every member sees read-only in the vote form: the record before the committee and the vote it supports */
      decisionFindings?: Findings<VoteProposal>;
    };
  };
  /** Tally committee votes (6.5, 6.8.5) */
  "isccc.committee-tally": {
    inputs: {
      /** Collected votes */
      votes: Vote[];
      /** The committee */
      committee: CommitteeMember[];
    };
    headers: {
      /** Clause a refusal is recorded under */
      refusalClause?: "6.5" | "6.8.2.d";
    };
    /** What the handler may set (a subset: some only on one outcome). */
    outputs: {
      /** Gateway variable: majority of the votes */
      decision?: 'grant' | 'refuse';
      /** Votes to grant */
      votesFor?: number;
      /** Votes to refuse */
      votesAgainst?: number;
      /** Set when refused: code/clause from the refusalClause header, details = the refusing votes' reasons */
      reason?: Reason;
    };
  };
  /** Issue certificate (6.6) */
  "isccc.certificate-issue": {
    inputs: {
      /** Application */
      applicationId: string;
      /** Holder-to-be */
      applicant: Party;
      /** Certified category */
      grantedCategory: Category;
      /** Certified level */
      grantedLevel: 1 | 2 | 3;
      /** Disaster-recovery class */
      drClass?: 'A' | 'B';
      /** The committee decision */
      decision: 'grant';
      /** Date the application was received; its year is part of the certificate number */
      submittedOn?: string;
    };
    headers: Record<string, never>;
    /** What the handler may set (a subset: some only on one outcome). */
    outputs: {
      /** Certificate number; correlation key of every lifecycle message */
      certificateNumber?: string;
      /** Issue date */
      issuedOn?: string;
      /** Status after issuance */
      certificateStatus?: 'valid';
    };
  };
  /** Publish public notice (6.6, 6.8.3, 6.8.4) */
  "isccc.public-notice": {
    inputs: {
      /** Certificate */
      certificateNumber: string;
      /** What is announced: valid (issued), revoked, cancelled */
      certificateStatus: CertificateStatus;
      /** Revocation reason, when revoked */
      reason?: Reason;
    };
    headers: Record<string, never>;
    /** What the handler may set (a subset: some only on one outcome). */
    outputs: {
      /** Notice reference */
      noticeId?: string;
      /** Publication date */
      noticePublishedOn?: string;
    };
  };
  /** Start certificate lifecycle (message end event) (6.6, 6.7.1) */
  "isccc.lifecycle-start": {
    inputs: {
      /** Certificate */
      certificateNumber: string;
      /** Application */
      applicationId: string;
      /** Holder */
      applicant: Party;
      /** Certified category */
      grantedCategory: Category;
      /** Certified level */
      grantedLevel: 1 | 2 | 3;
      /** Disaster-recovery class */
      drClass?: 'A' | 'B';
      /** Issue date */
      issuedOn: string;
      /** Observations of the on-site report */
      lastObservations?: string[];
      /** Decision committee, kept for later change decisions (6.8.5) */
      committee?: CommitteeMember[];
      /** The provider manifest, carried to the lifecycle for its surveillance reviews (6.7.2) */
      manifest?: Record<string, unknown>;
      /** Folder the manifest's evidence paths resolve in, carried along with it */
      manifestDir?: string;
    };
    headers: Record<string, never>;
    /** What the handler may set (a subset: some only on one outcome). */
    outputs: Record<string, never>;
  };
  /** Notify applicant of refusal (6.2, 6.3, 6.4, 6.5) */
  "isccc.rejection-notify": {
    inputs: {
      /** Who to notify */
      applicant: Party;
      /** Application (absent when refused before submission) */
      applicationId?: string;
      /** Why: set by the error catch event or the tally */
      reason: Reason;
    };
    headers: Record<string, never>;
    /** What the handler may set (a subset: some only on one outcome). */
    outputs: {
      /** Date of the notification */
      refusedOn?: string;
    };
  };
  /** Schedule next surveillance (6.7.1) */
  "isccc.surveillance-schedule": {
    inputs: {
      /** Issue date */
      issuedOn: string;
      /** The last surveillance review held; its reviewedOn is the base (issuedOn when there was none). A restoration review never moves the base. */
      surveillance?: SurveillanceRecord;
    };
    headers: Record<string, never>;
    /** What the handler may set (a subset: some only on one outcome). */
    outputs: {
      /** When the annual surveillance starts: base + P12M − P1M (timer "Annual surveillance due") */
      surveillanceStartOn?: string;
      /** Latest completion: base + P12M (boundary timer → 6.8.2 a; due date of the review task) */
      surveillanceDeadline?: string;
    };
  };
  /** Rule checks for reported information (6.7.4, 6.7.1) */
  "isccc.information-checks": {
    inputs: {
      /** Certificate */
      certificateNumber: string;
      /** Set by the message catch event */
      surveillanceTrigger: 'major-change' | 'incident' | 'complaint' | 'information';
      /** The reported information (message variable) */
      report?: InformationReport;
    };
    headers: Record<string, never>;
    /** What the handler may set (a subset: some only on one outcome). */
    outputs: {
      /** The report against 6.7.1 paragraph 2, and whether an extra surveillance review is proposed */
      informationFindings?: Findings<InformationAssessmentProposal>;
    };
  };
  /** Rule checks for the surveillance review (6.7.2, 6.7.3, 6.8.2) */
  "isccc.surveillance-checks": {
    inputs: {
      /** Certificate */
      certificateNumber: string;
      /** Certified category */
      grantedCategory: Category;
      /** Certified level */
      grantedLevel: 1 | 2 | 3;
      /** Disaster-recovery class */
      drClass?: 'A' | 'B';
      /** Why this review is held (set by the event that started it; the trigger header overrides it) */
      surveillanceTrigger?: SurveillanceTrigger;
      /** Information that triggered an extra review */
      report?: InformationReport;
      /** The previous review, whose observations this one verifies */
      surveillance?: SurveillanceRecord;
      /** Observations of the on-site report (before the first review) */
      lastObservations?: string[];
      /** Current provider manifest (the initial review content is repeated) */
      manifest?: Record<string, unknown>;
      /** Folder the manifest's evidence paths resolve in */
      manifestDir?: string;
    };
    headers: {
      /** Trigger of a review held outside the annual schedule */
      trigger?: "restoration";
    };
    /** What the handler may set (a subset: some only on one outcome). */
    outputs: {
      /** Findings on the 6.7.2 content and the 6.7.3 conclusion they support */
      surveillanceFindings?: Findings<SurveillanceProposal>;
    };
  };
  /** Conclude surveillance (6.7.3) */
  "isccc.surveillance-conclude": {
    inputs: {
      /** Certificate */
      certificateNumber: string;
      /** The review record (user task 6.7.2) */
      surveillance: SurveillanceRecord;
      /** The reviewer's conclusion (user task 6.7.3) */
      surveillanceConclusion: SurveillanceConclusion;
      /** The reviewer's reasons, when the conclusion departs from the findings */
      surveillanceJustification?: string;
    };
    headers: Record<string, never>;
    /** What the handler may set (a subset: some only on one outcome). */
    outputs: {
      /** Maintained (completing normally means maintain) */
      certificateStatus?: 'valid';
    };
  };
  /** Suspend certificate (6.8.2) */
  "isccc.certificate-suspend": {
    inputs: {
      /** Certificate */
      certificateNumber: string;
      /** Ground of suspension (6.8.2 a–d) */
      reason: Reason;
    };
    headers: Record<string, never>;
    /** What the handler may set (a subset: some only on one outcome). */
    outputs: {
      /** Status */
      certificateStatus?: 'suspended';
      /** Start of the suspension */
      suspendedOn?: string;
      /** suspendedOn + P3M: end of the period for rectification */
      suspendedUntil?: string;
      /** suspendedUntil as a date-time: the due date of the restoration review */
      suspensionEndsAt?: string;
    };
  };
  /** Rule checks for a restoration application (6.8.2, 6.7.1) */
  "isccc.restoration-checks": {
    inputs: {
      /** Certificate */
      certificateNumber: string;
      /** Why the certificate was suspended */
      reason: Reason;
      /** The restoration application (message variable) */
      restoration?: { requestedOn: string; rectification: string[] };
      /** When the annual surveillance window opens */
      surveillanceStartOn: string;
    };
    headers: Record<string, never>;
    /** What the handler may set (a subset: some only on one outcome). */
    outputs: {
      /** The rectification shown against the ground of suspension, and the decision it supports */
      restorationFindings?: Findings<RestorationReviewProposal>;
      /** Gateway variable: the annual surveillance window is open, so a surveillance review comes before restoration (6.7.1) */
      surveillanceDue?: boolean;
    };
  };
  /** Restore certificate (6.8.2) */
  "isccc.certificate-restore": {
    inputs: {
      /** Certificate */
      certificateNumber: string;
    };
    headers: Record<string, never>;
    /** What the handler may set (a subset: some only on one outcome). */
    outputs: {
      /** Status */
      certificateStatus?: 'valid';
      /** Date */
      restoredOn?: string;
    };
  };
  /** Revoke certificate (6.8.3) */
  "isccc.certificate-revoke": {
    inputs: {
      /** Certificate */
      certificateNumber: string;
      /** Ground of revocation (6.8.3 a–d) */
      reason: Reason;
    };
    headers: Record<string, never>;
    /** What the handler may set (a subset: some only on one outcome). */
    outputs: {
      /** Status */
      certificateStatus?: 'revoked';
      /** Date */
      revokedOn?: string;
    };
  };
  /** Cancel certificate (6.8.4) */
  "isccc.certificate-cancel": {
    inputs: {
      /** Certificate */
      certificateNumber: string;
      /** The holder's request (message variable) */
      cancellation?: { requestedOn: string; statement?: string };
    };
    headers: Record<string, never>;
    /** What the handler may set (a subset: some only on one outcome). */
    outputs: {
      /** Status */
      certificateStatus?: 'cancelled';
      /** Date */
      cancelledOn?: string;
    };
  };
  /** Record certificate returned (6.8.3, 6.8.4) */
  "isccc.certificate-return": {
    inputs: {
      /** Certificate */
      certificateNumber: string;
      /** Why it is returned */
      certificateStatus: 'revoked' | 'cancelled';
    };
    headers: Record<string, never>;
    /** What the handler may set (a subset: some only on one outcome). */
    outputs: {
      /** Date the holder returned the certificate */
      certificateReturnedOn?: string;
    };
  };
  /** Classify change application (6.8.5) */
  "isccc.change-classify": {
    inputs: {
      /** Certificate */
      certificateNumber: string;
      /** The change application (message variable) */
      change: { kinds: ('address' | 'capital' | 'legal-representative' | 'other')[]; description: string; documents?: string[]; manifest?: Record<string, unknown> };
      /** Certified category */
      grantedCategory: Category;
      /** Certified level */
      grantedLevel: 1 | 2 | 3;
      /** Disaster-recovery class */
      drClass?: 'A' | 'B';
      /** Provider manifest (when the change brings none) */
      manifest?: Record<string, unknown>;
      /** Folder the manifest's evidence paths resolve in */
      manifestDir?: string;
    };
    headers: Record<string, never>;
    /** What the handler may set (a subset: some only on one outcome). */
    outputs: {
      /** Gateway variable: administrative = only address, capital or legal representative */
      changeScope?: 'administrative' | 'major';
      /** For the written review: the documents; for a major change: the changed manifest evaluated again */
      changeFindings?: Findings<ChangeProposal>;
    };
  };
  /** Reissue certificate (6.8.5) */
  "isccc.certificate-reissue": {
    inputs: {
      /** Certificate (the number is kept; the old paper certificate is recalled) */
      certificateNumber: string;
      /** The approved change */
      change: Record<string, unknown>;
      /** Level on the reissued certificate */
      grantedLevel: 1 | 2 | 3;
      /** Version of the certificate in force (1 = as issued; absent before the first reissue) */
      certificateVersion?: number;
    };
    headers: Record<string, never>;
    /** What the handler may set (a subset: some only on one outcome). */
    outputs: {
      /** Incremented on every reissue (1 = as issued) */
      certificateVersion?: number;
      /** Date */
      reissuedOn?: string;
    };
  };
}

/** Every user task: what its form shows, and the variables the completed form sets. */
export interface UserTaskIo {
  /** Review application documents (6.3), form isccc-material-review */
  "material-review": {
    shows: {
      /** Application */
      applicationId?: string;
      /** Applicant */
      applicant?: Party;
      /** Category applied for */
      category?: Category;
      /** Level applied for */
      level?: 1 | 2 | 3;
      /** Supplements requested so far */
      supplementRound?: number;
      /** Output of isccc.material-checks */
      materialFindings?: Findings<MaterialReviewProposal>;
    };
    outputs: {
      /** Gateway variable: accept, ask for more material, or refuse */
      materialReviewOutcome: 'accepted' | 'supplement' | 'refused';
      /** Accepted: the level determined (never above the one applied for) */
      grantedLevel?: 1 | 2 | 3;
      /** Supplement: what the applicant must supply */
      missingMaterials?: string[];
      /** Why the decision departs from the findings (required then, by the form) */
      materialReviewJustification?: string;
    };
  };
  /** On-site review (6.4), form isccc-onsite-review */
  "onsite-review": {
    shows: {
      /** Application */
      applicationId?: string;
      /** Confirmed category */
      grantedCategory?: Category;
      /** Confirmed level */
      grantedLevel?: 1 | 2 | 3;
      /** The review team */
      reviewTeam?: string[];
      /** Output of isccc.onsite-checks */
      onsiteFindings?: Findings<OnsiteReviewProposal>;
    };
    outputs: {
      /** The team's record: passed, major nonconformities, observations */
      onsiteReview: OnsiteReviewRecord;
      /** Level 1 only: the team judges a client-project witness necessary */
      witnessNeeded: boolean;
      /** Why the decision departs from the findings (required then, by the form) */
      onsiteReviewJustification?: string;
    };
  };
  /** Client-project witness (6.4), form isccc-client-witness */
  "client-witness": {
    shows: {
      /** Application */
      applicationId?: string;
      /** Always 1 here */
      grantedLevel?: 1 | 2 | 3;
      /** The client projects that can be witnessed */
      onsiteFindings?: Findings<OnsiteReviewProposal>;
    };
    outputs: {
      /** Witness record */
      witness: WitnessRecord;
      /** Why the decision departs from the findings (required then, by the form) */
      witnessJustification?: string;
    };
  };
  /** Committee member vote (6.5, 6.8.5), form isccc-committee-vote */
  "committee-vote": {
    shows: {
      /** This instance's member (multi-instance inputElement) */
      member?: CommitteeMember;
      /** Category decided on */
      grantedCategory?: Category;
      /** Level decided on */
      grantedLevel?: 1 | 2 | 3;
      /** Output of isccc.committee-validate: the record before the committee */
      decisionFindings?: Findings<VoteProposal>;
    };
    outputs: {
      /** This member's vote (multi-instance outputElement, collected into votes); a vote against the record needs its reason */
      vote: Vote;
    };
  };
  /** Assess reported information (6.7.4, 6.7.1), form isccc-information-assessment */
  "information-assessment": {
    shows: {
      /** Certificate */
      certificateNumber?: string;
      /** What was reported */
      surveillanceTrigger?: SurveillanceTrigger;
      /** The report */
      report?: InformationReport;
      /** Output of isccc.information-checks */
      informationFindings?: Findings<InformationAssessmentProposal>;
    };
    outputs: {
      /** Gateway variable: hold an extra surveillance review now (6.7.1 paragraph 2) */
      extraSurveillanceNeeded: boolean;
      /** Why the decision departs from the findings (required then, by the form) */
      informationAssessmentJustification?: string;
    };
  };
  /** Surveillance review and conclusion (6.7.2, 6.7.3, 6.7.1), form isccc-surveillance-review */
  "surveillance-review": {
    shows: {
      /** Certificate */
      certificateNumber?: string;
      /** Certified category */
      grantedCategory?: Category;
      /** Certified level */
      grantedLevel?: 1 | 2 | 3;
      /** Why the review is held */
      surveillanceTrigger?: SurveillanceTrigger;
      /** Output of isccc.surveillance-checks */
      surveillanceFindings?: Findings<SurveillanceProposal>;
    };
    outputs: {
      /** The review record (6.7.2 content); its reviewedOn is the base of the next schedule */
      surveillance: SurveillanceRecord;
      /** The 6.7.3 conclusion: maintain, or the ground of suspension or revocation */
      surveillanceConclusion: SurveillanceConclusion;
      /** Why the decision departs from the findings (required then, by the form) */
      surveillanceJustification?: string;
    };
  };
  /** Review restoration application (6.8.2), form isccc-restoration-review */
  "restoration-review": {
    shows: {
      /** Certificate */
      certificateNumber?: string;
      /** Why the certificate was suspended */
      reason?: Reason;
      /** The application */
      restoration?: { requestedOn: string; rectification: string[] };
      /** Output of isccc.restoration-checks */
      restorationFindings?: Findings<RestorationReviewProposal>;
    };
    outputs: {
      /** Gateway variable */
      restorationApproved: boolean;
      /** Review record */
      restorationReview: { reviewedOn: string; details: string };
      /** Why the decision departs from the findings (required then, by the form) */
      restorationJustification?: string;
    };
  };
  /** Surveillance review before restoration (6.7.2, 6.7.1, 6.8.2), form isccc-surveillance-review */
  "restoration-surveillance-review": {
    shows: {
      /** Certificate */
      certificateNumber?: string;
      /** Certified category */
      grantedCategory?: Category;
      /** Certified level */
      grantedLevel?: 1 | 2 | 3;
      /** Output of isccc.surveillance-checks (trigger restoration) */
      surveillanceFindings?: Findings<SurveillanceProposal>;
    };
    outputs: {
      /** The review record (6.7.2 content) */
      surveillance: SurveillanceRecord;
      /** maintain restores the certificate; any other conclusion keeps it suspended */
      surveillanceConclusion: SurveillanceConclusion;
      /** Why the decision departs from the findings (required then, by the form) */
      surveillanceJustification?: string;
    };
  };
  /** Written review of change (6.8.5), form isccc-change-written-review */
  "change-written-review": {
    shows: {
      /** Certificate */
      certificateNumber?: string;
      /** The change application */
      change?: Record<string, unknown>;
      /** Output of isccc.change-classify */
      changeFindings?: Findings<ChangeProposal>;
    };
    outputs: {
      /** Gateway variable */
      changeApproved: boolean;
      /** Review record */
      changeReview: { reviewedOn: string; details: string };
      /** Why the decision departs from the findings (required then, by the form) */
      changeReviewJustification?: string;
    };
  };
  /** On-site verification of change (6.8.5), form isccc-change-onsite-verification */
  "change-onsite-verification": {
    shows: {
      /** Certificate */
      certificateNumber?: string;
      /** The change application */
      change?: Record<string, unknown>;
      /** Certified category */
      grantedCategory?: Category;
      /** Certified level */
      grantedLevel?: 1 | 2 | 3;
      /** Output of isccc.change-classify: the changed manifest evaluated */
      changeFindings?: Findings<ChangeProposal>;
    };
    outputs: {
      /** Verification record for the committee */
      changeVerification: ChangeVerificationRecord;
      /** Level the organisation still supports after the change (the committee decides on it) */
      grantedLevel: 1 | 2 | 3;
      /** Why the decision departs from the findings (required then, by the form) */
      changeVerificationJustification?: string;
    };
  };
}

export type TaskInputs<T extends keyof TaskIo> = TaskIo[T]['inputs'];
export type TaskHeaders<T extends keyof TaskIo> = TaskIo[T]['headers'];
export type TaskOutputs<T extends keyof TaskIo> = TaskIo[T]['outputs'];
export type UserTaskOutputs<T extends keyof UserTaskIo> = UserTaskIo[T]['outputs'];
