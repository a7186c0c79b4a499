/**
 * The flow nodes of the shipped models as plain data — id, name, BPMN type, the clauses its `clause` property
 * names, its job type or form — for tools that map the procedure to the standard (the clause index) without
 * knowing moddle.
 */
import fs from 'node:fs';
import { zeebeModdle, type ModdleElement } from './camunda7/moddle.js';
import { MODEL_FILES, modelPath } from './models.js';
import type { ProcessKey } from './task-types.js';

export interface ModelElement {
  process: ProcessKey;
  /** The model file, relative to the bpmn package (`models/certification.bpmn`). */
  file: string;
  id: string;
  name: string;
  /** `bpmn:ServiceTask`, `bpmn:UserTask`, `bpmn:BoundaryEvent`, … */
  type: string;
  clauses: string[];
  jobType?: string;
  formId?: string;
}

type Extensible = ModdleElement & { extensionElements?: { values?: ModdleElement[] }; flowElements?: ModdleElement[]; rootElements?: ModdleElement[] };

function extension(element: ModdleElement, type: string): ModdleElement[] {
  return ((element as Extensible).extensionElements?.values ?? []).filter((v) => v.$type === type);
}

/** A moddle attribute read from XML: a string, or absent. */
function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function flowNodes(container: ModdleElement): ModdleElement[] {
  return ((container as Extensible).flowElements ?? []).flatMap((e) => (e.$instanceOf('bpmn:FlowNode') ? [e, ...flowNodes(e)] : []));
}

export async function modelElements(): Promise<ModelElement[]> {
  const out: ModelElement[] = [];
  for (const key of Object.keys(MODEL_FILES) as ProcessKey[]) {
    const { rootElement } = await zeebeModdle.fromXML(fs.readFileSync(modelPath(key), 'utf8'));
    const processes = ((rootElement as Extensible).rootElements ?? []).filter((e) => e.$type === 'bpmn:Process');
    for (const node of processes.flatMap(flowNodes)) {
      const clauses = extension(node, 'zeebe:Properties')
        .flatMap((p) => (p.get('properties') as ModdleElement[] | undefined) ?? [])
        .filter((p) => p.get('name') === 'clause')
        .flatMap((p) =>
          text(p.get('value'))
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean),
        );
      const jobType = extension(node, 'zeebe:TaskDefinition')[0]?.get('type');
      const formId = extension(node, 'zeebe:FormDefinition')[0]?.get('formId');
      out.push({
        process: key,
        file: MODEL_FILES[key],
        id: node.id ?? '',
        name: text(node.get('name')).replace(/\s+/g, ' ').trim(),
        type: node.$type,
        clauses,
        ...(typeof jobType === 'string' ? { jobType } : {}),
        ...(typeof formId === 'string' ? { formId } : {}),
      });
    }
  }
  return out;
}
