import { type Finding, type InputProblem, type Lang, type Severity } from '@isccc/rules';
import { type Diagnostic, DiagnosticSeverity, type DiagnosticRelatedInformation } from 'vscode-languageserver';
import type { ManifestAnalysis, RulesAnalysis } from '../documents/analysis.js';
import { uriOfFile } from '../uri.js';
import type { RulebookService, RulebookState } from '../workspace/rulebook-service.js';

export const SOURCE = 'isccc';

/** What a finding diagnostic carries for hover and code actions (LSP keeps `data` opaque). */
export interface FindingData {
  clause: string;
  clauseLabel: string;
  status: Finding['status'];
  actual?: unknown;
  expected?: unknown;
  path: string;
}

type Location = Finding['related'][number];

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

const ZERO = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

export function manifestDiagnostics(analysis: ManifestAnalysis, rulebooks: RulebookService, lang: Lang): Diagnostic[] {
  const out = analysis.parsed.problems.map((p) => problemDiagnostic(p, lang));
  if (analysis.failure) {
    out.push({ range: ZERO, severity: DiagnosticSeverity.Error, source: SOURCE, code: 'isccc/internal', message: `the evaluator failed: ${analysis.failure}` });
  }
  for (const finding of analysis.evaluation?.findings ?? []) {
    if (finding.status === 'pass' || finding.status === 'not-applicable') continue;
    out.push(findingDiagnostic(finding, analysis, rulebooks, lang));
  }
  return out;
}

export function rulesDiagnostics(analysis: RulesAnalysis, state: RulebookState, lang: Lang): Diagnostic[] {
  const problems = state.problemsByFile.get(analysis.file) ?? analysis.result.problems;
  const out = problems.map((p) => problemDiagnostic(p, lang));
  if (problems.length === 0 && state.uncovered.length > 0) {
    const at = analysis.result.source.rangeOf(['rules'], { key: true });
    for (const clause of state.uncovered) {
      out.push({
        range: at,
        severity: DiagnosticSeverity.Information,
        source: SOURCE,
        code: 'rules/uncovered-clause',
        message: lang === 'zh' ? `条款 ${clause.label}（${clause.kind}）没有任何现行规则检查` : `clause ${clause.label} (${clause.kind}) is checked by no rule of the rulebook in force`,
        data: { clause: clause.id },
      });
    }
  }
  return out;
}

export function problemDiagnostic(problem: InputProblem, lang: Lang): Diagnostic {
  const text = lang === 'zh' ? problem.zh : problem.message;
  const clause = problem.clause && !text.includes(problem.clause) ? ` [clause ${problem.clause}]` : '';
  return {
    range: problem.range,
    severity: DiagnosticSeverity.Error,
    source: SOURCE,
    code: problem.code,
    message: `${text}${clause}`,
    data: { field: problem.field, ...(problem.clause ? { clause: problem.clause } : {}) },
  };
}

function findingDiagnostic(finding: Finding, analysis: ManifestAnalysis, rulebooks: RulebookService, lang: Lang): Diagnostic {
  const text = finding.message[lang];
  const message = text.includes(finding.clauseLabel) ? text : `${finding.clauseLabel}: ${text}`;
  const data: FindingData = {
    clause: finding.clause,
    clauseLabel: finding.clauseLabel,
    status: finding.status,
    path: finding.path,
    ...(finding.actual !== undefined ? { actual: finding.actual } : {}),
    ...(finding.expected !== undefined ? { expected: finding.expected } : {}),
  };
  return {
    range: finding.range ?? ZERO,
    // An assessor's judgement pending is not a defect of the manifest.
    severity: finding.status === 'manual-review' ? DiagnosticSeverity.Information : SEVERITY[finding.severity],
    source: SOURCE,
    code: finding.rule,
    codeDescription: { href: finding.docUrl },
    message,
    relatedInformation: finding.related.map((location) => related(location, finding, analysis, rulebooks)),
    data,
  };
}

function related(location: Location, finding: Finding, analysis: ManifestAnalysis, rulebooks: RulebookService): DiagnosticRelatedInformation {
  if (location.file === analysis.file) {
    return {
      location: { uri: analysis.uri, range: analysis.parsed.source.rangeOf(location.path) },
      message: `evidence ${location.path.join('.').replace(/\.(\d+)/g, '[$1]')}`,
    };
  }
  return {
    location: { uri: uriOfFile(location.file), range: rulebooks.rangeIn(location.file, location.path) },
    message: `rule ${finding.rule} (clause ${finding.clauseLabel})`,
  };
}
