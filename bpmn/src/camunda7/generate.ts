/**
 * Camunda 7 models generated from the Zeebe models in `bpmn/models/` (the source of truth): the same
 * elements, ids, names, documentation and diagram, with the `zeebe:` extensions rewritten into the
 * `camunda:` dialect that Camunda 7 (and its forks) execute. The Zeebe model is read with bpmn-moddle and
 * zeebe-bpmn-moddle, copied element by element into a model of bpmn-moddle with camunda-bpmn-moddle (see
 * `moddle.ts`) and written by moddle. What maps to what:
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
 * | `zeebe:userTask` + `zeebe:formDefinition formId` | a Camunda 7 user task with `camunda:formRef="<formId>" camunda:formRefBinding="latest"` (Camunda Forms, the same `.form` files, deployed with the model) |
 * | `zeebe:assignmentDefinition candidateGroups / assignee` | `camunda:candidateGroups`; `camunda:assignee` in JUEL (`=member.id` → `${execution.getVariable('member').prop('id').stringValue()}`) |
 * | `zeebe:taskSchedule dueDate="=x"` | `camunda:dueDate="${execution.getVariable('x')}"` (an ISO date-time string) |
 *
 * | `zeebe:modelerTemplate`, `…Version`, `…Icon` (the link to a Camunda 8 element template) | dropped: the templates are Camunda 8's |
 *
 * Every process gets `isExecutable="true"` and `camunda:historyTimeToLive`. Anything `zeebe:` this does not
 * know, content of another namespace, or FEEL it cannot translate, throws.
 */
import { feelConditionToJuel, feelTextToJuel, feelToJuel, feelToJuelBody, UntranslatableFeel, variableOf } from './feel-to-juel.js';
import { camundaModdle, isModdleElement, zeebeModdle, type ModdleElement } from './moddle.js';

/** How long Camunda 7 keeps the history of a finished instance (`camunda:historyTimeToLive`). */
export const HISTORY_TIME_TO_LIVE = 'P3650D';
/** Attempts the external-task adapter gives each task; the Zeebe models' `retries` must agree. */
export const EXTERNAL_TASK_RETRIES = 3;
export const CAMUNDA7_PLATFORM_VERSION = '7.24.0';

const ZEEBE = 'zeebe';
const TEMPLATE_LINKS = new Set(['modelerTemplate', 'modelerTemplateVersion', 'modelerTemplateIcon']);
const TIMER_EXPRESSIONS = ['timeDate', 'timeDuration', 'timeCycle'] as const;

/** A model the generator cannot translate; `elementId` is the element at fault, when there is one. */
export class Camunda7GeneratorError extends Error {
  constructor(
    message: string,
    readonly elementId?: string,
  ) {
    super(`Camunda 7 generator: ${message}`);
    this.name = 'Camunda7GeneratorError';
  }
}

function fail(el: ModdleElement, why: string): never {
  throw new Camunda7GeneratorError(`<${el.$type} id="${el.id ?? ''}">: ${why}`, el.id);
}

const str = (el: ModdleElement, name: string): string | undefined => {
  const value = el.get(name);
  return typeof value === 'string' ? value : undefined;
};
const elements = (el: ModdleElement, name: string): ModdleElement[] => (el.get(name) as unknown[]).filter(isModdleElement);
const extensionValues = (el: ModdleElement): ModdleElement[] => {
  const ext = el.get('extensionElements');
  return isModdleElement(ext) ? elements(ext, 'values') : [];
};

/** `translate(feel)`, with untranslatable FEEL reported on the element and field that hold it. */
function juel(owner: ModdleElement, field: string, translate: (feel: string) => string, feel: string): string {
  try {
    return translate(feel);
  } catch (error) {
    if (error instanceof UntranslatableFeel) fail(owner, `${field}: ${error.message}`);
    throw error;
  }
}

/** The variable a FEEL expression that Camunda 7 needs as a plain name (`=x`) names. */
function variableNamed(owner: ModdleElement, field: string, feel: string, why: string): string {
  return juel(owner, field, (f) => variableOf(f) ?? fail(owner, `${field} ${JSON.stringify(f)} must be a variable name (=x): ${why}`), feel);
}

const create = (type: string, attrs: Record<string, unknown> = {}): ModdleElement => camundaModdle.create(type, attrs);
const property = (name: string, value: string): ModdleElement => create('camunda:Property', { name, value });
const listener = (event: 'end' | 'take', expression: string): ModdleElement => create('camunda:ExecutionListener', { event, expression });
const appendExtensions = (el: ModdleElement, values: ModdleElement[]): void => {
  const ext = el.get('extensionElements');
  if (isModdleElement(ext)) (ext.get('values') as ModdleElement[]).push(...values);
  else el.set('extensionElements', create('bpmn:ExtensionElements', { values }));
};

/**
 * One Zeebe model copied into the Camunda 7 moddle: every property the BPMN standard defines is copied as it
 * is, references are re-pointed at the copies once everything is copied, and each `zeebe:` extension is
 * translated where its element is copied.
 */
class Translation {
  private readonly copies = new Map<ModdleElement, ModdleElement>();
  /** Work that needs every element copied first: references, listeners on other elements' flows. */
  private readonly afterCopy: Array<() => void> = [];

  run(definitions: ModdleElement): ModdleElement {
    const copy = this.copy(definitions, definitions);
    for (const step of this.afterCopy) step();
    return copy;
  }

  private copyOf(el: ModdleElement, referrer: ModdleElement): ModdleElement {
    return this.copies.get(el) ?? fail(referrer, `refers to <${el.$type} id="${el.id ?? ''}">, which is not in the model`);
  }

  private copy(el: ModdleElement, owner: ModdleElement): ModdleElement {
    if (el.$descriptor.isGeneric || el.$type.startsWith(`${ZEEBE}:`)) fail(owner, `<${el.$type}> has no Camunda 7 translation here`);
    const copy = create(el.$type);
    this.copies.set(el, copy);
    for (const p of el.$descriptor.properties) {
      if (!Object.hasOwn(el, p.name) || p.name === 'extensionElements') continue;
      // the link to a Camunda 8 element template: those templates do not apply to Camunda 7 diagrams
      if (p.ns.prefix === ZEEBE && TEMPLATE_LINKS.has(p.ns.localName)) continue;
      if (p.ns.prefix === ZEEBE) fail(el, `attribute ${p.ns.name} has no Camunda 7 translation`);
      const value = el.get(p.name);
      if (p.isReference) {
        this.afterCopy.push(() =>
          copy.set(p.name, p.isMany ? (value as ModdleElement[]).map((v) => this.copyOf(v, el)) : this.copyOf(value as ModdleElement, el)),
        );
      } else if (p.isMany) {
        copy.set(
          p.name,
          (value as unknown[]).map((v) => (isModdleElement(v) ? this.copy(v, el) : v)),
        );
      } else {
        copy.set(p.name, isModdleElement(value) ? this.copy(value, el) : value);
      }
    }
    for (const [name, value] of Object.entries(el.$attrs)) {
      if (name.startsWith(`${ZEEBE}:`)) fail(el, `attribute ${name} has no Camunda 7 translation`);
      copy.$attrs[name] = value;
    }
    this.translate(el, copy);
    return copy;
  }

  /** What Camunda 7 needs beyond the copy (see the table above). */
  private translate(el: ModdleElement, copy: ModdleElement): void {
    const extensions: ModdleElement[] = [];
    if (el.$instanceOf('bpmn:Definitions')) {
      delete copy.$attrs[`xmlns:${ZEEBE}`];
      copy.$attrs['modeler:executionPlatform'] = 'Camunda Platform';
      copy.$attrs['modeler:executionPlatformVersion'] = CAMUNDA7_PLATFORM_VERSION;
    }
    if (el.$instanceOf('bpmn:Process')) {
      copy.set('isExecutable', true);
      copy.set('camunda:historyTimeToLive', HISTORY_TIME_TO_LIVE);
    }
    if (el.$instanceOf('bpmn:SequenceFlow')) {
      const condition = copy.get('conditionExpression');
      const body = isModdleElement(condition) ? str(condition, 'body') : undefined;
      if (isModdleElement(condition) && body?.startsWith('=')) condition.set('body', juel(el, 'conditionExpression', feelConditionToJuel, body));
    }
    if (el.$instanceOf('bpmn:TimerEventDefinition')) {
      for (const field of TIMER_EXPRESSIONS) {
        const expression = copy.get(field);
        const body = isModdleElement(expression) ? str(expression, 'body') : undefined;
        if (isModdleElement(expression) && body?.startsWith('=')) expression.set('body', juel(el, field, feelToJuel, body));
      }
    }
    const loop = el.get('loopCharacteristics');
    if (el.$instanceOf('bpmn:Activity') && isModdleElement(loop) && loop.$instanceOf('bpmn:MultiInstanceLoopCharacteristics')) {
      extensions.push(...this.multiInstance(el, loop, copy.get('loopCharacteristics') as ModdleElement));
    }
    this.extensions(el, copy, extensions);
  }

  /** Rewrites the `zeebe:` extension elements of `el` onto its copy, after the listeners in `extra`. */
  private extensions(el: ModdleElement, copy: ModdleElement, extra: ModdleElement[]): void {
    const values: ModdleElement[] = [];
    const properties: ModdleElement[] = [];
    for (const ext of extensionValues(el)) {
      switch (ext.$type) {
        case 'zeebe:TaskDefinition': {
          const type = str(ext, 'type');
          if (!type || type.startsWith('=')) fail(el, 'zeebe:taskDefinition needs a literal type');
          const retries = str(ext, 'retries');
          if (retries !== undefined && Number(retries) !== EXTERNAL_TASK_RETRIES) {
            fail(el, `retries="${retries}": the Camunda 7 adapter gives every external task ${EXTERNAL_TASK_RETRIES} attempts`);
          }
          const throwsMessage = el.$instanceOf('bpmn:EndEvent') || el.$instanceOf('bpmn:IntermediateThrowEvent');
          const messageDefinition = throwsMessage ? elements(copy, 'eventDefinitions').find((d) => d.$instanceOf('bpmn:MessageEventDefinition')) : undefined;
          const target = el.$instanceOf('bpmn:ServiceTask') ? copy : messageDefinition;
          if (!target) fail(el, 'a job type is only translated on service tasks and message end/throw events');
          target.set('camunda:type', 'external');
          target.set('camunda:topic', type);
          break;
        }
        case 'zeebe:Properties':
          for (const p of elements(ext, 'properties'))
            properties.push(property(str(p, 'name') ?? fail(el, 'zeebe:property without name'), str(p, 'value') ?? ''));
          break;
        case 'zeebe:TaskHeaders':
          for (const h of elements(ext, 'values')) properties.push(property(str(h, 'key') ?? fail(el, 'zeebe:header without key'), str(h, 'value') ?? ''));
          break;
        case 'zeebe:Subscription': {
          const key = str(ext, 'correlationKey') ?? fail(el, 'zeebe:subscription without correlationKey');
          properties.push(property('correlationKey', variableNamed(el, 'correlationKey', key, 'Camunda 7 correlates on process variables')));
          break;
        }
        case 'zeebe:IoMapping':
          values.push(...this.ioMapping(el, ext));
          break;
        case 'zeebe:UserTask':
          if (!el.$instanceOf('bpmn:UserTask')) fail(el, 'zeebe:userTask outside a user task');
          break;
        case 'zeebe:FormDefinition': {
          const formId = str(ext, 'formId') ?? fail(el, 'zeebe:formDefinition without formId: only linked Camunda Forms are translated');
          copy.set('camunda:formRef', formId);
          copy.set('camunda:formRefBinding', 'latest');
          break;
        }
        case 'zeebe:AssignmentDefinition': {
          const groups = str(ext, 'candidateGroups');
          if (groups) copy.set('camunda:candidateGroups', groups.startsWith('=') ? fail(el, 'candidateGroups as an expression is not translated') : groups);
          const assignee = str(ext, 'assignee');
          if (assignee) copy.set('camunda:assignee', assignee.startsWith('=') ? juel(el, 'assignee', feelTextToJuel, assignee) : assignee);
          if (str(ext, 'candidateUsers')) fail(el, 'candidateUsers is not translated');
          break;
        }
        case 'zeebe:TaskSchedule': {
          const due = str(ext, 'dueDate');
          if (due) copy.set('camunda:dueDate', due.startsWith('=') ? juel(el, 'dueDate', feelToJuel, due) : due);
          if (str(ext, 'followUpDate')) fail(el, 'followUpDate is not translated');
          break;
        }
        case 'zeebe:LoopCharacteristics':
          if (!el.$instanceOf('bpmn:MultiInstanceLoopCharacteristics')) fail(el, 'zeebe:loopCharacteristics outside a multi-instance marker');
          // translated with the activity, which gets its listeners
          break;
        default:
          fail(el, `<${ext.$type}> has no Camunda 7 translation`);
      }
    }
    values.push(...extra);
    if (properties.length > 0) values.push(create('camunda:Properties', { values: properties }));
    if (values.length > 0) appendExtensions(copy, values);
  }

  private ioMapping(el: ModdleElement, mapping: ModdleElement): ModdleElement[] {
    const parameter = (m: ModdleElement, kind: string): { target: string; source: string } => {
      const target = str(m, 'target');
      const source = str(m, 'source');
      if (!target || source === undefined) fail(el, `${kind} needs source and target`);
      return { target, source };
    };
    const inputs = elements(mapping, 'inputParameters');
    const outputs = elements(mapping, 'outputParameters');
    if (el.$instanceOf('bpmn:BoundaryEvent')) {
      // Camunda 7 refuses camunda:inputOutput on boundary events: outputs become `end` listeners that set
      // the variable where Zeebe's output mapping would (the nearest scope that has it, else the process)
      if (inputs.length > 0) fail(el, 'zeebe:input on a boundary event: only outputs are translated');
      return outputs.map((m) => {
        const { target, source } = parameter(m, 'zeebe:output');
        return listener('end', `\${execution.setVariable('${target}', ${juel(el, `zeebe:output ${target}`, feelToJuelBody, source)})}`);
      });
    }
    const translated =
      (kind: 'input' | 'output', type: string) =>
      (m: ModdleElement): ModdleElement => {
        const { target, source } = parameter(m, `zeebe:${kind}`);
        return create(type, { name: target, value: juel(el, `zeebe:${kind} ${target}`, feelToJuel, source) });
      };
    return [
      create('camunda:InputOutput', {
        inputParameters: inputs.map(translated('input', 'camunda:InputParameter')),
        outputParameters: outputs.map(translated('output', 'camunda:OutputParameter')),
      }),
    ];
  }

  /** Multi-instance: collection and element variable on the marker; the output collection's listeners. */
  private multiInstance(activity: ModdleElement, mi: ModdleElement, miCopy: ModdleElement): ModdleElement[] {
    const loop = extensionValues(mi).find((e) => e.$type === 'zeebe:LoopCharacteristics') ?? fail(activity, 'multi-instance without zeebe:loopCharacteristics');
    const inputCollection = str(loop, 'inputCollection') ?? fail(activity, 'no inputCollection');
    const collection = variableNamed(activity, 'inputCollection', inputCollection, 'the collection is a Json variable');
    miCopy.set('camunda:collection', `\${execution.getVariable('${collection}').elements()}`);
    const inputElement = str(loop, 'inputElement');
    if (inputElement) miCopy.set('camunda:elementVariable', inputElement);
    const outputCollection = str(loop, 'outputCollection');
    if (!outputCollection) return [];
    const outputElement = str(loop, 'outputElement') ?? fail(activity, 'outputCollection without outputElement');
    for (const incoming of elements(activity, 'incoming')) {
      this.afterCopy.push(() =>
        appendExtensions(this.copyOf(incoming, activity), [listener('take', `\${execution.setVariable('${outputCollection}', S('[]'))}`)]),
      );
    }
    const collected = `execution.getVariable('${outputCollection}')`;
    const element = juel(activity, 'outputElement', feelToJuelBody, outputElement);
    return [listener('end', `\${execution.setVariable('${outputCollection}', (${collected} == null ? S('[]') : ${collected}).append(${element}))}`)];
  }
}

/** One Zeebe model (BPMN XML) → its Camunda 7 equivalent (BPMN XML). */
export async function generateCamunda7(zeebeXml: string): Promise<string> {
  const { rootElement, warnings } = await zeebeModdle.fromXML(zeebeXml).catch((error: Error) => {
    throw new Camunda7GeneratorError(`the Zeebe model does not read: ${error.message}`);
  });
  if (warnings.length > 0) throw new Camunda7GeneratorError(`the Zeebe model does not read cleanly: ${warnings.map((w) => w.message).join('; ')}`);
  const { xml } = await camundaModdle.toXML(new Translation().run(rootElement), { format: true });
  return xml;
}
