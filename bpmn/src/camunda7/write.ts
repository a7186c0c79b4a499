/**
 * `npm run -w bpmn camunda7`: writes `generated/camunda7/*.bpmn` from `models/*.bpmn`. With `--check` it
 * writes nothing and exits 1 when a generated file is stale.
 */
import fs from 'node:fs';
import path from 'node:path';
import { modelPath } from '../models.js';
import type { ProcessKey } from '../task-types.js';
import { generateCamunda7 } from './generate.js';
import { camunda7ModelPath } from './index.js';

const check = process.argv.includes('--check');
let stale = 0;
for (const key of ['certification', 'lifecycle'] as ProcessKey[]) {
  const out = camunda7ModelPath(key);
  const xml = generateCamunda7(fs.readFileSync(modelPath(key), 'utf8'));
  const current = fs.existsSync(out) ? fs.readFileSync(out, 'utf8') : undefined;
  if (current === xml) continue;
  if (check) {
    stale++;
    console.error(`${path.relative(process.cwd(), out)} is stale: npm run -w bpmn camunda7`);
  } else {
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, xml);
    console.log(`wrote ${path.relative(process.cwd(), out)}`);
  }
}
process.exitCode = stale > 0 ? 1 : 0;
