/** Task type → handler: the single table every engine adapter binds jobs through. */
import type { TaskType } from '@isccc/bpmn';
import type { TaskHandler } from './contract.js';
import * as certification from './certification.js';
import * as change from './change.js';
import * as committee from './committee.js';
import * as lifecycle from './lifecycle.js';

/** One handler per job type of the contract: a type missing or unknown here does not compile. */
export const HANDLERS: Readonly<Record<string, TaskHandler>> = {
  'isccc.self-assessment': certification.selfAssessment,
  'isccc.application-submit': certification.applicationSubmit,
  'isccc.material-checks': certification.materialChecks,
  'isccc.request-supplement': certification.requestSupplement,
  'isccc.contract-sign': certification.contractSign,
  'isccc.onsite-checks': certification.onsiteChecks,
  'isccc.onsite-report': certification.onsiteReport,
  'isccc.committee-validate': committee.committeeValidate,
  'isccc.committee-tally': committee.committeeTally,
  'isccc.certificate-issue': certification.certificateIssue,
  'isccc.public-notice': certification.publicNotice,
  'isccc.lifecycle-start': certification.lifecycleStart,
  'isccc.rejection-notify': certification.rejectionNotify,
  'isccc.surveillance-schedule': lifecycle.surveillanceSchedule,
  'isccc.information-checks': lifecycle.informationChecks,
  'isccc.surveillance-checks': lifecycle.surveillanceChecks,
  'isccc.surveillance-conclude': lifecycle.surveillanceConclude,
  'isccc.certificate-suspend': lifecycle.certificateSuspend,
  'isccc.restoration-checks': lifecycle.restorationChecks,
  'isccc.certificate-restore': lifecycle.certificateRestore,
  'isccc.certificate-revoke': lifecycle.certificateRevoke,
  'isccc.certificate-cancel': lifecycle.certificateCancel,
  'isccc.certificate-return': lifecycle.certificateReturn,
  'isccc.change-classify': change.changeClassify,
  'isccc.certificate-reissue': change.certificateReissue,
} satisfies Record<TaskType, TaskHandler>;
