/**
 * Starts code-server 4.100.3 (VS Code 1.100) as ci-setup.sh installed it, on a free loopback port,
 * with its own config, user-data and extensions folders, and stops it by its PID.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { artifactsDir } from './paths.js';
import { guardProcessGroup, stopProcessGroup, waitFor } from './process.js';

export const CODE_SERVER_VERSION = '4.100.3';

export function codeServerPackage(): string {
  const cache = process.env.ISCCC_CACHE ?? path.join(os.homedir(), '.cache', 'isccc-flow');
  const prefix = path.join(cache, `code-server-${CODE_SERVER_VERSION}`);
  if (!fs.existsSync(path.join(prefix, '.isccc-ready'))) {
    throw new Error(`code-server ${CODE_SERVER_VERSION} is not installed in ${prefix}: run vscode-extension/ci-setup.sh`);
  }
  return path.join(prefix, 'node_modules', 'code-server');
}

/** Keeps the first screen free of welcome pages, trust prompts and notifications that cover the panels. */
const QUIET_SETTINGS = {
  // Tests edit example manifests in the editor; nothing may reach the repository's files.
  'files.autoSave': 'off',
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'telemetry.telemetryLevel': 'off',
  'security.workspace.trust.enabled': false,
  'extensions.ignoreRecommendations': true,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'chat.commandCenter.enabled': false,
  'window.commandCenter': false,
  'git.openRepositoryInParentFolders': 'never',
  'remote.autoForwardPorts': false,
};

export interface CodeServerOptions {
  /** Names the log file in vscode-extension/.artifacts. */
  name: string;
  /** Extra user settings (merged over the quiet defaults). */
  settings?: Record<string, unknown>;
  /** .vsix files to install into the fresh extensions folder before code-server starts. */
  install?: string[];
}

export interface CodeServer {
  readonly url: string;
  /** host:port, the authority of `vscode-remote://` URIs for this server. */
  readonly authority: string;
  readonly pid: number;
  readonly logFile: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  const entry = path.join(codeServerPackage(), 'out', 'node', 'entry.js');
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'isccc-code-server-'));
  const userDataDir = path.join(home, 'user-data');
  const extensionsDir = path.join(home, 'extensions');
  const config = path.join(home, 'config.yaml');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.mkdirSync(extensionsDir);
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify({ ...QUIET_SETTINGS, ...options.settings }, null, 2));
  const port = await freePort();
  const authority = `127.0.0.1:${port}`;
  fs.writeFileSync(config, `bind-addr: ${authority}\nauth: none\ncert: false\n`);
  const folderArgs = ['--config', config, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];
  // code-server writes a default config and state under XDG folders; keep them in the throwaway home.
  const env = { ...process.env, XDG_CONFIG_HOME: home, XDG_DATA_HOME: home };

  const cli = (args: string[]) =>
    new Promise<string>((resolve, reject) => {
      const run = spawn(process.execPath, [entry, ...folderArgs, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env });
      let output = '';
      run.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      run.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      run.once('error', reject);
      run.once('exit', (code) => (code === 0 ? resolve(output) : reject(new Error(`code-server ${args.join(' ')} exited ${code}:\n${output}`))));
    });
  try {
    for (const vsix of options.install ?? []) await cli(['--install-extension', vsix, '--force']);
  } catch (error) {
    fs.rmSync(home, { recursive: true, force: true });
    throw error;
  }

  const logFile = path.join(artifactsDir(), `${options.name}.code-server.log`);
  const log = fs.openSync(logFile, 'w');
  const child = spawn(
    process.execPath,
    [entry, ...folderArgs, '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override'],
    // Its own process group, so that stopping it also stops the extension host and the language server.
    { detached: true, stdio: ['ignore', log, log], env },
  );
  fs.closeSync(log);
  const pid = child.pid;
  if (pid === undefined) throw new Error(`code-server did not start (see ${logFile})`);
  guardProcessGroup(pid);
  let exited = false;
  child.once('exit', () => (exited = true));

  const stop = async () => {
    await stopProcessGroup(pid, () => exited);
    fs.rmSync(home, { recursive: true, force: true });
  };

  try {
    await waitFor(`code-server on ${authority} (log: ${logFile})`, 90_000, async () => {
      if (exited) throw new Error(`code-server exited early; see ${logFile}`);
      const response = await fetch(`http://${authority}/healthz`).catch(() => undefined);
      return response?.ok === true;
    });
  } catch (error) {
    await stop();
    throw error;
  }

  return { url: `http://${authority}/`, authority, pid, logFile, stop };
}
