// What the build does after `tsc -b` (`npm run build`, and the bootstrap before tests, demo and benchmarks):
// 1. the precompiled catalog, rulebook and schema validators of @isccc/rules (rules/dist/generated/);
// 2. `isccc check` as one ES module (workers/cli/dist/check.bundle.js, with a source map), so the command starts
//    without resolving and loading some hundred modules. The CLI uses the bundle only while every file it was
//    built from is unchanged (check.bundle.inputs.json); otherwise it loads the compiled modules as they are.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import * as esbuild from 'esbuild';

execFileSync(process.execPath, ['rules/dist/src/precompiled/build.js'], { stdio: 'inherit' });

const outdir = 'workers/cli/dist';
const commands = path.join(outdir, 'src', 'commands');
const result = await esbuild.build({
  // The command, and the module of its worker threads (several manifests are checked on all cores).
  entryPoints: { 'check.bundle': path.join(commands, 'check.js'), 'check-worker.bundle': path.join(commands, 'check-worker.js') },
  outdir,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked',
  metafile: true,
  logLevel: 'warning',
  // Bundled CommonJS (yaml) requires Node built-ins through `require`.
  banner: { js: "import { createRequire as __isccc_createRequire } from 'node:module'; const require = __isccc_createRequire(import.meta.url);" },
  // Loaded on demand only (rule files given with --rules, regular expressions, schema compilation, JUnit).
  external: ['feelin', 're2js', 'ajv', 'ajv-formats', 'xmlbuilder2', 'tinyglobby'],
});
const inputs = Object.fromEntries(
  Object.keys(result.metafile.inputs)
    .sort()
    .map((input) => {
      const stat = fs.statSync(input);
      return [path.relative(outdir, input), { size: stat.size, mtimeMs: stat.mtimeMs }];
    }),
);
fs.writeFileSync(path.join(outdir, 'check.bundle.inputs.json'), `${JSON.stringify({ inputs }, null, 1)}\n`);
console.error(`build: ${outdir}/check.bundle.js and check-worker.bundle.js from ${Object.keys(inputs).length} modules`);
