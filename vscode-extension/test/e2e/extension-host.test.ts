/**
 * Runs test/host/*.suite.ts inside the extension host of a real VS Code (code-server 4.100.3), with
 * the real `vscode` API, through VS Code's extension-test payload; the workbench reports the exit
 * code through `window.codeAutomationExit`, which this test exposes from chromium.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startChromium, type Chromium } from '../support/chromium.js';
import { startCodeServer, type CodeServer } from '../support/code-server.js';
import { artifactsDir, assertBundleBuilt, extensionRoot, hostResultsFile, repoRoot } from '../support/paths.js';

interface MochaJson {
  stats: { tests: number; passes: number; failures: number; pending: number };
  tests: { fullTitle: string; err: { message?: string; stack?: string } }[];
  failures: { fullTitle: string; err: { message?: string; stack?: string } }[];
}

describe('vscode-extension in a real VS Code extension host (code-server)', function () {
  this.timeout(300_000);
  let server: CodeServer | undefined;
  let chromium: Chromium | undefined;

  before(async () => {
    assertBundleBuilt();
    server = await startCodeServer({ name: 'extension-host' });
    chromium = await startChromium();
  });

  after(async () => {
    await chromium?.stop();
    await server?.stop();
  });

  it('passes every in-host suite (test/host/*.suite.ts) and exits with code 0', async () => {
    const remote = (file: string) => `vscode-remote://${server!.authority}${file}`;
    const payload = [
      ['extensionDevelopmentPath', remote(extensionRoot)],
      ['extensionTestsPath', remote(path.join(extensionRoot, 'dist', 'test', 'host', 'index.js'))],
    ];
    const results = hostResultsFile();
    fs.rmSync(results, { force: true });
    const page = await chromium!.newPage();
    const exitCode = new Promise<number>((resolve) => {
      void page.exposeFunction('codeAutomationExit', (code: number) => resolve(code));
    });
    const folder = encodeURIComponent(path.join(repoRoot, 'examples'));
    await page.goto(`${server!.url}?folder=${folder}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
    const code = await exitCode;
    await page.screenshot({ path: path.join(artifactsDir(), 'extension-host.png') });

    assert.ok(fs.existsSync(results), `the in-host run wrote no results (exit code ${code}); see ${server!.logFile}`);
    const json = JSON.parse(fs.readFileSync(results, 'utf8')) as MochaJson;
    const failures = json.failures.map((failure) => `${failure.fullTitle}: ${failure.err.message ?? ''}`);
    assert.deepEqual(failures, [], 'in-host failures');
    assert.ok(json.stats.tests > 0, 'the in-host run found no test');
    assert.equal(json.stats.passes, json.stats.tests, 'not every in-host test passed');
    assert.equal(code, 0, 'exit code reported by the workbench');
    console.log(json.tests.map((test) => `      in host ✔ ${test.fullTitle}`).join('\n'));
  });
});
