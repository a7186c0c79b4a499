import type { SourceRange } from '@isccc/rules';

/** A range in a file named by its URI: the manifest, a rule file, a catalog file. */
export interface Location {
  uri: string;
  range: SourceRange;
}
