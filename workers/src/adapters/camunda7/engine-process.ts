/**
 * A local Camunda 7 engine (workers/camunda7-engine, built by workers/ci-setup.sh) as a child process on a
 * free port of 127.0.0.1, for tests and trying the adapter: waits (bounded) until `/engine-rest/engine`
 * answers, and `stop()` kills it.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
/** workers/ from src/adapters/camunda7 or dist/src/adapters/camunda7. */
const srcDir = path.resolve(here, '..', '..');
const workersRoot = path.basename(path.dirname(srcDir)) === 'dist' ? path.resolve(srcDir, '..', '..') : path.dirname(srcDir);
export const ENGINE_JAR = path.join(workersRoot, 'camunda7-engine', 'target', 'isccc-camunda7-engine.jar');

export interface EngineProcess {
  baseUrl: string;
  port: number;
  /** Engine output so far (for failure messages). */
  output(): string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function javaBinary(): string {
  const fromHome = process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', 'java') : undefined;
  const java = fromHome && fs.existsSync(fromHome) ? fromHome : 'java';
  const probe = spawnSync(java, ['-version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0)
    throw new Error(`Camunda 7 engine: no Java (tried ${java}); workers/ci-setup.sh installs and builds what the engine needs`);
  return java;
}

export async function startEngine(options: { jar?: string; startTimeoutMs?: number } = {}): Promise<EngineProcess> {
  const jar = options.jar ?? ENGINE_JAR;
  if (!fs.existsSync(jar))
    throw new Error(`Camunda 7 engine: ${jar} not found — build it with workers/ci-setup.sh (mvn -q -B package in workers/camunda7-engine)`);
  const java = javaBinary();
  const port = await freePort();
  let log = '';
  const child: ChildProcess = spawn(java, ['-Xmx512m', '-jar', jar], {
    env: { ...process.env, ISCCC_ENGINE_PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (chunk: Buffer): void => {
    log = (log + chunk.toString()).slice(-20_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  // never outlive the process that started it, even when a test run dies
  const killOnExit = (): void => void child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      process.off('exit', killOnExit);
      resolve();
    }),
  );
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
  const baseUrl = `http://127.0.0.1:${port}/engine-rest`;
  const deadline = Date.now() + (options.startTimeoutMs ?? 120_000);
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`Camunda 7 engine exited with ${child.exitCode} before it answered:\n${log}`);
      try {
        const res = await fetch(`${baseUrl}/engine`);
        if (res.ok) break;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`Camunda 7 engine did not answer ${baseUrl}/engine in time:\n${log}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, port, output: () => log, stop };
}
