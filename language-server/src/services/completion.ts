import path from 'node:path';
import { type Catalog, type Lang } from '@isccc/rules';
import { type CompletionItem, CompletionItemKind, MarkupKind, type Position } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { isMap, isScalar } from 'yaml';
import type { Analysis } from '../documents/analysis.js';
import { isOnDisk } from '../uri.js';
import { clauseMarkdown } from './clauses.js';
import { propertiesOf, schemaAt, schemaRoot, valuesOf } from './schema-nav.js';
import { cursorContext, isClausePath } from './yaml-context.js';
import { walkFiles } from '../workspace/walk-files.js';

const ASSESSABLE = new Set(['quantitative', 'evidence', 'auditor']);
const EVIDENCE_PATH_KEYS = new Set(['path', 'document']);
const MAX_FILES = 2000;

/** Keys and enum values from the schema, clause ids with their titles, evidence paths from the manifest's folder. */
export function complete(document: TextDocument, analysis: Analysis, position: Position, catalog: Catalog, lang: Lang): CompletionItem[] {
  const kind = analysis.kind === 'manifest' ? 'manifest' : 'rules';
  const root = schemaRoot(kind);
  const context = cursorContext(document.getText(), document.offsetAt(position));
  const schema = schemaAt(root, context.path);

  if (isClausePath(context.path) || (context.mode === 'item' && context.path.at(-2) === 'supports')) return clauseItems(catalog, lang);

  if (context.mode === 'key' || (context.mode === 'item' && schema && Object.keys(propertiesOf(root, schema)).length > 0)) {
    const source = analysis.kind === 'manifest' ? analysis.parsed.source : analysis.result.source;
    const existing = source.doc.getIn(context.path, true);
    const present = new Set(isMap(existing) ? existing.items.map((p) => (isScalar(p.key) ? String(p.key.value) : '')) : []);
    return Object.entries(propertiesOf(root, schema))
      // The key being typed may already parse as a key of the mapping.
      .filter(([key]) => !present.has(key) || key === context.prefix)
      .map(([key]) => {
        const description = schemaAt(root, [...context.path, key])?.description;
        return { label: key, kind: CompletionItemKind.Property, insertText: `${key}: `, ...(description ? { documentation: { kind: MarkupKind.Markdown, value: description } } : {}) };
      });
  }

  const values = valuesOf(root, schema).map((value) => ({ label: String(value), kind: CompletionItemKind.EnumMember, ...(schema?.description ? { documentation: schema.description } : {}) }));
  if (values.length > 0) return values;
  if (analysis.kind === 'manifest' && EVIDENCE_PATH_KEYS.has(String(context.path.at(-1))) && isOnDisk(analysis.file)) {
    return evidenceFiles(path.dirname(analysis.file), analysis.file).map((file) => ({ label: file, kind: CompletionItemKind.File }));
  }
  return [];
}

function clauseItems(catalog: Catalog, lang: Lang): CompletionItem[] {
  return catalog.all
    .filter((clause) => ASSESSABLE.has(clause.kind))
    .map((clause) => ({
      label: clause.id,
      kind: CompletionItemKind.Reference,
      detail: `${clause.label} ${clause.title?.[lang] ?? clause.text?.[lang]?.slice(0, 60) ?? ''}`.trim(),
      documentation: { kind: MarkupKind.Markdown, value: clauseMarkdown(clause, lang) },
    }));
}

/** Files under the manifest's folder, relative with `/`, without following links out of it. */
function evidenceFiles(root: string, manifest: string): string[] {
  return walkFiles(root, { maxDepth: 6, maxEntries: MAX_FILES })
    .filter((file) => file !== manifest)
    .map((file) => path.relative(root, file).split(path.sep).join('/'))
    .sort();
}
