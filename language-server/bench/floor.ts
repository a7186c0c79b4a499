/**
 * The floor of one manifest for latency.bench.ts, in a process of its own: YAML parse + ajv validation, no transport,
 * no rules. The first line on stdin is the text (a JSON string); each line after it, an edit number, runs one
 * iteration on the text as the servers' edit of that number leaves it and answers its milliseconds.
 * Usage: node floor.js FILE
 */
import readline from 'node:readline';
import { validateData, YamlSource } from '@isccc/rules';
import { editedText } from './edits.js';

const file = process.argv[2]!;
let text: string | undefined;
readline.createInterface({ input: process.stdin }).on('line', (line) => {
  if (text === undefined) {
    text = JSON.parse(line) as string;
    process.stdout.write('ready\n');
    return;
  }
  const started = performance.now();
  const source = YamlSource.parse(file, editedText(text, Number(line)));
  validateData('manifest', source.toData());
  process.stdout.write(`${performance.now() - started}\n`);
});
