/**
 * A case folder: `case.json` holds everything needed to continue the case in another OS process — the
 * engine state of each process instance, the variables, the virtual clock, the events still to come and the
 * trail so far. It is rewritten after every step, atomically (temp file + rename), so a crash leaves either
 * the previous step or the new one, never half of one.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { InstanceSnapshot } from '../engine/process-instance.js';
import type { Variables } from '../../handlers/contract.js';
import type { ExternalEvent } from './events.js';
import type { TrailEntry } from './trail.js';

export const CASE_FORMAT = 'isccc-case/v1';

export type CaseStatus = 'running' | 'completed' | 'waiting' | 'horizon' | 'incident';

export interface CaseFile {
  format: typeof CASE_FORMAT;
  caseId: string;
  status: CaseStatus;
  startedAt: string;
  until: string;
  clock: string;
  /** External events not delivered yet, in date order. */
  events: ExternalEvent[];
  /**
   * Messages published within their TTL (Zeebe buffers them): a message nothing waited for is correlated when a
   * subscription opens before it expires, and its id cannot be published again until then.
   */
  messages: BufferedMessage[];
  /** Retries left per job key, for jobs that failed and are to be tried again. */
  retries: Record<string, number>;
  instances: Array<InstanceSnapshot & { model: string }>;
  trail: TrailEntry[];
  /** Variables the case was started with (kept for the report). */
  input: Variables;
  /** User tasks: the occurrence each open or past task got (by instance/execution), and how many of each task name opened. */
  people?: { occurrences: Record<string, number>; counts: Record<string, number> };
}

export interface BufferedMessage {
  name: string;
  correlationKey?: string;
  messageId?: string;
  variables: Variables;
  /** ISO instant on the case clock. */
  expiresAt: string;
  correlated: boolean;
}

export interface CaseStore {
  load(): CaseFile | undefined;
  save(file: CaseFile): void;
}

export class FileCaseStore implements CaseStore {
  readonly file: string;

  constructor(readonly dir: string) {
    this.file = path.join(dir, 'case.json');
  }

  load(): CaseFile | undefined {
    let text: string;
    try {
      text = fs.readFileSync(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
    const data = JSON.parse(text) as { format?: unknown };
    if (data.format !== CASE_FORMAT) throw new Error(`${this.file}: not an ${CASE_FORMAT} case file`);
    return data as CaseFile;
  }

  save(file: CaseFile): void {
    fs.mkdirSync(this.dir, { recursive: true });
    const temp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(temp, JSON.stringify(file));
    fs.renameSync(temp, this.file);
  }
}
