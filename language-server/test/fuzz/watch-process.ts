/**
 * Preloaded into the server process of a fuzz session (`node --import …/watch-process.js server.js`; its worker
 * threads load it too): reports on stderr — which the session counts as a defect — every file the process opens,
 * reads, lists or looks at outside the folders in ISCCC_FUZZ_ALLOWED (the session's workspace, the toolkit's own
 * installation) or inside one in ISCCC_FUZZ_DENIED (the repository's examples, of which the session edits copies),
 * and any change of Object.prototype.
 */
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import path from 'node:path';

const folders = (name: string) => (process.env[name] ?? '').split(path.delimiter).filter(Boolean);
const allowed = folders('ISCCC_FUZZ_ALLOWED');
const denied = folders('ISCCC_FUZZ_DENIED');
const under = (file: string, dirs: string[]) => dirs.some((dir) => file === dir || file.startsWith(dir + path.sep));
const inside = (file: string) => under(file, allowed) && !under(file, denied);
const report = (what: string) => process.stderr.write(`fuzz watch: ${what}\n`);

type Watched = 'openSync' | 'readFileSync' | 'readdirSync' | 'opendirSync' | 'createReadStream' | 'statSync' | 'lstatSync' | 'existsSync' | 'realpathSync';
const WATCHED: Watched[] = [
  'openSync',
  'readFileSync',
  'readdirSync',
  'opendirSync',
  'createReadStream',
  'statSync',
  'lstatSync',
  'existsSync',
  'realpathSync',
];
const target = fs as unknown as Record<Watched, (...args: unknown[]) => unknown>;
for (const name of WATCHED) {
  const original = target[name];
  // Keeps what hangs off the function (`realpathSync.native`).
  target[name] = Object.assign(function (this: unknown, file: unknown, ...rest: unknown[]): unknown {
    if (typeof file === 'string' || file instanceof URL) {
      const resolved = path.resolve(file instanceof URL ? file.pathname : file);
      if (!inside(resolved)) report(`${name} ${resolved} is outside the workspace`);
    }
    return original.call(this, file, ...rest);
  }, original);
}
// `import { readFileSync } from 'node:fs'` sees the watched functions too.
syncBuiltinESMExports();

setInterval(() => {
  const keys = Object.keys(Object.prototype);
  if (keys.length > 0 || ({} as Record<string, unknown>).polluted !== undefined) report(`Object.prototype changed: ${keys.join(', ')}`);
}, 200).unref();
