/**
 * Reads the vendored text of ISCCC-SV-001:2015 into numbered clauses and lettered items.
 *
 * The catalog is curated by hand (translations, kinds); this parser exists so that a test can
 * prove the catalog still matches the standard word for word, and so that printed numbering
 * slips are detected rather than copied.
 */

export interface SpecClause {
  /** Catalog id, e.g. `4.2.4.d`, `A1.2.3`, `D1`. */
  id: string;
  /** The number as printed, when it differs from `id` (a numbering slip in the standard). */
  printedAs?: string;
  parent: string | null;
  /** Heading text after the number (empty for lettered items). */
  title: string;
  /** Body text: paragraphs under a heading, or the text of a lettered item. */
  text: string;
  /** 1-based line of the heading or item in the text file. */
  line: number;
}

const SECTION = /^(\d+(?:\.\d+)*)\.\s+(.+)$/;
const ANNEX = /^附录\s*([A-F])（规范性附录）[：:]\s*(.+)$/;
const ANNEX_CLAUSE = /^([A-F]\d+(?:\.\d+)*)\s*(\D.*)$/;
const ITEM = /^-\s+([a-z])\)\s*(.*)$/;
const END_OF_NORMATIVE_TEXT = /^附录\s*G/;
/** A paragraph that ends without closing punctuation continues on the next non-blank line (page breaks). */
const CLOSED = /[。；;：:）)》]\s*$/;

export function parseSpecText(source: string): SpecClause[] {
  const lines = source.split(/\r?\n/);
  const start = findBodyStart(lines);
  const clauses: SpecClause[] = [];
  const byId = new Map<string, SpecClause>();
  let current = null as SpecClause | null;
  let lastHeading = null as SpecClause | null;
  let openParagraph = false;

  const add = (clause: SpecClause): void => {
    if (byId.has(clause.id)) {
      throw new Error(`line ${clause.line}: clause ${clause.id} appears twice in the standard text`);
    }
    byId.set(clause.id, clause);
    clauses.push(clause);
    current = clause;
    openParagraph = false;
  };

  for (let i = start; i < lines.length; i++) {
    const raw = lines[i] ?? '';
    const line = raw.trim();
    if (line === '') continue;
    if (END_OF_NORMATIVE_TEXT.test(line)) break;
    const lineNo = i + 1;

    const annex = ANNEX.exec(line);
    if (annex) {
      const clause: SpecClause = { id: annex[1]!, parent: null, title: annex[2]!.trim(), text: '', line: lineNo };
      add(clause);
      lastHeading = clause;
      continue;
    }
    const section = SECTION.exec(line);
    const annexClause = section ? null : ANNEX_CLAUSE.exec(line);
    if (section || annexClause) {
      const printed = (section ?? annexClause)![1]!;
      const title = (section ?? annexClause)![2]!.trim();
      const { id, parent } = placeHeading(printed, byId, lastHeading);
      const clause: SpecClause = { id, parent, title, text: '', line: lineNo };
      if (id !== printed) clause.printedAs = printed;
      add(clause);
      lastHeading = clause;
      continue;
    }
    const item = ITEM.exec(line);
    if (item) {
      if (!lastHeading) throw new Error(`line ${lineNo}: lettered item before any heading`);
      add({ id: `${lastHeading.id}.${item[1]}`, parent: lastHeading.id, title: '', text: item[2]!.trim(), line: lineNo });
      openParagraph = !CLOSED.test(line);
      continue;
    }
    // Body text continues an unfinished item (page break); after a finished item it is the heading's again.
    const afterItem = current !== null && current !== lastHeading;
    const target: SpecClause | null = afterItem && !openParagraph ? lastHeading : current;
    if (!target) continue;
    if (target.text === '') {
      target.text = line;
    } else if (openParagraph) {
      target.text += line;
    } else {
      target.text += `\n${line}`;
    }
    openParagraph = !CLOSED.test(line);
  }
  return clauses;
}

/** The body starts at the heading "1. 适用范围" standing alone: table-of-contents lines carry dot leaders and page numbers. */
function findBodyStart(lines: string[]): number {
  const index = lines.findIndex((line) => /^1\.\s+适用范围$/.test(line.trim()));
  if (index < 0) throw new Error('standard text: body not found (no heading "1. 适用范围")');
  return index;
}

/**
 * A heading's parent is its number minus the last segment. When that parent was never printed
 * (e.g. `A2.2.3威胁识别` printed under A1.2 before any A2 exists), the number is a slip: the
 * heading belongs under the most recent heading at the parent's depth, keeping its last segment.
 */
function placeHeading(printed: string, byId: Map<string, SpecClause>, lastHeading: SpecClause | null): { id: string; parent: string | null } {
  const parentId = parentOf(printed);
  if (parentId === null || byId.has(parentId)) return { id: printed, parent: parentId };
  const depth = printed.split('.').length - 1;
  let candidate: SpecClause | null = lastHeading;
  while (candidate && candidate.id.split('.').length > depth) {
    candidate = candidate.parent ? (byId.get(candidate.parent) ?? null) : null;
  }
  if (!candidate) return { id: printed, parent: parentId };
  const last = printed.split('.').pop()!;
  return { id: `${candidate.id}.${last}`, parent: candidate.id };
}

function parentOf(id: string): string | null {
  const dot = id.lastIndexOf('.');
  if (dot >= 0) return id.slice(0, dot);
  // `A1` belongs to annex `A`; `D1` to annex `D`; `4` has no parent.
  if (/^[A-F]\d+$/.test(id)) return id[0]!;
  return null;
}
