/** `isccc export oscal-catalog`: the standard as an OSCAL catalog, for auditors' tools. */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { loadCatalog } from '@isccc/rules';
import { guarded, InputError, type Io, UsageError } from '../io.js';
import { OSCAL_VERSION } from '../oscal/common.js';
import { oscalCatalog } from '../oscal/catalog.js';

export const EXPORT_USAGE = `usage:
  isccc export oscal-catalog [-o FILE]

Prints ISCCC-SV-001:2015 as an OSCAL ${OSCAL_VERSION} catalog (JSON; to FILE with -o): §1–§3 as prose, a group per
level of §4, per annex (A–F) and for §6, a control per clause with its Chinese text verbatim, our English
translation in a "translation" part, and props for kind, level, category and DR class.
isccc check --format oscal writes assessment results against these controls.

exit codes: 0 written, 2 bad input`;

export function exportCommand(argv: string[], io: Io): Promise<number> {
  return guarded('export', EXPORT_USAGE, io, () => {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { out: { type: 'string', short: 'o' }, help: { type: 'boolean', short: 'h' } },
    });
    if (values.help) {
      io.out(EXPORT_USAGE);
      return 0;
    }
    if (positionals.length !== 1 || positionals[0] !== 'oscal-catalog') throw new UsageError('export takes one kind of document: oscal-catalog');
    const json = JSON.stringify(oscalCatalog(loadCatalog(), new Date()), null, 2);
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
