import assert from 'node:assert/strict';
import fs from 'node:fs';
import { buildLintData, LINT_DATA_FILE, serialiseLintData } from '../scripts/lint-data.js';

describe('bpmnlint-plugin-isccc data', () => {
  it('lint/contract.json matches the catalog and the task-type contract (npm run -w bpmn lint-data)', () => {
    assert.equal(fs.readFileSync(LINT_DATA_FILE, 'utf8'), serialiseLintData(buildLintData()));
  });
});
