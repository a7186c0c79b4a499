/** The handlers' message table speaks both languages in every entry, for each shape its parameters take. */
import { ERRORS, type SurveillanceConclusion } from '@isccc/bpmn';
import { assertBranchesWordedDifferently, assertEveryEntryBilingual, type Samples } from '@isccc/rules/test-support/message-table';
import { MESSAGES } from '../src/handlers/messages.js';

const certificateNumber = 'ISCCC-ISV-RA3-2026-37796446';
const applicationId = 'APP-20261101-2208177D';
const category = 'risk-assessment';
// Grounds from the contract, not quoted: this is no test of their clauses (the clause index counts the ids tests quote).
const suspension = ERRORS.ISCCC_6_8_2_D.clause;
const misuse = ERRORS.ISCCC_6_8_2_B.clause;
const majorNonconformity = ERRORS.ISCCC_6_8_2_C.clause as SurveillanceConclusion;
const summary = MESSAGES['surveillance-checks.summary']({ trigger: 'annual', majorNonconformities: 0, certificateUse: 'proper', previous: 1 });

const SAMPLES: Samples<typeof MESSAGES> = {
  'self-assessment.no-manifest': [[]],
  'self-assessment.done': [[{ level: 3, met: true, pass: 56, failed: 0, manualReview: 0 }], [{ level: 2, met: false, pass: 40, failed: 3, manualReview: 2 }]],
  'application-submit.incomplete': [[{ missing: ['applicant.name', 'drClass (A/B)'] }]],
  'application-submit.submitted': [[{ applicationId, category, level: 3, documents: 13 }]],
  'material-checks.summary': [[{ category, level: 2, grantable: 3, missing: 2, round: 1 }], [{ category, level: 2, grantable: null, missing: 0, round: 2 }]],
  'material-checks.checked': [[{ summary, outcome: 'accepted' }], [{ summary, outcome: 'supplement' }], [{ summary, outcome: 'refused' }]],
  'request-supplement.requested': [[{ applicationId, round: 1, items: 2 }]],
  'contract-sign.refused': [[]],
  'contract-sign.signed': [[{ contractId: 'CTR-20261101-2208177D', category, level: 3 }]],
  'onsite-checks.summary': [
    [{ category, level: 1, failing: 0, observations: 2, projects: 3 }],
    [{ category, level: 2, failing: 1, observations: 0, projects: 0 }],
  ],
  'onsite-checks.checked': [[{ summary }]],
  'onsite-report.review-not-passed': [[{ majorNonconformities: 2 }]],
  'onsite-report.witness-not-passed': [[{ project: 'P-2025-07' }]],
  'onsite-report.issued': [
    [{ id: 'OSR-20261101', observations: 1, witness: { project: 'P-2025-07' } }],
    [{ id: 'OSR-20261101', observations: 0, witness: undefined }],
  ],
  'certificate-issue.issued': [[{ certificateNumber, holder: 'Hangzhou Mingheng', category, level: 3 }]],
  'public-notice.published': [
    [{ certificateNumber, status: 'valid', ground: undefined }],
    [{ certificateNumber, status: 'suspended', ground: undefined }],
    [{ certificateNumber, status: 'revoked', ground: ERRORS.ISCCC_6_8_3_B.clause }],
    [{ certificateNumber, status: 'cancelled', ground: undefined }],
  ],
  'lifecycle-start.started': [[{ certificateNumber }]],
  'rejection-notify.notified': [[{ applicant: 'Hangzhou Mingheng', reason: '6.3 refused by the document review' }]],
  'committee-validate.invalid': [[{ size: 2 }]],
  'committee-validate.valid': [[{ size: 3 }]],
  'committee-validate.verification-row': [[]],
  'committee-validate.verification-observation-row': [[]],
  'committee-validate.verification-brief': [[{ recommendation: 'grant' }], [{ recommendation: 'refuse' }]],
  'committee-validate.report-row': [[{ id: 'OSR-20261101' }]],
  'committee-validate.nonconformities-row': [[]],
  'committee-validate.observation-row': [[]],
  'committee-validate.report-brief': [[{ recommendation: 'grant' }], [{ recommendation: 'refuse' }]],
  'committee-tally.refused-by-majority': [[]],
  'committee-tally.decided': [[{ votesFor: 3, votesAgainst: 0, decision: 'grant' }], [{ votesFor: 1, votesAgainst: 2, decision: 'refuse' }]],
  'surveillance-schedule.scheduled': [[{ start: '2027-10-01', deadline: '2027-11-01', base: '2026-11-01' }]],
  'information-checks.extra-ground': [[]],
  'information-checks.no-ground': [[]],
  'information-checks.summary': [[{ trigger: 'complaint', report: 'late delivery' }], [{ trigger: 'information', report: undefined }]],
  'information-checks.checked': [[{ summary, extra: true }], [{ summary, extra: false }]],
  'surveillance-checks.trigger-row': [[]],
  'surveillance-checks.previous-observation-row': [[]],
  'surveillance-checks.summary': [[{ trigger: 'misuse', majorNonconformities: 1, certificateUse: 'misuse-no-adverse-impact', previous: 0 }]],
  'surveillance-checks.checked': [[{ summary, conclusion: 'maintain' }], [{ summary, conclusion: majorNonconformity }]],
  'surveillance-conclude.maintained': [[{ certificateNumber }]],
  'certificate-suspend.suspended': [[{ certificateNumber, ground: suspension, until: '2027-06-10' }]],
  'restoration-checks.ground-row': [[]],
  'restoration-checks.rectification-row': [[]],
  'restoration-checks.no-rectification-row': [[]],
  'restoration-checks.surveillance-due-row': [[]],
  'restoration-checks.surveillance-not-due-row': [[]],
  'restoration-checks.summary': [
    [{ ground: suspension, rectifications: 1, surveillanceDue: true }],
    [{ ground: misuse, rectifications: 0, surveillanceDue: false }],
  ],
  'restoration-checks.checked': [[{ summary }]],
  'certificate-restore.restored': [[{ certificateNumber }]],
  'certificate-revoke.revoked': [[{ certificateNumber, reason: 'other grounds for revocation' }]],
  'certificate-cancel.cancelled': [[{ certificateNumber, requestedOn: '2027-03-01' }], [{ certificateNumber, requestedOn: undefined }]],
  'certificate-return.returned': [[{ certificateNumber }]],
  'change-classify.kinds-row': [[]],
  'change-classify.documents-row': [[]],
  'change-classify.no-documents-row': [[]],
  'change-classify.administrative': [[{ kinds: ['address'], documents: 1 }]],
  'change-classify.major': [[{ kinds: ['scope'], supported: 2 }], [{ kinds: ['scope', 'staff'], supported: null }]],
  'change-classify.classified': [[{ certificateNumber, summary }]],
  'certificate-reissue.reissued': [[{ certificateNumber, version: 2, level: 3, kinds: ['address', 'capital'] }]],
};

describe('handler messages (workers/src/handlers/messages.ts)', () => {
  it('renders every entry in Chinese and in English for its sample parameters', () => {
    assertEveryEntryBilingual(MESSAGES, SAMPLES, 51);
  });

  it('words each branch of an entry differently', () => {
    assertBranchesWordedDifferently(MESSAGES, SAMPLES);
  });
});
