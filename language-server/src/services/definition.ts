import type { Catalog, Position } from '@isccc/rules';
import type { Analysis } from '../documents/analysis.js';
import { uriOfFile } from '../documents/uri.js';
import type { RulebookService } from '../workspace/rulebook-service.js';
import { catalogLocation } from './clauses.js';
import type { Location } from './location.js';
import { isClausePath, nodeAt } from './yaml-context.js';

/** From a clause id to its catalog entry and to every rule check of that clause in the rulebook in force. */
export function definition(analysis: Analysis, position: Position, catalog: Catalog, rulebooks: RulebookService): Location[] {
  const at = nodeAt(analysis.source, analysis.document.offsetAt(position));
  if (!at || at.onKey || typeof at.value !== 'string' || !isClausePath(at.path)) return [];
  const clause = catalog.get(at.value);
  if (!clause) return [];
  const out: Location[] = [];
  const entry = catalogLocation(catalog, clause.id);
  if (entry) out.push({ uri: uriOfFile(entry.file), range: entry.range });
  for (const rule of rulebooks.get().rulebook.rules) {
    for (const check of rule.checks) {
      if (check.clause === clause.id) out.push({ uri: uriOfFile(check.location.file), range: rulebooks.rangeIn(check.location.file, check.location.path) });
    }
  }
  return out;
}
