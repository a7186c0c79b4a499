import assert from 'node:assert/strict';
import path from 'node:path';
import { evaluate } from '../../src/evaluate/evaluate.js';
import { loadManifestFile } from '../../src/manifest/load.js';
import { packageRoot } from '../../src/paths.js';

const EXAMPLES = path.resolve(packageRoot, '..', 'examples');

/** Each example is designed to fail on exactly these clauses (see examples/README.md). */
const EXPECTED: Record<string, { failing: string[]; manualReview: string[]; qualifyingLevel: number | null; actual?: Record<string, unknown> }> = {
  'risk-assessment-l3-pass': { failing: [], manualReview: [], qualifyingLevel: 3 },
  // 5 valid risk-assessment certificates, held by 4 persons (李强 holds two).
  'risk-assessment-l2-fail': { failing: ['4.2.4 d)', '4.2.4 e)', '4.2.6 b)', '4.2.7 d)'], manualReview: [], qualifyingLevel: 3, actual: { '4.2.4 e)': 4 } },
  'emergency-response-l1': { failing: [], manualReview: ['C1.1 h)', 'C2.1 h)', 'C3.1 d)', 'C3.1 e)', 'C3.2 a)', 'C3.2 b)'], qualifyingLevel: 1, actual: { '4.3.5 d)': 71 } },
  'disaster-recovery-a-l2': { failing: ['D1.2.2 b)', 'D1.2.2 c)'], manualReview: [], qualifyingLevel: 3 },
  'software-security-development-l2-expired': { failing: ['4.2.4 e)'], manualReview: [], qualifyingLevel: 3 },
};

describe('examples', () => {
  for (const [name, expected] of Object.entries(EXPECTED)) {
    it(`${name}: fails exactly ${expected.failing.join(', ') || 'nothing'}`, () => {
      const file = path.join(EXAMPLES, name, 'manifest.isccc.yaml');
      const parsed = loadManifestFile(file);
      assert.deepEqual(parsed.problems, [], 'the manifest is valid input');
      const evaluation = evaluate({ manifest: parsed.manifest!, source: parsed.source, workspaceDir: path.dirname(file) });
      const labels = (status: string[]) => [...new Set(evaluation.findings.filter((f) => status.includes(f.status)).map((f) => f.clauseLabel))];
      assert.deepEqual(labels(['fail', 'missing-evidence']), expected.failing);
      assert.deepEqual(labels(['manual-review']), expected.manualReview);
      assert.equal(evaluation.summary.qualifyingLevel, expected.qualifyingLevel);
      for (const [label, actual] of Object.entries(expected.actual ?? {})) {
        const counted = evaluation.findings.filter((f) => f.clauseLabel === label && f.rule !== 'isccc/same-person');
        assert.deepEqual(counted.map((f) => f.actual), [actual], label);
      }
      assert.ok(evaluation.evidenceFilesChecked);
    });
  }
});
