// Lays out everything the vsix ships under dist/: the client and server bundles (CommonJS, since
// the extension host and the server process `require` them), the rules data the server reads at
// run time, bpmn-js for the procedure webview and the BPMN models it shows.
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.dirname(here);
const dist = path.join(here, 'dist');
const require = createRequire(import.meta.url);

function fail(message) {
  console.error(`vscode-extension/build.mjs: ${message}`);
  process.exit(1);
}

function copyDir(from, to) {
  fs.rmSync(to, { recursive: true, force: true });
  fs.cpSync(from, to, { recursive: true });
}

const common = { bundle: true, minify: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'warning', legalComments: 'none' };

// The client imports @isccc/language-server/protocol and the server is bundled below: both need its tsc output.
const serverEntry = path.join(repo, 'language-server', 'dist', 'src', 'server.js');
if (!fs.existsSync(serverEntry)) fail(`${path.relative(repo, serverEntry)} is missing: run \`npx tsc -b\` at the repository root first`);

const client = await esbuild.build({
  ...common,
  entryPoints: [path.join(here, 'src', 'extension.ts')],
  external: ['vscode'],
  outfile: path.join(dist, 'extension.js'),
  metafile: true,
});
// The server runs in its own process; of its package the client may hold the protocol module only.
const serverPackage = path.join(repo, 'language-server') + path.sep;
const serverCode = Object.keys(client.metafile.inputs)
  .map((input) => path.resolve(input))
  .filter((input) => input.startsWith(serverPackage) && input !== path.join(serverPackage, 'dist', 'src', 'protocol.js'));
if (serverCode.length > 0) fail(`the client bundle pulls in language-server code: ${serverCode.map((input) => path.relative(repo, input)).join(', ')}`);

const bpmnJs = path.dirname(require.resolve('bpmn-js/package.json'));
const bpmnJsOut = path.join(dist, 'media', 'bpmn-js');
fs.rmSync(bpmnJsOut, { recursive: true, force: true });
fs.mkdirSync(bpmnJsOut, { recursive: true });
// The embedded-font stylesheet carries the font itself, so no font files are needed.
for (const asset of ['bpmn-js.css', 'diagram-js.css', 'bpmn-font/css/bpmn-embedded.css']) {
  fs.cpSync(path.join(bpmnJs, 'dist', 'assets', asset), path.join(bpmnJsOut, asset), { recursive: true });
}
fs.copyFileSync(path.join(bpmnJs, 'dist', 'bpmn-navigated-viewer.production.min.js'), path.join(bpmnJsOut, 'bpmn-navigated-viewer.production.min.js'));

const models = path.join(repo, 'bpmn', 'models');
const modelsOut = path.join(dist, 'bpmn');
fs.rmSync(modelsOut, { recursive: true, force: true });
fs.mkdirSync(modelsOut, { recursive: true });
const modelFiles = fs.existsSync(models) ? fs.readdirSync(models).filter((file) => file.endsWith('.bpmn')) : [];
if (modelFiles.length === 0) fail('no BPMN model in bpmn/models/*.bpmn for "Show certification procedure"');
for (const file of modelFiles) fs.copyFileSync(path.join(models, file), path.join(modelsOut, file));

// The server and @isccc/rules are ESM that find their data through import.meta.url; in a CommonJS
// bundle that becomes the bundle's own URL, so the data is laid out beside dist/server/server.js.
const serverDir = path.join(dist, 'server');
fs.rmSync(serverDir, { recursive: true, force: true });
await esbuild.build({
  ...common,
  entryPoints: [serverEntry],
  outfile: path.join(serverDir, 'server.js'),
  define: { 'import.meta.url': '__isccc_import_meta_url' },
  banner: { js: "const __isccc_import_meta_url = require('url').pathToFileURL(__filename).href;" },
});

// rules/src/paths.ts walks up from the running file to a package.json named @isccc/rules.
const rulesRoot = path.join(repo, 'rules');
const rulesPackage = JSON.parse(fs.readFileSync(path.join(rulesRoot, 'package.json'), 'utf8'));
const dataDirs = new Set(['docs']);
for (const key of Object.keys(rulesPackage.exports ?? {})) {
  const match = /^\.\/([^/*]+)\/\*$/.exec(key);
  if (match) dataDirs.add(match[1]);
}
for (const dir of dataDirs) {
  if (fs.existsSync(path.join(rulesRoot, dir))) copyDir(path.join(rulesRoot, dir), path.join(serverDir, dir));
}
fs.writeFileSync(
  path.join(serverDir, 'package.json'),
  `${JSON.stringify({ name: rulesPackage.name, version: rulesPackage.version, private: true, type: 'commonjs' }, null, 2)}\n`,
);
