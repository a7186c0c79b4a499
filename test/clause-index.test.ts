import assert from 'node:assert/strict';
import fs from 'node:fs';
import { loadCatalog } from '@isccc/rules';
import { INDEX_FILE, renderClauseIndex } from './clause-index.js';

describe('clause index (rules/docs/clause-index.md)', () => {
  it('is fresh: every clause with every place that implements, checks or tests it (npm run clause-index)', async () => {
    const fresh = await renderClauseIndex();
    assert.equal(fs.readFileSync(INDEX_FILE, 'utf8'), fresh, 'rules/docs/clause-index.md is stale: npm run clause-index');
    for (const clause of loadCatalog().all) assert.ok(fresh.includes(`\n| ${clause.label} |`), `${clause.label} is in the index`);
  });
});
