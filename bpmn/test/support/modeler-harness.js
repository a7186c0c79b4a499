/* global window, document */
/**
 * Browser side of the Camunda Modeler tests (bundled by test/support/modeler.ts with esbuild): camunda-bpmn-js's
 * Camunda Cloud modeler with its properties panel and element templates, @camunda/linting's Linter and canvas module,
 * and the lint plugins the page's plugin scripts registered (`window.plugins`, as camunda-modeler-plugin-helpers
 * leaves them), collected by type the way Camunda Modeler's App.getPlugins does.
 */
import CamundaCloudModeler from 'camunda-bpmn-js/lib/camunda-cloud/Modeler';
import { Linter } from '@camunda/linting';
import lintingModule from '@camunda/linting/modeler';
import { CloudElementTemplatesLinterPlugin } from 'bpmn-js-element-templates';

let modeler;
let templates = [];
const ENGINES = { camunda: '8.8.0' };

const pluginsOf = (type) => (window.plugins || []).filter((p) => p.type === type).map((p) => p.plugin);
const plain = (reports) => reports.map((r) => ({ rule: r.rule, id: r.id, message: r.message, category: r.category }));

function linter(type = 'cloud') {
  const plugins = pluginsOf(type === 'cloud' ? 'lintRules.cloud-bpmn' : 'lintRules.bpmn');
  return new Linter({ modeler: 'desktop', type, plugins: type === 'cloud' ? [...plugins, CloudElementTemplatesLinterPlugin(templates)] : plugins });
}

async function lint() {
  const reports = await linter().lint(modeler.getDefinitions());
  modeler.get('linting').setErrors(reports);
  modeler.get('linting').activate();
  return plain(reports);
}

window.isccc = {
  pluginTypes: () => (window.plugins || []).map((p) => p.type),

  setTemplates(list) {
    templates = list;
  },

  /** Opens a diagram as the Modeler's Camunda 8 tab does: import, templates, engines, lint. */
  async open(xml) {
    if (modeler) modeler.destroy();
    document.querySelector('#canvas').innerHTML = '';
    document.querySelector('#properties').innerHTML = '';
    modeler = new CamundaCloudModeler({ container: '#canvas', propertiesPanel: { parent: '#properties' }, additionalModules: [lintingModule] });
    modeler.get('elementTemplatesLoader').setTemplates(templates);
    modeler.get('elementTemplates').setEngines(ENGINES);
    const errors = [];
    modeler.on('elementTemplates.errors', (event) => errors.push(...event.errors.map((e) => String(e.message || e))));
    try {
      const { warnings } = await modeler.importXML(xml);
      modeler.get('canvas').zoom('fit-viewport');
      return { warnings: warnings.map((w) => String(w.message || w)), templateErrors: errors, reports: await lint() };
    } catch (error) {
      return {
        error: String(error.message || error),
        warnings: (error.warnings || []).map((w) => String(w.message || w)),
        templateErrors: errors,
        reports: [],
      };
    }
  },

  /** Lints a diagram's XML without opening it (fixtures have no diagram interchange), Camunda 8 or Camunda 7. */
  async lintXml(xml, type) {
    return plain(await linter(type).lint(xml));
  },

  lint,

  /**
   * Unlinks every templated element and applies its template again, as a process owner linking an element would;
   * returns the exported XML.
   */
  async relink(version) {
    const registry = modeler.get('elementRegistry');
    const modeling = modeler.get('modeling');
    const elementTemplates = modeler.get('elementTemplates');
    const linked = registry.filter((e) => e.type !== 'label' && !e.waypoints && e.businessObject.get('zeebe:modelerTemplate'));
    const missing = [];
    for (const { id } of linked) {
      const element = registry.get(id);
      const templateId = element.businessObject.get('zeebe:modelerTemplate');
      const template = elementTemplates.get(templateId, version ?? element.businessObject.get('zeebe:modelerTemplateVersion'));
      if (!template) {
        missing.push(`${id}: ${templateId}`);
        continue;
      }
      modeling.updateProperties(element, {
        'zeebe:modelerTemplate': undefined,
        'zeebe:modelerTemplateVersion': undefined,
        'zeebe:modelerTemplateIcon': undefined,
      });
      elementTemplates.applyTemplate(registry.get(id), template);
    }
    const { xml } = await modeler.saveXML({ format: true });
    return { relinked: linked.length - missing.length, missing, xml };
  },

  /** Links every templated element to an older version of its template, where there is one (an element made with it). */
  markVersion(version) {
    const registry = modeler.get('elementRegistry');
    const elementTemplates = modeler.get('elementTemplates');
    let marked = 0;
    for (const element of registry.filter((e) => e.type !== 'label' && !e.waypoints && e.businessObject.get('zeebe:modelerTemplate'))) {
      if (!elementTemplates.get(element.businessObject.get('zeebe:modelerTemplate'), version)) continue;
      modeler.get('modeling').updateProperties(element, { 'zeebe:modelerTemplateVersion': version });
      marked++;
    }
    return marked;
  },

  /** Applies the latest version of every templated element's template to it (the Modeler's "Update"). */
  async upgrade() {
    const registry = modeler.get('elementRegistry');
    const elementTemplates = modeler.get('elementTemplates');
    const linked = registry.filter((e) => e.type !== 'label' && !e.waypoints && e.businessObject.get('zeebe:modelerTemplate'));
    for (const { id } of linked) {
      const element = registry.get(id);
      const latest = elementTemplates.getLatest(element.businessObject.get('zeebe:modelerTemplate'))[0];
      if (latest) elementTemplates.applyTemplate(element, latest);
    }
    const { xml } = await modeler.saveXML({ format: true });
    return xml;
  },

  /** On an empty diagram, one new element per template (a host task for boundary events), each template applied. */
  async applyEvery() {
    const elementFactory = modeler.get('elementFactory');
    const modeling = modeler.get('modeling');
    const elementTemplates = modeler.get('elementTemplates');
    const root = modeler.get('canvas').getRootElement();
    const results = [];
    templates
      .filter((t) => elementTemplates.getLatest(t.id)[0] === t)
      .forEach((template, i) => {
        const at = { x: 150 + (i % 8) * 160, y: 120 + Math.floor(i / 8) * 160 };
        const type = template.appliesTo[0];
        let shape;
        if (type === 'bpmn:BoundaryEvent') {
          const host = modeling.createShape(elementFactory.createShape({ type: 'bpmn:Task' }), at, root);
          shape = modeling.createShape(elementFactory.createShape({ type }), { x: at.x, y: at.y + 40 }, host, { attach: true });
        } else {
          shape = modeling.createShape(elementFactory.createShape({ type }), at, root);
        }
        const applied = elementTemplates.applyTemplate(shape, template);
        const bo = applied.businessObject;
        results.push({
          template: template.id,
          id: applied.id,
          type: applied.type,
          linked: bo.get('zeebe:modelerTemplate'),
          version: bo.get('zeebe:modelerTemplateVersion'),
        });
      });
    return { results, reports: await lint() };
  },

  /** What clicking a problem in the Modeler's problems panel does: select the element, open the entry at fault. */
  async showError(rule, id) {
    const reports = await linter().lint(modeler.getDefinitions());
    const report = reports.find((r) => r.rule === rule && r.id === id);
    if (report) modeler.get('linting').showError(report);
    return !!report;
  },

  select(id) {
    const element = modeler.get('elementRegistry').get(id);
    modeler.get('selection').select(element);
    modeler.get('canvas').scrollToElement(element);
  },

  zoom(level, centerOn) {
    const canvas = modeler.get('canvas');
    canvas.zoom(level);
    if (centerOn) canvas.scrollToElement(modeler.get('elementRegistry').get(centerOn), { top: 200, bottom: 200, left: 300, right: 300 });
  },

  /** What a process owner does in the properties panel, done through the modeler's own commands. */
  setCommitteeSize(id, size) {
    const element = modeler.get('elementRegistry').get(id);
    const loop = element.businessObject.loopCharacteristics;
    const lc = loop.extensionElements.values.find((v) => v.$type === 'zeebe:LoopCharacteristics');
    const members = Array.from({ length: size }, (_, i) => `{id: "m${i + 1}", name: "Member ${i + 1}"}`).join(', ');
    modeler.get('modeling').updateModdleProperties(element, lc, { inputCollection: `=[${members}]` });
  },

  setTimerDuration(id, duration) {
    const element = modeler.get('elementRegistry').get(id);
    const expr = element.businessObject.eventDefinitions[0].timeDuration;
    modeler.get('modeling').updateModdleProperties(element, expr, { body: duration });
  },
};
