/** A worker thread of a batch `isccc check`: loads the rulebook once, then checks the manifests it is sent. */
import { parentPort, workerData } from 'node:worker_threads';
import { loadCatalog } from '@isccc/rules';
import { type CheckSettings, checkManifest, rulebookOf } from './check-manifest.js';

const { settings } = workerData as { settings: CheckSettings };
const catalog = loadCatalog();
const loaded = rulebookOf(settings, catalog);
parentPort!.on('message', ({ from, files }: { from: number; files: string[] }) => {
  const results =
    'problems' in loaded
      ? files.map((file) => ({ file, code: 2 as const, out: '', err: `${loaded.problems[0]!.file}: ${loaded.problems[0]!.message}` }))
      : files.map((file) => checkManifest(file, settings, catalog, loaded.rulebook));
  parentPort!.postMessage({ from, results });
});
