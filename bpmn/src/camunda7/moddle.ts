/**
 * The two BPMN dialects as moddle models: bpmn-moddle with zeebe-bpmn-moddle reads the Zeebe models, and
 * bpmn-moddle with camunda-bpmn-moddle builds and writes the Camunda 7 ones. They cannot share one moddle:
 * both descriptors extend the BPMN elements with a `modelerTemplate` property, which moddle refuses to
 * define twice.
 */
import { createRequire } from 'node:module';

/** The part of a moddle element the generator uses (bpmn-moddle's main entry ships no types). */
export interface ModdleElement {
  readonly $type: string;
  readonly $descriptor: { readonly properties: readonly PropertyDescriptor[]; readonly isGeneric?: boolean };
  $attrs: Record<string, string>;
  id?: string;
  $instanceOf(type: string): boolean;
  get(name: string): unknown;
  set(name: string, value: unknown): void;
}

export interface PropertyDescriptor {
  /** The name the value is stored under on the element. */
  readonly name: string;
  readonly ns: { readonly name: string; readonly prefix: string; readonly localName: string };
  readonly isMany?: boolean;
  readonly isReference?: boolean;
}

interface BpmnModdle {
  fromXML(xml: string): Promise<{ rootElement: ModdleElement; warnings: Array<{ message: string }> }>;
  toXML(element: ModdleElement, options: { format: boolean }): Promise<{ xml: string }>;
  create(type: string, attrs?: Record<string, unknown>): ModdleElement;
}

const require = createRequire(import.meta.url);
const { BpmnModdle } = require('bpmn-moddle') as { BpmnModdle: new (packages: Record<string, unknown>) => BpmnModdle };

export const zeebeModdle = new BpmnModdle({ zeebe: require('zeebe-bpmn-moddle/resources/zeebe.json') as unknown });
export const camundaModdle = new BpmnModdle({ camunda: require('camunda-bpmn-moddle/resources/camunda.json') as unknown });

export const isModdleElement = (value: unknown): value is ModdleElement => typeof value === 'object' && value !== null && '$type' in value;
