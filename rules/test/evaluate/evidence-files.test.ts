import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { evaluate } from '../../src/evaluate/evaluate.js';
import { checkEvidenceFiles } from '../../src/evaluate/evidence-files.js';
import { evidenceIndex } from '../../src/packet/evidence-index.js';
import { loadManifestFile } from '../../src/manifest/load.js';
import { packageRoot } from '../../src/paths.js';

const EXAMPLE_DIR = path.resolve(packageRoot, '..', 'examples', 'risk-assessment-l3-pass');

describe('evidence files on disk', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'isccc-evidence-'));
    fs.cpSync(EXAMPLE_DIR, dir, { recursive: true });
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const check = () => {
    const file = path.join(dir, 'manifest.isccc.yaml');
    const parsed = loadManifestFile(file);
    assert.ok(parsed.manifest, JSON.stringify(parsed.problems));
    return evaluate({ manifest: parsed.manifest, source: parsed.source, workspaceDir: dir });
  };

  it('warns, for the assessors, that a hard-linked document may change under its other name, and still counts it', () => {
    const before = check();
    assert.equal(before.findings.filter((f) => f.rule === 'isccc/evidence-integrity').length, 0);
    // The other name may be anywhere on the same file system, outside the manifest's folder too.
    fs.linkSync(path.join(dir, 'evidence', 'office-lease.md'), path.join(dir, '..', `${path.basename(dir)}-other-name.md`));
    try {
      const after = check();
      const warnings = after.findings.filter((f) => f.rule === 'isccc/evidence-integrity');
      assert.deepEqual(
        warnings.map((f) => [f.clause, f.status, f.severity, f.actual, f.path]),
        [['4.1.3', 'manual-review', 'warning', 2, 'evidence[1].path']],
      );
      assert.match(warnings[0]!.message.en, /evidence evidence\/office-lease\.md for 4\.1\.3 has 2 names \(hard links\)/);
      assert.ok(warnings[0]!.range, 'the warning points at the path in the manifest');
      assert.equal(after.summary.qualifyingLevel, before.summary.qualifyingLevel, 'the document still supports its clause');
    } finally {
      fs.rmSync(path.join(dir, '..', `${path.basename(dir)}-other-name.md`), { force: true });
    }
  });

  it('gives the same evaluation and evidence index from checks made once for both as each makes for itself', () => {
    const file = path.join(dir, 'manifest.isccc.yaml');
    const { manifest } = loadManifestFile(file);
    assert.ok(manifest);
    // One document changed, one gone: the checks carry problems, not only passes.
    fs.appendFileSync(path.join(dir, 'evidence', 'office-lease.md'), 'changed');
    fs.rmSync(path.join(dir, 'evidence', 'audit-2024.md'));
    const checks = checkEvidenceFiles(manifest.evidence, dir, manifest.application.asOf);
    assert.deepEqual(
      checks.filter((c) => c.problem).map((c) => [c.entry.path, c.problem]),
      [
        ['evidence/office-lease.md', 'hash-mismatch'],
        ['evidence/audit-2024.md', 'missing'],
      ],
    );
    assert.deepEqual(evaluate({ manifest, workspaceDir: dir, evidence: checks }), evaluate({ manifest, workspaceDir: dir }));
    assert.deepEqual(evidenceIndex({ manifest, manifestFile: file, checks }), evidenceIndex({ manifest, manifestFile: file }));
  });
});
