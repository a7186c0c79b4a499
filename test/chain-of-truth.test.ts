import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCatalog } from '@isccc/rules';

/**
 * One chain of truth: for every example, `isccc check` (the evaluator), `isccc run` (BPMN models on the
 * embedded engine, driving the workers) and the catalog must tell the same story.
 */
const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = path.join(REPO, 'workers', 'cli', 'bin', 'isccc.js');
const EXAMPLES = path.join(REPO, 'examples');
const catalog = loadCatalog();

interface Brief {
  clause: string;
  status: string;
}
/** The parts of `isccc check --format json` and `isccc run --format json` this test compares. */
interface Output {
  summary: { qualifyingLevel: number | null };
  target: { category: string };
  findings: Brief[];
  certificate?: { level: number; category: string; status: string } | null;
  trail: { clause: string; text: { en: string }; findings?: Brief[] }[];
}

function isccc(...args: string[]): { code: number; json: Output } {
  const r = spawnSync(process.execPath, [BIN, ...args, '--format', 'json'], { encoding: 'utf8', timeout: 120_000, maxBuffer: 64 * 1024 * 1024 });
  assert.ok(r.stdout, `no output from isccc ${args.join(' ')}: ${r.stderr}`);
  return { code: r.status ?? -1, json: JSON.parse(r.stdout) as Output };
}

describe('chain of truth: isccc check ↔ isccc run ↔ catalog', function () {
  this.timeout(240_000);
  const examples = fs
    .readdirSync(EXAMPLES)
    .filter((d) => fs.existsSync(path.join(EXAMPLES, d, 'manifest.isccc.yaml')))
    .sort();

  it('covers every example', () => assert.ok(examples.length >= 5, examples.join(', ')));

  for (const name of examples) {
    it(`${name}: the engine grants the level the evaluator says the manifest qualifies for, for the same reasons`, () => {
      const manifest = path.join(EXAMPLES, name, 'manifest.isccc.yaml');
      const check = isccc('check', manifest);
      const run = isccc('run', manifest, '--auto', '--until', '1m');
      const qualifying = check.json.summary.qualifyingLevel;

      if (qualifying === null) {
        assert.equal(run.json.certificate ?? null, null, 'no certificate without a qualifying level');
      } else {
        assert.equal(run.json.certificate?.level, qualifying);
        assert.equal(run.json.certificate.category, check.json.target.category);
        assert.equal(run.json.certificate.status, 'valid');
      }

      // 6.1 self-assessment in the engine reports the same blocking clauses as `isccc check` at the applied level.
      const selfAssessment = run.json.trail.find((e) => e.clause === '6.1');
      assert.ok(selfAssessment, 'the trail has the 6.1 self-assessment');
      const blocking = (findings: Brief[]): Set<string> =>
        new Set(findings.filter((f) => f.status === 'fail' || f.status === 'missing-evidence').map((f) => f.clause));
      const engineBlocking = blocking(selfAssessment.findings ?? []);
      const checkBlocking = blocking(check.json.findings);
      assert.deepEqual([...engineBlocking].sort(), [...checkBlocking].sort());

      // Every step of the trail names a clause of the catalog (traceability).
      for (const entry of run.json.trail) {
        for (const id of entry.clause.split(/,\s*/)) assert.ok(catalog.has(id), `trail step "${entry.text.en}" names unknown clause ${id}`);
      }
    });
  }
});
