/**
 * `npm run -w bpmn camunda7`: writes `generated/camunda7/*.bpmn` from `models/*.bpmn`. With `--check` it
 * writes nothing and exits 1 when a generated file is stale. A model the generator refuses is reported as
 * `file:line:column: message` at the element at fault, and nothing is written for it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { modelPath } from '../models.js';
import type { ProcessKey } from '../task-types.js';
import { Camunda7GeneratorError, generateCamunda7 } from './generate.js';
import { camunda7ModelPath } from './index.js';

/** `line:column` (1-based) of the element with this id in the model's text, or undefined. */
function locate(source: string, id: string | undefined): string | undefined {
  const at = id === undefined ? -1 : source.indexOf(`id="${id}"`);
  if (at < 0) return undefined;
  const before = source.slice(0, source.lastIndexOf('<', at));
  const lines = before.split('\n');
  return `${lines.length}:${lines[lines.length - 1]!.length + 1}`;
}

const check = process.argv.includes('--check');
let failed = 0;
for (const key of ['certification', 'lifecycle'] as ProcessKey[]) {
  const source = modelPath(key);
  const out = camunda7ModelPath(key);
  const zeebe = fs.readFileSync(source, 'utf8');
  let xml: string;
  try {
    xml = await generateCamunda7(zeebe);
  } catch (error) {
    if (!(error instanceof Camunda7GeneratorError)) throw error;
    const where = [path.relative(process.cwd(), source), locate(zeebe, error.elementId)].filter(Boolean).join(':');
    console.error(`${where}: ${error.message}`);
    failed++;
    continue;
  }
  const current = fs.existsSync(out) ? fs.readFileSync(out, 'utf8') : undefined;
  if (current === xml) continue;
  if (check) {
    failed++;
    console.error(`${path.relative(process.cwd(), out)} is stale: npm run -w bpmn camunda7`);
  } else {
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, xml);
    console.log(`wrote ${path.relative(process.cwd(), out)}`);
  }
}
process.exitCode = failed > 0 ? 1 : 0;
