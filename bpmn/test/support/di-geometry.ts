import type { ModdleElement } from '../../scripts/lint-runner.js';
import type { Bounds, LoadedModel } from './model.js';

export interface Point {
  x: number;
  y: number;
}

/** How a flow node is drawn: a box for activities, a circle for events, a diamond for gateways. */
export type Outline = { kind: 'rect' | 'circle' | 'diamond'; bounds: Bounds };

/** Parallel segments closer than this draw as one line. */
const SAME_LINE = 2;

/**
 * Where two polylines run on one track: collinear (within {@link SAME_LINE} px) segments whose common stretch is
 * longer than `tolerance` px. Touching at a point, crossing and running side by side further apart are not tracks.
 */
export function sharedTracks(p: readonly Point[], q: readonly Point[], tolerance: number): { from: Point; to: Point }[] {
  const shared: { from: Point; to: Point }[] = [];
  for (let i = 1; i < p.length; i++) {
    const [a, b] = [p[i - 1]!, p[i]!];
    const length = Math.hypot(b.x - a.x, b.y - a.y);
    if (length === 0) continue;
    const [ux, uy] = [(b.x - a.x) / length, (b.y - a.y) / length];
    for (let j = 1; j < q.length; j++) {
      const [c, d] = [q[j - 1]!, q[j]!];
      const other = Math.hypot(d.x - c.x, d.y - c.y);
      if (other === 0) continue;
      const parallel = Math.abs(ux * (d.y - c.y) - uy * (d.x - c.x)) / other < 1e-6;
      const offset = Math.abs(ux * (c.y - a.y) - uy * (c.x - a.x));
      if (!parallel || offset > SAME_LINE) continue;
      const along = (r: Point): number => ux * (r.x - a.x) + uy * (r.y - a.y);
      const [lo, hi] = [Math.max(0, Math.min(along(c), along(d))), Math.min(length, Math.max(along(c), along(d)))];
      if (hi - lo > tolerance) shared.push({ from: { x: a.x + ux * lo, y: a.y + uy * lo }, to: { x: a.x + ux * hi, y: a.y + uy * hi } });
    }
  }
  return shared;
}

/** Whether the segment a–b enters the outline deeper than `inset` px (running along or touching its border does not). */
export function entersOutline(a: Point, b: Point, outline: Outline, inset: number): boolean {
  const { x, y, width, height } = outline.bounds;
  const [cx, cy] = [x + width / 2, y + height / 2];
  if (outline.kind === 'circle') {
    const r = Math.min(width, height) / 2 - inset;
    const [dx, dy] = [b.x - a.x, b.y - a.y];
    const t = dx === 0 && dy === 0 ? 0 : Math.max(0, Math.min(1, ((cx - a.x) * dx + (cy - a.y) * dy) / (dx * dx + dy * dy)));
    return Math.hypot(a.x + t * dx - cx, a.y + t * dy - cy) < r;
  }
  if (outline.kind === 'diamond') {
    const [hw, hh] = [width / 2 - inset * Math.SQRT2, height / 2 - inset * Math.SQRT2];
    // |x−cx|/hw + |y−cy|/hh is convex and piecewise linear along the segment: its least value is at an end or
    // where the segment crosses one of the diamond's axes
    const at = (t: number): number => Math.abs(a.x + t * (b.x - a.x) - cx) / hw + Math.abs(a.y + t * (b.y - a.y) - cy) / hh;
    const ts = [0, 1];
    if (b.x !== a.x) ts.push((cx - a.x) / (b.x - a.x));
    if (b.y !== a.y) ts.push((cy - a.y) / (b.y - a.y));
    return ts.filter((t) => t >= 0 && t <= 1).some((t) => at(t) < 1);
  }
  // Liang–Barsky clipping against the box shrunk by the inset
  const [left, right, top, bottom] = [x + inset, x + width - inset, y + inset, y + height - inset];
  let [t0, t1] = [0, 1];
  const [dx, dy] = [b.x - a.x, b.y - a.y];
  for (const [p, q] of [
    [-dx, a.x - left],
    [dx, right - a.x],
    [-dy, a.y - top],
    [dy, bottom - a.y],
  ] as const) {
    if (p === 0) {
      if (q <= 0) return false;
      continue;
    }
    const r = q / p;
    if (p < 0) t0 = Math.max(t0, r);
    else t1 = Math.min(t1, r);
  }
  return t1 - t0 > 1e-9;
}

export function outlineOf(node: ModdleElement, bounds: Bounds): Outline {
  if (node.$instanceOf('bpmn:Event')) return { kind: 'circle', bounds };
  if (node.$instanceOf('bpmn:Gateway')) return { kind: 'diamond', bounds };
  return { kind: 'rect', bounds };
}

/** The sub-processes a flow element lies in, innermost first. */
function containers(element: ModdleElement): ModdleElement[] {
  const out: ModdleElement[] = [];
  for (let at = element.$parent as ModdleElement | undefined; at?.$instanceOf('bpmn:SubProcess'); at = at.$parent as ModdleElement | undefined) out.push(at);
  return out;
}

const fmt = (p: Point): string => `${Math.round(p.x)},${Math.round(p.y)}`;

/**
 * What makes a diagram hard to follow, read from its DI: two sequence flows drawn on one track for more than
 * `tolerance` px (where the reader cannot tell which line goes where), and a flow drawn through a shape that is
 * neither its source nor its target nor a sub-process it lies in (deeper than `inset` px).
 */
export function diagramDefects(model: LoadedModel, { tolerance = 4, inset = 2 } = {}): string[] {
  const defects: string[] = [];
  const flows = model.sequenceFlows.map((flow) => ({ flow, waypoints: model.edges.get(flow.id!)?.waypoints ?? [] }));
  for (let i = 0; i < flows.length; i++) {
    for (let j = i + 1; j < flows.length; j++) {
      const [p, q] = [flows[i]!, flows[j]!];
      for (const { from, to } of sharedTracks(p.waypoints, q.waypoints, tolerance))
        defects.push(`${p.flow.id} and ${q.flow.id} share the track ${fmt(from)}–${fmt(to)}`);
    }
  }
  const nodes = model.flowNodes.flatMap((node) => {
    const shape = model.shapes.get(node.id!);
    return shape ? [{ node, outline: outlineOf(node, shape.bounds) }] : [];
  });
  for (const { flow, waypoints } of flows) {
    const ends = new Set([flow.sourceRef, flow.targetRef] as ModdleElement[]);
    const around = new Set(containers(flow));
    for (const { node, outline } of nodes) {
      if (ends.has(node) || around.has(node)) continue;
      for (let k = 1; k < waypoints.length; k++) {
        if (entersOutline(waypoints[k - 1]!, waypoints[k]!, outline, inset)) {
          defects.push(`${flow.id} passes through ${node.id} (segment ${fmt(waypoints[k - 1]!)}–${fmt(waypoints[k]!)})`);
          break;
        }
      }
    }
  }
  return defects;
}

/** Whether `to` reaches `from` along sequence flows (a boundary event is reached with the activity it is attached to). */
function reaches(model: LoadedModel, to: ModdleElement, from: ModdleElement): boolean {
  const next = new Map<ModdleElement, ModdleElement[]>();
  const link = (a: ModdleElement, b: ModdleElement): void => {
    next.set(a, [...(next.get(a) ?? []), b]);
  };
  for (const flow of model.sequenceFlows) link(flow.sourceRef as ModdleElement, flow.targetRef as ModdleElement);
  for (const node of model.flowNodes) if (node.$instanceOf('bpmn:BoundaryEvent')) link(node.attachedToRef as ModdleElement, node);
  const seen = new Set<ModdleElement>([to]);
  const queue = [to];
  for (let at = queue.shift(); at; at = queue.shift()) {
    for (const n of next.get(at) ?? []) {
      if (n === from) return true;
      if (!seen.has(n)) {
        seen.add(n);
        queue.push(n);
      }
    }
  }
  return false;
}

/**
 * Flows that run across more than `share` of the diagram's width. A loop drawn back from right to left to an earlier
 * point of its cycle is exempt: that is how a cycle reads left to right. Every other flow can be kept local by placing
 * its source or its target nearer.
 */
export function farFlows(model: LoadedModel, share = 0.5): string[] {
  const boxes = [...model.shapes.values()].map((s) => s.bounds);
  const width = Math.max(...boxes.map((b) => b.x + b.width)) - Math.min(...boxes.map((b) => b.x));
  const far: string[] = [];
  for (const flow of model.sequenceFlows) {
    const xs = (model.edges.get(flow.id!)?.waypoints ?? []).map((p) => p.x);
    if (!xs.length) continue;
    const span = Math.max(...xs) - Math.min(...xs);
    const loopBack = xs.at(-1)! < xs[0]! && reaches(model, flow.targetRef as ModdleElement, flow.sourceRef as ModdleElement);
    if (span > share * width && !loopBack) far.push(`${flow.id} runs ${Math.round(span)} px of the diagram's ${Math.round(width)} px`);
  }
  return far;
}
