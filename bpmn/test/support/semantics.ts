/**
 * A model's meaning element by element, for comparing two versions of it: every element with an id (processes,
 * flow elements, messages, errors…) as plain data — its attributes, its extension elements in a fixed order, the
 * ids of what it refers to — read by bpmn-moddle with zeebe-bpmn-moddle. Left out as meaning nothing: the diagram
 * (`bpmndi:`), the order of a container's elements, the ids of event definitions and of messages (Camunda Modeler
 * gives an event a new definition, and a message event a new message, when a template is applied to it: a message is
 * compared by its name and correlation key where an event refers to it) and the exporter.
 */
import { parse, type ModdleElement } from '../../scripts/lint-runner.js';

interface Described extends ModdleElement {
  $descriptor: { properties: { name: string; isReference?: boolean; isMany?: boolean }[] };
}

const isElement = (v: unknown): v is Described => typeof v === 'object' && v !== null && '$type' in v;
/**
 * A message as the events that wait for it see it: its name and subscription. Camunda Modeler gives an event a
 * message of its own when a message template is applied to it (a copy under a new id, the old one left unused).
 */
function message(m: Described): string {
  const subscription = ((m.extensionElements as { values?: Described[] } | undefined)?.values ?? []).find((x) => x.$type === 'zeebe:Subscription');
  const key = subscription?.correlationKey;
  return `message ${String(m.name)} correlationKey ${typeof key === 'string' ? key : ''}`;
}

const EMPTY_MEANS_NOTHING = new Set(['zeebe:IoMapping', 'zeebe:TaskHeaders']);

const withoutId = (v: unknown): unknown => Object.fromEntries(Object.entries(v as Record<string, unknown>).filter(([k]) => k !== 'id'));

function canonical(value: unknown, byId: Map<string, unknown>): unknown {
  if (Array.isArray(value)) return value.map((v) => canonical(v, byId));
  if (!isElement(value)) return value;
  const out: Record<string, unknown> = { $type: value.$type };
  for (const p of value.$descriptor.properties) {
    // which tool wrote the file is no part of what it means
    if (!Object.hasOwn(value, p.name) || p.name === 'diagrams' || p.name === 'exporter' || p.name === 'exporterVersion') continue;
    const v = (value as Record<string, unknown>)[p.name];
    if (p.isReference && isElement(v) && v.$type === 'bpmn:Message') out[p.name] = message(v);
    else if (p.isReference) out[p.name] = p.isMany ? (v as Described[]).map((x) => x.id) : (v as Described | undefined)?.id;
    // what a container holds, not in which order it lists it
    else if (p.name === 'flowElements' || p.name === 'rootElements')
      out[p.name] = (v as Described[])
        .filter((x) => x.$type !== 'bpmn:Message')
        .map((x) => x.id)
        .sort();
    // an event definition is the event's, compared as part of it: its id is referred to by nothing
    else if (p.name === 'eventDefinitions') out[p.name] = (v as Described[]).map((d) => withoutId(canonical(d, new Map())));
    else out[p.name] = canonical(v, byId);
  }
  const attrs = Object.entries(value.$attrs as Record<string, string>).filter(([k]) => !k.startsWith('xmlns'));
  if (attrs.length) out.$attrs = Object.fromEntries(attrs.sort());
  if (value.$type === 'bpmn:ExtensionElements') {
    // an empty zeebe:ioMapping or zeebe:taskHeaders sets nothing (a template whose mappings and headers are all
    // optional leaves one behind)
    const empty = (v: Record<string, unknown>): boolean => EMPTY_MEANS_NOTHING.has(String(v.$type)) && Object.keys(v).length === 1;
    const values = (out.values as Record<string, unknown>[]).filter((v) => !empty(v));
    out.values = values.map((v) => JSON.stringify(v)).sort();
  }
  if (value.id && value.$type !== 'bpmn:Message') byId.set(value.id, out);
  for (const p of value.$descriptor.properties) {
    const v = (value as Record<string, unknown>)[p.name];
    if ((p.name === 'flowElements' || p.name === 'rootElements') && Array.isArray(v)) for (const child of v) canonical(child, byId);
  }
  return out;
}

/** Element id → its meaning, as JSON. */
export async function semantics(xml: string): Promise<Map<string, string>> {
  const { rootElement, warnings } = await parse(xml);
  if (warnings.length) throw new Error(warnings.map((w) => w.message).join('; '));
  const byId = new Map<string, unknown>();
  canonical(rootElement, byId);
  return new Map([...byId].map(([id, v]) => [id, JSON.stringify(v)]));
}

/** `id: what differs` for every element whose meaning differs (or that only one side has). */
export async function differences(before: string, after: string, ignore: (id: string) => boolean = () => false): Promise<string[]> {
  const [a, b] = [await semantics(before), await semantics(after)];
  const out: string[] = [];
  for (const id of new Set([...a.keys(), ...b.keys()])) {
    if (ignore(id) || a.get(id) === b.get(id)) continue;
    out.push(`${id}:\n  before ${a.get(id) ?? '(none)'}\n  after  ${b.get(id) ?? '(none)'}`);
  }
  return out;
}
