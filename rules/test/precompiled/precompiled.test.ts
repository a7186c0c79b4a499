/**
 * The build's precompiled catalog, rulebook and validators (dist/generated/) are what the sources make now, and
 * a loader never uses one that is stale.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { catalogClauses, catalogFiles, loadCatalog } from '../../src/catalog/catalog.js';
import { artifacts } from '../../src/precompiled/build.js';
import { generatedPath, readArtifact } from '../../src/precompiled/precompiled.js';
import { loadRulebook, rulebookArtifactName, rulebookDir, rulebookFiles, rulebookFromFiles } from '../../src/rulebook/rulebook.js';
import { validateData } from '../../src/schema/validator.js';

describe('precompiled rules data (dist/generated/)', function () {
  this.timeout(60_000);

  it('is what the sources make now (run `npm run build` after editing the catalog, a rule file or a schema)', async function () {
    const made = await artifacts();
    assert.ok(made.size >= 4);
    for (const [name, content] of made)
      assert.ok(fs.existsSync(generatedPath(name)) && fs.readFileSync(generatedPath(name), 'utf8') === content, `${name} is stale`);
  });

  it('loads the same catalog and rulebook as reading the sources', function () {
    assert.deepEqual(loadCatalog().all, catalogClauses(catalogFiles()));
    assert.deepEqual(loadRulebook(), rulebookFromFiles(rulebookFiles(rulebookDir())));
  });

  it('is ignored once its sources change', function () {
    const files = rulebookFiles(rulebookDir());
    assert.ok(readArtifact(rulebookArtifactName(), files) !== undefined);
    assert.equal(readArtifact(rulebookArtifactName(), files.slice(1)), undefined);
  });

  it('validates as the schema does (the standalone validator reports the same errors)', function () {
    const errors = validateData('manifest', { isccc: 'manifest/v1', extra: 1 });
    assert.ok(errors.some((e) => e.keyword === 'additionalProperties'));
    assert.ok(errors.some((e) => e.keyword === 'required'));
    assert.ok(
      errors.every((e) => e.parentSchema !== undefined),
      'verbose errors carry their schema',
    );
  });
});
