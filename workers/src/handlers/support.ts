/** What every handler needs: reading its variables, dates on the engine clock, reasons that name a clause. */
import { createHash } from 'node:crypto';
import { CATEGORIES, type Category, clauseLabel, type DrClass, errorCodeOf, type Level, type Reason, type Text } from '@isccc/rules/vocabulary';
import type { FindingBrief, Variables } from './contract.js';

/** A required job variable is absent or malformed: the job fails (retries, then an incident), it is no BPMN error. */
export class JobInputError extends Error {
  constructor(type: string, detail: string) {
    super(`${type}: ${detail}`);
    this.name = 'JobInputError';
  }
}

export class Inputs {
  constructor(
    private readonly type: string,
    private readonly variables: Variables,
  ) {}

  has(name: string): boolean {
    return this.variables[name] !== undefined && this.variables[name] !== null;
  }

  raw(name: string): unknown {
    return this.variables[name] ?? undefined;
  }

  string(name: string): string {
    const value = this.variables[name];
    if (typeof value !== 'string' || value === '') throw new JobInputError(this.type, `variable "${name}" must be a non-empty string`);
    return value;
  }

  optionalString(name: string): string | undefined {
    const value = this.variables[name];
    return typeof value === 'string' && value !== '' ? value : undefined;
  }

  category(name: string): Category {
    const value = this.variables[name];
    if (!(CATEGORIES as readonly unknown[]).includes(value)) throw new JobInputError(this.type, `variable "${name}" must be one of ${CATEGORIES.join(', ')}`);
    return value as Category;
  }

  level(name: string): Level {
    const value = Number(this.variables[name]);
    if (value !== 1 && value !== 2 && value !== 3) throw new JobInputError(this.type, `variable "${name}" must be 1, 2 or 3`);
    return value;
  }

  object<T extends object>(name: string): T {
    const value = this.variables[name];
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new JobInputError(this.type, `variable "${name}" must be an object`);
    return value as T;
  }

  optionalObject<T extends object>(name: string): T | undefined {
    return this.has(name) ? this.object<T>(name) : undefined;
  }

  array<T>(name: string): T[] {
    const value = this.variables[name];
    if (!Array.isArray(value)) throw new JobInputError(this.type, `variable "${name}" must be a list`);
    return value as T[];
  }

  optionalArray<T>(name: string): T[] {
    return this.has(name) ? this.array<T>(name) : [];
  }

  number(name: string, fallback: number): number {
    const value = this.variables[name];
    if (value === undefined || value === null) return fallback;
    if (typeof value !== 'number' || !Number.isFinite(value)) throw new JobInputError(this.type, `variable "${name}" must be a number`);
    return value;
  }

  drClass(): DrClass | undefined {
    const value = this.variables.drClass;
    return value === 'A' || value === 'B' ? value : undefined;
  }
}

/** The contract's timer format: ISO date-time with offset. */
export function midnight(dateText: string): string {
  return `${dateText.slice(0, 10)}T00:00:00Z`;
}

/** A reason for a refusal that is no BPMN error (a committee majority against, a change lacking documents). */
export function reasonFor(clause: string, text: Text, details: string[] = []): Reason {
  return { code: errorCodeOf(clause), clause, message: `${clauseLabel(clause)} ${text.zh} — ${text.en}`, details };
}

/** Short stable digest of the parts of a case an identifier is derived from. */
export function digest(...parts: unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 8).toUpperCase();
}

export function describeFinding(f: FindingBrief): string {
  return `${clauseLabel(f.clause)} [${f.status}] ${f.message.en}`;
}
