/** The client's message table speaks both languages in every entry, for each shape its parameters take (no VS Code needed). */
import assert from 'node:assert/strict';
import { assertBranchesWordedDifferently, assertEveryEntryBilingual, type Samples } from '@isccc/rules/test-support/message-table';
import { MESSAGES } from '../src/messages.js';

const SAMPLES: Samples<typeof MESSAGES> = {
  'status.text': [[{ level: 2, findings: 3 }], [{ level: null, findings: 1 }], [{ level: 1, findings: 0 }]],
  'status.click': [[]],
  'status.blocking': [[{ level: 2 }], [{ level: 1 }]],
  'report.target': [
    [{ category: 'risk-assessment', drClass: undefined, level: 2, asOf: '2026-11-01' }],
    [{ category: 'disaster-recovery', drClass: 'A', level: 3, asOf: null }],
  ],
  'report.summary': [[{ level: 3, findings: 5 }], [{ level: null, findings: 1 }]],
  'report.problems': [[]],
  'report.show-passed': [[]],
  'report.column.rule': [[]],
  'report.column.status': [[]],
  'report.column.finding': [[]],
  'report.column.location': [[]],
  'evidence.root': [
    [{ root: 'ab'.repeat(32), files: 14, unsaved: false }],
    [{ root: 'ab'.repeat(32), files: 1, unsaved: false }],
    [{ root: 'cd'.repeat(32), files: 14, unsaved: true }],
  ],
  'evidence.unusable': [[{ problems: ['evidence/licence.pdf: file not found'] }], [{ problems: ['evidence/a.pdf: file not found', 'b.pdf: hash mismatch'] }]],
  'evidence.pending': [[]],
  'evidence.unavailable': [[{ why: 'the manifest is not saved in a folder yet' }]],
  'evidence.copied': [[{ root: 'ab'.repeat(32) }]],
  'evidence.no-manifest': [[]],
};

describe('client messages (vscode-extension/src/messages.ts)', () => {
  it('renders every entry in Chinese and in English for its sample parameters', () => {
    assertEveryEntryBilingual(MESSAGES, SAMPLES, 10);
  });

  it('words each branch of an entry differently', () => {
    assertBranchesWordedDifferently(MESSAGES, SAMPLES);
  });

  it('counts findings in the singular once and in the plural otherwise', () => {
    assert.equal(MESSAGES['status.text']({ level: 2, findings: 1 }).en, 'level 2 · 1 finding');
    assert.equal(MESSAGES['status.text']({ level: 2, findings: 2 }).en, 'level 2 · 2 findings');
    assert.equal(MESSAGES['status.text']({ level: null, findings: 2 }).zh, '未达到任何级别 · 2 项发现');
  });
});
