import type { PersonEntry, StaffRecord } from '../manifest/types.js';

/**
 * Who the people named in a manifest are. "拥有…人员N名以上" counts persons, not entries: one
 * person holding two certificates is one person. An entry names its person by `person:` (the id of
 * a `people.staff` record) or, without it, by name.
 *
 * Two records are taken for one person when they clearly are: the same ID number, or the same
 * name written two ways (spaces, full-width letters, case, the middle dot of a transliterated
 * name). Two records spelt identically with different ids are two people of the same name.
 */
export class PersonIndex {
  private readonly records: StaffRecord[];
  private readonly byId = new Map<string, number>();
  private readonly byName = new Map<string, number[]>();
  private readonly parent: number[];

  constructor(staff: StaffRecord[]) {
    this.records = staff;
    this.parent = staff.map((_, i) => i);
    staff.forEach((record, i) => {
      if (!this.byId.has(record.id)) this.byId.set(record.id, i);
      const key = normaliseName(record.name);
      this.byName.set(key, [...(this.byName.get(key) ?? []), i]);
    });
    const byNumber = new Map<string, number>();
    staff.forEach((record, i) => {
      if (!record.idNumber) return;
      const number = normaliseIdNumber(record.idNumber);
      const first = byNumber.get(number);
      if (first === undefined) byNumber.set(number, i);
      else this.union(first, i);
    });
    for (const group of this.byName.values()) {
      for (let a = 0; a < group.length; a++) {
        for (let b = a + 1; b < group.length; b++) {
          const x = staff[group[a]!]!;
          const y = staff[group[b]!]!;
          const told = x.idNumber && y.idNumber && normaliseIdNumber(x.idNumber) !== normaliseIdNumber(y.idNumber);
          if (x.name !== y.name && !told) this.union(group[a]!, group[b]!);
        }
      }
    }
  }

  /** The staff record with this id. */
  record(id: string): StaffRecord | undefined {
    const i = this.byId.get(id);
    return i === undefined ? undefined : this.records[i];
  }

  /** Persons (as staff records) a name-only entry could be: more than one is ambiguous. */
  candidates(name: string): StaffRecord[] {
    const roots = new Map<number, StaffRecord>();
    for (const i of this.byName.get(normaliseName(name)) ?? []) roots.set(this.find(i), this.records[i]!);
    return [...roots.values()];
  }

  /** A stable key of the person an entry names. */
  keyOf(entry: PersonEntry): string {
    const record = this.resolve(entry);
    return record === undefined ? `name:${normaliseName(entry.name)}` : `staff:${this.find(record)}`;
  }

  /**
   * The persons of a list that it names in more than one way, e.g. `王芳 / 王 芳` or, for two
   * staff records with one ID number, `王芳 (S03, S07)`: each is counted once.
   */
  variants(entries: PersonEntry[]): string[] {
    const groups = new Map<string, { spellings: Set<string>; records: Set<string> }>();
    for (const entry of entries) {
      const key = this.keyOf(entry);
      const group = groups.get(key) ?? { spellings: new Set<string>(), records: new Set<string>() };
      group.spellings.add(entry.name);
      const record = this.resolve(entry);
      if (record !== undefined) {
        group.spellings.add(this.records[record]!.name);
        group.records.add(this.records[record]!.id);
      }
      groups.set(key, group);
    }
    return [...groups.values()]
      .filter((g) => g.spellings.size > 1 || g.records.size > 1)
      .map((g) => [...g.spellings].join(' / ') + (g.records.size > 1 ? ` (${[...g.records].join(', ')})` : ''));
  }

  /** The staff record an entry is about: its `person`, or the one record its name matches. */
  private resolve(entry: PersonEntry): number | undefined {
    if (entry.person !== undefined) return this.byId.get(entry.person);
    const matches = this.byName.get(normaliseName(entry.name)) ?? [];
    const exact = matches.find((i) => this.records[i]!.name === entry.name);
    return exact ?? matches[0];
  }

  private find(i: number): number {
    while (this.parent[i] !== i) {
      this.parent[i] = this.parent[this.parent[i]!]!;
      i = this.parent[i]!;
    }
    return i;
  }

  private union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}

/** Names compare without spaces, width, case or which middle dot a transliterated name uses. */
export function normaliseName(name: string): string {
  return name
    .normalize('NFKC')
    .replace(/[\s\u200b-\u200d\u2060\ufeff]/gu, '')
    .replace(/[\u00b7\u2022\u2027\u2219\u30fb\u318d.]/gu, '·')
    .toLowerCase();
}

function normaliseIdNumber(number: string): string {
  return number.replace(/[\s-]/g, '').toUpperCase();
}
