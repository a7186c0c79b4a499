import assert from 'node:assert/strict';
import fs from 'node:fs';
import { clauseMap, README, replaceInReadme } from '../scripts/clause-map.js';

describe('clause map', () => {
  it('bpmn/README.md has the current clause map (npm run -w bpmn clause-map -- --write)', async () => {
    const readme = fs.readFileSync(README, 'utf8');
    const table = await clauseMap();
    assert.doesNotMatch(table, /\*\*none\*\*/, 'a §6 clause is implemented by no element');
    assert.equal(readme, replaceInReadme(readme, table));
  });
});
