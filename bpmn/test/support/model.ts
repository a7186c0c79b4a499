import fs from 'node:fs';
import { MODEL_FILES, modelPath } from '../../src/models.js';
import type { ProcessKey } from '../../src/task-types.js';
import { parse, type ModdleElement } from '../../scripts/lint-runner.js';

/** What the model tests read from one parsed model. */
export interface LoadedModel {
  key: ProcessKey;
  file: string;
  xml: string;
  definitions: ModdleElement;
  process: ModdleElement;
  /** Every flow element, sub-process contents included. */
  flowElements: ModdleElement[];
  flowNodes: ModdleElement[];
  sequenceFlows: ModdleElement[];
  /** DI elements by the id of the BPMN element they draw. */
  shapes: Map<string, { bounds: Bounds; element: ModdleElement }>;
  edges: Map<string, { waypoints: { x: number; y: number }[] }>;
}

export interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

type Extensible = ModdleElement & { extensionElements?: { values?: ModdleElement[] } };

export function extensions(element: ModdleElement, type: string): ModdleElement[] {
  return ((element as Extensible).extensionElements?.values ?? []).filter((v) => v.$type === type);
}

export function clausesOf(element: ModdleElement): string[] {
  return extensions(element, 'zeebe:Properties')
    .flatMap((p) => (p.properties as ModdleElement[] | undefined) ?? [])
    .filter((p) => p.name === 'clause')
    .flatMap((p) =>
      String(p.value)
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    );
}

export function taskTypeOf(element: ModdleElement): string | undefined {
  return extensions(element, 'zeebe:TaskDefinition')[0]?.type as string | undefined;
}

export function ioMappings(element: ModdleElement): { inputs: [string, string][]; outputs: [string, string][] } {
  const io = extensions(element, 'zeebe:IoMapping')[0];
  const pairs = (list: unknown): [string, string][] => ((list as ModdleElement[] | undefined) ?? []).map((m) => [m.target as string, m.source as string]);
  return { inputs: pairs(io?.inputParameters), outputs: pairs(io?.outputParameters) };
}

function collect(container: ModdleElement, into: ModdleElement[]): void {
  for (const el of (container.flowElements as ModdleElement[] | undefined) ?? []) {
    into.push(el);
    if (el.$instanceOf('bpmn:SubProcess')) collect(el, into);
  }
}

const cache = new Map<ProcessKey, Promise<LoadedModel>>();

export function loadModel(key: ProcessKey): Promise<LoadedModel> {
  let loaded = cache.get(key);
  if (!loaded) {
    loaded = (async () => {
      const xml = fs.readFileSync(modelPath(key), 'utf8');
      const { rootElement: definitions, warnings } = await parse(xml);
      if (warnings.length) throw new Error(`${MODEL_FILES[key]}: ${warnings.map((w) => w.message).join('; ')}`);
      const processes = (definitions.rootElements as ModdleElement[]).filter((e) => e.$instanceOf('bpmn:Process'));
      if (processes.length !== 1) throw new Error(`${MODEL_FILES[key]}: expected one process, found ${processes.length}`);
      const process = processes[0]!;
      const flowElements: ModdleElement[] = [];
      collect(process, flowElements);
      const shapes = new Map<string, { bounds: Bounds; element: ModdleElement }>();
      const edges = new Map<string, { waypoints: { x: number; y: number }[] }>();
      for (const diagram of (definitions.diagrams as ModdleElement[] | undefined) ?? []) {
        const plane = diagram.plane as ModdleElement;
        for (const di of (plane.planeElement as ModdleElement[] | undefined) ?? []) {
          const target = di.bpmnElement as ModdleElement | undefined;
          if (!target?.id) continue;
          if (di.$type === 'bpmndi:BPMNShape') shapes.set(target.id, { bounds: di.bounds as Bounds, element: target });
          if (di.$type === 'bpmndi:BPMNEdge') edges.set(target.id, { waypoints: (di.waypoint as { x: number; y: number }[] | undefined) ?? [] });
        }
      }
      return {
        key,
        file: MODEL_FILES[key],
        xml,
        definitions,
        process,
        flowElements,
        flowNodes: flowElements.filter((e) => e.$instanceOf('bpmn:FlowNode')),
        sequenceFlows: flowElements.filter((e) => e.$instanceOf('bpmn:SequenceFlow')),
        shapes,
        edges,
      };
    })();
    cache.set(key, loaded);
  }
  return loaded;
}
