/**
 * bpmn-elements behaviours adjusted to the Zeebe dialect, passed to bpmn-engine as `elements`:
 * - multi-instance reads `zeebe:loopCharacteristics` (inputCollection / inputElement);
 * - message and end/intermediate throw events that carry a `zeebe:taskDefinition` are job workers in Zeebe
 *   (the worker, not the engine, publishes the message), so they run as service tasks;
 * - `bpmn:message` keeps its `zeebe:subscription` correlation key.
 */
import * as Elements from 'bpmn-elements';
import { VirtualTimerEventDefinition } from './virtual-timers.js';
import { loopOf, subscriptionKeyOf, taskDefinitionOf, type Behaviour } from './zeebe-extensions.js';

interface ElementDef {
  id: string;
  type: string;
  name?: string;
  behaviour?: Behaviour;
  [key: string]: unknown;
}

type ElementFactory = (def: ElementDef, context: unknown) => unknown;
type ElementConstructor = new (activity: unknown, def: ElementDef) => unknown;

const lib = Elements as unknown as Record<string, ElementFactory & ElementConstructor>;

function ZeebeMultiInstance(this: unknown, activity: unknown, def: ElementDef): unknown {
  const loop = loopOf({ loopCharacteristics: def } as Behaviour);
  const behaviour = { ...def.behaviour, collection: loop?.inputCollection, elementVariable: loop?.inputElement ?? 'item' };
  return new lib.MultiInstanceLoopCharacteristics!(activity, { ...def, behaviour });
}

/** bpmn-elements calls element factories with `new`, so this returns a `function`, not an arrow. */
function asJobWhenDefined(original: ElementFactory): ElementFactory {
  return function ZeebeJobEvent(def: ElementDef, context: unknown): unknown {
    if (!taskDefinitionOf(def.behaviour)) return original(def, context);
    const { eventDefinitions: _thrown, ...behaviour } = def.behaviour ?? {};
    return lib.ServiceTask!({ ...def, behaviour }, context);
  };
}

function ZeebeMessage(def: ElementDef, context: unknown): unknown {
  const message = lib.Message!(def, context) as Record<string, unknown>;
  return { ...message, correlationKey: subscriptionKeyOf(def.behaviour) };
}

export const zeebeElements = {
  TimerEventDefinition: VirtualTimerEventDefinition,
  MultiInstanceLoopCharacteristics: ZeebeMultiInstance,
  EndEvent: asJobWhenDefined(lib.EndEvent!),
  IntermediateThrowEvent: asJobWhenDefined(lib.IntermediateThrowEvent!),
  Message: ZeebeMessage,
};
