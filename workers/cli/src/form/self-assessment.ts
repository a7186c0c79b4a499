/**
 * The 《信息安全服务自评估表》 (6.1) as data: one row per clause of §4 and the category's annex that applies to
 * the target, in the standard's order, headings included, each requirement with its conclusion from the
 * evaluation, the documents listed for it and what the findings say. The workbook and the HTML page render it.
 */
import {
  bilingual,
  type Catalog,
  type Clause,
  compareClauseIds,
  describeTarget,
  type Evaluation,
  type Finding,
  type Level,
  type Manifest,
  normaliseClauseId,
  type Target,
  type Text,
} from '@isccc/rules';

export type Conclusion = 'conforms' | 'does-not-conform' | 'to-be-reviewed' | 'not-applicable';
export const CONCLUSIONS: readonly Conclusion[] = ['conforms', 'does-not-conform', 'to-be-reviewed', 'not-applicable'];

/**
 * A clause's conclusion from its findings: any fail or missing evidence does not conform; otherwise anything
 * left to the assessors is to be reviewed; otherwise a pass conforms. A clause no rule speaks to is left to the
 * review too, never passed.
 */
export function conclusionOf(findings: readonly Finding[]): Conclusion {
  if (findings.some((f) => f.status === 'fail' || f.status === 'missing-evidence')) return 'does-not-conform';
  if (findings.some((f) => f.status === 'manual-review')) return 'to-be-reviewed';
  if (findings.some((f) => f.status === 'pass')) return 'conforms';
  if (findings.length > 0) return 'not-applicable';
  return 'to-be-reviewed';
}

export interface FormDocument {
  path: string;
  title?: string;
  /** As the manifest states it; a file that differs is a finding of the clause. */
  sha256: string;
}

export interface FormRow {
  clause: Clause;
  /** 序号 of a requirement, counted from 1; headings have none. */
  no: number | null;
  /** 0 for §4 and the annex letter, one more per level of nesting. */
  depth: number;
  /** Null for a heading. */
  conclusion: Conclusion | null;
  documents: FormDocument[];
  findings: Finding[];
  /** 说明: what the findings say, one line each (empty for a heading). */
  remark: Text;
}

export interface SelfAssessment {
  organisation: { name: string; nameEn?: string };
  target: Target;
  targetName: Text;
  asOf: string;
  rows: FormRow[];
  counts: Record<Conclusion, number>;
  qualifyingLevel: Level | null;
  /** The next level up and the clauses that stand in its way (labels, in document order). */
  next: { level: Level; needs: string[] } | null;
  /** The evidence root of the manifest and documents the form was made from. */
  evidenceRoot: string;
}

const FORM_PART = /^(4(\.|$)|[A-F])/;

/** Clauses the form lists: §4 and the annexes (§1–§3 and §5 are informative, §6 is the certification body's). */
export function inForm(clause: Clause): boolean {
  return FORM_PART.test(clause.id) && clause.kind !== 'informative' && clause.kind !== 'procedural';
}

export function selfAssessment(manifest: Manifest, evaluation: Evaluation, catalog: Catalog, evidenceRoot: string): SelfAssessment {
  const byClause = new Map<string, Finding[]>();
  for (const f of evaluation.findings) byClause.set(f.clause, [...(byClause.get(f.clause) ?? []), f]);
  const documents = new Map<string, FormDocument[]>();
  for (const e of manifest.evidence) {
    for (const id of new Set(e.supports.map(normaliseClauseId))) {
      documents.set(id, [...(documents.get(id) ?? []), { path: e.path, sha256: e.sha256, ...(e.title ? { title: e.title } : {}) }]);
    }
  }
  const depth = (c: Clause): number => (c.parent && FORM_PART.test(c.parent) ? depth(catalog.get(c.parent)!) + 1 : 0);
  let no = 0;
  const rows = catalog
    .applicable(evaluation.target)
    .filter(inForm)
    .map((clause): FormRow => {
      const heading = clause.kind === 'group';
      const findings = heading ? [] : (byClause.get(clause.id) ?? []);
      return {
        clause,
        no: heading ? null : ++no,
        depth: depth(clause),
        conclusion: heading ? null : conclusionOf(findings),
        documents: heading ? [] : (documents.get(clause.id) ?? []),
        findings,
        remark: bilingual((lang) => findings.map((f) => f.message[lang]).join('\n')),
      };
    });
  const counts = Object.fromEntries(CONCLUSIONS.map((c) => [c, rows.filter((r) => r.conclusion === c).length])) as Record<Conclusion, number>;
  const { qualifyingLevel, next } = evaluation.summary;
  return {
    organisation: { name: manifest.organisation.name, ...(manifest.organisation.nameEn ? { nameEn: manifest.organisation.nameEn } : {}) },
    target: evaluation.target,
    targetName: bilingual((lang) => describeTarget(evaluation.target, lang)),
    asOf: evaluation.asOf,
    rows,
    counts,
    qualifyingLevel,
    next: next
      ? { level: next.level, needs: [...new Set(next.blocking.map((f) => f.clause))].sort(compareClauseIds).map((id) => catalog.get(id)?.label ?? id) }
      : null,
    evidenceRoot,
  };
}

/** 要求: the clause's own words (a heading may have none; its title goes with the clause label). */
export function requirementText(clause: Clause): Text {
  return clause.text ?? bilingual(() => '');
}
