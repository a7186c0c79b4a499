import fs from 'node:fs';
import path from 'node:path';

/** vscode-extension/, whether this runs from dist/test/support (tests) or is imported by the host suites. */
export const extensionRoot = path.resolve(__dirname, '..', '..', '..');
export const repoRoot = path.dirname(extensionRoot);

/** vscode-extension/.artifacts (gitignored): screenshots and logs a person can look at after a run. */
export function artifactsDir(): string {
  const dir = path.join(extensionRoot, '.artifacts');
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/** Where the in-host mocha run writes its JSON results for the outer test to read. */
export function hostResultsFile(): string {
  return path.join(artifactsDir(), 'extension-host-results.json');
}

/** Fails with the fix when the esbuild layout the extension runs from has not been built. */
export function assertBundleBuilt(): void {
  for (const file of ['dist/extension.js', 'dist/server/server.js', 'dist/media/bpmn-js/bpmn-navigated-viewer.production.min.js']) {
    if (!fs.existsSync(path.join(extensionRoot, file))) {
      throw new Error(`vscode-extension/${file} is missing: run vscode-extension/ci-setup.sh (or \`npm run -w vscode-extension build\`)`);
    }
  }
}
