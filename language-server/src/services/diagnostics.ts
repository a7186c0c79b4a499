import type { Finding, InputProblem, Lang, Severity, SourceRange } from '@isccc/rules';
import type { ManifestAnalysis, RulesAnalysis } from '../documents/analysis.js';
import { uriOfFile } from '../documents/uri.js';
import { MESSAGES } from '../messages.js';
import type { RulebookService, RulebookState } from '../workspace/rulebook-service.js';
import type { Location } from './location.js';

/** An input problem or a rule finding, on the node at fault. */
export interface Diagnostic {
  range: SourceRange;
  severity: Severity;
  /** The rule id for findings (`isccc/service-staff`), else the problem code (`schema/missing-field`). */
  code: string;
  message: string;
  /** The rule's documentation page. */
  docUrl?: string;
  /** The rule check and the evidence entries a finding involves. */
  related?: { location: Location; message: string }[];
  data?: FindingData | ProblemData | { clause: string };
}

/** What a finding carries for hover and code actions (LSP keeps `data` opaque). */
export interface FindingData {
  clause: string;
  clauseLabel: string;
  status: Finding['status'];
  actual?: unknown;
  expected?: unknown;
  path: string;
}

export interface ProblemData {
  /** Field path of the problem (`people.serviceStaff`), empty for the document as a whole. */
  field: string;
  clause?: string;
}

type FindingLocation = Finding['related'][number];

const ZERO = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

export function manifestDiagnostics(analysis: ManifestAnalysis, rulebooks: RulebookService, lang: Lang): Diagnostic[] {
  const out = analysis.parsed.problems.map((p) => problemDiagnostic(p, lang));
  if (analysis.failure) out.push({ range: ZERO, severity: 'error', code: 'isccc/internal', message: `the evaluator failed: ${analysis.failure}` });
  for (const finding of analysis.evaluation?.findings ?? []) {
    // A not-applicable finding is news only when it warns, e.g. a clause of another category in `supports`.
    if (finding.status === 'pass' || (finding.status === 'not-applicable' && finding.severity !== 'warning')) continue;
    out.push(findingDiagnostic(finding, analysis, rulebooks, lang));
  }
  return out;
}

export function rulesDiagnostics(analysis: RulesAnalysis, state: RulebookState, lang: Lang): Diagnostic[] {
  const problems = state.problemsByFile.get(analysis.file) ?? analysis.result.problems;
  const out = problems.map((p) => problemDiagnostic(p, lang));
  if (problems.length === 0 && state.uncovered.length > 0) {
    const at = analysis.source.rangeOf(['rules'], { key: true });
    for (const clause of state.uncovered) {
      out.push({
        range: at,
        severity: 'info',
        code: 'rules/uncovered-clause',
        message: MESSAGES['diagnostic.uncovered-clause']({ label: clause.label, kind: clause.kind })[lang],
        data: { clause: clause.id },
      });
    }
  }
  return out;
}

function problemDiagnostic(problem: InputProblem, lang: Lang): Diagnostic {
  const text = lang === 'zh' ? problem.zh : problem.message;
  const clause = problem.clause && !text.includes(problem.clause) ? ` [clause ${problem.clause}]` : '';
  return {
    range: problem.range,
    severity: 'error',
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
    severity: finding.status === 'manual-review' ? 'info' : finding.severity,
    code: finding.rule,
    docUrl: finding.docUrl,
    message,
    related: finding.related.map((location) => related(location, finding, analysis, rulebooks)),
    data,
  };
}

function related(location: FindingLocation, finding: Finding, analysis: ManifestAnalysis, rulebooks: RulebookService): { location: Location; message: string } {
  if (location.file === analysis.file) {
    return {
      location: { uri: analysis.uri, range: analysis.source.rangeOf(location.path) },
      message: `evidence ${location.path.join('.').replace(/\.(\d+)/g, '[$1]')}`,
    };
  }
  return {
    // Where a rule's evaluation overran its budget is known to the column; else the node of the rule file.
    location: { uri: uriOfFile(location.file), range: location.range ?? rulebooks.rangeIn(location.file, location.path) },
    message: `rule ${finding.rule} (clause ${finding.clauseLabel})`,
  };
}
