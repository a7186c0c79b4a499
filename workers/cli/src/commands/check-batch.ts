/**
 * `isccc check` over several manifests: files, folders (searched for `*.isccc.yaml`) and quoted globs, checked on
 * all cores by worker threads (each loads the rulebook once and takes manifests off a shared queue), then printed
 * in the order given with one summary. `--jobs 1` checks them in this thread.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { loadCatalog, type Lang } from '@isccc/rules';
import type * as Tinyglobby from 'tinyglobby';
import type { Io } from '../io.js';
import { MESSAGES } from '../messages.js';
import { type CheckSettings, checkManifest, type ManifestResult, rulebookOf } from './check-manifest.js';

const require = createRequire(import.meta.url);
const MANIFEST = /\.isccc\.ya?ml$/;
/** A folder search stops here: a mistyped `/` must not walk the whole disk. */
const MAX_MANIFESTS = 100_000;
const SKIP = new Set(['node_modules', 'dist']);

/** Files as given, folders searched for manifests, globs expanded; each manifest once, in the order found. */
export function expandManifests(args: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  const add = (file: string) => {
    const key = path.resolve(file);
    if (!seen.has(key) && out.length < MAX_MANIFESTS) {
      seen.add(key);
      out.push(file);
    }
  };
  for (const arg of args) {
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(arg);
    } catch {
      stat = undefined;
    }
    // A folder named like a manifest is taken as one, and refused as not a file.
    if (stat?.isDirectory() && !MANIFEST.test(arg)) for (const file of manifestsUnder(arg)) add(file);
    else if (!stat && /[*?[\]{}]/.test(arg)) {
      const { globSync } = require('tinyglobby') as typeof Tinyglobby;
      for (const file of globSync(arg, { onlyFiles: true, expandDirectories: false }).sort()) add(file);
    } else add(arg);
  }
  return out;
}

function manifestsUnder(dir: string): string[] {
  const found: string[] = [];
  const walk = (folder: string, depth: number) => {
    if (depth > 16 || found.length >= MAX_MANIFESTS) return;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(folder, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name.startsWith('.') || SKIP.has(entry.name)) continue;
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full, depth + 1);
      else if (entry.isFile() && MANIFEST.test(entry.name)) found.push(full);
    }
  };
  walk(dir, 0);
  return found;
}

/** Checks every manifest and prints the results in order, then one summary. The exit code is the worst one. */
export async function checkMany(files: string[], settings: CheckSettings, io: Io, jobs?: number): Promise<number> {
  const started = performance.now();
  const threads = Math.max(1, Math.min(jobs ?? os.availableParallelism(), files.length));
  const batch = { ...settings, batch: true };
  const results = threads === 1 ? inThisThread(files, batch) : await onWorkers(files, batch, threads);
  const seconds = (performance.now() - started) / 1000;
  print(results, settings, io);
  io.err(summary(results, settings.lang, threads, seconds));
  return results.reduce<number>((worst, r) => Math.max(worst, r.code), 0);
}

function inThisThread(files: string[], settings: CheckSettings): ManifestResult[] {
  const catalog = loadCatalog();
  const rulebook = rulebookOf(settings, catalog);
  if ('problems' in rulebook) throw new Error('the --rules files were checked before');
  return files.map((file) => checkManifest(file, settings, catalog, rulebook.rulebook));
}

/** The worker threads' module: the bundled one beside the check bundle when this runs from it, else the compiled one. */
function workerModule(): URL {
  const bundled = new URL('./check-worker.bundle.js', import.meta.url);
  if (import.meta.url.endsWith('/check.bundle.cjs') && fs.existsSync(bundled)) return bundled;
  return new URL('./check-worker.js', import.meta.url);
}

/** Manifests go out a few at a time to whichever thread is free; results come back with their index. */
function onWorkers(files: string[], settings: CheckSettings, threads: number): Promise<ManifestResult[]> {
  const results: ManifestResult[] = new Array<ManifestResult>(files.length);
  const chunk = Math.max(1, Math.min(16, Math.floor(files.length / (threads * 8))));
  let next = 0;
  let done = 0;
  return new Promise((resolve, reject) => {
    const workers: Worker[] = [];
    const finish = (error?: Error) => {
      for (const worker of workers) void worker.terminate();
      if (error) reject(error);
      else resolve(results);
    };
    const feed = (worker: Worker) => {
      if (next >= files.length) return;
      const from = next;
      next = Math.min(files.length, next + chunk);
      worker.postMessage({ from, files: files.slice(from, next) });
    };
    for (let i = 0; i < threads; i++) {
      const worker = new Worker(workerModule(), { workerData: { settings } });
      workers.push(worker);
      worker.on('message', (message: { from: number; results: ManifestResult[] }) => {
        message.results.forEach((result, i) => (results[message.from + i] = result));
        done += message.results.length;
        if (done === files.length) finish();
        else feed(worker);
      });
      worker.on('error', (error) => finish(error));
      feed(worker);
    }
  });
}

function print(results: ManifestResult[], settings: CheckSettings, io: Io): void {
  for (const r of results) if (r.err) io.err(r.err);
  const shown = results.filter((r) => r.out);
  if (settings.format === 'json') io.out(`[\n${shown.map((r) => r.out).join(',\n')}\n]`);
  else if (settings.format === 'sarif') {
    const logs = shown.map((r) => JSON.parse(r.out) as { runs: unknown[] });
    io.out(
      JSON.stringify(
        { ...(logs[0] ?? { $schema: 'https://json.schemastore.org/sarif-2.1.0.json', version: '2.1.0' }), runs: logs.flatMap((l) => l.runs) },
        null,
        2,
      ),
    );
  } else if (settings.format === 'junit') io.out(mergedJunit(shown.map((r) => r.out)));
  else io.out(shown.map((r) => r.out).join('\n\n'));
}

/** One `<testsuites>` holding every manifest's suite (each rendering is our own, one `<testsuites>` element). */
function mergedJunit(documents: string[]): string {
  let tests = 0;
  let failures = 0;
  const suites: string[] = [];
  for (const doc of documents) {
    const head = /<testsuites [^>]*tests="(\d+)" failures="(\d+)"[^>]*>/.exec(doc);
    const open = doc.indexOf('>', doc.indexOf('<testsuites')) + 1;
    const close = doc.lastIndexOf('</testsuites>');
    if (!head || open <= 0 || close < open) continue;
    tests += Number(head[1]);
    failures += Number(head[2]);
    suites.push(doc.slice(open, close).replace(/^\n|\n$/g, ''));
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="isccc check" tests="${tests}" failures="${failures}">\n${suites.join('\n')}\n</testsuites>`;
}

function summary(results: ManifestResult[], lang: Lang, threads: number, seconds: number): string {
  const pass = results.filter((r) => r.code === 0).length;
  const findings = results.filter((r) => r.code === 1).length;
  const bad = results.filter((r) => r.code === 2).length;
  const rate = Math.round(results.length / Math.max(seconds, 1e-3));
  return MESSAGES['check.batch-summary']({ total: results.length, pass, findings, bad, threads, seconds, rate })[lang];
}
