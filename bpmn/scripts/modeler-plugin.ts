/**
 * `npm run -w bpmn modeler-plugin`: builds `dist/modeler-plugin/isccc-flow/`, the folder a user copies into Camunda
 * Modeler's `resources/plugins/`. It holds the plugin descriptor (`modeler-plugin/index.cjs`, as `index.js`), the client script —
 * `modeler-plugin/client.js` bundled by esbuild with every rule of bpmnlint-plugin-isccc, its data and the shared
 * vocabulary — and, for the Modeler's template folders and for deployment, copies of the element templates and the
 * forms (the Modeler reads templates only from `resources/element-templates/` and `.camunda/element-templates/`).
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { packageRoot } from '../src/models.js';

export const PLUGIN_NAME = 'isccc-flow';
export const PLUGIN_DIR = path.join(packageRoot, 'dist', 'modeler-plugin', PLUGIN_NAME);
const SOURCES = path.join(packageRoot, 'modeler-plugin');
const LINT = path.join(packageRoot, 'lint');
const PACKAGE = 'bpmnlint-plugin-isccc';

const require = createRequire(path.join(packageRoot, 'package.json'));

/** `isccc:lint-cache`: the recommended config and one static import per rule of the plugin's list. */
function lintCache(): Plugin {
  const { RULES } = require(PACKAGE) as { RULES: Record<string, string> };
  const rules = Object.keys(RULES);
  const source = [
    `import plugin from ${JSON.stringify(path.join(LINT, 'index.js'))};`,
    ...rules.map((rule, i) => `import rule${i} from ${JSON.stringify(path.join(LINT, 'rules', `${rule}.js`))};`),
    'export default {',
    `  ${JSON.stringify(`config:${PACKAGE}/recommended`)}: plugin.configs.recommended,`,
    ...rules.map((rule, i) => `  ${JSON.stringify(`rule:${PACKAGE}/${rule}`)}: rule${i},`),
    '};',
  ].join('\n');
  return {
    name: 'isccc-lint-cache',
    setup(b) {
      b.onResolve({ filter: /^isccc:lint-cache$/ }, () => ({ path: 'lint-cache', namespace: 'isccc' }));
      b.onLoad({ filter: /.*/, namespace: 'isccc' }, () => ({ contents: source, loader: 'js', resolveDir: LINT }));
    },
  };
}

function copyDir(from: string, to: string, keep: (name: string) => boolean): void {
  fs.mkdirSync(to, { recursive: true });
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    if (entry.isDirectory()) copyDir(source, path.join(to, entry.name), keep);
    else if (keep(entry.name)) fs.copyFileSync(source, path.join(to, entry.name));
  }
}

export async function buildModelerPlugin(out = PLUGIN_DIR): Promise<string> {
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(out, { recursive: true });
  await build({
    entryPoints: [path.join(SOURCES, 'client.js')],
    outfile: path.join(out, 'client.js'),
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    legalComments: 'none',
    logLevel: 'warning',
    nodePaths: [path.join(packageRoot, 'node_modules'), path.join(packageRoot, '..', 'node_modules')],
    plugins: [lintCache()],
  });
  // the Modeler requires `index.js`; the package.json keeps it CommonJS wherever the folder is put
  fs.copyFileSync(path.join(SOURCES, 'index.cjs'), path.join(out, 'index.js'));
  fs.writeFileSync(path.join(out, 'package.json'), `${JSON.stringify({ name: PLUGIN_NAME, private: true, type: 'commonjs' }, null, 2)}\n`);
  copyDir(path.join(packageRoot, 'element-templates'), path.join(out, 'element-templates'), (n) => n.endsWith('.json'));
  copyDir(path.join(packageRoot, 'forms'), path.join(out, 'forms'), (n) => n.endsWith('.form'));
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const out = await buildModelerPlugin();
  console.log(`built ${path.relative(process.cwd(), out)}: copy this folder into Camunda Modeler's resources/plugins/`);
}
