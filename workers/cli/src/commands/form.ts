/** `isccc form <manifest>`: the self-assessment form (6.1) as a workbook and a printable page. */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { PACKET_FILES } from '@isccc/rules';
import { formatProblems, summaryLine } from '../check-formats.js';
import { renderForm, submissionOf } from '../form/submission.js';
import { guarded, InputError, type Io, UsageError } from '../io.js';
import { loadEvaluated, TARGET_OPTIONS, TARGET_USAGE, targetChoice } from '../manifest-input.js';
import { MESSAGES } from '../messages.js';

export const FORM_USAGE = `usage:
  isccc form <manifest.isccc.yaml> [-o DIR] ${TARGET_USAGE}

Writes the self-assessment form (信息安全服务自评估表, 6.1) to DIR (default: the current folder):
  ${PACKET_FILES.formXlsx}   sheets 申请书 Application, 汇总 Summary, 自评估表, Self-assessment (EN)
  ${PACKET_FILES.formHtml}   the same as one page, printable to PDF
One row per clause of §4 and the annex that applies to the category and level, in the standard's order;
conclusions (符合 / 不符合 / 待评审 / 不适用) come from the evaluation isccc check prints.

exit codes: 0 written, 2 bad input`;

export function formCommand(argv: string[], io: Io): Promise<number> {
  return guarded('form', FORM_USAGE, io, async () => {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { ...TARGET_OPTIONS, out: { type: 'string', short: 'o', default: '.' }, help: { type: 'boolean', short: 'h' } },
    });
    if (values.help) {
      io.out(FORM_USAGE);
      return 0;
    }
    if (positionals.length !== 1) throw new UsageError('form takes exactly one manifest file');
    const choice = targetChoice(values);
    const loaded = loadEvaluated(positionals[0]!, choice);
    if ('problems' in loaded) {
      io.err(formatProblems(loaded.problems, choice.lang));
      return 2;
    }
    const submission = submissionOf(loaded);
    const { xlsx, html } = await renderForm(submission);
    const dir = values.out;
    try {
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, PACKET_FILES.formXlsx), xlsx);
      fs.writeFileSync(path.join(dir, PACKET_FILES.formHtml), html);
    } catch (error) {
      throw new InputError(`cannot write to ${dir}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
    io.out(
      [
        `wrote ${path.join(dir, PACKET_FILES.formXlsx)} and ${path.join(dir, PACKET_FILES.formHtml)}: ${submission.form.rows.filter((r) => r.no !== null).length} clauses`,
        MESSAGES['form.counts']({ counts: submission.form.counts })[choice.lang],
        summaryLine(loaded.evaluation, choice.lang),
        `evidence root ${submission.evidence.root}`,
      ].join('\n'),
    );
    return 0;
  });
}
