import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { extensionRoot } from './paths.js';

/** Runs `npm run package` (build + vsce) and returns the .vsix it made. */
export async function packageVsix(): Promise<string> {
  const file = path.join(extensionRoot, 'isccc-vscode.vsix');
  fs.rmSync(file, { force: true });
  await promisify(execFile)('npm', ['run', '--silent', 'package'], { cwd: extensionRoot, maxBuffer: 16 * 1024 * 1024 });
  if (!fs.existsSync(file)) throw new Error(`npm run package made no ${file}`);
  return file;
}
