import { type JsonPath, parseFieldPath, type SourceRange, type YamlSource } from '@isccc/rules';
import { isMap, isSeq, type Node } from 'yaml';
import type { Analysis, DocumentText } from '../documents/analysis.js';
import type { FindingData } from './diagnostics.js';
import { placeholderOf, schemaAt, schemaRoot } from './schema-nav.js';

/** What a quick fix reads of a diagnostic the client sends back; its `data` is whatever the client kept. */
export interface DiagnosticRef {
  range: SourceRange;
  code?: string | number;
  data?: unknown;
}

export interface TextEdit {
  range: SourceRange;
  newText: string;
}

/** Edits to the analysed document that fix `diagnostic`. */
export interface QuickFix<D extends DiagnosticRef> {
  title: string;
  diagnostic: D;
  edits: TextEdit[];
}

/** Quick fixes for the diagnostics the client sends back: evidence stub, fresh sha256, missing required field. */
export function quickFixes<D extends DiagnosticRef>(analysis: Analysis, diagnostics: D[]): QuickFix<D>[] {
  const { document, source } = analysis;
  const fixes: QuickFix<D>[] = [];
  const fix = (title: string, diagnostic: D, edits: TextEdit[] | undefined) => {
    if (edits) fixes.push({ title, diagnostic, edits });
  };
  for (const diagnostic of diagnostics) {
    const data = diagnostic.data as (Partial<FindingData> & { field?: string }) | undefined;
    if (analysis.kind === 'manifest' && diagnostic.code === 'isccc/evidence' && data?.status === 'missing-evidence' && data.clause) {
      fix(`Add an evidence entry for ${data.clauseLabel ?? data.clause}`, diagnostic, evidenceStub(document, source, data.clause));
    } else if (
      diagnostic.code === 'isccc/evidence-integrity' &&
      data?.path?.endsWith('.sha256') &&
      /^[0-9a-f]{64}$/.test(String(data.actual)) &&
      isSha256Value(document, diagnostic.range)
    ) {
      fix('Update sha256 to the file’s current digest', diagnostic, [{ range: diagnostic.range, newText: String(data.actual) }]);
    } else if (diagnostic.code === 'schema/missing-field' && data?.field) {
      const at = parseFieldPath(data.field);
      const key = at.pop();
      if (typeof key === 'string') {
        const root = schemaRoot(analysis.kind);
        fix(`Add missing field "${key}"`, diagnostic, addPair(document, source, at, key, placeholderOf(root, schemaAt(root, [...at, key]))));
      }
    }
  }
  return fixes;
}

/**
 * The range a client sent back with a diagnostic still holds a sha256 value in the text analysed now. The client's
 * copy of the diagnostic may be of an earlier version of the text (published before the latest edits); its range
 * then points elsewhere, past a line's end or past the last line, and replacing it would corrupt the manifest.
 */
function isSha256Value(document: DocumentText, range: SourceRange): boolean {
  const start = document.offsetAt(range.start);
  const end = document.offsetAt(range.end);
  const same = (a: SourceRange['start'], b: SourceRange['start']) => a.line === b.line && a.character === b.character;
  // offsetAt clamps: a position outside the text comes back as another position
  if (!same(document.positionAt(start), range.start) || !same(document.positionAt(end), range.end) || end <= start) return false;
  const text = document.getText();
  const lineStart = Math.max(text.lastIndexOf('\n', start - 1), text.lastIndexOf('\r', start - 1)) + 1;
  return /^["']?[0-9A-Za-z]*["']?$/.test(text.slice(start, end)) && /(^|[\s{,])sha256\s*:\s*$/.test(text.slice(lineStart, start));
}

function evidenceStub(document: DocumentText, source: YamlSource, clause: string): TextEdit[] | undefined {
  // Quoted: 64 zeros would otherwise read as a number. Hash and path are placeholders to replace.
  const item = [`path: evidence/TODO-${clause}.md`, `sha256: "${'0'.repeat(64)}"`, 'type: other', `supports: ["${clause}"]`];
  const evidence = source.doc.get('evidence', true) as Node | undefined;
  if (isSeq(evidence) && evidence.items.length > 0 && !evidence.flow) {
    const first = document.positionAt((evidence.items[0] as Node).range![0]);
    const indent = ' '.repeat(Math.max(0, first.character - 2));
    const lines = item.map((line, i) => `${indent}${i === 0 ? '- ' : '  '}${line}`);
    return [insertAfterLine(document, lastLineOf(document, evidence), lines)];
  }
  if (isSeq(evidence) && evidence.range) {
    // `evidence: []` (or a flow list): replace it with a block list holding the stub.
    const range = rangeOf(document, evidence.range);
    return [{ range, newText: `\n${item.map((line, i) => `  ${i === 0 ? '- ' : '  '}${line}`).join('\n')}` }];
  }
  return undefined;
}

function addPair(document: DocumentText, source: YamlSource, at: JsonPath, key: string, value: string): TextEdit[] | undefined {
  const parent = (at.length === 0 ? source.doc.contents : source.doc.getIn(at, true)) as Node | undefined;
  if (!isMap(parent) || !parent.range) return undefined;
  if (parent.flow) {
    const close = document.getText().lastIndexOf('}', parent.range[1]);
    if (close < parent.range[0]) return undefined;
    const pos = document.positionAt(close);
    return [{ range: { start: pos, end: pos }, newText: `${parent.items.length > 0 ? ', ' : ''}${key}: ${value} ` }];
  }
  const first = parent.items[0]?.key as Node | undefined;
  const indent = first?.range ? document.positionAt(first.range[0]).character : 0;
  return [insertAfterLine(document, lastLineOf(document, parent), [`${' '.repeat(indent)}${key}: ${value}`])];
}

/** Last line holding content of a block node (its range may run into the next line's start). */
function lastLineOf(document: DocumentText, node: Node): number {
  const text = document.getText();
  let end = node.range![1];
  while (end > node.range![0] && /\s/.test(text[end - 1]!)) end--;
  return document.positionAt(end).line;
}

function insertAfterLine(document: DocumentText, line: number, lines: string[]): TextEdit {
  const end = document.positionAt(document.offsetAt({ line: line + 1, character: 0 }));
  const atEndOfFile = end.line === line;
  return { range: { start: end, end }, newText: atEndOfFile ? `\n${lines.join('\n')}` : `${lines.join('\n')}\n` };
}

function rangeOf(document: DocumentText, range: [number, number, number]): SourceRange {
  return { start: document.positionAt(range[0]), end: document.positionAt(range[1]) };
}
