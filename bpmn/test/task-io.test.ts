import assert from 'node:assert/strict';
import fs from 'node:fs';
import { buildTaskIo, TASK_IO_FILE, tsType } from '../scripts/task-io.js';

describe('typed task IO (src/generated/task-io.ts)', () => {
  it('is generated from the contract (npm run -w bpmn task-io)', () => {
    assert.equal(fs.readFileSync(TASK_IO_FILE, 'utf8'), buildTaskIo());
  });

  it('reads the contract’s type strings as TypeScript', () => {
    assert.equal(tsType('string (date-time)'), 'string');
    assert.equal(tsType('{ reviewedOn: string (date); details: object }'), '{ reviewedOn: string; details: Record<string, unknown> }');
    assert.equal(tsType('Findings<MaterialReviewProposal>'), 'Findings<MaterialReviewProposal>');
  });
});
