/**
 * The `yaml` parser spends about a microsecond per line, so a valid file padded with a million comment lines
 * would take seconds. Runs of comment lines carry nothing the parser needs: this drops them before parsing and
 * maps every offset of the parsed text back to the original, so positions, ranges and the text services read are
 * the file's own.
 *
 * What is dropped: in a run of lines that are blank or start with `#` at column 0, every line after the run's
 * first `#` line. A `#` at column 0 ends any scalar of a mapping's value (block, plain or quoted), so what follows
 * it in the run is outside every scalar and means nothing; the first one stays, so the parser still sees the
 * scalar end (or the error) it saw before. A document that is itself a top-level scalar, whose content may start
 * at column 0, is parsed as it is.
 */

/** Runs shorter than this are left alone: dropping them would save nothing. */
const MIN_DROPPED_LINES = 64;

export interface CompactText {
  text: string;
  /** Offset in `text` → offset in the original. */
  original: (offset: number) => number;
}

export function compactCommentRuns(text: string): CompactText | null {
  if (startsAsTopLevelScalar(text)) return null;
  /** [offset in the original where a dropped stretch starts, its length], in order. */
  const dropped: [number, number][] = [];
  let lineStart = 0;
  let runHasComment = false;
  let dropFrom = -1;
  let droppedLines = 0;
  let pendingLines = 0;
  const flush = (end: number) => {
    if (dropFrom >= 0 && pendingLines >= MIN_DROPPED_LINES) {
      dropped.push([dropFrom, end - dropFrom]);
      droppedLines += pendingLines;
    }
    dropFrom = -1;
    pendingLines = 0;
  };
  while (lineStart < text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    const next = Math.min(lineEnd + 1, text.length);
    const first = text.charCodeAt(lineStart);
    const comment = first === 35; /* # */
    const blank = !comment && /^[ \t\r]*$/.test(text.slice(lineStart, lineEnd));
    if (comment || blank) {
      if (runHasComment) {
        if (dropFrom < 0) dropFrom = lineStart;
        pendingLines++;
      } else if (comment) runHasComment = true;
    } else {
      flush(lineStart);
      runHasComment = false;
    }
    lineStart = next;
  }
  flush(text.length);
  if (droppedLines === 0) return null;
  let out = '';
  let from = 0;
  /** [offset in the compact text where a drop happened, total dropped up to it]. */
  const marks: [number, number][] = [];
  let total = 0;
  for (const [start, length] of dropped) {
    out += text.slice(from, start);
    total += length;
    marks.push([out.length, total]);
    from = start + length;
  }
  out += text.slice(from);
  return {
    text: out,
    original: (offset) => {
      // The last mark at or before the offset says how much was dropped before it.
      let lo = 0;
      let hi = marks.length - 1;
      let shift = 0;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (marks[mid]![0] <= offset) {
          shift = marks[mid]![1];
          lo = mid + 1;
        } else hi = mid - 1;
      }
      return offset + shift;
    },
  };
}

/** The first content line opens a block or quoted scalar at the top level (`|`, `>`, `"`, `'`, maybe after `---`). */
function startsAsTopLevelScalar(text: string): boolean {
  for (const line of text.slice(0, 65536).split('\n')) {
    const content = line.replace(/\r$/, '');
    if (/^\s*(#.*)?$/.test(content) || content.startsWith('%') || /^---\s*(#.*)?$/.test(content)) continue;
    return /^(---\s+)?[|>"']/.test(content);
  }
  return false;
}
