/** `isccc check <manifest>`: evaluates a manifest with the one evaluator and prints its findings. */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  type Catalog,
  type InputFileProblem,
  type InputProblem,
  isBlocking,
  loadCatalog,
  loadRulebook,
  loadRulebookFiles,
  MAX_INPUT_BYTES,
  overlayRulebook,
  readInputFile,
  type Rulebook,
} from '@isccc/rules';
import { formatJson, formatJunit, formatProblems, formatSarif, formatText, type Format, FORMATS, terminalText } from '../check-formats.js';
import { type Io, isUsageError, UsageError } from '../io.js';
import { loadEvaluated, TARGET_OPTIONS, targetChoice } from '../manifest-input.js';
import { MESSAGES } from '../messages.js';
import { formatOscal } from '../oscal/assessment-results.js';

export const CHECK_USAGE = `usage:
  isccc check <manifest.isccc.yaml> [--level 1|2|3] [--category C] [--as-of YYYY-MM-DD]
              [--lang zh|en] [--format text|json|sarif|junit|oscal] [--rules DIR]
              --format oscal: OSCAL 1.1.2 assessment results (one result, a finding per clause check)
              --rules DIR: *.rules.yaml files there replace shipped rules of the same id

exit codes: 0 all pass, 1 findings (fail or missing evidence), 2 bad input`;

/** Runs the command and returns its exit code; never throws. */
export function checkCommand(argv: string[], io: Io): Promise<number> {
  return Promise.resolve(checkOrExit(argv, io));
}

function checkOrExit(argv: string[], io: Io): number {
  try {
    return check(argv, io);
  } catch (error) {
    if (isUsageError(error)) {
      io.err(`isccc check: ${error.message}\n${CHECK_USAGE}`);
      return 2;
    }
    io.err(`isccc check: internal error: ${(error as Error).message}`);
    return 2;
  }
}

function check(argv: string[], io: Io): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      ...TARGET_OPTIONS,
      format: { type: 'string', default: 'text' },
      rules: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.out(CHECK_USAGE);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError('check takes exactly one manifest file');
  const choice = targetChoice(values);
  const lang = choice.lang;
  const format = values.format as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, not "${values.format}"`);

  const file = positionals[0]!;
  const catalog = loadCatalog();
  let rulebook = loadRulebook(catalog.edition);
  if (values.rules !== undefined) {
    const local = loadRuleDir(values.rules, catalog);
    if ('problems' in local) {
      io.err(terminalText(formatProblems(local.problems, lang)));
      return 2;
    }
    rulebook = overlayRulebook(rulebook, local.rulebook);
  }
  const loaded = loadEvaluated(file, choice, { catalog, rulebook });
  if ('problems' in loaded) {
    io.err(terminalText(formatProblems(loaded.problems, lang)));
    return 2;
  }
  const { evaluation } = loaded;
  const rendered =
    format === 'json'
      ? formatJson(evaluation, file)
      : format === 'sarif'
        ? formatSarif(evaluation, file, lang)
        : format === 'junit'
          ? formatJunit(evaluation, file, lang)
          : format === 'oscal'
            ? formatOscal(loaded)
            : terminalText(formatText(evaluation, file, catalog, lang));
  io.out(rendered);
  return evaluation.findings.some(isBlocking) ? 1 : 0;
}

/**
 * The `*.rules.yaml` files of a folder, or the problems that keep them from being used. Rule files are
 * untrusted: each is opened the way evidence is (never through a link out of the folder, only a regular file,
 * size checked before reading), so a FIFO cannot block and a sparse 3 GB file is never read.
 */
function loadRuleDir(dir: string, catalog: Catalog): { rulebook: Rulebook } | { problems: InputProblem[] } {
  let names: string[];
  try {
    names = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.rules.yaml'))
      .sort();
  } catch (error) {
    throw new UsageError(`--rules: cannot read folder "${dir}" (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  if (names.length === 0) throw new UsageError(`--rules: no *.rules.yaml file in "${dir}"`);
  const files: { file: string; text: string }[] = [];
  const problems: InputProblem[] = [];
  for (const name of names) {
    const file = path.join(dir, name);
    const input = readInputFile(file, { maxBytes: MAX_INPUT_BYTES, within: dir });
    if (input.ok) files.push({ file, text: input.text });
    else problems.push(ruleFileProblem(file, input.problem, input.detail));
  }
  if (problems.length > 0) return { problems };
  const loaded = loadRulebookFiles(files, catalog);
  return loaded.problems.length > 0 ? { problems: loaded.problems } : { rulebook: loaded.rulebook };
}

function ruleFileProblem(file: string, problem: InputFileProblem, detail: string): InputProblem {
  const text = MESSAGES['check.rule-file-not-used']({ problem, detail });
  return {
    file,
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    field: '',
    code:
      problem === 'outside-folder'
        ? 'input/outside-folder'
        : problem === 'not-a-file'
          ? 'input/not-a-file'
          : problem === 'too-large'
            ? 'input/too-large'
            : 'input/unreadable',
    message: text.en,
    zh: text.zh,
  };
}
