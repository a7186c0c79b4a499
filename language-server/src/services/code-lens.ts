import type { Lang, SourceRange } from '@isccc/rules';
import type { ManifestAnalysis } from '../documents/analysis.js';
import { MESSAGES } from '../messages.js';
import type { EvidenceRoot } from '../protocol.js';
import { evidenceRoot } from './evidence-root.js';

/** A line of text above `range`; clicking it runs the client command `command` (none when empty). */
export interface Lens {
  range: SourceRange;
  title: string;
  tooltip?: string;
  command: string;
  arguments?: unknown[];
}

/** The client command that opens the conformance report (the VS Code extension defines it). */
const SHOW_REPORT_COMMAND = 'isccc.showReport';
/** The client command that copies its argument, the full evidence root (the VS Code extension defines it). */
export const COPY_EVIDENCE_ROOT_COMMAND = 'isccc.copyEvidenceRoot';
const SHOWN = 6;
/** Hex digits of the evidence root a lens shows; its command copies all 64. */
const SHOWN_DIGITS = 12;
const SHOWN_PATHS = 3;

/** At the top of the manifest its evidence root; above `application:` the level it qualifies for now and what the next level still needs. */
export function codeLenses(analysis: ManifestAnalysis, lang: Lang): Lens[] {
  const evidence = evidenceLens(evidenceRoot(analysis, lang), lang);
  return [...(evidence ? [evidence] : []), ...levelLenses(analysis, lang)];
}

function levelLenses(analysis: ManifestAnalysis, lang: Lang): Lens[] {
  const range = analysis.source.rangeOf(['application'], { key: true });
  const at = { start: range.start, end: range.start };
  if (!analysis.evaluation) {
    return [{ range: at, title: MESSAGES['lens.fix-input-problems']({ count: analysis.parsed.problems.length })[lang], command: '' }];
  }
  const { qualifyingLevel, next } = analysis.evaluation.summary;
  const now = MESSAGES['lens.qualifies']({ level: qualifyingLevel })[lang];
  const lenses: Lens[] = [{ range: at, title: now, command: SHOW_REPORT_COMMAND, arguments: [analysis.uri] }];
  if (next) {
    const labels = [...new Set(next.blocking.map((f) => f.clauseLabel))];
    const needs = `${labels.slice(0, SHOWN).join(', ')}${labels.length > SHOWN ? `, … (${labels.length})` : ''}`;
    const title = MESSAGES['lens.next-level-needs']({ level: next.level, needs })[lang];
    lenses.push({ range: at, title, command: SHOW_REPORT_COMMAND, arguments: [analysis.uri] });
  }
  return lenses;
}

/** At the top of the manifest: its evidence root (copied in full on a click), or which documents stand in its way. */
export function evidenceLens(root: EvidenceRoot, lang: Lang): Lens | null {
  const at = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  switch (root.state) {
    case 'ready':
      return {
        range: at,
        title: MESSAGES['lens.evidence-root']({ root: root.root.slice(0, SHOWN_DIGITS), files: root.files, unsaved: root.unsaved })[lang],
        tooltip: MESSAGES['lens.evidence-root-tooltip']({ root: root.root, unsaved: root.unsaved })[lang],
        command: COPY_EVIDENCE_ROOT_COMMAND,
        arguments: [root.root],
      };
    case 'unusable': {
      const paths = [...new Set(root.problems.map((p) => p.path))];
      const shown = `${paths.slice(0, SHOWN_PATHS).join(', ')}${paths.length > SHOWN_PATHS ? ', …' : ''}`;
      return {
        range: at,
        title: MESSAGES['lens.evidence-unusable']({ count: paths.length, paths: shown })[lang],
        tooltip: root.problems.map((p) => `${p.path}: ${p.message}`).join('\n'),
        command: '',
      };
    }
    case 'pending':
      return { range: at, title: MESSAGES['lens.evidence-pending']()[lang], command: '' };
    case 'unavailable':
      // The lens above `application:` already asks for the input problems to be fixed.
      return root.reason === 'input-problems' ? null : { range: at, title: MESSAGES['lens.evidence-unavailable']({ why: root.message })[lang], command: '' };
  }
}
