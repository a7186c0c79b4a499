/**
 * Debian's chromium, started by us (so we hold its PID) and driven by playwright-core over CDP.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium as playwright, type Browser, type Page } from 'playwright-core';
import { guardProcessGroup, stopProcessGroup } from './process.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface Chromium {
  readonly browser: Browser;
  readonly pid: number;
  newPage(): Promise<Page>;
  stop(): Promise<void>;
}

export async function startChromium(): Promise<Chromium> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`chromium not found at ${CHROMIUM}: run vscode-extension/ci-setup.sh`);
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'isccc-chromium-'));
  const child = spawn(
    CHROMIUM,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-dev-shm-usage',
      '--window-size=1600,1000',
      `--user-data-dir=${profile}`,
      '--remote-debugging-address=127.0.0.1',
      '--remote-debugging-port=0',
      'about:blank',
    ],
    { detached: true, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not start ${CHROMIUM}`);
  guardProcessGroup(pid);
  let exited = false;
  child.once('exit', () => (exited = true));
  const stop = async () => {
    await stopProcessGroup(pid, () => exited);
    fs.rmSync(profile, { recursive: true, force: true });
  };

  try {
    const endpoint = await new Promise<string>((resolve, reject) => {
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        const match = /DevTools listening on (ws:\/\/\S+)/.exec(stderr);
        if (match?.[1]) {
          child.stderr.removeAllListeners('data');
          child.stderr.resume();
          resolve(match[1]);
        }
      });
      child.once('exit', (code) => reject(new Error(`chromium exited (${code}) before DevTools was up:\n${stderr}`)));
    });
    const browser = await playwright.connectOverCDP(endpoint);
    const context = browser.contexts()[0];
    if (!context) throw new Error('chromium has no default browser context');
    return {
      browser,
      pid,
      newPage: () => context.newPage(),
      stop: async () => {
        await browser.close().catch(() => undefined);
        await stop();
      },
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
