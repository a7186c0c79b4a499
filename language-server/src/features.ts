import type { Session } from './session.js';

type Log = (where: string, error: unknown) => void;

/** Every request handler returns its empty answer instead of throwing: one bad request never kills the server. */
export function safe<P, R>(log: Log, name: string, empty: R, handler: (params: P) => R): (params: P) => R {
  return (params: P) => {
    try {
      return handler(params);
    } catch (error) {
      log(name, error);
      return empty;
    }
  };
}

export function registerFeatures(_session: Session, _log: Log): void {}
