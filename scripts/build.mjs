// What the build does after `tsc -b` (`npm run build`, and the bootstrap before tests, demo and benchmarks):
// 1. the precompiled catalog, rulebook and schema validators of @isccc/rules (rules/dist/generated/);
// 2. `isccc check` as one script (workers/cli/dist/check.bundle.cjs, with a source map) and V8's code cache of it
//    (check.bundle.cache), so the command starts without resolving and loading some hundred modules or compiling
//    what it runs. The CLI uses the bundle only while every file it was built from is unchanged
//    (check.bundle.inputs.json); otherwise it loads the compiled modules as they are.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import * as esbuild from 'esbuild';

execFileSync(process.execPath, ['rules/dist/src/precompiled/build.js'], { stdio: 'inherit' });

const outdir = 'workers/cli/dist';
const commands = path.join(outdir, 'src', 'commands');
const common = {
  outdir,
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  metafile: true,
  logLevel: 'warning',
  // Loaded on demand only (rule files given with --rules, regular expressions, schema compilation, JUnit).
  external: ['feelin', 're2js', 'ajv', 'ajv-formats', 'xmlbuilder2', 'tinyglobby'],
};
// The command as a CommonJS script, which V8 can start from a code cache (ES modules it cannot, in Node 20).
const command = await esbuild.build({
  ...common,
  entryPoints: { 'check.bundle': path.join(commands, 'check.js') },
  format: 'cjs',
  outExtension: { '.js': '.cjs' },
  define: { 'import.meta.url': '__isccc_module_url' },
  banner: { js: "var __isccc_module_url = require('node:url').pathToFileURL(__filename).href;" },
});
// The module of its worker threads (several manifests are checked on all cores).
const worker = await esbuild.build({
  ...common,
  entryPoints: { 'check-worker.bundle': path.join(commands, 'check-worker.js') },
  format: 'esm',
  // Bundled CommonJS (yaml) requires Node built-ins through `require`.
  banner: { js: "import { createRequire as __isccc_createRequire } from 'node:module'; const require = __isccc_createRequire(import.meta.url);" },
});
const inputs = Object.fromEntries(
  Object.keys({ ...command.metafile.inputs, ...worker.metafile.inputs })
    .sort()
    .map((input) => {
      const stat = fs.statSync(input);
      return [path.relative(outdir, input), { size: stat.size, mtimeMs: stat.mtimeMs }];
    }),
);
fs.writeFileSync(path.join(outdir, 'check.bundle.inputs.json'), `${JSON.stringify({ inputs }, null, 1)}\n`);
console.error(`build: ${outdir}/check.bundle.cjs and check-worker.bundle.js from ${Object.keys(inputs).length} modules`);
// Its code cache, made by checking every example, so the cache holds what a check runs.
const examples = fs
  .readdirSync('examples')
  .map((example) => path.join('examples', example, 'manifest.isccc.yaml'))
  .filter((manifest) => fs.existsSync(manifest));
execFileSync(process.execPath, [path.join(outdir, 'src', 'code-cache.js'), ...examples], { stdio: 'inherit' });
