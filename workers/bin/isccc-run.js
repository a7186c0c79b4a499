#!/usr/bin/env node
import { runCommand } from '../dist/src/cli/run-command.js';

// A closed pipe (`isccc-run … | head`) ends the output, not the process with a stack trace.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

const tty = process.stderr.isTTY;
let progressShown = false;
const code = await runCommand(process.argv.slice(2), {
  out: (text) => {
    if (progressShown) process.stderr.write('\r\x1b[K');
    progressShown = false;
    process.stdout.write(text + '\n');
  },
  err: (text) => process.stderr.write(text + '\n'),
  ...(tty && {
    progress: (text) => {
      process.stderr.write(`\r\x1b[K${text}`);
      progressShown = true;
    },
  }),
});
if (progressShown) process.stderr.write('\r\x1b[K');
process.exitCode = code;
