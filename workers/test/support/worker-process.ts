/** `isccc worker` as a child process (the bin, as an operator starts it), with its JSON log lines parsed. */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from '../helpers.js';

export const ISCCC_BIN = path.join(repoRoot, 'workers', 'cli', 'bin', 'isccc.js');

export interface WorkerProcess {
  child: ChildProcess;
  logs: Array<Record<string, unknown>>;
  stderr: string[];
  httpPort: number;
  exited: Promise<number | null>;
  waitForLog(match: (entry: Record<string, unknown>) => boolean, timeoutMs?: number): Promise<Record<string, unknown>>;
  get(pathname: string): Promise<{ status: number; body: string }>;
}

/** The environment a deployment would set: the gateway address, no auth, nothing else of this machine's Camunda settings. */
export function clusterEnv(address: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(ZEEBE|CAMUNDA)_/.test(k)));
  return { ...env, ZEEBE_GRPC_ADDRESS: `grpc://${address}`, CAMUNDA_AUTH_STRATEGY: 'NONE', ...extra };
}

export async function startWorkerProcess(address: string, args: string[] = [], extraEnv: Record<string, string> = {}): Promise<WorkerProcess> {
  const child = spawn(process.execPath, [ISCCC_BIN, 'worker', '--http-port', '0', ...args], {
    env: clusterEnv(address, extraEnv),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Array<Record<string, unknown>> = [];
  const stderr: string[] = [];
  const waiters: Array<() => void> = [];
  let buffer = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    buffer += chunk;
    let nl;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      try {
        logs.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        logs.push({ unparsed: line });
      }
    }
    for (const wake of waiters.splice(0)) wake();
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => stderr.push(chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const waitForLog = async (match: (entry: Record<string, unknown>) => boolean, timeoutMs = 20_000): Promise<Record<string, unknown>> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = logs.find(match);
      if (found) return found;
      if (Date.now() > deadline || child.exitCode !== null) {
        throw new Error(
          `isccc worker logged no matching line (exit ${child.exitCode}); stderr: ${stderr.join('').slice(-2000)}; logs: ${JSON.stringify(logs.slice(-5))}`,
        );
      }
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
  };
  const started = await waitForLog((e) => e.msg === 'worker started', 30_000);
  const httpPort = Number(started.http);
  return {
    child,
    logs,
    stderr,
    httpPort,
    exited,
    waitForLog,
    async get(pathname) {
      const response = await fetch(`http://127.0.0.1:${httpPort}${pathname}`);
      return { status: response.status, body: await response.text() };
    },
  };
}

/** Polls until `check` holds (a state reached by the other process); fails after `timeoutMs`. */
export async function eventually(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`never happened: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
