/** The rules package's message table speaks both languages in every entry, for each shape its parameters take. */
import type { ErrorObject } from 'ajv/dist/2020.js';
import { quote } from '../src/manifest/text-format.js';
import { MESSAGES } from '../src/messages.js';
import { ANNEX_OF_CATEGORY } from '../src/vocabulary/categories.js';
import type { Text } from '../src/vocabulary/text.js';
import { assertBranchesWordedDifferently, assertEveryEntryBilingual, type Samples } from './support/message-table.js';

// No clause id in quotes: the clause index counts the ids tests quote, and this is no test of a clause.
const clause = 'the clause';
const title: Text = { zh: '从事信息安全服务人员', en: 'Service staff' };
const none: Text = { zh: '', en: '' };
const where = 'people.serviceStaff';
const ajvError = (keyword: string, params: Record<string, unknown>, message?: string): ErrorObject => ({
  keyword,
  instancePath: '/people/serviceStaff',
  schemaPath: `#/properties/people/properties/serviceStaff/${keyword}`,
  params,
  ...(message === undefined ? {} : { message }),
});

const SAMPLES: Samples<typeof MESSAGES> = {
  'finding.met': [
    [{ clause, title, actual: { zh: '12', en: '12' }, expected: { zh: '10', en: '10' } }],
    [{ clause, title, actual: { zh: '12', en: '12' }, expected: none }],
    [{ clause, title, actual: none, expected: { zh: '10', en: '10' } }],
    [{ clause, title, actual: none, expected: none }],
  ],
  'finding.supported': [[{ clause, documents: ['evidence/lease.pdf', 'evidence/licence.pdf'] }]],
  'finding.not-judged': [
    [{ clause, rule: 'isccc/service-staff', field: 'condition', overrun: 'steps', limit: 2_000_000, at: 'staff.rules.yaml:8:14' }],
    [{ clause, rule: 'isccc/service-staff', field: 'condition', overrun: 'cells', limit: 1_000_000, at: 'staff.rules.yaml:8:14' }],
    [{ clause, rule: 'isccc/service-staff', field: 'actual', overrun: 'time', limit: 2_000, at: 'staff.rules.yaml:9:11' }],
    [{ clause, rule: 'isccc/service-staff', field: 'actual', overrun: 'time', limit: 0, at: 'staff.rules.yaml:9:11' }],
    [{ clause, rule: 'isccc/service-staff', field: 'condition', overrun: 'cancelled', limit: 0, at: 'staff.rules.yaml:8:14' }],
  ],
  'finding.category': [
    [{ category: 'security-integration' }],
    [{ category: 'disaster-recovery', drClass: 'B' }],
    [{ category: 'security-integration', annex: 'B' }],
    [{ category: 'disaster-recovery', drClass: 'A', annex: `${ANNEX_OF_CATEGORY['disaster-recovery']}1` }],
  ],
  'finding.reasons': [
    [
      {
        reasons: [
          { zh: 'a.pdf：文件不存在', en: 'a.pdf: file not found' },
          { zh: 'b.pdf：已于 2024-01-01 失效', en: 'b.pdf: expired on 2024-01-01' },
        ],
      },
    ],
  ],
  'finding.none': [[]],
  'evidence.missing': [[]],
  'evidence.hash-mismatch': [[{ expected: 'a'.repeat(64), actual: 'b'.repeat(64) }]],
  'evidence.outside-workspace': [[{ why: MESSAGES['evidence.path.symbolic-link']() }]],
  'evidence.expired': [[{ validUntil: '2024-01-01' }]],
  'evidence.unreadable': [[{ why: MESSAGES['evidence.file.not-regular']() }]],
  'evidence.path.symbolic-link': [[]],
  'evidence.path.absolute': [[]],
  'evidence.path.leaves-folder': [[]],
  'evidence.path.through-link': [[{ link: 'scans' }]],
  'evidence.file.not-regular': [[]],
  'evidence.file.too-large': [[{ megabytes: 512 }]],
  'date.not-a-date': [[{ quoted: '"yesterday"' }]],
  'date.invalid-month': [[{ quoted: '"2024-13-01"', month: 13 }]],
  'date.invalid-day': [[{ quoted: '"2023-02-29"', year: 2023, month: 2, days: 28 }]],
  'input.not-a-file': [[{ detail: 'EISDIR (a folder, not a file)' }]],
  'input.unreadable': [[{ detail: 'EACCES' }]],
  'input.too-large': [[{ bytes: 2_500_000, limit: 2 * 1048576 }]],
  'input.yaml-syntax': [[{ detail: 'Nested mappings are not allowed in compact mappings at line 3, column 8:\n\n  a: b: c\n       ^\n' }]],
  'input.alias-expansion': [[{ detail: 'Excessive alias count indicates a resource exhaustion attack' }]],
  'input.too-deep': [[{ limit: 64 }]],
  'input.too-deep-to-parse': [[{ limit: 256 }]],
  'input.complex-key': [[]],
  'input.forbidden-key': [[{ quoted: quote('__proto__') }]],
  'input.more-problems': [[{ more: 19_901, shown: 100 }]],
  'clause.unknown': [[{ quoted: quote(clause), edition: 'isccc-sv-001:2015' }]],
  'manifest.heading-clause': [
    [{ label: 'the heading', items: [] }],
    [{ label: 'the heading', items: ['item a', 'item b'] }],
    [{ label: 'the heading', items: ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((letter) => `item ${letter}`) }],
  ],
  'manifest.dr-class': [[]],
  'manifest.project-date-order': [[{ project: quote('P-2024-07'), start: '2024-07-01', end: '2024-03-31' }]],
  'manifest.trial-run-date-order': [[{ project: quote('P-2024-07') }]],
  'manifest.staff-count': [[{ technical: 16, service: 14 }]],
  'manifest.duplicate-person-id': [[{ quoted: quote('li-qiang'), first: 0 }]],
  'manifest.unknown-person': [
    [{ quoted: quote('wang-fang'), ids: [] }],
    [{ quoted: quote('wang-fang'), ids: ['li-qiang', 'zhou-ya'] }],
    [{ quoted: quote('wang-fang'), ids: Array.from({ length: 9 }, (_, i) => `staff-${i + 1}`) }],
  ],
  'manifest.person-name': [[{ name: quote('Li Qiang'), person: quote('li-qiang'), recorded: quote('Li Qiang Jr.') }]],
  'manifest.ambiguous-person': [[{ name: quote('Li Qiang'), ids: ['li-qiang-1', 'li-qiang-2'] }]],
  'rules.incomplete-check': [[{ clause: quote(clause), field: 'condition' }]],
  'rules.duplicate-id': [[{ quoted: quote('isccc/service-staff'), file: 'staff.rules.yaml' }]],
  // The parser's detail is English, and the Chinese leaves it out: the two samples differ in their expressions too.
  'feel.syntax': [
    [{ quoted: quote('serviceStaff >'), column: 15, detail: undefined }],
    [{ quoted: quote('count(staff'), column: 12, detail: 'unexpected end of input\n  count(staff\n             ^' }],
  ],
  'feel.unsafe.function-definitions': [[]],
  'feel.unsafe.range-loops': [[]],
  'feel.unsupported.comparison-test': [[]],
  'feel.unsupported.temporal': [[]],
  'feel.unsupported.function': [[{ name: 'today' }]],
  'feel.unsupported.construct': [[{ name: 'SpecialFunctionName' }]],
  'schema.unknown-field': [[{ where: 'application', quoted: '"categry"', hint: 'category' }], [{ where: 'application', quoted: '"colour"', hint: undefined }]],
  'schema.missing-field': [[{ where: '(document)', missing: 'organisation' }]],
  'schema.not-one-of': [[{ where: 'application.level', allowed: '1, 2, 3' }]],
  'schema.not-the-constant': [[{ where: 'isccc', value: '"manifest/v1"' }]],
  'schema.invalid': [[{ where, why: MESSAGES['schema.must.one-line']() }]],
  'schema.must.date': [[{ shown: '"soon"', alternative: undefined }], [{ shown: '"soon"', alternative: 'never' }]],
  'schema.must.sha256': [[]],
  'schema.must.clause-id': [[]],
  'schema.must.one-line': [[]],
  'schema.must.ajv': [
    [{ error: ajvError('type', { type: 'integer,string' }, 'must be integer,string') }],
    [{ error: ajvError('minimum', { comparison: '>=', limit: 0 }, 'must be >= 0') }],
    [{ error: ajvError('maxItems', { limit: 200 }, 'must NOT have more than 200 items') }],
    [{ error: ajvError('minItems', { limit: 1 }, 'must NOT have fewer than 1 items') }],
    [{ error: ajvError('maxLength', { limit: 200 }, 'must NOT have more than 200 characters') }],
    [{ error: ajvError('minLength', { limit: 1 }, 'must NOT have fewer than 1 characters') }],
    [{ error: ajvError('uniqueItems', { i: 1, j: 0 }, 'must NOT have duplicate items (items ## 0 and 1 are identical)') }],
    [{ error: ajvError('multipleOf', { multipleOf: 2 }) }],
  ],
  'target.description': [[{ target: { category: 'risk-assessment', level: 2 } }], [{ target: { category: 'disaster-recovery', level: 1, drClass: 'A' } }]],
};

describe('rules messages (rules/src/messages.ts)', () => {
  it('renders every entry in Chinese and in English for its sample parameters', () => {
    assertEveryEntryBilingual(MESSAGES, SAMPLES, 31);
  });

  it('words each branch of an entry differently', () => {
    assertBranchesWordedDifferently(MESSAGES, SAMPLES);
  });
});
