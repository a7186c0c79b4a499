import type { SourceRange } from '@isccc/rules';
import { isMap, isPair, isScalar, isSeq, type Node } from 'yaml';
import type { Analysis } from '../documents/analysis.js';

export interface OutlineItem {
  name: string;
  kind: 'array' | 'object' | 'field' | 'string';
  /** A scalar field's value. */
  detail?: string;
  range: SourceRange;
  selectionRange: SourceRange;
  children: OutlineItem[];
}

const MAX_DEPTH = 4;
/** Fields that name a list item better than its index. */
const NAMING_KEYS = ['id', 'name', 'path', 'clause', 'certificate', 'standard', 'year'];

/** Outline: keys, and list items named by their id / name / path. */
export function documentSymbols(analysis: Analysis): OutlineItem[] {
  const { document } = analysis;
  const range = (node: Node | null | undefined, fallback: Node | null | undefined) => {
    const r = node?.range ?? fallback?.range ?? [0, 0];
    return { start: document.positionAt(r[0]), end: document.positionAt(r[1]) };
  };
  const children = (node: unknown, depth: number): OutlineItem[] => {
    if (depth > MAX_DEPTH) return [];
    if (isMap(node)) {
      return node.items.filter(isPair).map((pair) => {
        const value = pair.value as Node | null;
        const full = range(pair.key as Node, null);
        if (value?.range) full.end = document.positionAt(value.range[1]);
        return {
          name: isScalar(pair.key) ? String(pair.key.value) || '""' : '?',
          kind: isSeq(value) ? 'array' : isMap(value) ? 'object' : 'field',
          ...(isScalar(value) ? { detail: scalarText(value.value) } : {}),
          range: full,
          selectionRange: range(pair.key as Node, null),
          children: children(value, depth + 1),
        };
      });
    }
    if (isSeq(node)) {
      return node.items.map((item, i) => {
        const named = isMap(item) ? NAMING_KEYS.map((k) => item.get(k)).find((v) => v !== undefined && v !== null) : isScalar(item) ? item.value : undefined;
        return {
          name: named !== undefined ? scalarText(named) : `[${i}]`,
          kind: isMap(item) ? 'object' : 'string',
          range: range(item as Node, node),
          selectionRange: range(item as Node, node),
          children: children(item, depth + 1),
        };
      });
    }
    return [];
  };
  return children(analysis.source.doc.contents, 0);
}

/** A YAML scalar's value as outline text (null shows as nothing). */
function scalarText(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
    case 'boolean':
    case 'bigint':
      return String(value);
    default:
      return value === null || value === undefined ? '' : (JSON.stringify(value) ?? '');
  }
}
