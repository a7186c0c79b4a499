/**
 * The language server's message table speaks both languages in every entry, for each shape its parameters take.
 * The samples quote no clause id (the values are placeholders), so the clause index does not list this file.
 */
import assert from 'node:assert/strict';
import type { Text } from '@isccc/rules';
import { type MessageCode, MESSAGES } from '../src/messages.js';

/** Parameters to render each entry with: one list per entry, one item per branch its words take (a compile error while one is missing). */
type Samples = { [C in MessageCode]: Parameters<(typeof MESSAGES)[C]>[] };

const SAMPLES: Samples = {
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

const HAN = /\p{Script=Han}/u;
const UNFILLED = /undefined|null|NaN|\[object/;
const render = (code: MessageCode, params: unknown[]): Text => (MESSAGES[code] as (...p: unknown[]) => Text)(...params);

describe('language server messages (language-server/src/messages.ts)', () => {
  it('renders every entry in Chinese and in English for its sample parameters', () => {
    const codes = Object.keys(MESSAGES) as MessageCode[];
    assert.ok(codes.length >= 4, `${codes.length} entries`);
    for (const code of codes) {
      assert.ok(SAMPLES[code].length > 0, `${code}: no sample parameters`);
      for (const params of SAMPLES[code]) {
        const text = render(code, params);
        assert.match(text.zh, HAN, `${code}: zh "${text.zh}"`);
        assert.ok(text.en.trim() !== '' && !HAN.test(text.en), `${code}: en "${text.en}"`);
        assert.doesNotMatch(`${text.zh} ${text.en}`, UNFILLED, `${code}: a value left unfilled`);
      }
    }
  });

  it('words each branch of an entry differently', () => {
    for (const code of Object.keys(SAMPLES) as MessageCode[]) {
      const texts = SAMPLES[code].map((params) => render(code, params));
      for (const lang of ['zh', 'en'] as const) assert.equal(new Set(texts.map((t) => t[lang])).size, texts.length, `${code} (${lang})`);
    }
  });

  it('names levels as the vocabulary does, and counts input problems in the singular once', () => {
    assert.deepEqual(MESSAGES['lens.qualifies']({ level: 2 }), { zh: 'ISCCC：目前满足二级', en: 'ISCCC: qualifies for level 2' });
    assert.equal(MESSAGES['lens.next-level-needs']({ level: 1, needs: 'the audit clause' }).zh, '一级还需：the audit clause');
    assert.equal(MESSAGES['lens.fix-input-problems']({ count: 1 }).en, 'ISCCC: fix 1 input problem to evaluate');
    assert.equal(MESSAGES['lens.fix-input-problems']({ count: 2 }).en, 'ISCCC: fix 2 input problems to evaluate');
  });
});
