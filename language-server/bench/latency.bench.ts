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
import { type ChildProcess, spawn } from 'node:child_process';
import readline from 'node:readline';
import { schemaPath } from '@isccc/rules';
import { SERVER_NODE_OPTIONS } from '../src/protocol.js';
import { editedText } from './edits.js';
import { EXAMPLES, TestClient } from '../test/support/client.js';

const EDITS = Number(process.env.BENCH_EDITS ?? 30);
/**
 * Edits before the measured ones, the same for the three: each is timed as in an editor session that has been typed
 * in a while (its JIT warm), none with a head start. The first edits after opening are reported apart.
 */
const WARMUP = Number(process.env.BENCH_WARMUP ?? 100);
const FIRST = 15;
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

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** One edit through a server, to its next diagnostics. */
async function edit(client: TestClient, uri: string, text: string, i: number): Promise<number> {
  const seen = client.count(uri);
  const started = performance.now();
  await client.change(uri, editedText(text, i));
  await client.diagnostics(uri, () => true, 0, 60000, seen);
  return performance.now() - started;
}

/**
 * The least any checker of this text must do (parse the YAML, validate it against the schema), in a fresh process
 * as each server is: in this process, warmed up by every text before, it would have a head start no server has.
 */
class Floor {
  private readonly process: ChildProcess;
  private readonly lines: AsyncIterator<string>;

  constructor(file: string) {
    this.process = spawn(process.execPath, [FLOOR, file], { stdio: ['pipe', 'pipe', 'inherit'] });
    this.lines = readline.createInterface({ input: this.process.stdout! })[Symbol.asyncIterator]();
  }

  async start(text: string): Promise<void> {
    this.process.stdin!.write(`${JSON.stringify(text)}\n`);
    await this.lines.next();
  }

  async edit(i: number): Promise<number> {
    this.process.stdin!.write(`${i}\n`);
    return Number((await this.lines.next()).value);
  }

  stop(): void {
    this.process.kill();
  }
}

/** Latencies of the edits after the warm-up and of the first ones; with `floor`, its iteration taken in turn with each edit, so that noise from other processes hits both alike. */
async function session(
  client: TestClient,
  uri: string,
  text: string,
  floor?: Floor,
): Promise<{ warm: number; first: number; floorWarm?: number; floorFirst?: number }> {
  const times: number[] = [];
  const floors: number[] = [];
  for (let i = 0; i < WARMUP + EDITS; i++) {
    times.push(await edit(client, uri, text, i));
    if (floor) floors.push(await floor.edit(i));
  }
  const warm = median(times.slice(WARMUP));
  const first = median(times.slice(0, FIRST));
  return floor ? { warm, first, floorWarm: median(floors.slice(WARMUP)), floorFirst: median(floors.slice(0, FIRST)) } : { warm, first };
}

async function measure(name: string, file: string, text: string, dir: string): Promise<void> {
  const ours = await TestClient.start(dir, { debounceMs: 0 });
  const oursUri = await ours.open(file, text);
  await ours.diagnostics(oursUri, () => true, 0, 60000);
  const floor = new Floor(file);
  await floor.start(text);
  const a = await session(ours, oursUri, text, floor);
  floor.stop();
  await ours.stop();

  const yamlSettings = { validate: true, schemas: { [pathToFileURL(schemaPath('manifest')).href]: ['*.isccc.yaml'] } };
  const theirs = await TestClient.start(dir, {}, YAML_LS);
  theirs.settings = yamlSettings;
  await theirs.connection.sendNotification('workspace/didChangeConfiguration', { settings: { yaml: yamlSettings } });
  // Without the schema-comment the schema comes from the association above.
  const theirsUri = await theirs.open(file, text);
  await theirs.diagnostics(theirsUri, () => true, 0, 60000);
  const b = await session(theirs, theirsUri, text);
  await theirs.stop();
  const ms = (x: number, width = 6) => `${x.toFixed(1).padStart(width)} ms`;
  console.log(
    `${name.padEnd(42)} isccc ${ms(a.warm)}   yaml-language-server ${ms(b.warm)} (ratio ${(a.warm / b.warm).toFixed(2)})   floor ${ms(a.floorWarm!)} (ratio ${(a.warm / a.floorWarm!).toFixed(2)})` +
      `   | first ${FIRST} edits: isccc ${ms(a.first, 5)}, yaml-language-server ${ms(b.first)}, floor ${ms(a.floorFirst!, 5)} (ratio ${(a.first / a.floorFirst!).toFixed(2)})`,
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
  console.log(
    `edit → publishDiagnostics, median of ${EDITS} edits after ${WARMUP} warm-up edits, and of the first ${FIRST} (isccc debounce 0 ms; the editor default is 150 ms)`,
  );
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
