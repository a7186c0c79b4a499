import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The `@isccc/rules` package folder, whether this file runs from `src/` or from `dist/src/`. */
export const packageRoot = ((): string => {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest) && (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name?: unknown }).name === '@isccc/rules') return dir;
    const up = path.dirname(dir);
    if (up === dir) throw new Error('@isccc/rules package root not found');
    dir = up;
  }
})();
