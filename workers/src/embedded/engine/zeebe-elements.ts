/**
 * bpmn-elements behaviours adjusted to the Zeebe dialect, passed to bpmn-engine as `elements`:
 * - multi-instance reads `zeebe:loopCharacteristics` (inputCollection / inputElement);
 * - message and end/intermediate throw events that carry a `zeebe:taskDefinition` are job workers in Zeebe
 *   (the worker, not the engine, publishes the message), so they run as service tasks;
 * - `bpmn:message` keeps its `zeebe:subscription` correlation key;
 * - a condition that is not a boolean is an incident at its gateway, as in Zeebe (no silent default flow);
 * - a sequence flow that is not taken carries nothing onward (Zeebe has no "discard" tokens): bpmn-elements
 *   otherwise propagates a discard through every downstream path, which only converging parallel or
 *   inclusive gateways need and which in a model with loops costs seconds per step.
 */
import * as Elements from 'bpmn-elements';
import { describeValue } from './correlation-key.js';
import type { IncidentSink } from './feel.js';
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
  const loop = loopOf({ loopCharacteristics: def });
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

const JOINS_NEEDING_DISCARD = new Set(['bpmn:ParallelGateway', 'bpmn:InclusiveGateway']);

interface FlowLike {
  id: string;
  sourceId: string;
  targetId: string;
  isDefault?: boolean;
  environment: { expressions: { raiseIncident?: IncidentSink } };
  getCondition(): { expression?: string } | null;
  discard(content?: Record<string, unknown>): unknown;
  evaluate(message: unknown, callback: (err: Error | null, result?: unknown) => void): void;
  _publishEvent(action: string, content: Record<string, unknown>): unknown;
}

/**
 * Zeebe takes a flow only when its condition is `true` and the default flow only when every condition is
 * `false`; any other result (null, a string, a number) is an incident at the gateway, which waits until it is
 * resolved (a retry evaluates the conditions again). The callback is then never called.
 */
function strictCondition(flow: FlowLike): void {
  const evaluate = flow.evaluate.bind(flow);
  flow.evaluate = (message, callback) =>
    evaluate(message, (err, result) => {
      if (err || flow.isDefault || typeof result === 'boolean' || !flow.getCondition()) return callback(err, result);
      const expression = flow.getCondition()?.expression ?? '';
      flow.environment.expressions.raiseIncident?.(
        flow.sourceId,
        `condition ${expression} of flow ${flow.id} must be a boolean, but was ${describeValue(result)}`,
      );
    });
}

function ZeebeSequenceFlow(def: ElementDef, context: { getActivityById(id: string): { type: string } | null }): unknown {
  const flow = new lib.SequenceFlow!(def, context as never) as FlowLike;
  strictCondition(flow);
  const discard = flow.discard.bind(flow);
  flow.discard = (content: Record<string, unknown> = {}) => {
    if (JOINS_NEEDING_DISCARD.has(context.getActivityById(flow.targetId)?.type ?? '')) return discard(content);
    // "looped" is how bpmn-elements ends a discard: the process counts the flow as done, nothing runs on.
    return flow._publishEvent('looped', { ...content, discardSequence: [] });
  };
  return flow;
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
  SequenceFlow: ZeebeSequenceFlow,
};
