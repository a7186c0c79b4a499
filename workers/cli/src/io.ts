/** What every subcommand writes to, and the one kind of error that means "you called me wrong" (exit 2). */
export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Rewrites one status line in place (a terminal); without it progress goes to `err` only when asked for. */
  progress?: (text: string) => void;
}

export class UsageError extends Error {}

/** A `node:util` parseArgs refusal (unknown option, missing value) is a usage error too. */
export function isUsageError(error: unknown): error is Error {
  return error instanceof UsageError || ((error as { code?: unknown })?.code as string | undefined)?.startsWith?.('ERR_PARSE_ARGS') === true;
}
