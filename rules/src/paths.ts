import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The `@isccc/rules` package folder, whether this file runs from `src/`, from `dist/src/` or from a bundle that
 * took it in (`isccc check`'s): above this file, or else where the package system resolves it.
 */
export const packageRoot = ((): string => {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest) && (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name?: unknown }).name === '@isccc/rules') return dir;
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  try {
    return path.dirname(createRequire(import.meta.url).resolve('@isccc/rules/package.json'));
  } catch {
    throw new Error('@isccc/rules package root not found');
  }
})();
