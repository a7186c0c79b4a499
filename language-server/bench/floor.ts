/**
 * The in-process floor of one manifest, for latency.bench.ts: YAML parse + ajv validation of the text on stdin,
 * alternately edited as the servers' edits are, in a fresh process; prints the median milliseconds of the edits
 * after the warm-up. Usage: node floor.js FILE WARMUP EDITS < text
 */
import fs from 'node:fs';
import { validateData, YamlSource } from '@isccc/rules';

const [file, warmup, edits] = [process.argv[2]!, Number(process.argv[3]), Number(process.argv[4])];
const text = fs.readFileSync(0, 'utf8');
const edited = text.replace(/serviceStaff: \d+/, 'serviceStaff: 15');
const samples: number[] = [];
for (let i = 0; i < warmup + edits; i++) {
  const started = performance.now();
  const source = YamlSource.parse(file, i % 2 ? edited : text);
  validateData('manifest', source.toData());
  if (i >= warmup) samples.push(performance.now() - started);
}
console.log([...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)]);
