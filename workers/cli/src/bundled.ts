/**
 * The build bundles `isccc check` into one module (`dist/check.bundle.js`, see scripts/build.mjs) so it starts
 * fast. It is used only while every file it was made from is as the build saw it: after an edit and a plain
 * `tsc -b`, the compiled modules run instead, so what runs is always what was last compiled. `ISCCC_NO_BUNDLE=1`
 * forces the modules (e.g. to debug them).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** workers/cli/dist, from dist/src/. */
const DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function freshBundle(name: string): string | undefined {
  if (process.env.ISCCC_NO_BUNDLE) return undefined;
  const bundle = path.join(DIST, `${name}.js`);
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
  return pathToFileURL(bundle).href;
}
