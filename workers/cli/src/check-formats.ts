/** How `isccc check` prints an evaluation: a text table grouped by clause, JSON, SARIF 2.1.0 and JUnit XML (OSCAL: oscal/). */
import { createRequire } from 'node:module';
import type * as XmlBuilder from 'xmlbuilder2';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Catalog, compareClauseIds, describeTarget, type Evaluation, type Finding, type InputProblem, type Lang, type Status } from '@isccc/rules';
import { MESSAGES } from './messages.js';

export type Format = 'text' | 'json' | 'sarif' | 'junit' | 'oscal';
export const FORMATS: Format[] = ['text', 'json', 'sarif', 'junit', 'oscal'];

const MARK: Record<Status, string> = { pass: '✓', fail: '✗', 'missing-evidence': '✗', 'manual-review': '?', 'not-applicable': '-' };

export function location(file: string, finding: { range?: { start: { line: number; character: number } } }): string {
  const start = finding.range?.start;
  return start ? `${file}:${start.line + 1}:${start.character + 1}` : file;
}

export function formatProblems(problems: InputProblem[], lang: Lang = 'en'): string {
  return problems
    .map((p) => {
      const text = lang === 'zh' ? p.zh : p.message;
      const field = p.field && !text.includes(p.field) ? MESSAGES['check.field']({ field: p.field })[lang] : '';
      return `${p.file}:${p.range.start.line + 1}:${p.range.start.character + 1}: error [${p.code}]${p.clause ? ` clause ${p.clause}:` : ''} ${text}${field}`;
    })
    .join('\n');
}

/** Findings grouped under their parent clause heading, in document order. */
export function formatText(evaluation: Evaluation, file: string, catalog: Catalog, lang: Lang): string {
  const lines: string[] = [];
  const rel = path.relative(process.cwd(), file) || file;
  lines.push(MESSAGES['check.heading']({ file: rel, target: evaluation.target, asOf: evaluation.asOf })[lang], '');
  const groups = new Map<string, Finding[]>();
  for (const f of evaluation.findings) {
    const parent = catalog.get(f.clause)?.parent ?? f.clause;
    const key = /\.[a-z]$/.test(f.clause) ? parent : f.clause;
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  const order = [...groups.keys()].sort(compareClauseIds);
  const width = Math.max(8, ...evaluation.findings.map((f) => f.clauseLabel.length));
  for (const key of order) {
    const clause = catalog.get(key);
    const title = clause?.title ? ` ${clause.title[lang]}` : '';
    lines.push(`${clause?.label ?? key}${title}`);
    for (const f of groups.get(key)!) {
      const status = MESSAGES['check.status']({ status: f.status })[lang];
      lines.push(
        `  ${MARK[f.status]} ${f.clauseLabel.padEnd(width)}  ${status.padEnd(lang === 'zh' ? 6 : 16)} ${f.message[lang]}  [${f.rule}]${f.status !== 'pass' ? `  ${location(rel, f)}` : ''}`,
      );
    }
  }
  lines.push('');
  lines.push(MESSAGES['check.counts']({ counts: evaluation.summary.counts })[lang]);
  lines.push(summaryLine(evaluation, lang));
  if (!evaluation.evidenceFilesChecked) lines.push(MESSAGES['check.evidence-not-checked']()[lang]);
  return lines.join('\n');
}

export function summaryLine(evaluation: Evaluation, lang: Lang): string {
  const { qualifyingLevel, next } = evaluation.summary;
  const blocking = next ? next.blocking.map((f) => f.clauseLabel) : [];
  const unique = [...new Set(blocking)];
  const needs = unique.slice(0, 12).join(', ') + (unique.length > 12 ? `, … (${unique.length})` : '');
  return MESSAGES['check.summary']({ qualifyingLevel, next: next && { level: next.level, needs } })[lang];
}

export function formatJson(evaluation: Evaluation, file: string): string {
  return JSON.stringify({ manifest: file, ...evaluation }, null, 2);
}

export function formatSarif(evaluation: Evaluation, file: string, lang: Lang): string {
  // A not-applicable finding is a result only when it warns (e.g. a clause of another category in supports).
  const results = evaluation.findings.filter((f) => f.status !== 'pass' && (f.status !== 'not-applicable' || f.severity !== 'info'));
  const ruleIds = [...new Set(evaluation.findings.map((f) => f.rule))].sort();
  const uri = pathToFileURL(path.resolve(file)).href;
  const level = (f: Finding) => (f.status === 'manual-review' ? 'note' : f.severity === 'error' ? 'error' : f.severity === 'warning' ? 'warning' : 'note');
  return JSON.stringify(
    {
      $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
      version: '2.1.0',
      runs: [
        {
          tool: {
            driver: {
              name: 'isccc',
              informationUri: 'https://github.com/isccc-flow/isccc-flow',
              rules: ruleIds.map((id) => {
                const f = evaluation.findings.find((x) => x.rule === id)!;
                return { id, helpUri: f.docUrl };
              }),
            },
          },
          results: results.map((f) => ({
            ruleId: f.rule,
            level: level(f),
            message: { text: f.message[lang] },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri },
                  ...(f.range
                    ? {
                        region: {
                          startLine: f.range.start.line + 1,
                          startColumn: f.range.start.character + 1,
                          endLine: f.range.end.line + 1,
                          endColumn: f.range.end.character + 1,
                        },
                      }
                    : {}),
                },
              },
            ],
            properties: { clause: f.clauseLabel, status: f.status, actual: f.actual ?? null, expected: f.expected ?? null },
          })),
        },
      ],
    },
    null,
    2,
  );
}

export function formatJunit(evaluation: Evaluation, file: string, lang: Lang): string {
  const c = evaluation.summary.counts;
  const failures = c.fail + c['missing-evidence'];
  const tests = evaluation.findings.length;
  // xmlbuilder2 and its DOM (some 150 modules) are loaded only when JUnit is asked for: `isccc check` starts fast.
  const { create } = createRequire(import.meta.url)('xmlbuilder2') as typeof XmlBuilder;
  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele('testsuites', { name: 'isccc check', tests, failures });
  const suite = root.ele('testsuite', {
    name: xmlText(`${path.basename(file)} ${describeTarget(evaluation.target)}`),
    tests,
    failures,
    skipped: c['manual-review'],
  });
  for (const f of evaluation.findings) {
    const testcase = suite.ele('testcase', { classname: xmlText(`isccc.${f.clause}`), name: xmlText(`${f.clauseLabel} ${f.rule}`) });
    if (f.status === 'fail' || f.status === 'missing-evidence')
      testcase.ele('failure', { type: f.status, message: xmlText(f.message[lang]) }).txt(xmlText(location(file, f)));
    else if (f.status === 'manual-review') testcase.ele('skipped', { message: xmlText(f.message[lang]) });
  }
  return root.end({ prettyPrint: true, indent: '  ' });
}

/**
 * Text safe to print on a terminal: control characters from a hostile manifest (ESC sequences that recolour or
 * rewrite the screen, NUL, carriage returns) are shown as `\xNN` instead of acting; lone surrogates become U+FFFD.
 */
export function terminalText(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex -- matching control characters is the point
      .replace(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`)
      .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
  );
}

/**
 * Text that XML 1.0 can carry: characters outside its `Char` production (NUL and other C0 controls, lone
 * surrogates, U+FFFE/U+FFFF), which a hostile manifest can put in a name or a path, become U+FFFD.
 */
export function xmlText(text: string): string {
  return text.replace(/[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD');
}
