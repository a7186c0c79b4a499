/** `isccc check <manifest>…`: evaluates manifests with the one evaluator and prints their findings (several on all cores). */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { type InputFileProblem, type InputProblem, isBlocking, loadCatalog, MAX_INPUT_BYTES, readInputFile } from '@isccc/rules';
import { formatProblems, type Format, FORMATS, terminalText } from '../check-formats.js';
import { type Io, isUsageError, UsageError } from '../io.js';
import { loadEvaluated, TARGET_OPTIONS, targetChoice } from '../manifest-input.js';
import { MESSAGES } from '../messages.js';
import { checkMany, expandManifests } from './check-batch.js';
import { type CheckSettings, checkManifest, rulebookOf } from './check-manifest.js';

export const CHECK_USAGE = `usage:
  isccc check <manifest|folder|glob>… [--level 1|2|3] [--category C] [--as-of YYYY-MM-DD]
              [--lang zh|en] [--format text|json|sarif|junit|oscal] [--rules DIR] [--jobs N]
              --format oscal: OSCAL 1.1.2 assessment results (one manifest; a finding per clause check)
              --rules DIR: *.rules.yaml files there replace shipped rules of the same id
              several manifests (files, folders searched for *.isccc.yaml, quoted globs) are checked
              on all cores (--jobs N: N worker threads, 1 = in this thread), with one summary

exit codes: 0 all pass, 1 findings (fail or missing evidence), 2 bad input`;

/** Runs the command and returns its exit code; never throws. */
export async function checkCommand(argv: string[], io: Io): Promise<number> {
  try {
    return await check(argv, io);
  } catch (error) {
    if (isUsageError(error)) {
      io.err(`isccc check: ${error.message}\n${CHECK_USAGE}`);
      return 2;
    }
    io.err(`isccc check: internal error: ${(error as Error).message}`);
    return 2;
  }
}

async function check(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      ...TARGET_OPTIONS,
      format: { type: 'string', default: 'text' },
      rules: { type: 'string' },
      jobs: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.out(CHECK_USAGE);
    return 0;
  }
  if (positionals.length === 0) throw new UsageError('check takes one or more manifests (files, folders or globs)');
  const choice = targetChoice(values);
  const { lang, level, category, asOf } = choice;
  const format = values.format as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, not "${values.format}"`);
  let jobs: number | undefined;
  if (values.jobs !== undefined) {
    if (!/^[1-9]\d{0,2}$/.test(values.jobs)) throw new UsageError(`--jobs must be a number from 1 to 999, not "${values.jobs}"`);
    jobs = Number(values.jobs);
  }

  const catalog = loadCatalog();
  const settings: CheckSettings = { ...(level ? { level } : {}), ...(category ? { category } : {}), ...(asOf ? { asOf } : {}), lang, format, ruleFiles: [] };
  if (values.rules !== undefined) {
    const local = readRuleDir(values.rules);
    if ('problems' in local) {
      io.err(terminalText(formatProblems(local.problems, lang)));
      return 2;
    }
    settings.ruleFiles = local.files;
  }
  const rulebook = rulebookOf(settings, catalog);
  if ('problems' in rulebook) {
    io.err(terminalText(formatProblems(rulebook.problems, lang)));
    return 2;
  }
  const manifests = expandManifests(positionals);
  const single = manifests.length === 1 && positionals.length === 1 && manifests[0] === positionals[0];
  if (format === 'oscal') {
    if (!single) throw new UsageError('--format oscal takes exactly one manifest file');
    // OSCAL is loaded only when asked for: the common formats keep the command's fast start.
    const { formatOscal } = await import('../oscal/assessment-results.js');
    const loaded = loadEvaluated(manifests[0]!, choice, { catalog, rulebook: rulebook.rulebook });
    if ('problems' in loaded) {
      io.err(terminalText(formatProblems(loaded.problems, lang)));
      return 2;
    }
    io.out(formatOscal(loaded));
    return loaded.evaluation.findings.some(isBlocking) ? 1 : 0;
  }
  if (single) {
    const result = checkManifest(manifests[0]!, settings, catalog, rulebook.rulebook);
    if (result.err) io.err(result.err);
    if (result.out) io.out(result.out);
    return result.code;
  }
  if (manifests.length === 0) throw new UsageError(`no manifest (*.isccc.yaml) in ${positionals.map((p) => JSON.stringify(p)).join(', ')}`);
  return checkMany(manifests, settings, io, jobs);
}

/**
 * The `*.rules.yaml` files of a folder, or the problems that keep them from being used. Rule files are
 * untrusted: each is opened the way evidence is (never through a link out of the folder, only a regular file,
 * size checked before reading), so a FIFO cannot block and a sparse 3 GB file is never read.
 */
function readRuleDir(dir: string): { files: { file: string; text: string }[] } | { problems: InputProblem[] } {
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
  return problems.length > 0 ? { problems } : { files };
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
