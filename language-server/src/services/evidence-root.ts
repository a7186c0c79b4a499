import type { Lang } from '@isccc/rules';
import { evidenceSource, type ManifestAnalysis } from '../documents/analysis.js';
import { MESSAGES } from '../messages.js';
import type { EvidenceRoot } from '../protocol.js';

/** `isccc/evidenceRoot`: the root `isccc packet` would print for the manifest as it is in the editor, or why there is none. */
export function evidenceRoot(analysis: ManifestAnalysis, lang: Lang): EvidenceRoot {
  if (!analysis.parsed.manifest) {
    return { state: 'unavailable', reason: 'input-problems', message: MESSAGES['evidence.input-problems']({ count: analysis.parsed.problems.length })[lang] };
  }
  if (!evidenceSource(analysis)) return { state: 'unavailable', reason: 'not-on-disk', message: MESSAGES['evidence.not-on-disk']()[lang] };
  const evidence = analysis.evidence;
  if (!evidence) return { state: 'pending' };
  if ('failure' in evidence) return { state: 'unavailable', reason: 'failed', message: MESSAGES['evidence.failed']({ detail: evidence.failure })[lang] };
  if ('problems' in evidence) {
    return {
      state: 'unusable',
      problems: evidence.problems.map((p) => ({
        path: p.path,
        problem: p.problem,
        message: p.reason?.[lang] ?? MESSAGES['evidence.name-taken']()[lang],
        range:
          p.index < 0
            ? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }
            : analysis.source.rangeOf(['evidence', p.index, p.problem === 'hash-mismatch' ? 'sha256' : 'path']),
      })),
    };
  }
  return { state: 'ready', ...evidence };
}
