/**
 * Activation of one job type: long polling up to the type's capacity, plus a job stream where the gateway
 * offers one; when the gateway goes away the loop reports it, waits with exponential back-off, probes the
 * gateway and resumes (re-opening the stream). Stopping cancels nothing in hand: jobs already activated finish.
 */

/** An activated job as the gateway hands it out (ActivatedJob of gateway.proto, variables parsed). */
export interface ActivatedJob {
  key: string;
  type: string;
  processInstanceKey: string;
  elementId: string;
  retries: number;
  /** Epoch milliseconds, as a decimal string (int64). */
  deadline: string;
  customHeaders: Readonly<Record<string, unknown>>;
  variables: Readonly<Record<string, unknown>>;
}

export interface ActivationRequest {
  type: string;
  worker: string;
  timeoutMs: number;
  fetchVariables: readonly string[];
}

/** Where jobs come from: a Zeebe gateway (see sdk-client.ts), or anything that speaks like one. */
export interface JobSource {
  /** Cheap round trip that proves the gateway answers (Topology). */
  probe(): Promise<void>;
  /** ActivateJobs, long polling for at most `requestTimeoutMs`. */
  activate(request: ActivationRequest & { maxJobs: number; requestTimeoutMs: number }): Promise<ActivatedJob[]>;
  /** StreamActivatedJobs: jobs are pushed to `onJob` until the returned function closes the stream. */
  stream?(request: ActivationRequest & { backfill: number }, onJob: (job: ActivatedJob) => void): Promise<() => void>;
  /** Cancels pending activations and streams. */
  close(): Promise<void>;
}

export interface JobLoopOptions extends ActivationRequest {
  source: JobSource;
  maxJobsActive: number;
  work: (job: ActivatedJob) => Promise<void>;
  longPollMs?: number;
  reconnect?: { initialMs: number; maxMs: number };
  onActivated?: (count: number) => void;
  onWorkError?: (job: ActivatedJob, error: unknown) => void;
}

export class JobLoop {
  private active = 0;
  private stopping = false;
  private wake: Array<() => void> = [];

  constructor(private readonly options: JobLoopOptions) {}

  get inFlight(): number {
    return this.active;
  }

  start(connectivity: (up: boolean, error?: Error) => void): void {
    void this.run(connectivity);
  }

  /** Stops activating; resolves when the jobs in hand are done or `timeoutMs` passed, with how many are left. */
  async drain(timeoutMs: number): Promise<number> {
    this.stopping = true;
    this.notify();
    const deadline = Date.now() + timeoutMs;
    while (this.active > 0 && Date.now() < deadline) await this.changed(deadline - Date.now());
    return this.active;
  }

  private async run(connectivity: (up: boolean, error?: Error) => void): Promise<void> {
    const { source, maxJobsActive } = this.options;
    const reconnect = this.options.reconnect ?? { initialMs: 100, maxMs: 10_000 };
    const request: ActivationRequest = {
      type: this.options.type,
      worker: this.options.worker,
      timeoutMs: this.options.timeoutMs,
      fetchVariables: this.options.fetchVariables,
    };
    let delay = reconnect.initialMs;
    let up = false;
    let closeStream: (() => void) | undefined;
    while (!this.stopping) {
      if (this.active >= maxJobsActive) {
        await this.changed();
        continue;
      }
      try {
        if (!up) {
          await source.probe();
          up = true;
          connectivity(true);
          delay = reconnect.initialMs;
          if (source.stream) closeStream = await source.stream({ ...request, backfill: maxJobsActive - this.active }, (job) => this.accept([job]));
        }
        const jobs = await source.activate({ ...request, maxJobs: maxJobsActive - this.active, requestTimeoutMs: this.options.longPollMs ?? 30_000 });
        this.accept(jobs);
      } catch (error) {
        if (this.stopping) break;
        closeStream?.();
        closeStream = undefined;
        if (up) connectivity(false, error as Error);
        up = false;
        await this.changed(delay);
        delay = Math.min(reconnect.maxMs, delay * 2);
      }
    }
    closeStream?.();
  }

  private accept(jobs: ActivatedJob[]): void {
    if (jobs.length === 0) return;
    this.options.onActivated?.(jobs.length);
    for (const job of jobs) {
      this.active++;
      this.options
        .work(job)
        .catch((error: unknown) => this.options.onWorkError?.(job, error))
        .finally(() => {
          this.active--;
          this.notify();
        });
    }
  }

  private notify(): void {
    for (const wake of this.wake.splice(0)) wake();
  }

  /** Resolves when a job finishes, the loop is stopped, or `ms` pass. */
  private changed(ms?: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        resolve();
      };
      const timer =
        ms === undefined
          ? undefined
          : setTimeout(
              () => {
                this.wake = this.wake.filter((w) => w !== wake);
                resolve();
              },
              Math.max(0, ms),
            );
      this.wake.push(wake);
    });
  }
}
