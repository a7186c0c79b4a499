import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { MODEL_FILES, packageRoot } from '../src/models.js';
import type { ProcessKey } from '../src/task-types.js';
import { type LoadedModel, loadModel } from './support/model.js';
import { CHROMIUM, ModelRenderer } from './support/render.js';

const ARTIFACTS = path.join(packageRoot, '.artifacts');

/** A viewport that shows the whole diagram at about three quarters of its size, so labels stay legible. */
function viewportFor(model: LoadedModel): { width: number; height: number } {
  const boxes = [...model.shapes.values()].map((s) => s.bounds);
  const right = Math.max(...boxes.map((b) => b.x + b.width));
  const bottom = Math.max(...boxes.map((b) => b.y + b.height));
  return { width: Math.max(1200, Math.round(right * 0.75) + 80), height: Math.max(700, Math.round(bottom * 0.75) + 80) };
}

describe('bpmn models render in bpmn-js (NavigatedViewer, headless chromium)', function () {
  this.timeout(120_000);
  const renderer = new ModelRenderer();

  before(async function () {
    if (!fs.existsSync(CHROMIUM)) {
      // On CI a missing browser is a failure (bpmn/ci-setup.sh installs it); elsewhere say how to get it.
      if (process.env.CI) throw new Error(`${CHROMIUM} not found: run bpmn/ci-setup.sh`);
      console.log(`      skipped: ${CHROMIUM} not found (apt-get install chromium, or set CHROMIUM_PATH)`);
      this.skip();
    }
    await renderer.start();
    fs.mkdirSync(ARTIFACTS, { recursive: true });
  });

  after(async () => {
    await renderer.stop();
  });

  for (const key of Object.keys(MODEL_FILES) as ProcessKey[]) {
    it(`${MODEL_FILES[key]} imports without warnings, draws every element without overlaps, and is screenshotted`, async () => {
      const model = await loadModel(key);
      const result = await renderer.render(model.xml, viewportFor(model));
      const png = path.join(ARTIFACTS, `${path.basename(MODEL_FILES[key], '.bpmn')}.png`);
      fs.writeFileSync(png, result.png);
      assert.equal(result.error, undefined, `import failed: ${result.error}`);
      assert.deepEqual(result.warnings, []);
      assert.equal(result.shapeCount, model.flowNodes.length, 'one shape per flow node');
      assert.equal(result.connectionCount, model.sequenceFlows.length, 'one connection per sequence flow');
      assert.deepEqual(result.overlaps, []);
      assert.deepEqual(result.labelOverlaps, []);
      assert.ok(result.png.length > 20_000, `screenshot ${png} is suspiciously small (${result.png.length} bytes)`);
    });
  }
});
