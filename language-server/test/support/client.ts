import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createMessageConnection, type MessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import {
  type Diagnostic,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DidSaveTextDocumentNotification,
  type FileChangeType,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  type PublishDiagnosticsParams,
  ShutdownRequest,
  ExitNotification,
} from 'vscode-languageserver-protocol/node';
import { SERVER_NODE_OPTIONS } from '../../src/protocol.js';

const here = path.dirname(fileURLToPath(import.meta.url));
/** language-server/dist/test/support → the compiled server. */
export const SERVER = path.resolve(here, '..', '..', 'src', 'server.js');
export const REPO = path.resolve(here, '..', '..', '..', '..');
export const EXAMPLES = path.join(REPO, 'examples');

interface Published {
  version?: number;
  diagnostics: Diagnostic[];
}

/** A real LSP client over stdio JSON-RPC: spawns the compiled server as a separate process. */
export class TestClient {
  readonly process: ChildProcess;
  readonly connection: MessageConnection;
  readonly published = new Map<string, Published[]>();
  readonly logs: string[] = [];
  /** Told of every diagnostics notification, as it arrives. */
  onPublish: ((params: PublishDiagnosticsParams) => void) | undefined;
  /** How many times the server asked for code lenses to be refreshed (`workspace/codeLens/refresh`). */
  lensRefreshes = 0;
  settings: Record<string, unknown> = { language: 'en' };
  private readonly versions = new Map<string, number>();
  private waiters: (() => void)[] = [];
  exited = false;

  /**
   * `nodeArgs`: options for node itself, before the server module (e.g. `--import` a module to preload).
   * `serverNodeOptions`: this server gets the options its clients start it with unless told otherwise.
   */
  constructor(
    args: string[] = ['--stdio'],
    server = SERVER,
    nodeArgs: string[] = [],
    env: NodeJS.ProcessEnv = process.env,
    serverNodeOptions: readonly string[] = server === SERVER ? SERVER_NODE_OPTIONS : [],
  ) {
    this.process = spawn(process.execPath, [...serverNodeOptions, ...nodeArgs, server, ...args], { stdio: ['pipe', 'pipe', 'pipe'], env });
    this.process.stderr!.on('data', (chunk: Buffer) => this.logs.push(chunk.toString()));
    this.process.on('exit', () => {
      this.exited = true;
    });
    this.connection = createMessageConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      const list = this.published.get(params.uri) ?? [];
      list.push({ ...(params.version !== undefined ? { version: params.version } : {}), diagnostics: params.diagnostics });
      this.published.set(params.uri, list);
      this.onPublish?.(params);
      const waiters = this.waiters;
      this.waiters = [];
      waiters.forEach((wake) => wake());
    });
    this.connection.onNotification('window/logMessage', (params: { message: string }) => {
      this.logs.push(params.message);
    });
    this.connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) => params.items.map(() => this.settings));
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('workspace/codeLens/refresh', () => {
      this.lensRefreshes++;
      return null;
    });
    this.connection.listen();
  }

  static async start(
    workspace: string,
    initializationOptions: Record<string, unknown> = { debounceMs: 20 },
    server = SERVER,
    spawnWith?: { nodeArgs?: string[]; env?: NodeJS.ProcessEnv; serverNodeOptions?: readonly string[] },
  ): Promise<TestClient> {
    const client = new TestClient(['--stdio'], server, spawnWith?.nodeArgs, spawnWith?.env, spawnWith?.serverNodeOptions);
    await client.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: pathToFileURL(workspace).href,
      workspaceFolders: [{ uri: pathToFileURL(workspace).href, name: 'ws' }],
      capabilities: {
        workspace: {
          configuration: true,
          didChangeWatchedFiles: { dynamicRegistration: true },
          didChangeConfiguration: { dynamicRegistration: true },
          codeLens: { refreshSupport: true },
        },
        textDocument: { publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true, dataSupport: true } },
      },
      initializationOptions,
    });
    await client.connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  async open(file: string, text = fs.readFileSync(file, 'utf8'), languageId = 'yaml'): Promise<string> {
    const uri = pathToFileURL(file).href;
    this.versions.set(uri, 1);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
    return uri;
  }

  async change(uri: string, text: string): Promise<number> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
    return version;
  }

  async save(uri: string): Promise<void> {
    await this.connection.sendNotification(DidSaveTextDocumentNotification.type, { textDocument: { uri } });
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  async fileChanged(file: string, type: FileChangeType): Promise<void> {
    await this.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: pathToFileURL(file).href, type }] });
  }

  async setSettings(settings: Record<string, unknown>): Promise<void> {
    this.settings = settings;
    await this.connection.sendNotification('workspace/didChangeConfiguration', { settings: { isccc: settings } });
  }

  /** How many times diagnostics were published for `uri` so far (pass as `skip` to wait for newer ones). */
  count(uri: string): number {
    return this.published.get(uri)?.length ?? 0;
  }

  latest(uri: string): Diagnostic[] | undefined {
    return this.published.get(uri)?.at(-1)?.diagnostics;
  }

  /** Resolves with the first published diagnostics (for `minVersion` or later) that satisfy `accept`. */
  async diagnostics(uri: string, accept: (d: Diagnostic[]) => boolean = () => true, minVersion = 0, timeoutMs = 10000, skip = 0): Promise<Diagnostic[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const hit = (this.published.get(uri) ?? [])
        .slice(skip)
        .filter((p) => (p.version ?? 0) >= minVersion)
        .find((p) => accept(p.diagnostics));
      if (hit) return hit.diagnostics;
      if (this.exited) throw new Error(`server exited; stderr: ${this.logs.join('')}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no matching diagnostics for ${uri}; last: ${JSON.stringify(this.latest(uri))?.slice(0, 2000)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  async stop(): Promise<void> {
    if (!this.exited) {
      try {
        await this.connection.sendRequest(ShutdownRequest.type);
        await this.connection.sendNotification(ExitNotification.type);
      } catch {
        // already gone
      }
    }
    await new Promise<void>((resolve) => {
      if (this.exited) return resolve();
      const timer = setTimeout(() => {
        this.process.kill();
        resolve();
      }, 3000);
      this.process.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    this.connection.dispose();
  }
}

/** A private copy of an example (manifest + evidence) so tests may edit files. */
export function copyExample(name: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `isccc-ls-${name}-`));
  fs.cpSync(path.join(EXAMPLES, name), dir, { recursive: true });
  return dir;
}

/** A private copy of the passing example with a server started on it; close it with {@link closeExample}. */
export async function openExample(): Promise<{ dir: string; file: string; text: string; client: TestClient }> {
  const dir = copyExample('risk-assessment-l3-pass');
  const file = path.join(dir, 'manifest.isccc.yaml');
  return { dir, file, text: fs.readFileSync(file, 'utf8'), client: await TestClient.start(dir) };
}

export async function closeExample(dir: string, client: TestClient): Promise<void> {
  await client.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}

/**
 * For a suite whose tests copy examples side by side into one folder (so they may edit and delete files, and one
 * workspace may hold several): a fresh folder for each test; after it, the clients started through `start` stopped
 * and the folder removed, whether or not the test passed.
 */
export function exampleWorkspace(prefix: string): {
  /** The folder of this test's copies. */
  readonly parent: string;
  copy: (name: string) => { dir: string; file: string; text: string };
  start: (...args: Parameters<typeof TestClient.start>) => Promise<TestClient>;
} {
  let parent = '';
  let clients: TestClient[] = [];
  beforeEach(() => {
    parent = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  });
  afterEach(async () => {
    await Promise.all(clients.map((client) => client.stop()));
    clients = [];
    fs.rmSync(parent, { recursive: true, force: true });
  });
  return {
    get parent() {
      return parent;
    },
    copy: (name) => {
      const dir = path.join(parent, name);
      fs.cpSync(path.join(EXAMPLES, name), dir, { recursive: true });
      const file = path.join(dir, 'manifest.isccc.yaml');
      return { dir, file, text: fs.readFileSync(file, 'utf8') };
    },
    start: async (...args) => {
      const client = await TestClient.start(...args);
      clients.push(client);
      return client;
    },
  };
}

/** Zero-based line of the first line containing `needle`, and the column where it starts. */
export function locate(text: string, needle: string, from = 0): { line: number; character: number } {
  const offset = text.indexOf(needle, from);
  if (offset < 0) throw new Error(`"${needle}" not in text`);
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before.at(-1)!.length };
}

/** LSP 3.18 lets a diagnostic message be markup; this server always sends plain strings. */
export function messageOf(d: Diagnostic): string {
  assert.equal(typeof d.message, 'string');
  return d.message as string;
}
