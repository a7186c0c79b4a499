// Makes the README's commands work on a fresh clone: installs the locked dependencies when
// node_modules is missing or older than package-lock.json, builds every package (tsc -b, then scripts/build.mjs), and
// with --with-setup runs each workspace package's idempotent ci-setup.sh (Debian packages, code-server, bundles,
// Python and OSCAL schemas) that its tests need.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const marker = 'node_modules/.package-lock.json';
const stale = !fs.existsSync(marker) || fs.statSync(marker).mtimeMs < fs.statSync('package-lock.json').mtimeMs;
if (stale) {
  console.error('bootstrap: installing locked dependencies (npm ci)…');
  execFileSync(npm, ['ci', '--no-audit', '--no-fund'], { stdio: 'inherit' });
}
execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-b'], { stdio: 'inherit' });
// Precompiled rules data and the `isccc check` bundle (scripts/build.mjs).
execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
if (process.argv.includes('--with-setup')) {
  // Every workspace package may have one, nested ones (workers/cli) included.
  const { workspaces } = JSON.parse(fs.readFileSync('package.json', 'utf8'));
  for (const dir of [...workspaces].sort()) {
    const setup = `${dir}/ci-setup.sh`;
    if (!fs.existsSync(setup)) continue;
    console.error(`bootstrap: ${setup}`);
    execFileSync('bash', [setup], { stdio: 'inherit' });
  }
}
