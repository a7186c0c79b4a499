/** One manifest of `isccc check`: parsed, evaluated and rendered, never throwing; shared by the command and its worker threads. */
import path from 'node:path';
import {
  type Catalog,
  type Category,
  evaluate,
  type Evaluation,
  type InputProblem,
  isBlocking,
  type Lang,
  type Level,
  loadManifestFile,
  loadRulebook,
  loadRulebookFiles,
  overlayRulebook,
  type Rulebook,
} from '@isccc/rules';
import { formatJson, formatJunit, formatProblems, formatSarif, formatText, type Format, terminalText } from '../check-formats.js';

/** What every manifest of one `isccc check` is checked with. */
export interface CheckSettings {
  level?: Level;
  category?: Category;
  asOf?: string;
  lang: Lang;
  format: Format;
  /** The `--rules DIR` files, as read (each worker thread parses them itself). */
  ruleFiles: { file: string; text: string }[];
  /** One of several manifests: the text table shows what needs attention, not every pass. */
  batch?: boolean;
}

/** One manifest's outcome: its exit code, what it prints, and its evaluation's summary for a batch. */
export interface ManifestResult {
  file: string;
  code: 0 | 1 | 2;
  out: string;
  err: string;
  summary?: { qualifyingLevel: Level | null; counts: Evaluation['summary']['counts']; blocking: number };
}

/** The shipped rulebook with the `--rules` files over it, or their problems. */
export function rulebookOf(settings: CheckSettings, catalog: Catalog): { rulebook: Rulebook } | { problems: InputProblem[] } {
  const shipped = loadRulebook(catalog.edition);
  if (settings.ruleFiles.length === 0) return { rulebook: shipped };
  const loaded = loadRulebookFiles(settings.ruleFiles, catalog);
  return loaded.problems.length > 0 ? { problems: loaded.problems } : { rulebook: overlayRulebook(shipped, loaded.rulebook) };
}

/** One manifest: parse, evaluate, render in the chosen format. Never throws. */
export function checkManifest(file: string, settings: CheckSettings, catalog: Catalog, rulebook: Rulebook): ManifestResult {
  const { lang, format, level, category, asOf } = settings;
  try {
    const parsed = loadManifestFile(file, catalog);
    if (!parsed.manifest) return { file, code: 2, out: '', err: terminalText(formatProblems(parsed.problems, lang)) };
    const evaluation = evaluate({
      manifest: parsed.manifest,
      source: parsed.source,
      catalog,
      rulebook,
      target: { ...(level ? { level } : {}), ...(category ? { category } : {}) },
      ...(asOf ? { asOf } : {}),
      workspaceDir: path.dirname(path.resolve(file)),
    });
    const out =
      format === 'json'
        ? formatJson(evaluation, file)
        : format === 'sarif'
          ? formatSarif(evaluation, file, lang)
          : format === 'junit'
            ? formatJunit(evaluation, file, lang)
            : terminalText(formatText(settings.batch ? needingAttention(evaluation) : evaluation, file, catalog, lang));
    const blocking = evaluation.findings.filter(isBlocking).length;
    return {
      file,
      code: blocking > 0 ? 1 : 0,
      out,
      err: '',
      summary: { qualifyingLevel: evaluation.summary.qualifyingLevel, counts: evaluation.summary.counts, blocking },
    };
  } catch (error) {
    return { file, code: 2, out: '', err: `isccc check: internal error on ${file}: ${(error as Error).message}` };
  }
}

/** The findings a reader of many manifests must see: not the passes, nor the quiet not-applicable ones. */
function needingAttention(evaluation: Evaluation): Evaluation {
  return { ...evaluation, findings: evaluation.findings.filter((f) => f.status !== 'pass' && (f.status !== 'not-applicable' || f.severity !== 'info')) };
}
