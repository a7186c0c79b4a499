import { type Catalog, type Finding, isBlocking, type Lang, type Level, type SourceRange, type Status } from '@isccc/rules';
import type { ManifestAnalysis } from '../documents/analysis.js';

/** `isccc/report` and `isccc/summary`: the evaluator's findings shaped for the extension's views. */
export interface ReportFinding {
  ruleId: string;
  status: Status;
  severity: Finding['severity'];
  message: string;
  actual?: unknown;
  expected?: unknown;
  path: string;
  range?: SourceRange;
  docUrl: string;
}

export interface ReportClause {
  clause: string;
  label: string;
  title?: string;
  findings: ReportFinding[];
}

export interface Report {
  uri: string;
  qualifyingLevel: Level | null;
  target: { category: string; level: Level; drClass?: string } | null;
  asOf: string | null;
  clauses: ReportClause[];
  /** Input problems (YAML, schema): while there are any, nothing is evaluated. */
  problems: { code: string; message: string; range: SourceRange }[];
}

export interface Summary {
  qualifyingLevel: Level | null;
  /** Findings shown as diagnostics (fail, missing evidence, manual review) plus input problems. */
  findingCount: number;
  next: { level: Level; blocking: { clause: string; label: string; ruleId: string; message: string }[] } | null;
}

export function buildReport(analysis: ManifestAnalysis, catalog: Catalog, lang: Lang): Report {
  const evaluation = analysis.evaluation;
  const byClause = new Map<string, ReportClause>();
  for (const finding of evaluation?.findings ?? []) {
    let entry = byClause.get(finding.clause);
    if (!entry) {
      const title = catalog.get(finding.clause)?.title?.[lang];
      entry = { clause: finding.clause, label: finding.clauseLabel, ...(title ? { title } : {}), findings: [] };
      byClause.set(finding.clause, entry);
    }
    entry.findings.push({
      ruleId: finding.rule,
      status: finding.status,
      severity: finding.severity,
      message: finding.message[lang],
      ...(finding.actual !== undefined ? { actual: finding.actual } : {}),
      ...(finding.expected !== undefined ? { expected: finding.expected } : {}),
      path: finding.path,
      ...(finding.range ? { range: finding.range } : {}),
      docUrl: finding.docUrl,
    });
  }
  return {
    uri: analysis.uri,
    qualifyingLevel: evaluation?.summary.qualifyingLevel ?? null,
    target: evaluation ? { ...evaluation.target } : null,
    asOf: evaluation?.asOf ?? null,
    clauses: [...byClause.values()],
    problems: analysis.parsed.problems.map((p) => ({ code: p.code, message: lang === 'zh' ? p.zh : p.message, range: p.range })),
  };
}

export function buildSummary(analysis: ManifestAnalysis, lang: Lang): Summary {
  const evaluation = analysis.evaluation;
  const shown = (evaluation?.findings ?? []).filter((f) => f.status !== 'pass' && f.status !== 'not-applicable').length;
  const next = evaluation?.summary.next;
  return {
    qualifyingLevel: evaluation?.summary.qualifyingLevel ?? null,
    findingCount: shown + analysis.parsed.problems.length,
    next: next
      ? {
          level: next.level,
          blocking: next.blocking.filter(isBlocking).map((f) => ({ clause: f.clause, label: f.clauseLabel, ruleId: f.rule, message: f.message[lang] })),
        }
      : null,
  };
}
