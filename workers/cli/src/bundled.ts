/**
 * The build bundles `isccc check` into one script (`dist/check.bundle.cjs`, see scripts/build.mjs) so it starts
 * fast, with V8's code cache of it (`dist/check.bundle.cache`: the bytecode of every function a check of an example
 * ran, so they are neither parsed nor compiled again at each start). The bundle is used only while every file it
 * was made from is as the build saw it: after an edit and a plain `tsc -b`, the compiled modules run instead, so
 * what runs is always what was last compiled. `ISCCC_NO_BUNDLE=1` forces the modules (e.g. to debug them). A cache
 * V8 does not accept (another Node version or V8 flags, a bundle built again) costs only the compilation it saves.
 */
import fs from 'node:fs';
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

/** workers/cli/dist, from dist/src/. */
const DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The bundle's file when it is still what the build made of today's compiled modules. */
export function freshBundle(name: string): string | undefined {
  if (process.env.ISCCC_NO_BUNDLE) return undefined;
  const bundle = path.join(DIST, `${name}.cjs`);
  let inputs: Record<string, { size: number; mtimeMs: number }>;
  try {
    inputs = (JSON.parse(fs.readFileSync(path.join(DIST, `${name}.inputs.json`), 'utf8')) as { inputs: typeof inputs }).inputs;
    if (!fs.existsSync(bundle)) return undefined;
    for (const [input, seen] of Object.entries(inputs)) {
      const stat = fs.statSync(path.resolve(DIST, input));
      if (stat.size !== seen.size || stat.mtimeMs !== seen.mtimeMs) return undefined;
    }
  } catch {
    return undefined;
  }
  return bundle;
}

/** Where the build keeps the code cache of a bundle. */
export function codeCacheOf(bundle: string): string {
  return bundle.replace(/\.cjs$/, '.cache');
}

export interface LoadedBundle {
  exports: Record<string, unknown>;
  /** Whether V8 took the code cache (false: there was none, or it did not fit this bundle, Node or flags). */
  cached: boolean;
  /** The bundle's code cache as it is now, after what has run (the build writes it). */
  cacheData(): Buffer;
}

const loaded = new Map<string, LoadedBundle>();

/** Runs a CommonJS bundle as `require` would (once per process), compiled from its code cache where V8 accepts it. */
export function loadBundle(bundle: string, { useCache = true } = {}): LoadedBundle {
  const key = `${useCache}:${bundle}`;
  let bundleModule = loaded.get(key);
  if (!bundleModule) loaded.set(key, (bundleModule = compileBundle(bundle, useCache)));
  return bundleModule;
}

function compileBundle(bundle: string, useCache: boolean): LoadedBundle {
  let cachedData: Buffer | undefined;
  try {
    if (useCache) cachedData = fs.readFileSync(codeCacheOf(bundle));
  } catch {
    // no cache: compiled as any script
  }
  // Node's CommonJS wrapper, so the bundle sees `require`, `module` and `__filename` as a required file does.
  const script = new vm.Script(Module.wrap(fs.readFileSync(bundle, 'utf8')), {
    filename: bundle,
    ...(cachedData && { cachedData }),
    // The bundle imports some libraries only when a run needs them (feelin for --rules, ajv, xmlbuilder2…).
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const module = { exports: {} as Record<string, unknown> };
  const run = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: unknown, filename: string, dirname: string) => void;
  run(module.exports, createRequire(bundle), module, bundle, path.dirname(bundle));
  return { exports: module.exports, cached: cachedData !== undefined && !script.cachedDataRejected, cacheData: () => script.createCachedData() };
}
