import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { MODEL_FILES, packageRoot } from '../src/models.js';
import type { ProcessKey } from '../src/task-types.js';
import { diagramDefects, entersOutline, farFlows, sharedTracks } from './support/di-geometry.js';
import { type LoadedModel, loadModel } from './support/model.js';
import { requireChromium } from './support/chromium.js';
import { ModelRenderer } from './support/render.js';

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
    requireChromium(this);
    await renderer.start();
    fs.mkdirSync(ARTIFACTS, { recursive: true });
  });

  after(async () => {
    await renderer.stop();
  });

  for (const key of Object.keys(MODEL_FILES) as ProcessKey[]) {
    it(`${MODEL_FILES[key]} imports without warnings, draws every element without overlaps, keeps flows off labels, and is screenshotted`, async () => {
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
      assert.deepEqual(result.crossedLabels, []);
      assert.ok(result.png.length > 20_000, `screenshot ${png} is suspiciously small (${result.png.length} bytes)`);
    });
  }
});

describe('bpmn model diagrams keep each flow on its own track (geometry of the DI)', () => {
  for (const key of Object.keys(MODEL_FILES) as ProcessKey[]) {
    it(`${MODEL_FILES[key]}: no two sequence flows share a track, and no flow passes through a shape that is not its source or target`, async () => {
      assert.deepEqual(diagramDefects(await loadModel(key)), []);
    });

    it(`${MODEL_FILES[key]}: no flow runs across more than half the diagram, except loops drawn back to an earlier point of their cycle`, async () => {
      assert.deepEqual(farFlows(await loadModel(key)), []);
    });
  }

  describe('the geometry the checks rest on', () => {
    const line = (...pts: [number, number][]) => pts.map(([x, y]) => ({ x, y }));

    it('a shared track is a collinear stretch longer than the tolerance, in either direction', () => {
      assert.deepEqual(sharedTracks(line([0, 100], [300, 100]), line([400, 101], [200, 101], [200, 0]), 4), [
        { from: { x: 200, y: 100 }, to: { x: 300, y: 100 } },
      ]);
      assert.equal(sharedTracks(line([50, 0], [50, 80]), line([50, 200], [50, 60]), 4).length, 1, 'vertical, overlapping by 20 px');
    });

    it('touching at a point, overlapping by a few pixels, crossing and running side by side are not shared tracks', () => {
      assert.deepEqual(sharedTracks(line([0, 100], [300, 100]), line([300, 100], [300, 0]), 4), [], 'meet at a corner');
      assert.deepEqual(sharedTracks(line([0, 100], [300, 100]), line([297, 100], [400, 100]), 4), [], '3 px');
      assert.deepEqual(sharedTracks(line([0, 100], [300, 100]), line([150, 0], [150, 200]), 4), [], 'cross');
      assert.deepEqual(sharedTracks(line([0, 100], [300, 100]), line([0, 110], [300, 110]), 4), [], '10 px apart');
    });

    it('a segment enters a box, a circle or a diamond only by crossing its inside, not by running along its border', () => {
      const bounds = { x: 100, y: 100, width: 50, height: 50 };
      assert.equal(entersOutline({ x: 0, y: 125 }, { x: 300, y: 125 }, { kind: 'rect', bounds }, 2), true);
      assert.equal(entersOutline({ x: 0, y: 100 }, { x: 300, y: 100 }, { kind: 'rect', bounds }, 2), false, 'along the top edge');
      assert.equal(entersOutline({ x: 0, y: 125 }, { x: 100, y: 125 }, { kind: 'rect', bounds }, 2), false, 'ends on the left edge');
      // the corners of the bounds lie outside a circle and a diamond
      const intoCorner = [
        { x: 104, y: 0 },
        { x: 104, y: 110 },
      ] as const;
      assert.equal(entersOutline(...intoCorner, { kind: 'rect', bounds }, 2), true);
      assert.equal(entersOutline(...intoCorner, { kind: 'circle', bounds }, 2), false);
      assert.equal(entersOutline(...intoCorner, { kind: 'diamond', bounds }, 2), false);
      assert.equal(entersOutline({ x: 104, y: 0 }, { x: 104, y: 300 }, { kind: 'circle', bounds }, 2), true);
      assert.equal(entersOutline({ x: 104, y: 0 }, { x: 104, y: 300 }, { kind: 'diamond', bounds }, 2), true);
      assert.equal(entersOutline({ x: 125, y: 0 }, { x: 125, y: 100 }, { kind: 'diamond', bounds }, 2), false, 'ends on the top corner');
    });
  });
});
