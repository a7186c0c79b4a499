/**
 * The one place the workers meet the rules evaluator (`@isccc/rules`). Handlers ask for an assessment of a
 * manifest against a target on a date and get back what a trail needs: the qualifying level and the
 * findings that are not a plain pass.
 */
import type { FindingRow } from '@isccc/bpmn';
import { type DrClass, evaluate, type Level, loadRulebook, show, validateData, type Finding, type Manifest, type Rulebook } from '@isccc/rules';
import type { FindingBrief } from './contract.js';

export type { Level };

export interface AssessmentTarget {
  category: string;
  level: Level;
  drClass?: DrClass;
}

export interface Assessment {
  target: AssessmentTarget;
  asOf: string;
  /** Highest level (1 is highest) the manifest supports with no fail or missing evidence; null for none. */
  qualifyingLevel: Level | null;
  counts: Record<Finding['status'], number>;
  /** Findings at the target level that are not a plain pass (fail, missing evidence, manual review). */
  open: FindingBrief[];
  /** Every finding at the target, as the rows a form shows read-only: the open ones first. */
  rows: FindingRow[];
}

/** A manifest variable that does not satisfy the manifest schema: bad input, so a job failure, not a BPMN error. */
export class InvalidManifestError extends Error {
  constructor(detail: string) {
    super(`manifest variable is not a valid manifest/v1 document: ${detail}`);
    this.name = 'InvalidManifestError';
  }
}

let rulebook: Rulebook | undefined;
/** Evaluations are pure in (manifest, target, date): a case asks the same question more than once. */
const memo = new WeakMap<object, Map<string, Assessment>>();

export function assess(manifest: unknown, target: AssessmentTarget, asOf: string, workspaceDir?: string): Assessment {
  if (manifest === null || typeof manifest !== 'object') throw new InvalidManifestError('missing');
  const key = JSON.stringify([target.category, target.level, target.drClass ?? null, asOf, workspaceDir ?? null]);
  let byKey = memo.get(manifest);
  const hit = byKey?.get(key);
  if (hit) return hit;

  const problems = validateData('manifest', manifest);
  if (problems.length > 0) {
    const first = problems[0]!;
    throw new InvalidManifestError(`${first.instancePath || '/'} ${first.message ?? ''}`.trim());
  }
  rulebook ??= loadRulebook();
  const evaluation = evaluate({
    manifest: manifest as Manifest,
    rulebook,
    target: { category: target.category as Manifest['application']['category'], level: target.level, ...(target.drClass && { drClass: target.drClass }) },
    asOf,
    ...(workspaceDir !== undefined && { workspaceDir }),
  });
  const result: Assessment = {
    target,
    asOf: evaluation.asOf,
    qualifyingLevel: evaluation.summary.qualifyingLevel,
    counts: evaluation.summary.counts,
    open: evaluation.findings
      .filter((f) => f.status === 'fail' || f.status === 'missing-evidence' || f.status === 'manual-review')
      .map((f) => ({ rule: f.rule, clause: f.clause, status: f.status, message: f.message })),
    rows: rowsOf(evaluation.findings),
  };
  if (!byKey) memo.set(manifest, (byKey = new Map<string, Assessment>()));
  byKey.set(key, result);
  return result;
}

export function blocking(assessment: Assessment): FindingBrief[] {
  return assessment.open.filter((f) => f.status === 'fail' || f.status === 'missing-evidence');
}

const OPEN_FIRST: Record<Finding['status'], number> = { fail: 0, 'missing-evidence': 1, 'manual-review': 2, pass: 3, 'not-applicable': 4 };

function rowsOf(findings: Finding[]): FindingRow[] {
  return [...findings]
    .sort((a, b) => OPEN_FIRST[a.status] - OPEN_FIRST[b.status])
    .map((f) => ({
      clause: f.clauseLabel,
      status: f.status,
      actual: show(f.actual),
      required: show(f.expected),
      evidence: f.path,
      message: `${f.message.zh} — ${f.message.en}`,
    }));
}
