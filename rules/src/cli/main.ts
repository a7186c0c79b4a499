import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { type Catalog, loadCatalog } from '../catalog/catalog.js';
import { evaluate, isBlocking } from '../evaluate/evaluate.js';
import { dateProblem } from '../facts/dates.js';
import { loadManifestFile } from '../manifest/load.js';
import type { InputProblem } from '../manifest/yaml-source.js';
import { CATEGORIES, type Category, type Lang, type Level } from '../model.js';
import { loadRulebook, loadRulebookFiles, overlayRulebook, type Rulebook } from '../rulebook/rulebook.js';
import { formatJson, formatJunit, formatProblems, formatSarif, formatText, type Format, FORMATS } from './formats.js';

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

const USAGE = `usage:
  isccc check <manifest.isccc.yaml> [--level 1|2|3] [--category C] [--as-of YYYY-MM-DD]
              [--lang zh|en] [--format text|json|sarif|junit] [--rules DIR]
              --rules DIR: *.rules.yaml files there replace shipped rules of the same id
  isccc run <manifest.isccc.yaml> [options]     run a whole certification case (see isccc run --help)

exit codes: 0 all pass, 1 findings (fail or missing evidence), 2 bad input`;

class UsageError extends Error {}

/** Runs the CLI and returns its exit code; never throws. */
export async function main(argv: string[], io: Io): Promise<number> {
  try {
    const [command, ...rest] = argv;
    if (!command || command === '--help' || command === '-h' || command === 'help') {
      io.out(USAGE);
      return command ? 0 : 2;
    }
    if (command === 'check') return check(rest, io);
    if (command === 'run') return await run(rest, io);
    throw new UsageError(`unknown command "${command}"`);
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`isccc: ${(error as Error).message}\n${USAGE}`);
    } else {
      io.err(`isccc: internal error: ${(error as Error).message}`);
    }
    return 2;
  }
}

function check(argv: string[], io: Io): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      level: { type: 'string' },
      category: { type: 'string' },
      'as-of': { type: 'string' },
      lang: { type: 'string', default: 'en' },
      format: { type: 'string', default: 'text' },
      rules: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.out(USAGE);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError('check takes exactly one manifest file');
  const lang = values.lang as Lang;
  if (lang !== 'zh' && lang !== 'en') throw new UsageError(`--lang must be zh or en, not "${values.lang}"`);
  const format = values.format as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, not "${values.format}"`);
  let level: Level | undefined;
  if (values.level !== undefined) {
    if (!['1', '2', '3'].includes(values.level)) throw new UsageError(`--level must be 1, 2 or 3, not "${values.level}"`);
    level = Number(values.level) as Level;
  }
  const category = values.category as Category | undefined;
  if (category !== undefined && !CATEGORIES.includes(category)) {
    throw new UsageError(`--category must be one of ${CATEGORIES.join(', ')}, not "${values.category}"`);
  }
  const asOf = values['as-of'];
  const badAsOf = asOf === undefined ? null : dateProblem(asOf);
  if (badAsOf) throw new UsageError(`--as-of: ${badAsOf.en}`);

  const file = positionals[0]!;
  const catalog = loadCatalog();
  let rulebook = loadRulebook(catalog.edition);
  if (values.rules !== undefined) {
    const local = loadRuleDir(values.rules, catalog);
    if ('problems' in local) {
      io.err(formatProblems(local.problems, lang));
      return 2;
    }
    rulebook = overlayRulebook(rulebook, local.rulebook);
  }
  const parsed = loadManifestFile(file, catalog);
  if (!parsed.manifest) {
    io.err(formatProblems(parsed.problems, lang));
    return 2;
  }
  const evaluation = evaluate({
    manifest: parsed.manifest,
    source: parsed.source,
    catalog,
    rulebook,
    target: { ...(level ? { level } : {}), ...(category ? { category } : {}) },
    ...(asOf ? { asOf } : {}),
    workspaceDir: path.dirname(path.resolve(file)),
  });
  const rendered =
    format === 'json'
      ? formatJson(evaluation, file)
      : format === 'sarif'
        ? formatSarif(evaluation, file, lang)
        : format === 'junit'
          ? formatJunit(evaluation, file, lang)
          : formatText(evaluation, file, catalog, lang);
  io.out(rendered);
  return evaluation.findings.some(isBlocking) ? 1 : 0;
}

/** The `*.rules.yaml` files of a folder, or the problems that keep them from being used. */
function loadRuleDir(dir: string, catalog: Catalog): { rulebook: Rulebook } | { problems: InputProblem[] } {
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter((f) => f.endsWith('.rules.yaml')).sort();
  } catch (error) {
    throw new UsageError(`--rules: cannot read folder "${dir}" (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  if (names.length === 0) throw new UsageError(`--rules: no *.rules.yaml file in "${dir}"`);
  const files = names.map((name) => ({ file: path.join(dir, name), text: fs.readFileSync(path.join(dir, name), 'utf8') }));
  const { rulebook, problems } = loadRulebookFiles(files, catalog);
  return problems.length > 0 ? { problems } : { rulebook };
}

/** `isccc run` lives with the engine in @isccc/workers; loaded on demand so `check` needs no engine. */
async function run(argv: string[], io: Io): Promise<number> {
  const specifier = '@isccc/workers/cli';
  let mod: { runCommand: (argv: string[], io: Io) => Promise<number> };
  try {
    mod = (await import(specifier)) as typeof mod;
  } catch (error) {
    io.err(`isccc: "run" needs the @isccc/workers package (${(error as Error).message})`);
    return 2;
  }
  return mod.runCommand(argv, io);
}
