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

/** Input that cannot be used (an unreadable or hostile packet, a key that is not a key): exit 2, no usage text. */
export class InputError extends Error {}

/**
 * Runs a subcommand's body so that it never throws: a usage error prints the message and the usage, an input
 * error its message, anything else is an internal error; each exits 2.
 */
export async function guarded(name: string, usage: string, io: Io, body: () => Promise<number> | number): Promise<number> {
  try {
    return await body();
  } catch (error) {
    if (isUsageError(error)) io.err(`isccc ${name}: ${error.message}\n${usage}`);
    else if (error instanceof InputError) io.err(`isccc ${name}: ${error.message}`);
    else io.err(`isccc ${name}: internal error: ${(error as Error).message}`);
    return 2;
  }
}
