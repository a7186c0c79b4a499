import { createRequire } from 'node:module';
import path from 'node:path';
import { ChromiumHost } from './chromium.js';

const require = createRequire(import.meta.url);
const bpmnJsDist = path.join(path.dirname(require.resolve('bpmn-js/package.json')), 'dist');

export interface RenderResult {
  warnings: string[];
  error?: string;
  elementCount: number;
  /** Shapes of flow nodes and edges drawn on the canvas. */
  shapeCount: number;
  connectionCount: number;
  /** Pairs of overlapping non-container shapes (ids), as bpmn-js positions them. */
  overlaps: string[];
  /**
   * Labels whose drawn text overlaps a node shape (boundary events included, a sub-process where the text straddles its
   * border) or another label's text.
   */
  labelOverlaps: string[];
  /** Labels whose drawn text a sequence flow other than the labelled one runs through. */
  crossedLabels: string[];
  png: Buffer;
}

const PAGE = `<!doctype html>
<html><head><meta charset="utf-8">
<link rel="stylesheet" href="/dist/assets/diagram-js.css">
<link rel="stylesheet" href="/dist/assets/bpmn-js.css">
<style>html,body{margin:0;background:#fff}#canvas{width:100vw;height:100vh}</style>
<script src="/dist/bpmn-navigated-viewer.production.min.js"></script>
</head><body><div id="canvas"></div>
<script>
window.renderModel = async (xml) => {
  const viewer = new BpmnJS({ container: '#canvas' });
  try {
    const { warnings } = await viewer.importXML(xml);
    const canvas = viewer.get('canvas');
    canvas.zoom('fit-viewport');
    const registry = viewer.get('elementRegistry');
    const all = registry.getAll();
    const shapes = all.filter((e) => !e.waypoints && e.type !== 'label' && e.parent);
    const boxes = shapes.filter((e) => !/SubProcess|Participant|Lane/.test(e.type) && e.type !== 'bpmn:BoundaryEvent');
    const hit = (a, b) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
    const overlaps = [];
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) if (hit(boxes[i], boxes[j])) overlaps.push(boxes[i].id + ' x ' + boxes[j].id);
    // a label's box in the DI need not be where its text ends up: measure the text bpmn-js drew
    const labels = all.filter((e) => e.type === 'label').map((l) => {
      const text = registry.getGraphics(l).querySelector('text');
      const bb = text ? text.getBBox() : { x: 0, y: 0, width: l.width, height: l.height };
      return { l, box: { x: l.x + bb.x, y: l.y + bb.y, width: bb.width, height: bb.height } };
    });
    const within = (a, b) => a.x > b.x && a.y > b.y && a.x + a.width < b.x + b.width && a.y + a.height < b.y + b.height;
    const touches = (p, q, r) => Math.max(p.x, q.x) > r.x - 1 && Math.min(p.x, q.x) < r.x + r.width + 1 && Math.max(p.y, q.y) > r.y - 1 && Math.min(p.y, q.y) < r.y + r.height + 1;
    const flows = all.filter((e) => e.waypoints);
    const labelOverlaps = [];
    const crossedLabels = [];
    for (const { l, box } of labels) {
      for (const s of shapes) {
        if (s === l.labelTarget || !hit(box, s)) continue;
        if (/SubProcess/.test(s.type) && within(box, s)) continue;
        labelOverlaps.push(l.labelTarget.id + ' label x ' + s.id);
      }
      for (const o of labels) if (o.l.id < l.id && hit(box, o.box)) labelOverlaps.push(l.labelTarget.id + ' label x ' + o.l.labelTarget.id + ' label');
      for (const f of flows) {
        if (f !== l.labelTarget && f.waypoints.some((p, i) => i > 0 && touches(f.waypoints[i - 1], p, box))) crossedLabels.push(f.id + ' runs through the label of ' + l.labelTarget.id);
      }
    }
    return {
      warnings: warnings.map((w) => String(w.message || w)),
      elementCount: all.length,
      shapeCount: shapes.length,
      connectionCount: all.filter((e) => e.waypoints).length,
      overlaps,
      labelOverlaps,
      crossedLabels,
      viewbox: canvas.viewbox(),
    };
  } catch (err) {
    return { warnings: (err.warnings || []).map((w) => String(w.message || w)), error: String(err.message || err), elementCount: 0, shapeCount: 0, connectionCount: 0, overlaps: [], labelOverlaps: [], crossedLabels: [] };
  }
};
</script></body></html>`;

export class ModelRenderer extends ChromiumHost {
  constructor() {
    super(PAGE, bpmnJsDist);
  }

  /** Imports one model into bpmn-js's NavigatedViewer and screenshots the fitted canvas. */
  async render(xml: string, viewport = { width: 2400, height: 1300 }): Promise<RenderResult> {
    const { page, pageErrors } = await this.newPage(viewport, 'renderModel');
    try {
      const result = await page.evaluate(
        (source) => (window as unknown as { renderModel: (x: string) => Promise<Omit<RenderResult, 'png'>> }).renderModel(source),
        xml,
      );
      const png = await page.screenshot({ fullPage: false });
      if (pageErrors.length) result.error = [result.error, ...pageErrors].filter(Boolean).join('; ');
      return { ...result, png };
    } finally {
      await page.close();
    }
  }
}
