/**
 * Debian chromium driven by playwright-core, for this package's browser tests: the models in bpmn-js, the forms in
 * form-js (each a page served with the library's prebuilt files from 127.0.0.1) and the Modeler plugin.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Skips the calling suite where there is no browser, but fails it on CI, where bpmn/ci-setup.sh installs one. */
export function requireChromium(suite: Mocha.Context): void {
  if (fs.existsSync(CHROMIUM)) return;
  if (process.env.CI) throw new Error(`${CHROMIUM} not found: run bpmn/ci-setup.sh`);
  console.log(`      skipped: ${CHROMIUM} not found (apt-get install chromium, or set CHROMIUM_PATH)`);
  suite.skip();
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
}

/** `html` at `/` and the files of the folder `dist` below `/dist/`, on a free port. */
function serve(html: string, dist: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
      return;
    }
    if (url.pathname.startsWith('/dist/')) {
      const file = path.normalize(path.join(dist, url.pathname.slice('/dist/'.length)));
      if (file.startsWith(dist) && fs.existsSync(file) && fs.statSync(file).isFile()) {
        const type = file.endsWith('.js') ? 'text/javascript' : file.endsWith('.css') ? 'text/css' : 'application/octet-stream';
        res.writeHead(200, { 'content-type': type }).end(fs.readFileSync(file));
        return;
      }
    }
    res.writeHead(404).end();
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ url: `http://127.0.0.1:${port}/`, close: () => new Promise((done) => server.close(() => done())) });
    });
  });
}

/** One page (`html`, loading the files of `dist` from `/dist/`) served and shown in chromium, a new tab per use. */
export class ChromiumHost {
  private browser?: Browser;
  private server?: { url: string; close: () => Promise<void> };

  constructor(
    private readonly html: string,
    private readonly dist: string,
  ) {}

  async start(): Promise<void> {
    this.server = await serve(this.html, this.dist);
    this.browser = await launchChromium();
  }

  /** A new tab once the page's script has defined the function `window[ready]`; `pageErrors` gathers what the page throws. */
  protected async newPage(viewport: { width: number; height: number }, ready: string): Promise<{ page: Page; pageErrors: string[] }> {
    if (!this.browser || !this.server) throw new Error(`${this.constructor.name} not started`);
    const page = await this.browser.newPage({ viewport });
    const pageErrors: string[] = [];
    page.on('pageerror', (err) => pageErrors.push(err.message));
    try {
      await page.goto(this.server.url);
      await page.waitForFunction((name) => typeof (window as unknown as Record<string, unknown>)[name] === 'function', ready);
    } catch (err) {
      await page.close();
      throw err;
    }
    return { page, pageErrors };
  }

  async stop(): Promise<void> {
    await this.browser?.close();
    await this.server?.close();
  }
}
