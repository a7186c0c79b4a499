import { type Catalog, type Lang, type Position, type SourceRange, show } from '@isccc/rules';
import type { Analysis } from '../documents/analysis.js';
import { clauseMarkdown } from './clauses.js';
import { schemaAt, schemaRoot } from './schema-nav.js';
import { isClausePath, nodeAt } from './yaml-context.js';

export interface HoverText {
  markdown: string;
  /** The node hovered, when there is one. */
  range?: SourceRange;
}

const STATUS: Record<string, string> = { fail: 'fails', 'missing-evidence': 'lacks evidence', 'manual-review': 'needs an assessor' };

/** Clause text on a clause id, the finding under the cursor (actual vs required), the field's schema description. */
export function hover(analysis: Analysis, position: Position, catalog: Catalog, lang: Lang): HoverText | null {
  const { document } = analysis;
  const at = nodeAt(analysis.source, document.offsetAt(position));
  const sections: string[] = [];

  if (at && !at.onKey && typeof at.value === 'string' && isClausePath(at.path)) {
    const clause = catalog.get(at.value);
    sections.push(clause ? clauseMarkdown(clause, lang) : `\`${at.value}\` is not a clause of ${catalog.edition}`);
  }

  if (analysis.kind === 'manifest') {
    const inside = (r: SourceRange) =>
      (r.start.line < position.line || (r.start.line === position.line && r.start.character <= position.character)) &&
      (r.end.line > position.line || (r.end.line === position.line && r.end.character >= position.character));
    for (const finding of analysis.evaluation?.findings ?? []) {
      if (finding.status === 'pass' || finding.status === 'not-applicable' || !finding.range || !inside(finding.range)) continue;
      const values =
        finding.actual !== undefined || finding.expected !== undefined ? `: actual **${show(finding.actual)}**, required **${show(finding.expected)}**` : '';
      sections.push(`\`${finding.rule}\` — ${finding.clauseLabel} ${STATUS[finding.status] ?? finding.status}${values}\n\n${finding.message[lang]}`);
    }
  }

  if (at) {
    const fieldPath = at.path;
    const schema = schemaAt(schemaRoot(analysis.kind), fieldPath);
    const named = fieldPath
      .map((p) => (typeof p === 'number' ? '[]' : p))
      .join('.')
      .replace(/\.\[\]/g, '[]');
    if (schema?.description) sections.push(`\`${named}\` — ${schema.description}`);
  }

  if (sections.length === 0) return null;
  const range = at?.range ? { start: document.positionAt(at.range[0]), end: document.positionAt(at.range[1]) } : undefined;
  return { markdown: sections.join('\n\n---\n\n'), ...(range ? { range } : {}) };
}
