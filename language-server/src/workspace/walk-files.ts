import fs from 'node:fs';
import path from 'node:path';

const SKIP_DIRS = new Set(['node_modules', 'dist', 'out', '.vscode-test']);

/**
 * Regular files under `root`, bounded in depth and in entries visited so a huge workspace cannot stall
 * the server. Hidden and build/dependency folders are skipped; symbolic links are never followed.
 */
export function walkFiles(root: string, limits: { maxDepth: number; maxEntries: number }): string[] {
  const out: string[] = [];
  let seen = 0;
  const walk = (dir: string, depth: number): void => {
    if (depth > limits.maxDepth || seen > limits.maxEntries) return;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (++seen > limits.maxEntries) return;
      if (entry.name.startsWith('.')) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory() && !SKIP_DIRS.has(entry.name)) walk(full, depth + 1);
      else if (entry.isFile()) out.push(full);
    }
  };
  walk(root, 0);
  return out;
}
