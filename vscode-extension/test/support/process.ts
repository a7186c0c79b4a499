/** Polls `ready` until it answers true; `limit` only bounds a hang, it is not what a test checks. */
export async function waitFor(what: string, limit: number, ready: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + limit;
  for (;;) {
    if (await ready()) return;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
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

/** Stops a process started with `detached: true` and everything it spawned: SIGTERM, then SIGKILL. */
export async function stopProcessGroup(pid: number, exited: () => boolean): Promise<void> {
  signalGroup(pid, 'SIGTERM');
  try {
    await waitFor(`process group ${pid} to exit`, 10_000, async () => exited() && !groupAlive(pid));
  } catch {
    signalGroup(pid, 'SIGKILL');
  }
}
