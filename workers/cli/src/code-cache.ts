/**
 * Build step (scripts/build.mjs): writes the code cache of the `isccc check` bundle after checking the manifests
 * given, so the cache holds the functions a check runs. Usage: node dist/src/code-cache.js MANIFEST…
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { codeCacheOf, loadBundle } from './bundled.js';
import type { Io } from './io.js';

const bundle = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'check.bundle.cjs');
const loaded = loadBundle(bundle, { useCache: false });
const checkCommand = loaded.exports.checkCommand as (argv: string[], io: Io) => Promise<number>;
const silent: Io = { out: () => undefined, err: () => undefined };
for (const manifest of process.argv.slice(2)) await checkCommand([manifest], silent);
const cache = loaded.cacheData();
fs.writeFileSync(codeCacheOf(bundle), cache);
console.error(`build: ${path.relative(process.cwd(), codeCacheOf(bundle))}, ${Math.round(cache.length / 1024)} KB of V8 code cache`);
