/**
 * Clause ids of ISCCC-SV-001:2015 as the catalog spells them (`4.2.4.d`, `A1.2.3`, `D1.2.2.b`), as the standard
 * prints them (`4.2.4 d)`), and as BPMN error codes carry them through an engine (`ISCCC_4_2_4_D`).
 */

/** A catalog id: §1–§6 numbers or an annex letter with numbers, optionally one lettered item. */
const CLAUSE_ID = /^(?:[A-F](?:\d+(?:\.\d+)*)?|\d+(?:\.\d+)*)(?:\.[a-z])?$/;

/** What people write for a clause: `4.2.4.d`, `4.2.4 d)`, `4.2.4d)`, `4.2.4 d`. */
const CLAUSE_INPUT = /^\s*([A-F]?\d+(?:\.\d+)*|[A-F])\s*\.?\s*(?:([a-z])\)?)?\s*$/;

const ERROR_CODE = /^ISCCC_([A-F]?\d+(?:_\d+)*|[A-F])(?:_([A-Z]))?$/;

/** True for a well-formed catalog id (whether or not the catalog holds it). */
export function isClauseId(id: string): boolean {
  return CLAUSE_ID.test(id);
}

/** Accepts `4.2.4.d`, `4.2.4 d)`, `4.2.4d)` and `4.2.4 d` for the same clause; anything else is returned trimmed. */
export function normaliseClauseId(input: string): string {
  const m = CLAUSE_INPUT.exec(input);
  if (!m) return input.trim();
  return m[2] ? `${m[1]}.${m[2]}` : m[1]!;
}

/** `4.2.4.d` → `4.2.4 d)`: how the standard prints the id. */
export function clauseLabel(id: string): string {
  const m = /^(.*)\.([a-z])$/.exec(id);
  return m ? `${m[1]} ${m[2]})` : id;
}

/** `4.2.4.d` → `4.2.4`, `A1` → `A`, `4` → null. */
export function parentOfClause(id: string): string | null {
  const dot = id.lastIndexOf('.');
  if (dot >= 0) return id.slice(0, dot);
  if (/^[A-F]\d+$/.test(id)) return id[0]!;
  return null;
}

/** `6.8.2.a` → `ISCCC_6_8_2_A`; throws on a string that is not a clause id. */
export function errorCodeOf(clause: string): string {
  if (!isClauseId(clause)) throw new Error(`not a clause id of ISCCC-SV-001:2015: "${clause}"`);
  return `ISCCC_${clause.replace(/\./g, '_').toUpperCase()}`;
}

/** `ISCCC_6_8_2_A` → `6.8.2.a`; undefined for a code that does not name a clause. */
export function clauseOfErrorCode(code: string): string | undefined {
  const m = ERROR_CODE.exec(code);
  if (!m) return undefined;
  return m[1]!.replace(/_/g, '.') + (m[2] ? `.${m[2].toLowerCase()}` : '');
}

/** Document order: §1–§6, then annexes A–F; numbers compare numerically, letters alphabetically. */
export function compareClauseIds(a: string, b: string): number {
  const ka = sortKey(a);
  const kb = sortKey(b);
  for (let i = 0; i < Math.max(ka.length, kb.length); i++) {
    const x = ka[i];
    const y = kb[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    if (typeof x === 'number') return -1;
    if (typeof y === 'number') return 1;
    return x < y ? -1 : 1;
  }
  return 0;
}

/** Sort keys, computed once per id: findings are sorted by clause on every evaluation. */
const sortKeys = new Map<string, (string | number)[]>();

function sortKey(id: string): (string | number)[] {
  let key = sortKeys.get(id);
  if (!key) {
    key = id.split('.').flatMap((part): (string | number)[] => {
      const m = /^([A-F])(\d*)$/.exec(part);
      if (m) return m[2] ? [100 + m[1]!.charCodeAt(0), Number(m[2])] : [100 + m[1]!.charCodeAt(0)];
      return /^\d+$/.test(part) ? [Number(part)] : [part];
    });
    if (sortKeys.size > 10_000) sortKeys.clear();
    sortKeys.set(id, key);
  }
  return key;
}

/**
 * The patterns of {@link normaliseClauseId} and {@link clauseOfErrorCode}, for consumers that cannot import this
 * module and read them as data (the bpmnlint rules, through `bpmn/lint/contract.json`).
 */
export const CLAUSE_ID_PATTERNS = { input: CLAUSE_INPUT.source, errorCode: ERROR_CODE.source } as const;
