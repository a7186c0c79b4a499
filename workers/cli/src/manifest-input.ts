/** What every manifest subcommand shares: the target options, and a manifest loaded and evaluated once. */
import path from 'node:path';
import {
  type Catalog,
  CATEGORIES,
  type Category,
  evaluate,
  type Evaluation,
  type InputProblem,
  dateProblem,
  type Lang,
  type Level,
  loadCatalog,
  loadManifestFile,
  type Manifest,
  type ParsedManifest,
  type Rulebook,
} from '@isccc/rules';
import { UsageError } from './io.js';

/** `parseArgs` options for what-if targets and the output language. */
export const TARGET_OPTIONS = {
  level: { type: 'string' },
  category: { type: 'string' },
  'as-of': { type: 'string' },
  lang: { type: 'string', default: 'en' },
} as const;

export const TARGET_USAGE = '[--level 1|2|3] [--category C] [--as-of YYYY-MM-DD] [--lang zh|en]';

export interface TargetChoice {
  level?: Level;
  category?: Category;
  asOf?: string;
  lang: Lang;
}

/** Checks the target options; a wrong one is a usage error (exit 2). */
export function targetChoice(values: { level?: string; category?: string; 'as-of'?: string; lang?: string }): TargetChoice {
  const lang = values.lang ?? 'en';
  if (lang !== 'zh' && lang !== 'en') throw new UsageError(`--lang must be zh or en, not "${lang}"`);
  const choice: TargetChoice = { lang };
  if (values.level !== undefined) {
    if (!['1', '2', '3'].includes(values.level)) throw new UsageError(`--level must be 1, 2 or 3, not "${values.level}"`);
    choice.level = Number(values.level) as Level;
  }
  if (values.category !== undefined) {
    if (!(CATEGORIES as readonly string[]).includes(values.category)) {
      throw new UsageError(`--category must be one of ${CATEGORIES.join(', ')}, not "${values.category}"`);
    }
    choice.category = values.category as Category;
  }
  const asOf = values['as-of'];
  if (asOf !== undefined) {
    const problem = dateProblem(asOf);
    if (problem) throw new UsageError(`--as-of: ${problem.en}`);
    choice.asOf = asOf;
  }
  return choice;
}

export interface Evaluated {
  file: string;
  parsed: ParsedManifest;
  manifest: Manifest;
  evaluation: Evaluation;
  catalog: Catalog;
}

/** Parses and evaluates a manifest with its evidence files checked in its folder, or returns the input problems. */
export function loadEvaluated(
  file: string,
  choice: TargetChoice,
  options: { catalog?: Catalog; rulebook?: Rulebook } = {},
): Evaluated | { problems: InputProblem[] } {
  const catalog = options.catalog ?? loadCatalog();
  const parsed = loadManifestFile(file, catalog);
  if (!parsed.manifest) return { problems: parsed.problems };
  const evaluation = evaluate({
    manifest: parsed.manifest,
    source: parsed.source,
    catalog,
    ...(options.rulebook ? { rulebook: options.rulebook } : {}),
    target: { ...(choice.level ? { level: choice.level } : {}), ...(choice.category ? { category: choice.category } : {}) },
    ...(choice.asOf ? { asOf: choice.asOf } : {}),
    workspaceDir: path.dirname(path.resolve(file)),
  });
  return { file, parsed, manifest: parsed.manifest, evaluation, catalog };
}
