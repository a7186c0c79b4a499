/**
 * Edit → diagnostics latency of this server against two baselines measured in the same run: yaml-language-server
 * validating the same manifest with our JSON Schema, and the floor (YAML parse + ajv validation of the same text in
 * a process of its own, no transport, no rules), on a generated 5,000-line manifest and on the examples; each of
 * the three starts fresh and gets the same warm-up edits. Then this server's memory after opening 200 manifests,
 * started with the options its clients give it and started plain. Run: node language-server/dist/bench/latency.bench.js
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { execFileSync } from 'node:child_process';
import { schemaPath } from '@isccc/rules';
import { SERVER_NODE_OPTIONS } from '../src/protocol.js';
import { EXAMPLES, TestClient } from '../test/support/client.js';

const EDITS = Number(process.env.BENCH_EDITS ?? 15);
/** Edits before the measured ones, the same for the three, so each is timed warm (as in an editor session) and none has a head start. */
const WARMUP = Number(process.env.BENCH_WARMUP ?? 15);
const require = createRequire(import.meta.url);
const FLOOR = fileURLToPath(new URL('./floor.js', import.meta.url));
const YAML_LS = path.join(path.dirname(require.resolve('yaml-language-server/package.json')), 'bin', 'yaml-language-server');

function generated(example: string, lines: number): string {
  let text = fs.readFileSync(example, 'utf8').replace(/\n*$/, '\n').replace('projects:\n', 'projects:\n__GEN__');
  const items: string[] = [];
  for (let i = 0; text.split('\n').length + items.length * 9 < lines; i++) {
    items.push(
      `  - id: GEN-${i}\n    client: Generated client ${i}\n    category: risk-assessment\n    signed: 2024-01-02\n    start: 2024-01-10\n    end: 2024-03-30\n    status: completed\n    users: ${1000 + i}\n    industry: finance\n`,
    );
  }
  text = text.replace('__GEN__', items.join(''));
  return text;
}

async function latencies(client: TestClient, uri: string, text: string): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < WARMUP + EDITS; i++) {
    const edited = text.replace(/serviceStaff: \d+/, `serviceStaff: ${14 + (i % 2)}`);
    const seen = client.count(uri);
    const started = performance.now();
    await client.change(uri, i % 2 ? edited : text);
    await client.diagnostics(uri, () => true, 0, 60000, seen);
    if (i >= WARMUP) out.push(performance.now() - started);
  }
  return out;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * The least any checker of this text must do (parse the YAML, validate it against the schema, no transport), timed
 * in a fresh process with the same edits and warm-up as the servers: in this process, warmed up by every text
 * before, it would have a head start no server has.
 */
function floor(file: string, text: string): number {
  const out = execFileSync(process.execPath, [FLOOR, file, String(WARMUP), String(EDITS)], { input: text, encoding: 'utf8' });
  return Number(out.trim());
}

async function measure(name: string, file: string, text: string, dir: string): Promise<void> {
  const ours = await TestClient.start(dir, { debounceMs: 0 });
  const oursUri = await ours.open(file, text);
  await ours.diagnostics(oursUri, () => true, 0, 60000);
  const a = median(await latencies(ours, oursUri, text));
  await ours.stop();

  const yamlSettings = { validate: true, schemas: { [pathToFileURL(schemaPath('manifest')).href]: ['*.isccc.yaml'] } };
  const theirs = await TestClient.start(dir, {}, YAML_LS);
  theirs.settings = yamlSettings;
  await theirs.connection.sendNotification('workspace/didChangeConfiguration', { settings: { yaml: yamlSettings } });
  // Without the schema-comment the schema comes from the association above.
  const theirsUri = await theirs.open(file, text);
  await theirs.diagnostics(theirsUri, () => true, 0, 60000);
  const b = median(await latencies(theirs, theirsUri, text));
  await theirs.stop();
  const f = floor(file, text);
  console.log(
    `${name.padEnd(42)} isccc ${a.toFixed(1).padStart(7)} ms   yaml-language-server ${b.toFixed(1).padStart(7)} ms (ratio ${(a / b).toFixed(2)})   floor ${f.toFixed(1).padStart(6)} ms (ratio ${(a / f).toFixed(2)})`,
  );
}

/** RSS after opening 200 manifests; `serverNodeOptions` none: started plain, so the server sets its options itself. */
async function memory(dir: string, text: string, label: string, serverNodeOptions?: readonly string[]): Promise<void> {
  const client = await TestClient.start(dir, { debounceMs: 0 }, undefined, serverNodeOptions ? { serverNodeOptions } : undefined);
  for (let i = 0; i < 200; i++) {
    const uri = await client.open(path.join(dir, `m${i}.isccc.yaml`), text);
    await client.diagnostics(uri, () => true, 0, 60000);
  }
  const status = fs.readFileSync(`/proc/${client.process.pid}/status`, 'utf8');
  const rss = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
  console.log(`memory after opening 200 manifests, ${label}: RSS ${rss ? (Number(rss) / 1024).toFixed(0) : '?'} MB`);
  await client.stop();
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'isccc-bench-'));
try {
  const examples = fs.readdirSync(EXAMPLES).filter((e) => fs.existsSync(path.join(EXAMPLES, e, 'manifest.isccc.yaml')));
  console.log(`median of ${EDITS} edits after ${WARMUP} warm-up edits, edit → publishDiagnostics (isccc debounce 0 ms; the editor default is 150 ms)`);
  const big = generated(path.join(EXAMPLES, examples[0]!, 'manifest.isccc.yaml'), 5000);
  fs.cpSync(path.join(EXAMPLES, examples[0]!), dir, { recursive: true });
  await measure(`generated (${big.split('\n').length} lines)`, path.join(dir, 'big.isccc.yaml'), big, dir);
  for (const example of examples) {
    const exampleDir = path.join(EXAMPLES, example);
    const file = path.join(exampleDir, 'manifest.isccc.yaml');
    await measure(example, file, fs.readFileSync(file, 'utf8'), exampleDir);
  }
  const first = fs.readFileSync(path.join(EXAMPLES, examples[0]!, 'manifest.isccc.yaml'), 'utf8');
  await memory(dir, first, `started as clients start it (node ${SERVER_NODE_OPTIONS.join(' ')})`);
  await memory(dir, first, 'started plain (sets those options itself)', []);
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
