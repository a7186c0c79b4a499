/**
 * Camunda 7 models generated from the Zeebe models in `bpmn/models/` (the source of truth): the same
 * elements, ids, names, documentation and diagram, with the `zeebe:` extensions rewritten into the
 * `camunda:` dialect that Camunda 7 (and its forks) execute. What maps to what:
 *
 * | Zeebe | Camunda 7 |
 * |---|---|
 * | `zeebe:taskDefinition type` on a service task | `camunda:type="external" camunda:topic="<type>"` |
 * | `zeebe:taskDefinition` on a message end event | the same on its `bpmn:messageEventDefinition` |
 * | `zeebe:taskDefinition retries` | must be 3: the external-task adapter gives a task 3 attempts (Camunda 7 has no model-level retries for external tasks) |
 * | `zeebe:properties` (`clause`), `zeebe:taskHeaders` | `camunda:properties` (headers reach the worker as the task's extension properties) |
 * | `zeebe:ioMapping` | `camunda:inputOutput`, FEEL translated to JUEL ({@link feelToJuel}); on boundary events (where Camunda 7 refuses `camunda:inputOutput`) each output is an `end` execution listener `${execution.setVariable('x', …)}` |
 * | `zeebe:subscription correlationKey="=x"` on a message | `camunda:properties` `correlationKey` = `x`; the publisher correlates on process variable `x` |
 * | FEEL gateway conditions | JUEL `${…}` conditions (Camunda 7 evaluates JUEL on sequence flows) |
 * | FEEL timer dates | JUEL `${…}` yielding the ISO date-time string; ISO constants (`P3M`) unchanged |
 * | `zeebe:loopCharacteristics inputCollection/inputElement` | `camunda:collection="${execution.getVariable('committee').elements()}"` (a Json variable's elements), `camunda:elementVariable` |
 * | `outputCollection` / `outputElement` | Camunda 7 has no output collection: a `take` listener on every incoming flow sets the collection to `S('[]')`, and an `end` listener on the inner activity appends the output element to it (in completion order, not element order) |
 *
 * Every process gets `isExecutable="true"` and `camunda:historyTimeToLive`. Anything `zeebe:` this does not
 * know, or FEEL it cannot translate, throws.
 */
import { attr, element, isElement, parseXml, serializeXml, setAttr, textOf, type XmlElement, type XmlNode } from './xml.js';
import { feelConditionToJuel, feelToJuel, feelToJuelBody, variableOf } from './feel-to-juel.js';

export const CAMUNDA_NS = 'http://camunda.org/schema/1.0/bpmn';
/** How long Camunda 7 keeps the history of a finished instance (`camunda:historyTimeToLive`). */
export const HISTORY_TIME_TO_LIVE = 'P3650D';
/** Attempts the external-task adapter gives each task; the Zeebe models' `retries` must agree. */
export const EXTERNAL_TASK_RETRIES = 3;
export const CAMUNDA7_PLATFORM_VERSION = '7.24.0';

const ZEEBE = 'zeebe:';

function fail(el: XmlElement, why: string): never {
  throw new Error(`Camunda 7 generator: <${el.name} id="${attr(el, 'id') ?? ''}">: ${why}`);
}

const childElements = (el: XmlElement): XmlElement[] => el.children.filter(isElement);
const child = (el: XmlElement, name: string): XmlElement | undefined => childElements(el).find((c) => c.name === name);

function walk(el: XmlElement, visit: (el: XmlElement, parent: XmlElement | undefined) => void, parent?: XmlElement): void {
  visit(el, parent);
  for (const c of childElements(el)) walk(c, visit, el);
}

function extensionElements(el: XmlElement): XmlElement {
  let ext = child(el, 'bpmn:extensionElements');
  if (!ext) {
    ext = element('bpmn:extensionElements');
    // BPMN wants extensionElements right after documentation
    const at = el.children.findIndex((c) => isElement(c) && c.name !== 'bpmn:documentation');
    el.children.splice(at < 0 ? el.children.length : at, 0, ext);
  }
  return ext;
}

const property = (name: string, value: string): XmlElement => element('camunda:property', { name, value });

/** Rewrites the `zeebe:` extensions of one element (the owner of `ext`). */
function convertExtensions(owner: XmlElement, ext: XmlElement): void {
  const converted: XmlNode[] = [];
  const props: XmlElement[] = [];
  for (const node of ext.children) {
    if (!isElement(node) || !node.name.startsWith(ZEEBE)) {
      converted.push(node);
      continue;
    }
    switch (node.name) {
      case 'zeebe:taskDefinition': {
        const type = attr(node, 'type');
        if (!type || type.startsWith('=')) fail(owner, 'zeebe:taskDefinition needs a literal type');
        const retries = attr(node, 'retries');
        if (retries !== undefined && Number(retries) !== EXTERNAL_TASK_RETRIES) {
          fail(owner, `retries="${retries}": the Camunda 7 adapter gives every external task ${EXTERNAL_TASK_RETRIES} attempts`);
        }
        const target = owner.name === 'bpmn:serviceTask' ? owner : child(owner, 'bpmn:messageEventDefinition');
        if (!target || !['bpmn:serviceTask', 'bpmn:endEvent', 'bpmn:intermediateThrowEvent'].includes(owner.name)) {
          fail(owner, 'a job type is only translated on service tasks and message end/throw events');
        }
        setAttr(target, 'camunda:type', 'external');
        setAttr(target, 'camunda:topic', type);
        break;
      }
      case 'zeebe:properties':
        for (const p of childElements(node)) {
          if (p.name !== 'zeebe:property') fail(owner, `unexpected <${p.name}> in zeebe:properties`);
          props.push(property(attr(p, 'name') ?? fail(owner, 'property without name'), attr(p, 'value') ?? ''));
        }
        break;
      case 'zeebe:taskHeaders':
        for (const h of childElements(node)) {
          if (h.name !== 'zeebe:header') fail(owner, `unexpected <${h.name}> in zeebe:taskHeaders`);
          props.push(property(attr(h, 'key') ?? fail(owner, 'header without key'), attr(h, 'value') ?? ''));
        }
        break;
      case 'zeebe:subscription': {
        const key = attr(node, 'correlationKey');
        const name = key === undefined ? undefined : variableOf(key);
        if (!name) fail(owner, `correlationKey ${JSON.stringify(key)} must be a variable name (=x): Camunda 7 correlates on process variables`);
        props.push(property('correlationKey', name));
        break;
      }
      case 'zeebe:ioMapping': {
        if (owner.name === 'bpmn:boundaryEvent') {
          // Camunda 7 refuses camunda:inputOutput on boundary events: outputs become `end` listeners that set
          // the variable where Zeebe's output mapping would (the nearest scope that has it, else the process)
          for (const m of childElements(node)) {
            const target = attr(m, 'target');
            const source = attr(m, 'source');
            if (m.name !== 'zeebe:output' || !target || source === undefined) fail(owner, `<${m.name}> on a boundary event: only outputs are translated`);
            converted.push(element('camunda:executionListener', { event: 'end', expression: `\${execution.setVariable('${target}', ${feelToJuelBody(source)})}` }));
          }
          break;
        }
        const io = element('camunda:inputOutput');
        for (const m of childElements(node)) {
          const target = attr(m, 'target');
          const source = attr(m, 'source');
          if (!target || source === undefined) fail(owner, `<${m.name}> needs source and target`);
          const kind = m.name === 'zeebe:input' ? 'camunda:inputParameter' : m.name === 'zeebe:output' ? 'camunda:outputParameter' : fail(owner, `unexpected <${m.name}>`);
          io.children.push(element(kind, { name: target }, [{ text: escapeJuel(feelToJuel(source)) }]));
        }
        converted.push(io);
        break;
      }
      case 'zeebe:loopCharacteristics':
        if (owner.name !== 'bpmn:multiInstanceLoopCharacteristics') fail(owner, 'zeebe:loopCharacteristics outside a multi-instance marker');
        // handled with the activity (it needs the activity's incoming flows and listeners)
        break;
      default:
        fail(owner, `<${node.name}> has no Camunda 7 translation`);
    }
  }
  if (props.length > 0) converted.push(element('camunda:properties', {}, props));
  ext.children = converted;
}

const escapeJuel = (juel: string): string => juel.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Multi-instance: collection and element variable, and the output collection (see the table above). */
function convertMultiInstance(activity: XmlElement, flowsById: Map<string, XmlElement>): void {
  const mi = child(activity, 'bpmn:multiInstanceLoopCharacteristics');
  if (!mi) return;
  const miExt = child(mi, 'bpmn:extensionElements');
  const loop = miExt && child(miExt, 'zeebe:loopCharacteristics');
  if (!loop) fail(activity, 'multi-instance without zeebe:loopCharacteristics');
  const inputCollection = attr(loop, 'inputCollection') ?? fail(activity, 'no inputCollection');
  const collection = variableOf(inputCollection) ?? fail(activity, `inputCollection ${inputCollection} must be a variable name`);
  setAttr(mi, 'camunda:collection', `\${execution.getVariable('${collection}').elements()}`);
  const inputElement = attr(loop, 'inputElement');
  if (inputElement) setAttr(mi, 'camunda:elementVariable', inputElement);
  const outputCollection = attr(loop, 'outputCollection');
  const outputElement = attr(loop, 'outputElement');
  if (outputCollection) {
    if (!outputElement) fail(activity, 'outputCollection without outputElement');
    const ext = extensionElements(activity);
    ext.children.push(
      element('camunda:executionListener', {
        event: 'end',
        expression: `\${execution.setVariable('${outputCollection}', (execution.getVariable('${outputCollection}') == null ? S('[]') : execution.getVariable('${outputCollection}')).append(${feelToJuelBody(outputElement)}))}`,
      }),
    );
    for (const incoming of childElements(activity).filter((c) => c.name === 'bpmn:incoming')) {
      const flow = flowsById.get(textOf(incoming)) ?? fail(activity, `incoming flow ${textOf(incoming)} not found`);
      extensionElements(flow).children.push(
        element('camunda:executionListener', { event: 'take', expression: `\${execution.setVariable('${outputCollection}', S('[]'))}` }),
      );
    }
  }
  miExt.children = miExt.children.filter((c) => !(isElement(c) && c.name === 'zeebe:loopCharacteristics'));
  if (miExt.children.filter(isElement).length === 0) mi.children = mi.children.filter((c) => c !== miExt);
}

/** One Zeebe model (BPMN XML) → its Camunda 7 equivalent (BPMN XML). */
export function generateCamunda7(zeebeXml: string): string {
  const { declaration, root } = parseXml(zeebeXml);
  if (root.name !== 'bpmn:definitions') throw new Error('Camunda 7 generator: not a BPMN definitions document');
  root.attrs = root.attrs.filter(([k]) => k !== 'xmlns:zeebe');
  setAttr(root, 'xmlns:camunda', CAMUNDA_NS);
  setAttr(root, 'modeler:executionPlatform', 'Camunda Platform');
  setAttr(root, 'modeler:executionPlatformVersion', CAMUNDA7_PLATFORM_VERSION);

  const flowsById = new Map<string, XmlElement>();
  walk(root, (el) => {
    if (el.name === 'bpmn:sequenceFlow') flowsById.set(attr(el, 'id')!, el);
  });

  const owners: Array<[XmlElement, XmlElement]> = [];
  const activities: XmlElement[] = [];
  walk(root, (el, parent) => {
    if (el.name === 'bpmn:extensionElements' && parent) owners.push([parent, el]);
    if (child(el, 'bpmn:multiInstanceLoopCharacteristics')) activities.push(el);
    if (el.name === 'bpmn:process') {
      setAttr(el, 'isExecutable', 'true');
      setAttr(el, 'camunda:historyTimeToLive', HISTORY_TIME_TO_LIVE);
    }
    if (el.name === 'bpmn:conditionExpression') {
      const source = textOf(el);
      if (source.startsWith('=')) el.children = [{ text: escapeJuel(feelConditionToJuel(source)) }];
    }
    if (['bpmn:timeDate', 'bpmn:timeDuration', 'bpmn:timeCycle'].includes(el.name)) {
      const source = textOf(el);
      if (source.startsWith('=')) el.children = [{ text: escapeJuel(feelToJuel(source)) }];
    }
  });
  for (const activity of activities) convertMultiInstance(activity, flowsById);
  for (const [owner, ext] of owners) convertExtensions(owner, ext);
  // extension elements left empty (zeebe-only content) go
  walk(root, (el) => {
    el.children = el.children.filter((c) => !(isElement(c) && c.name === 'bpmn:extensionElements' && c.children.filter(isElement).length === 0));
  });
  walk(root, (el) => {
    if (el.name.startsWith(ZEEBE)) fail(el, 'zeebe element left after translation');
    const zeebeAttr = el.attrs.find(([k]) => k.startsWith(ZEEBE));
    if (zeebeAttr) fail(el, `attribute ${zeebeAttr[0]} has no Camunda 7 translation`);
  });
  return serializeXml(declaration, root);
}
