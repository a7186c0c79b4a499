import fs from 'node:fs';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { evaluate, type Finding, type Status } from '../evaluate/evaluate.js';
import { parseManifest } from '../manifest/load.js';
import type { Manifest } from '../manifest/types.js';
import type { Target } from '../model.js';
import { packageRoot } from '../paths.js';
import type { Rule, Rulebook } from '../rulebook/rulebook.js';

/**
 * bpmnlint-style fixtures: `test/rules/<rule>/valid-*.yaml` and `invalid-*.yaml`, each a patch over
 * the first example manifest. They drive each rule's test and the snippets on its doc page.
 */
export interface RuleFixture {
  file: string;
  valid: boolean;
  description: string;
  target: Partial<Target>;
  clause?: string;
  /**
   * What the rule's findings must show beyond pass (valid-*) or blocking (invalid-*): a status
   * every finding of the clause has, and words the English message contains.
   */
  expect?: { status?: Status; message?: string };
  /** Merged over the base manifest as a JSON merge patch (RFC 7396): mappings merge, lists replace, null deletes. */
  patch: Record<string, unknown>;
}

export const FIXTURES_DIR = path.join(packageRoot, 'test', 'rules');
/** The base every fixture patches, with its evidence files (the first example). */
export const BASE_DIR = path.resolve(packageRoot, '..', 'examples', 'risk-assessment-l3-pass');
export const BASE_MANIFEST = path.join(BASE_DIR, 'manifest.isccc.yaml');

export function ruleFixtures(ruleId: string): RuleFixture[] {
  const dir = path.join(FIXTURES_DIR, ruleId.replace(/^isccc\//, ''));
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => /^(valid|invalid)-.*\.yaml$/.test(f))
    .sort()
    .map((f) => {
      const doc = parse(fs.readFileSync(path.join(dir, f), 'utf8')) as {
        description: string;
        target?: Partial<Target>;
        clause?: string;
        expect?: RuleFixture['expect'];
        manifest?: Record<string, unknown>;
      };
      return {
        file: path.join(dir, f),
        valid: f.startsWith('valid-'),
        description: doc.description,
        target: doc.target ?? {},
        ...(doc.clause ? { clause: doc.clause } : {}),
        ...(doc.expect ? { expect: doc.expect } : {}),
        patch: doc.manifest ?? {},
      };
    });
}

export function mergePatch(base: unknown, patch: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(patch)) return patch;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = key in base ? mergePatch(base[key], value) : value;
  }
  return out;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Evaluates a fixture and returns the findings of the rule under test (for its clause, when named).
 * The patched manifest goes through the manifest parser like any file, so a fixture is valid input.
 */
export function runFixture(fixture: RuleFixture, rule: Rule, rulebook?: Rulebook): { findings: Finding[]; manifest: Manifest } {
  const base = parseManifest(fs.readFileSync(BASE_MANIFEST, 'utf8'), BASE_MANIFEST);
  if (!base.manifest) throw new Error(`${BASE_MANIFEST}: ${base.problems[0]?.message}`);
  const parsed = parseManifest(stringify(mergePatch(base.manifest, fixture.patch)), fixture.file);
  if (!parsed.manifest)
    throw new Error(`${fixture.file}: the patched manifest is not valid input: ${parsed.problems.map((p) => `${p.field} ${p.message}`).join('; ')}`);
  const manifest = parsed.manifest;
  const evaluation = evaluate({ manifest, target: fixture.target, workspaceDir: BASE_DIR, ...(rulebook ? { rulebook } : {}) });
  const findings = evaluation.findings.filter((f) => f.rule === rule.id && (!fixture.clause || f.clause === fixture.clause));
  return { findings, manifest };
}
