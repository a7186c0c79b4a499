/**
 * Activation of one job type. Where the gateway offers job streaming (StreamActivatedJobs, Zeebe 8.4 on) jobs are
 * pushed, and a short poll every few seconds picks up what the stream may have missed and notices an outage;
 * otherwise the loop long-polls up to the type's capacity. When the gateway goes away the loop reports it, waits
 * with exponential back-off, probes the gateway and resumes (re-opening the stream). Stopping closes the stream
 * at once and cancels nothing in hand: jobs already activated finish.
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
  /** Cheap round trip that proves the gateway answers (Topology), with the gateway's version. */
  probe(): Promise<{ gatewayVersion: string }>;
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
  /** While streaming: how often a short poll checks for jobs the stream missed (and that the gateway answers). */
  streamPollMs?: number;
  reconnect?: { initialMs: number; maxMs: number };
  onActivated?: (count: number) => void;
  onWorkError?: (job: ActivatedJob, error: unknown) => void;
}

export class JobLoop {
  /** Jobs in hand: running, or activated and waiting for a slot. */
  private active = 0;
  private running = 0;
  private readonly queued: ActivatedJob[] = [];
  private stopping = false;
  private wake: Array<() => void> = [];
  private closeStream: (() => void) | undefined;

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
    this.endStream();
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
    let streaming = false;
    while (!this.stopping) {
      if (this.active >= maxJobsActive) {
        await this.changed();
        continue;
      }
      try {
        if (!up) {
          const { gatewayVersion } = await source.probe();
          up = true;
          connectivity(true);
          delay = reconnect.initialMs;
          streaming = source.stream !== undefined && offersJobStreaming(gatewayVersion);
        }
        if (streaming && source.stream && !this.closeStream) {
          const close = await source.stream({ ...request, backfill: maxJobsActive - this.active }, (job) => this.accept([job]));
          if (this.stopping) close();
          else this.closeStream = close;
        }
        // A negative request timeout answers at once (no long polling).
        const requestTimeoutMs = streaming ? -1 : (this.options.longPollMs ?? 30_000);
        this.accept(await source.activate({ ...request, maxJobs: maxJobsActive - this.active, requestTimeoutMs }));
        if (streaming) await this.changed(this.options.streamPollMs ?? 5_000);
      } catch (error) {
        if (this.stopping) break;
        this.endStream();
        if (up) connectivity(false, error as Error);
        up = false;
        await this.changed(delay);
        delay = Math.min(reconnect.maxMs, delay * 2);
      }
    }
    this.endStream();
  }

  private endStream(): void {
    this.closeStream?.();
    this.closeStream = undefined;
  }

  /**
   * Works on activated jobs, at most `maxJobsActive` at once. A stream pushes without regard to capacity (closing it
   * would lose the jobs already on their way until their timeout), so jobs beyond it wait here for a free slot.
   */
  private accept(jobs: ActivatedJob[]): void {
    if (jobs.length === 0) return;
    this.options.onActivated?.(jobs.length);
    this.queued.push(...jobs);
    this.active += jobs.length;
    this.startQueued();
  }

  private startQueued(): void {
    while (this.queued.length > 0 && this.running < this.options.maxJobsActive) {
      const job = this.queued.shift()!;
      this.running++;
      this.options
        .work(job)
        .catch((error: unknown) => this.options.onWorkError?.(job, error))
        .finally(() => {
          this.running--;
          this.active--;
          this.startQueued();
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

/** StreamActivatedJobs exists from Zeebe 8.4 on; a gateway that names no version is taken not to offer it. */
export function offersJobStreaming(gatewayVersion: string): boolean {
  const m = /^(\d+)\.(\d+)/.exec(gatewayVersion);
  return m !== null && (Number(m[1]) > 8 || (Number(m[1]) === 8 && Number(m[2]) >= 4));
}
