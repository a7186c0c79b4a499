/**
 * A BPMN model compiled once (XML → moddle → serializable context) and shared by every instance of it:
 * parsing the XML is most of the cost of starting an instance, and a recovered engine finds its model here
 * instead of in each saved state (which would otherwise carry a copy of the whole model).
 */
import { createRequire } from 'node:module';
import * as Elements from 'bpmn-elements';
import { Engine } from 'bpmn-engine';
import { deserialize, TypeResolver, type SerializableContext } from 'moddle-context-serializer';
import { zeebeElements } from './zeebe-elements.js';

const require = createRequire(import.meta.url);
export const zeebeSchema: unknown = require('zeebe-bpmn-moddle/resources/zeebe.json');

export const elementTypes: Record<string, unknown> = { ...Elements, ...zeebeElements };

/**
 * bpmn-engine's logger (the `debug` package: `DEBUG=bpmn-engine:*`), one per element type instead of one per
 * element of every instance: creating one checks whether stderr is a terminal, a system call per element.
 */
const engineLogger = new Engine().environment.Logger;
const loggers = new Map<string, ReturnType<typeof engineLogger>>();
export function sharedLogger(scope: string): ReturnType<typeof engineLogger> {
  let logger = loggers.get(scope);
  if (!logger) loggers.set(scope, (logger = engineLogger(scope)));
  return logger;
}

export interface CompiledModel {
  /** `bpmn:definitions` id. */
  id: string;
  /** Executable process ids in the model. */
  processIds: string[];
  context: SerializableContext;
}

export async function compileModel(xml: string): Promise<CompiledModel> {
  const engine = new Engine({ source: xml, moddleOptions: { zeebe: zeebeSchema }, ...({ elements: zeebeElements } as object) });
  const state = await engine.getState();
  const definition = state.definitions[0];
  if (!definition?.source) throw new Error('BPMN model has no definitions');
  const context = deserialize(JSON.parse(definition.source) as object, TypeResolver(elementTypes));
  const processIds = context.getExecutableProcesses().flatMap((p) => (p.id ? [p.id] : []));
  return { id: definition.id ?? context.id, processIds, context };
}
