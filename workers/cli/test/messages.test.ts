/** The CLI's message table speaks both languages in every entry, for each shape its parameters take. */
import { assertBranchesWordedDifferently, assertEveryEntryBilingual, type Samples } from '@isccc/rules/test-support/message-table';
import { MESSAGES } from '../src/messages.js';

const target = { category: 'risk-assessment', level: 2 } as const;
const counts = { pass: 40, fail: 2, 'missing-evidence': 1, 'manual-review': 3, 'not-applicable': 4 };
const organisation = { name: 'Hangzhou Mingheng', nameEn: 'Hangzhou Mingheng Co., Ltd.' };

const SAMPLES: Samples<typeof MESSAGES> = {
  'check.heading': [
    [{ file: 'manifest.isccc.yaml', target, asOf: '2026-11-01' }],
    [{ file: 'dr.isccc.yaml', target: { ...target, category: 'disaster-recovery', drClass: 'A' }, asOf: '2026-11-01' }],
  ],
  'check.status': [[{ status: 'pass' }], [{ status: 'fail' }], [{ status: 'missing-evidence' }], [{ status: 'manual-review' }], [{ status: 'not-applicable' }]],
  'check.counts': [[{ counts }]],
  'check.summary': [
    [{ qualifyingLevel: 3, next: { level: 2, needs: 'two staff clauses' } }],
    [{ qualifyingLevel: null, next: { level: 3, needs: 'the financial reports' } }],
    [{ qualifyingLevel: 1, next: null }],
  ],
  'check.evidence-not-checked': [[]],
  'check.field': [[{ field: 'people.serviceStaff' }]],
  'check.batch-summary': [
    [{ total: 12, pass: 9, findings: 2, bad: 1, threads: 2, seconds: 1.4, rate: 9 }],
    [{ total: 1, pass: 1, findings: 0, bad: 0, threads: 1, seconds: 0.2, rate: 5 }],
  ],
  'check.rule-file-not-used': [
    [{ problem: 'not-found', detail: 'ENOENT' }],
    [{ problem: 'not-a-file', detail: 'EISDIR' }],
    [{ problem: 'too-large', detail: '9 MB' }],
    [{ problem: 'outside-folder', detail: 'a link out of the folder' }],
    [{ problem: 'unreadable', detail: 'EACCES' }],
  ],
  'form.title': [[]],
  'form.sheet-title': [[{ organisation, target: { zh: '风险评估 二级', en: 'risk-assessment, level 2' }, asOf: '2026-11-01' }]],
  'form.translation-note': [[]],
  'form.sheet.application': [[]],
  'form.summary': [[]],
  'form.sheet.form': [[]],
  'form.column.no': [[]],
  'form.column.clause': [[]],
  'form.column.requirement': [[]],
  'form.column.conclusion': [[]],
  'form.column.evidence': [[]],
  'form.column.remarks': [[]],
  'form.column.section': [[]],
  'form.column.item': [[]],
  'form.column.value': [[]],
  'form.conclusion': [
    [{ conclusion: 'conforms' }],
    [{ conclusion: 'does-not-conform' }],
    [{ conclusion: 'to-be-reviewed' }],
    [{ conclusion: 'not-applicable' }],
  ],
  'form.counts': [[{ counts: { conforms: 30, 'does-not-conform': 2, 'to-be-reviewed': 5, 'not-applicable': 1 } }]],
  'form.no-level': [[]],
  'form.highest-level': [[]],
  'form.not-stated': [[]],
  'form.summary.organisation': [[]],
  'form.summary.target': [[]],
  'form.summary.as-of': [[]],
  'form.summary.qualifying-level': [[]],
  'form.summary.next-level': [[]],
  'form.summary.conclusions': [[]],
  'form.summary.evidence-root': [[]],
  'application.form': [[]],
  'application.legal-status': [[{ status: 'independent' }], [{ status: 'branch' }], [{ status: 'unincorporated' }]],
  'application.section.applicant': [[]],
  'application.section.applying': [[]],
  'application.section.contact': [[]],
  'application.section.staff': [[]],
  'application.section.projects': [[]],
  'application.row.name': [[]],
  'application.row.name-en': [[]],
  'application.row.credit-code': [[]],
  'application.row.legal-status': [[]],
  'application.row.registered-in': [[]],
  'application.row.founded': [[]],
  'application.row.registered-address': [[]],
  'application.row.postal-address': [[]],
  'application.row.postcode': [[]],
  'application.row.management-systems': [[]],
  'application.row.category': [[]],
  'application.row.dr-class': [[]],
  'application.row.level': [[]],
  'application.row.service-since': [[]],
  'application.row.certificates-held': [[]],
  'application.row.as-of': [[]],
  'application.row.contact-person': [[]],
  'application.row.phone': [[]],
  'application.row.email': [[]],
  'application.row.head-of-organisation': [[]],
  'application.row.technical-head': [[]],
  'application.row.finance-head': [[]],
  'application.row.service-staff': [[]],
  'application.row.certified-staff': [[]],
  'application.row.project-managers': [[]],
  'application.row.completed-projects': [[]],
  'application.row.category-projects': [[]],
  'packet.quote-root': [[]],
};

describe('CLI messages (workers/cli/src/messages.ts)', () => {
  it('renders every entry in Chinese and in English for its sample parameters', () => {
    assertEveryEntryBilingual(MESSAGES, SAMPLES, 61);
  });

  it('words each branch of an entry differently', () => {
    assertBranchesWordedDifferently(MESSAGES, SAMPLES);
  });
});
