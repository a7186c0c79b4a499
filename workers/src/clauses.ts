/**
 * Clause ids as the catalog spells them (`6.8.2.a`) and as people read them (`6.8.2 a)`),
 * and the BPMN error code that carries a clause through an engine (`ISCCC_6_8_2_A`).
 */

const CLAUSE_ID = /^(\d+(?:\.\d+)*)(?:\.([a-z]))?$/;

export function clauseLabel(clause: string): string {
  const m = CLAUSE_ID.exec(clause);
  if (!m) return clause;
  return m[2] ? `${m[1]} ${m[2]})` : m[1]!;
}

export function errorCodeOf(clause: string): string {
  if (!CLAUSE_ID.test(clause)) throw new Error(`not a clause id of ISCCC-SV-001:2015: "${clause}"`);
  return `ISCCC_${clause.replace(/\./g, '_').toUpperCase()}`;
}

/** Inverse of {@link errorCodeOf}; undefined for codes that do not name a clause. */
export function clauseOfErrorCode(code: string): string | undefined {
  const m = /^ISCCC_(\d+(?:_\d+)*)(?:_([A-Z]))?$/.exec(code);
  if (!m) return undefined;
  return m[2] ? `${m[1]!.replace(/_/g, '.')}.${m[2].toLowerCase()}` : m[1]!.replace(/_/g, '.');
}
