/**
 * The plugin's client script, bundled by `npm run -w bpmn modeler-plugin` (esbuild): the rules of
 * bpmnlint-plugin-isccc (`bpmn/lint/`, the same files bpmnlint's CLI and the tests run) registered as a lint plugin —
 * `{ config, resolver }`, the shape Camunda Modeler passes to `@camunda/linting` — for both diagram kinds.
 * `isccc:lint-cache` is made by the build from the plugin's rule list: every rule and the recommended config, keyed
 * as bpmnlint's StaticResolver looks them up.
 */
import { registerClientPlugin } from 'camunda-modeler-plugin-helpers';
import StaticResolver from 'bpmnlint/lib/resolver/static-resolver';
import cache from 'isccc:lint-cache';

const lintRules = {
  config: { extends: ['plugin:isccc/recommended'] },
  resolver: new StaticResolver(cache),
};

registerClientPlugin(lintRules, 'lintRules.cloud-bpmn'); // Camunda 8 (Zeebe) diagrams
registerClientPlugin(lintRules, 'lintRules.bpmn'); // Camunda 7 diagrams
