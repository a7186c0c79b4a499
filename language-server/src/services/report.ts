import { type Catalog, isBlocking, type Lang } from '@isccc/rules';
import type { ManifestAnalysis } from '../documents/analysis.js';
import type { Report, ReportClause, Summary } from '../protocol.js';

/** `isccc/report`: every finding, passes included, grouped by clause in document order. */
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

/** `isccc/summary`: the qualifying level, how many diagnostics are shown, and what blocks the next level. */
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
