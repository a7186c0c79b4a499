/**
 * The language server's message table speaks both languages in every entry, for each shape its parameters take.
 * The samples quote no clause id (the values are placeholders), so the clause index does not list this file.
 */
import assert from 'node:assert/strict';
import { assertBranchesWordedDifferently, assertEveryEntryBilingual, type Samples } from '@isccc/rules/test-support/message-table';
import { MESSAGES } from '../src/messages.js';

const SAMPLES: Samples<typeof MESSAGES> = {
  'lens.fix-input-problems': [[{ count: 1 }], [{ count: 3 }]],
  'lens.qualifies': [[{ level: 3 }], [{ level: 1 }], [{ level: null }]],
  'lens.next-level-needs': [[{ level: 2, needs: 'two staff clauses' }], [{ level: 1, needs: 'the financial reports' }]],
  'lens.evidence-root': [
    [{ root: '1745a55c9372', files: 14, unsaved: false }],
    [{ root: '1745a55c9372', files: 1, unsaved: false }],
    [{ root: '53cec0053044', files: 14, unsaved: true }],
  ],
  'lens.evidence-root-tooltip': [[{ root: 'ab'.repeat(32), unsaved: false }], [{ root: 'ab'.repeat(32), unsaved: true }]],
  'lens.evidence-pending': [[]],
  'lens.evidence-unusable': [[{ count: 1, paths: 'evidence/licence.pdf' }], [{ count: 4, paths: 'evidence/a.pdf, evidence/b.pdf, evidence/c.pdf, …' }]],
  'lens.evidence-unavailable': [[{ why: 'the manifest is not saved in a folder yet' }]],
  'evidence.input-problems': [[{ count: 1 }], [{ count: 2 }]],
  'evidence.not-on-disk': [[]],
  'evidence.failed': [[{ detail: 'ENOENT' }]],
  'evidence.name-taken': [[]],
  'diagnostic.uncovered-clause': [[{ label: 'the drill clause', kind: 'quantitative' }], [{ label: 'the site clause', kind: 'evidence' }]],
};

describe('language server messages (language-server/src/messages.ts)', () => {
  it('renders every entry in Chinese and in English for its sample parameters', () => {
    assertEveryEntryBilingual(MESSAGES, SAMPLES, 4);
  });

  it('words each branch of an entry differently', () => {
    assertBranchesWordedDifferently(MESSAGES, SAMPLES);
  });

  it('names levels as the vocabulary does, and counts input problems in the singular once', () => {
    assert.deepEqual(MESSAGES['lens.qualifies']({ level: 2 }), { zh: 'ISCCC：目前满足二级', en: 'ISCCC: qualifies for level 2' });
    assert.equal(MESSAGES['lens.next-level-needs']({ level: 1, needs: 'the audit clause' }).zh, '一级还需：the audit clause');
    assert.equal(MESSAGES['lens.fix-input-problems']({ count: 1 }).en, 'ISCCC: fix 1 input problem to evaluate');
    assert.equal(MESSAGES['lens.fix-input-problems']({ count: 2 }).en, 'ISCCC: fix 2 input problems to evaluate');
  });
});
