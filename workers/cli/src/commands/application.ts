/** `isccc application <manifest>`: the application form's data (申请书, 6.2) as JSON. */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { formatProblems } from '../check-formats.js';
import { applicationData } from '../form/application.js';
import { guarded, InputError, type Io, UsageError } from '../io.js';
import { loadEvaluated, TARGET_OPTIONS, TARGET_USAGE, targetChoice } from '../manifest-input.js';

export const APPLICATION_USAGE = `usage:
  isccc application <manifest.isccc.yaml> [-o FILE] ${TARGET_USAGE}

Prints what the application form (信息安全服务资质认证申请书, 6.2) needs and the manifest holds, as JSON
(to FILE with -o): organisation, legal status, addresses, category, level, contact, staff and project
summaries counted on the as-of date, and under "missing" the fields the manifest does not state.
The same data is the first sheet of the isccc form workbook.

exit codes: 0 written, 2 bad input`;

export function applicationCommand(argv: string[], io: Io): Promise<number> {
  return guarded('application', APPLICATION_USAGE, io, () => {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { ...TARGET_OPTIONS, out: { type: 'string', short: 'o' }, help: { type: 'boolean', short: 'h' } },
    });
    if (values.help) {
      io.out(APPLICATION_USAGE);
      return 0;
    }
    if (positionals.length !== 1) throw new UsageError('application takes exactly one manifest file');
    const choice = targetChoice(values);
    const loaded = loadEvaluated(positionals[0]!, choice);
    if ('problems' in loaded) {
      io.err(formatProblems(loaded.problems, choice.lang));
      return 2;
    }
    const json = JSON.stringify(applicationData(loaded.manifest, loaded.evaluation), null, 2);
    if (values.out === undefined) {
      io.out(json);
      return 0;
    }
    try {
      fs.writeFileSync(values.out, json + '\n');
    } catch (error) {
      throw new InputError(`cannot write ${values.out}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
    io.out(`wrote ${values.out}`);
    return 0;
  });
}
