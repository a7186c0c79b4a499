/**
 * Camunda Modeler's building blocks in headless chromium: a page with camunda-bpmn-js's Camunda Cloud modeler,
 * its properties panel and element templates, @camunda/linting, and the built plugin's client script loaded by a
 * `<script>` tag before anything else, as Camunda Modeler loads plugin scripts. `window.isccc` (modeler-harness.js,
 * bundled here with esbuild) drives it.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import path from 'node:path';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { packageRoot } from '../../src/models.js';
import { launchChromium } from './chromium.js';

const require = createRequire(import.meta.url);
const assets = (pkg: string, ...rest: string[]): string => path.join(path.dirname(require.resolve(`${pkg}/package.json`)), ...rest);
const STYLES: Record<string, string> = {
  '/css/modeler.css': assets('camunda-bpmn-js', 'dist', 'assets', 'camunda-cloud-modeler.css'),
  '/css/properties-panel.css': assets('camunda-bpmn-js', 'dist', 'assets', 'properties-panel.css'),
  '/css/element-templates.css': assets('camunda-bpmn-js', 'dist', 'assets', 'element-templates.css'),
  '/css/linting.css': assets('@camunda/linting', 'assets', 'linting.css'),
};
const FONTS = assets('camunda-bpmn-js', 'dist', 'assets', 'bpmn-font');

async function bundleHarness(): Promise<string> {
  const result = await build({
    entryPoints: [path.join(packageRoot, 'test', 'support', 'modeler-harness.js')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    logLevel: 'error',
    define: { 'process.env.NODE_ENV': '"production"' },
    nodePaths: [path.join(packageRoot, 'node_modules'), path.join(packageRoot, '..', 'node_modules')],
  });
  return result.outputFiles[0]!.text;
}

const page = (pluginScript: string): string => `<!doctype html>
<html><head><meta charset="utf-8">
${Object.keys(STYLES)
  .map((href) => `<link rel="stylesheet" href="${href}">`)
  .join('')}
<style>html,body{margin:0;height:100%;font-family:sans-serif}#app{display:flex;height:100vh}#canvas{flex:1}#properties{width:420px;overflow:auto;border-left:1px solid #ccc}</style>
<script src="${pluginScript}"></script>
<script src="/harness.js"></script>
</head><body><div id="app"><div id="canvas"></div><div id="properties"></div></div></body></html>`;

export class ModelerPage {
  private browser?: Browser;
  private server?: http.Server;
  page?: Page;
  readonly pageErrors: string[] = [];

  /** `pluginDir`: the built plugin folder; its `index.js` descriptor names the client script. */
  async start(pluginDir: string, viewport = { width: 1900, height: 1000 }): Promise<void> {
    const descriptor = require(path.join(pluginDir, 'index.js')) as { name: string; script: string };
    const script = path.join(pluginDir, descriptor.script);
    const scriptUrl = path.posix.join('/plugins', descriptor.name, descriptor.script);
    const harness = await bundleHarness();
    this.server = http.createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
      const send = (type: string, body: string | Buffer): void => void res.writeHead(200, { 'content-type': type }).end(body);
      if (url === '/') return send('text/html; charset=utf-8', page(scriptUrl));
      if (url === '/harness.js') return send('text/javascript', harness);
      if (url === scriptUrl) return send('text/javascript', fs.readFileSync(script));
      if (STYLES[url]) return send('text/css', fs.readFileSync(STYLES[url]));
      if (url.startsWith('/css/bpmn-font/')) {
        const file = path.normalize(path.join(FONTS, url.slice('/css/bpmn-font/'.length)));
        if (file.startsWith(FONTS) && fs.existsSync(file)) return send('application/octet-stream', fs.readFileSync(file));
      }
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', () => resolve()));
    const { port } = this.server.address() as AddressInfo;
    this.browser = await launchChromium();
    this.page = await this.browser.newPage({ viewport });
    this.page.on('pageerror', (err) => this.pageErrors.push(err.message));
    await this.page.goto(`http://127.0.0.1:${port}/`);
    await this.page.waitForFunction(() => typeof (window as unknown as { isccc?: unknown }).isccc === 'object');
  }

  /** Calls `window.isccc[method](...args)` in the page. */
  call<T>(method: string, ...args: unknown[]): Promise<T> {
    return this.page!.evaluate<T, [string, unknown[]]>(
      ([m, a]) => (window as unknown as { isccc: Record<string, (...x: unknown[]) => Promise<T>> }).isccc[m]!(...a),
      [method, args],
    );
  }

  async screenshot(file: string): Promise<void> {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    await this.page!.waitForTimeout(300);
    fs.writeFileSync(file, await this.page!.screenshot({ fullPage: false }));
  }

  async stop(): Promise<void> {
    await this.browser?.close();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
