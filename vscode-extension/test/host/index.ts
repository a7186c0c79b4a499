/**
 * extensionTestsPath of the in-host run: VS Code's extension host requires this file and awaits
 * `run()`; a rejection makes the workbench report exit code 1 through `codeAutomationExit`.
 */
import fs from 'node:fs';
import path from 'node:path';
import Mocha from 'mocha';
import { hostResultsFile } from '../support/paths.js';

export async function run(): Promise<void> {
  const results = hostResultsFile();
  fs.rmSync(results, { force: true });
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, reporter: 'json', reporterOptions: { output: results } });
  for (const file of fs
    .readdirSync(__dirname)
    .filter((name) => name.endsWith('.suite.js'))
    .sort()) {
    mocha.addFile(path.join(__dirname, file));
  }
  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  if (failures > 0) throw new Error(`${failures} in-host test(s) failed; see ${results}`);
}
