/**
 * Packages only import downward: every `@isccc/*` import of a package is one of its declared dependencies, the
 * dependency graph has no cycle, and the core (`@isccc/rules`) depends on no other package of the repository.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

interface Workspace {
  dir: string;
  name: string;
  deps: string[];
  imports: Map<string, string>;
}

function sources(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return ['node_modules', 'dist', 'cli', '.artifacts'].includes(e.name) ? [] : sources(full);
    return /\.(ts|js|mjs|cjs)$/.test(e.name) && !e.name.endsWith('.d.ts') ? [full] : [];
  });
}

function workspaces(): Workspace[] {
  const root = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { workspaces: string[] };
  return root.workspaces.map((dir) => {
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO, dir, 'package.json'), 'utf8')) as {
      name: string;
      dependencies?: Record<string, string>;
      devDependencies?: Record<string, string>;
    };
    const imports = new Map<string, string>();
    // A nested workspace (workers/cli) is a package of its own: its files are not the parent's.
    const files = fs.readdirSync(path.join(REPO, dir)).flatMap((entry) => {
      const full = path.join(REPO, dir, entry);
      if (root.workspaces.includes(path.posix.join(dir, entry)) || ['node_modules', 'dist', '.artifacts'].includes(entry)) return [];
      return fs.statSync(full).isDirectory() ? sources(full) : /\.(ts|js|mjs)$/.test(entry) ? [full] : [];
    });
    for (const file of files) {
      for (const m of fs.readFileSync(file, 'utf8').matchAll(/(?:from|import\(|require\()\s*'(@isccc\/[a-z-]+)/g)) {
        if (!imports.has(m[1]!)) imports.set(m[1]!, path.relative(REPO, file));
      }
    }
    return { dir, name: pkg.name, deps: Object.keys({ ...pkg.dependencies, ...pkg.devDependencies }).filter((d) => d.startsWith('@isccc/')), imports };
  });
}

describe('packages only import downward', () => {
  const all = workspaces();

  it('every @isccc import is a declared dependency of the importing package', () => {
    const undeclared = all.flatMap((w) =>
      [...w.imports]
        .filter(([name]) => name !== w.name && !w.deps.includes(name))
        .map(([name, file]) => `${file} imports ${name}, not a dependency of ${w.name}`),
    );
    assert.deepEqual(undeclared, []);
  });

  it('the dependency graph between packages has no cycle', () => {
    const deps = new Map(all.map((w) => [w.name, w.deps]));
    const cycles: string[] = [];
    const visit = (name: string, trail: string[]): void => {
      if (trail.includes(name)) {
        cycles.push([...trail.slice(trail.indexOf(name)), name].join(' → '));
        return;
      }
      for (const next of deps.get(name) ?? []) visit(next, [...trail, name]);
    };
    for (const w of all) visit(w.name, []);
    assert.deepEqual(cycles, []);
  });

  it('@isccc/rules, the core, depends on no other package of the repository', () => {
    const rules = all.find((w) => w.name === '@isccc/rules');
    assert.ok(rules);
    assert.deepEqual(rules.deps, []);
    assert.deepEqual(
      [...rules.imports.keys()].filter((n) => n !== '@isccc/rules'),
      [],
    );
  });
});
