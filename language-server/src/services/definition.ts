import type { Catalog, Rulebook } from '@isccc/rules';
import type { Location, Position } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis } from '../documents/analysis.js';
import { uriOfFile } from '../uri.js';
import type { RulebookService } from '../workspace/rulebook-service.js';
import { catalogLocation } from './clauses.js';
import { isClausePath, nodeAt } from './yaml-context.js';

/** From a clause id to its catalog entry and to every rule check of that clause. */
export function definition(document: TextDocument, analysis: Analysis, position: Position, catalog: Catalog, rulebook: Rulebook, rulebooks: RulebookService): Location[] {
  const source = analysis.kind === 'manifest' ? analysis.parsed.source : analysis.result.source;
  const at = nodeAt(source, document.offsetAt(position));
  if (!at || at.onKey || typeof at.value !== 'string' || !isClausePath(at.path)) return [];
  const clause = catalog.get(at.value);
  if (!clause) return [];
  const out: Location[] = [];
  const entry = catalogLocation(catalog, clause.id);
  if (entry) out.push({ uri: uriOfFile(entry.file), range: entry.range });
  for (const rule of rulebook.rules) {
    for (const check of rule.checks) {
      if (check.clause === clause.id) out.push({ uri: uriOfFile(check.location.file), range: rulebooks.rangeIn(check.location.file, check.location.path) });
    }
  }
  return out;
}
