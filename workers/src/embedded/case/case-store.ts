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
import { type CASE_FORMAT, CaseFileError, readCaseFile } from './case-file.js';
import type { ExternalEvent } from './events.js';
import type { TrailEntry } from './trail.js';

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
  /** Where the case is kept, for messages (`DIR/case.json`). */
  readonly location: string;
  /** The saved case, checked ({@link readCaseFile}); undefined when nothing is saved yet. */
  load(): CaseFile | undefined;
  save(file: CaseFile): void;
}

export class FileCaseStore implements CaseStore {
  readonly file: string;

  constructor(readonly dir: string) {
    this.file = path.join(dir, 'case.json');
  }

  get location(): string {
    return this.file;
  }

  load(): CaseFile | undefined {
    return readCaseFile(this.dir);
  }

  /** A folder that cannot hold the case (a file in its place, a folder named case.json) is bad input, not a crash. */
  save(file: CaseFile): void {
    const temp = `${this.file}.${process.pid}.tmp`;
    // created afresh (O_EXCL): a link planted under the temp name is removed, never written through
    const write = (): void => fs.writeFileSync(temp, JSON.stringify(file), { flag: 'wx' });
    try {
      fs.mkdirSync(this.dir, { recursive: true });
      try {
        write();
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        fs.unlinkSync(temp);
        write();
      }
      fs.renameSync(temp, this.file);
    } catch (error) {
      try {
        fs.rmSync(temp, { force: true });
      } catch {
        // not a file this process wrote
      }
      const code = (error as NodeJS.ErrnoException).code;
      throw CaseFileError.at(this.file, '', 'case/unwritable', `the case cannot be saved here: ${code ?? (error as Error).message}`);
    }
  }
}
