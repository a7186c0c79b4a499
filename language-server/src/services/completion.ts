import path from 'node:path';
import type { Catalog, Lang, Position } from '@isccc/rules';
import { isMap, isScalar } from 'yaml';
import type { Analysis } from '../documents/analysis.js';
import { isOnDisk } from '../documents/uri.js';
import { walkFiles } from '../workspace/walk-files.js';
import { clauseMarkdown } from './clauses.js';
import { propertiesOf, schemaAt, schemaRoot, valuesOf } from './schema-nav.js';
import { cursorContext, isClausePath } from './yaml-context.js';

export interface Completion {
  label: string;
  /** A schema key, an enum or const value, a clause id, an evidence file. */
  kind: 'key' | 'value' | 'clause' | 'file';
  insertText?: string;
  detail?: string;
  documentation?: { kind: 'markdown' | 'plaintext'; value: string };
}

const ASSESSABLE = new Set(['quantitative', 'evidence', 'auditor']);
const EVIDENCE_PATH_KEYS = new Set(['path', 'document']);
const MAX_FILES = 2000;

/** Keys and enum values from the schema, clause ids with their titles, evidence paths from the manifest's folder. */
export function complete(analysis: Analysis, position: Position, catalog: Catalog, lang: Lang): Completion[] {
  const root = schemaRoot(analysis.kind);
  const context = cursorContext(analysis.document.getText(), analysis.document.offsetAt(position));
  const schema = schemaAt(root, context.path);

  if (isClausePath(context.path) || (context.mode === 'item' && context.path.at(-2) === 'supports')) return clauseItems(catalog, lang);

  if (context.mode === 'key' || (context.mode === 'item' && schema && Object.keys(propertiesOf(root, schema)).length > 0)) {
    const existing = analysis.source.doc.getIn(context.path, true);
    const present = new Set(isMap(existing) ? existing.items.map((p) => (isScalar(p.key) ? String(p.key.value) : '')) : []);
    return (
      Object.entries(propertiesOf(root, schema))
        // The key being typed may already parse as a key of the mapping.
        .filter(([key]) => !present.has(key) || key === context.prefix)
        .map(([key]): Completion => {
          const description = schemaAt(root, [...context.path, key])?.description;
          return { label: key, kind: 'key', insertText: `${key}: `, ...(description ? { documentation: { kind: 'markdown', value: description } } : {}) };
        })
    );
  }

  const description = schema?.description;
  const values = valuesOf(root, schema).map((value): Completion => ({
    label: String(value),
    kind: 'value',
    ...(description ? { documentation: { kind: 'plaintext', value: description } } : {}),
  }));
  if (values.length > 0) return values;
  if (analysis.kind === 'manifest' && EVIDENCE_PATH_KEYS.has(String(context.path.at(-1))) && isOnDisk(analysis.file)) {
    return evidenceFiles(path.dirname(analysis.file), analysis.file).map((file) => ({ label: file, kind: 'file' }));
  }
  return [];
}

function clauseItems(catalog: Catalog, lang: Lang): Completion[] {
  return catalog.all
    .filter((clause) => ASSESSABLE.has(clause.kind))
    .map((clause) => ({
      label: clause.id,
      kind: 'clause',
      detail: `${clause.label} ${clause.title?.[lang] ?? clause.text?.[lang]?.slice(0, 60) ?? ''}`.trim(),
      documentation: { kind: 'markdown', value: clauseMarkdown(clause, lang) },
    }));
}

/** Files under the manifest's folder, relative with `/`, without following links out of it. */
function evidenceFiles(root: string, manifest: string): string[] {
  return walkFiles(root, { maxDepth: 6, maxEntries: MAX_FILES })
    .filter((file) => file !== manifest)
    .map((file) => path.relative(root, file).split(path.sep).join('/'))
    .sort();
}
