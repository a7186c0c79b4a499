#!/usr/bin/env node
import { main } from '../dist/src/main.js';

// A closed pipe (`isccc check … | head`) ends the output, not the process with a stack trace.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

// On a terminal, long commands (`isccc run`) rewrite one progress line in place on stderr.
const tty = process.stderr.isTTY;
let progressShown = false;
const clearProgress = () => {
  if (progressShown) process.stderr.write('\r\x1b[K');
  progressShown = false;
};
const code = await main(process.argv.slice(2), {
  out: (text) => {
    clearProgress();
    process.stdout.write(text + '\n');
  },
  err: (text) => {
    clearProgress();
    process.stderr.write(text + '\n');
  },
  ...(tty && {
    progress: (text) => {
      process.stderr.write(`\r\x1b[K${text}`);
      progressShown = true;
    },
  }),
});
clearProgress();
process.exitCode = code;
