/**
 * The few Camunda 7 REST calls the adapter and its tests make (`/engine-rest`, Camunda 7 / Operaton / CIB
 * seven alike), with variables in the REST API's typed form. JSON objects and arrays travel as type `Json`
 * (Spin), as the external-task client sends them, so the models' JUEL can read their elements.
 */
import type { Variables } from '../../handlers/contract.js';

export interface TypedValue {
  value: unknown;
  type: string;
}

export function typed(value: unknown): TypedValue {
  if (value === null || value === undefined) return { value: null, type: 'Null' };
  if (typeof value === 'string') return { value, type: 'String' };
  if (typeof value === 'boolean') return { value, type: 'Boolean' };
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) return { value, type: 'Double' };
    return { value, type: Math.abs(value) <= 2 ** 31 - 1 ? 'Integer' : 'Long' };
  }
  return { value: JSON.stringify(value), type: 'Json' };
}

export const typedVariables = (variables: Variables): Record<string, TypedValue> =>
  Object.fromEntries(
    Object.entries(variables)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, typed(v)]),
  );

export function untyped(value: TypedValue): unknown {
  return value.type === 'Json' && typeof value.value === 'string' ? JSON.parse(value.value) : value.value;
}

export class EngineRestError extends Error {
  constructor(
    readonly status: number,
    readonly type: string | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'EngineRestError';
  }
}

export class EngineRest {
  constructor(readonly baseUrl: string) {}

  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const init: RequestInit = { method };
    if (body instanceof FormData) init.body = body;
    else if (body !== undefined) {
      init.body = JSON.stringify(body);
      init.headers = { 'content-type': 'application/json' };
    }
    const res = await fetch(`${this.baseUrl}${path}`, init);
    const text = await res.text();
    const json = text ? (JSON.parse(text) as unknown) : undefined;
    if (!res.ok) {
      const err = (json ?? {}) as { type?: string; message?: string };
      throw new EngineRestError(res.status, err.type, `${method} ${path}: ${res.status} ${err.type ?? ''} ${err.message ?? text}`);
    }
    return json as T;
  }

  /** Variables of an execution scope (process instance id for the process scope), untyped. */
  async variables(executionId: string): Promise<Variables> {
    const raw = await this.call<Record<string, TypedValue>>('GET', `/execution/${executionId}/localVariables?deserializeValues=false`);
    return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, untyped(v)]));
  }
}
