/** Polls `ready` until it answers true; `limit` only bounds a hang, it is not what a test checks. */
export async function waitFor(what: string, limit: number, ready: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + limit;
  for (;;) {
    if (await ready()) return;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * Reads until the value equals `expected` or `limit` passes, and returns the last value read, for the
 * caller's assertion: editors update asynchronously, so the first reading may be an earlier state.
 */
export async function settled<T>(limit: number, read: () => T | Promise<T>, expected: T): Promise<T> {
  let last = await read();
  await waitFor('the expected value', limit, async () => {
    last = await read();
    return JSON.stringify(last) === JSON.stringify(expected);
  }).catch(() => undefined);
  return last;
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

const guarded = new Set<number>();

// If the test process dies before its `after` hooks run (an uncaught error, a closed stdout pipe),
// its detached servers and browsers would live on: kill them on the way out.
process.on('exit', () => {
  for (const pid of guarded) signalGroup(pid, 'SIGKILL');
});

/** Marks a process group started with `detached: true` to be killed should the test process exit first. */
export function guardProcessGroup(pid: number): void {
  guarded.add(pid);
}

/** Stops a process started with `detached: true` and everything it spawned: SIGTERM, then SIGKILL. */
export async function stopProcessGroup(pid: number, exited: () => boolean): Promise<void> {
  guarded.delete(pid);
  signalGroup(pid, 'SIGTERM');
  try {
    await waitFor(`process group ${pid} to exit`, 10_000, () => exited() && !groupAlive(pid));
  } catch {
    signalGroup(pid, 'SIGKILL');
  }
}
