import { type Document, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Node, type ParsedNode, type Scalar, visit } from 'yaml';
import { MESSAGES } from '../messages.js';
import type { Text } from '../vocabulary/text.js';
import { compactCommentRuns } from './comment-runs.js';
import { quote } from './text-format.js';

/** Zero-based position, as LSP counts (characters are UTF-16 code units). */
export interface Position {
  line: number;
  character: number;
}
export interface SourceRange {
  start: Position;
  end: Position;
}

export type JsonPath = (string | number)[];

/** A problem with the input itself (not a finding about the applicant): exit code 2 territory. */
export interface InputProblem {
  file: string;
  range: SourceRange;
  /** Field path in the document, e.g. `people.serviceStaff`. */
  field: string;
  /** Clause id at fault, when the problem concerns one (e.g. an unknown clause id). */
  clause?: string;
  code: string;
  /** English message. */
  message: string;
  /** The same in Chinese. */
  zh: string;
}

/** A problem's two texts, from a message of the table: `message` in English, `zh` in Chinese. */
export function wording(text: Text): Pick<InputProblem, 'message' | 'zh'> {
  return { message: text.en, zh: text.zh };
}

export const MAX_INPUT_BYTES = 2 * 1024 * 1024;
/** Problems reported per file: the first ones, then one line saying how many more (10,000 bad entries answer fast). */
export const MAX_PROBLEMS = 100;
const MAX_DEPTH = 64;
/** Nesting the YAML parser is handed at most (by deepestNesting's count); checkStructure then holds MAX_DEPTH exactly. */
const PARSER_DEPTH = 256;
const MAX_ALIAS_COUNT = 50;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** A parsed YAML file that remembers where every value came from. */
export class YamlSource {
  readonly file: string;
  readonly text: string;
  readonly doc: Document.Parsed;
  readonly problems: InputProblem[] = [];
  private readonly lines: LineCounter;

  private constructor(file: string, text: string, doc: Document.Parsed, lines: LineCounter) {
    this.file = file;
    this.text = text;
    this.doc = doc;
    this.lines = lines;
  }

  /** Never throws: syntax errors, hostile structure and oversize input become `problems`. */
  static parse(file: string, text: string): YamlSource {
    const bytes = Buffer.byteLength(text, 'utf8');
    if (bytes > MAX_INPUT_BYTES) {
      const lines = new LineCounter();
      const source = new YamlSource(file, text, parseDocument('', { lineCounter: lines }), lines);
      source.problems.push(oversizeProblem(file, text, bytes));
      return source;
    }
    const compact = compactCommentRuns(text);
    // Lines counted here, not by the parser: its counter misses the line breaks inside some tokens (a multi-line
    // scalar it rejects), and positions must break lines where editors do (LSP: \r\n, \n and a lone \r).
    const lines = lineCounterOf(text);
    // The parser recurses once per level: thousands of levels (`a: a: a: …`, `[[[[…`, `- ` indented step by step) run
    // the stack out — a RangeError, or, when V8 has to compile a regular expression just then, a fatal error that no
    // catch survives. A text whose nesting a cheap count puts past PARSER_DEPTH is refused before it is parsed.
    const nesting = deepestNesting(text);
    let doc: Document.Parsed | undefined;
    if (nesting.depth <= PARSER_DEPTH) {
      // The parser makes an Error per problem (a hostile text has one per character or two): their stack traces,
      // which no message shows, were most of its time.
      const stackTraceLimit = Error.stackTraceLimit;
      Error.stackTraceLimit = 0;
      try {
        // Duplicate keys are found by checkStructure: the parser's own check compares every key with every other.
        doc = parseDocument(compact?.text ?? text, { uniqueKeys: false, prettyErrors: false, strict: true });
      } catch (error) {
        if (!(error instanceof RangeError)) throw error;
      } finally {
        Error.stackTraceLimit = stackTraceLimit;
      }
    }
    if (!doc) {
      const source = new YamlSource(file, text, parseDocument(''), lines);
      source.problems.push({
        file,
        range: source.rangeOfOffsets(nesting.at, nesting.at),
        field: '',
        code: 'input/too-deep',
        ...wording(MESSAGES['input.too-deep-to-parse']({ limit: MAX_DEPTH })),
      });
      return source;
    }
    if (compact) toOriginalOffsets(doc, compact.original);
    const source = new YamlSource(file, text, doc, lines);
    for (const error of doc.errors.slice(0, MAX_PROBLEMS)) {
      const [from, to] = compact ? [compact.original(error.pos[0]), compact.original(error.pos[1])] : error.pos;
      source.problems.push({
        file,
        range: source.rangeOfOffsets(from, to),
        field: '',
        code: 'yaml/syntax',
        ...wording(MESSAGES['input.yaml-syntax']({ detail: error.message })),
      });
    }
    if (doc.errors.length > MAX_PROBLEMS) source.problems.push(moreProblems(file, source.problems.at(-1)!.range, doc.errors.length - MAX_PROBLEMS));
    if (source.problems.length === 0) source.checkStructure(doc.contents, [], 0);
    if (source.problems.length > MAX_PROBLEMS) {
      const more = source.problems.length - MAX_PROBLEMS;
      source.problems.splice(MAX_PROBLEMS);
      source.problems.push(moreProblems(file, source.problems.at(-1)!.range, more));
    }
    if (source.problems.length === 0) source.resolve();
    return source;
  }

  /**
   * The source of `text`, an edit of `previous`'s: when the edit only changes one plain scalar value within its
   * line (typing a number, a date, a name), the previous parse is patched in place instead of parsing the whole
   * file again; otherwise `text` is parsed. `previous` must not be used afterwards.
   */
  static reparse(previous: YamlSource, file: string, text: string): YamlSource {
    return (previous.ok && previous.file === file ? previous.patched(text) : undefined) ?? YamlSource.parse(file, text);
  }

  private patched(text: string): YamlSource | undefined {
    const old = this.text;
    if (Buffer.byteLength(text, 'utf8') > MAX_INPUT_BYTES) return undefined;
    let start = 0;
    const shortest = Math.min(old.length, text.length);
    while (start < shortest && old.charCodeAt(start) === text.charCodeAt(start)) start++;
    let endOld = old.length;
    let endNew = text.length;
    while (endOld > start && endNew > start && old.charCodeAt(endOld - 1) === text.charCodeAt(endNew - 1)) {
      endOld--;
      endNew--;
    }
    if (start === old.length && start === text.length) return undefined;
    const node = scalarValueAt(this.doc.contents, start, endOld);
    // An explicit tag (`!!str 15`) decides what the text means: such a value is parsed with its file.
    if (!node?.range || node.type !== 'PLAIN' || node.tag) return undefined;
    const delta = text.length - old.length;
    const written = text.slice(node.range[0], node.range[1] + delta);
    // Only a value that stays one plain scalar on its line: no indicator, quote, comment or line break.
    if (!/^[^\s:#{}[\],&*!|>'"%@`?-](?:[^\r\n:#{}[\],]*[^\s:#{}[\],])?$/.test(written) || / #/.test(written)) return undefined;
    const probe = parseDocument(written, { uniqueKeys: true, prettyErrors: false, strict: true });
    if (probe.errors.length > 0 || !isScalar(probe.contents) || probe.contents.type !== 'PLAIN') return undefined;
    node.value = probe.contents.value;
    node.source = probe.contents.source;
    if (delta !== 0) {
      const shift = (range: [number, number, number] | null | undefined) => {
        if (range) for (let i = 0; i < 3; i++) if (range[i]! >= endOld) range[i]! += delta;
      };
      shift(this.doc.range);
      visit(this.doc, { Node: (_, n) => shift((n as { range?: [number, number, number] }).range) });
    }
    const source = new YamlSource(this.file, text, this.doc, delta === 0 ? this.lines : lineCounterOf(text));
    source.resolve();
    return source.problems.length === 0 ? source : undefined;
  }

  get ok(): boolean {
    return this.problems.length === 0;
  }

  /** Plain data (only call when `ok`): aliases resolved, no prototype-bearing keys. */
  toData(): unknown {
    return this.data;
  }

  private data: unknown;

  /** Anchors and aliases may expand a small file into a huge value (a "billion laughs"): refuse that. */
  private resolve(): void {
    try {
      this.data = this.doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (error) {
      let first: Node | undefined;
      visit(this.doc, {
        Alias: (_, node) => {
          first ??= node as Node;
          return visit.BREAK;
        },
      });
      this.problems.push({
        file: this.file,
        range: this.nodeRange(first) ?? this.rangeOfOffsets(0, 0),
        field: '',
        code: 'input/alias-expansion',
        ...wording(MESSAGES['input.alias-expansion']({ detail: (error as Error).message })),
      });
    }
  }

  rangeOfOffsets(from: number, to: number): SourceRange {
    return { start: this.position(from), end: this.position(Math.max(from, to)) };
  }

  position(offset: number): Position {
    const at = Math.min(offset, this.text.length);
    const { line, col } = this.lines.linePos(at);
    // Between the \r and the \n of a line break is the end of the line.
    const inBreak = this.text[at - 1] === '\r' && this.text[at] === '\n';
    return { line: line - 1, character: col - 1 - (inBreak ? 1 : 0) };
  }

  /** Range of the value at `path`, or of its key with `key: true`; falls back to the nearest existing ancestor. */
  rangeOf(path: JsonPath, opts: { key?: boolean } = {}): SourceRange {
    let node: unknown = this.doc.contents;
    let best: SourceRange = this.nodeRange(node) ?? this.rangeOfOffsets(0, 0);
    for (let i = 0; i < path.length; i++) {
      const segment = path[i]!;
      const last = i === path.length - 1;
      if (isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
        if (!pair) return best;
        if (last && opts.key) return this.nodeRange(pair.key) ?? best;
        node = pair.value;
        // A key with no value: point at the key.
        best = this.nodeRange(node) ?? this.nodeRange(pair.key) ?? best;
      } else if (isSeq(node) && typeof segment === 'number') {
        node = node.items[segment];
        best = this.nodeRange(node) ?? best;
      } else {
        return best;
      }
    }
    return best;
  }

  private nodeRange(node: unknown): SourceRange | undefined {
    const range = (node as Node | undefined)?.range;
    if (!range) return undefined;
    return this.rangeOfOffsets(range[0], range[1]);
  }

  /** Rejects what a hand-written manifest never needs and a hostile one uses: deep nesting, prototype keys. */
  private checkStructure(node: unknown, path: JsonPath, depth: number): void {
    if (depth > MAX_DEPTH) {
      this.problems.push({
        file: this.file,
        range: this.nodeRange(node) ?? this.rangeOfOffsets(0, 0),
        field: formatPath(path),
        code: 'input/too-deep',
        ...wording(MESSAGES['input.too-deep']({ limit: MAX_DEPTH })),
      });
      return;
    }
    if (isMap(node)) {
      // Keys are the same when their values are (`a` and "a"; not 1 and "1"), as the parser's uniqueKeys has it.
      const seen = new Set<string>();
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
        const identity = isScalar(pair.key) ? `${typeof pair.key.value}:${key}` : undefined;
        if (identity !== undefined && seen.has(identity)) {
          this.problems.push({
            file: this.file,
            range: this.nodeRange(pair.key) ?? this.rangeOfOffsets(0, 0),
            field: '',
            code: 'yaml/syntax',
            ...wording(MESSAGES['input.yaml-syntax']({ detail: 'Map keys must be unique' })),
          });
          continue;
        }
        if (identity !== undefined) seen.add(identity);
        if (key === undefined) {
          this.problems.push({
            file: this.file,
            range: this.nodeRange(pair.key) ?? this.rangeOfOffsets(0, 0),
            field: formatPath(path),
            code: 'input/complex-key',
            ...wording(MESSAGES['input.complex-key']()),
          });
          continue;
        }
        if (FORBIDDEN_KEYS.has(key)) {
          this.problems.push({
            file: this.file,
            range: this.nodeRange(pair.key) ?? this.rangeOfOffsets(0, 0),
            field: formatPath([...path, key]),
            code: 'input/forbidden-key',
            ...wording(MESSAGES['input.forbidden-key']({ quoted: quote(key) })),
          });
          continue;
        }
        this.checkStructure(pair.value, [...path, key], depth + 1);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => this.checkStructure(item, [...path, index], depth + 1));
    }
  }
}

/** The plain-scalar value (not a key) whose source holds offsets `from`–`to`, if the edit stays inside one. */
function scalarValueAt(node: unknown, from: number, to: number): Scalar | undefined {
  const holds = (n: unknown) => {
    const range = (n as Node | null | undefined)?.range;
    return !!range && range[0] <= from && to <= range[1];
  };
  if (isScalar(node)) return holds(node) ? node : undefined;
  if (isMap(node)) {
    for (const pair of node.items) if (holds(pair.value)) return scalarValueAt(pair.value, from, to);
    return undefined;
  }
  if (isSeq(node)) for (const item of node.items) if (holds(item)) return scalarValueAt(item, from, to);
  return undefined;
}

/** Line starts of `text` as LSP counts lines: after each \n, and after a \r not followed by \n. */
function lineCounterOf(text: string): LineCounter {
  const lines = new LineCounter();
  lines.addNewLine(0);
  for (const m of text.matchAll(/\r\n?|\n/g)) lines.addNewLine(m.index + m[0].length);
  return lines;
}

/** Node ranges of a document parsed from a compacted text, moved to the original text's offsets. */
function toOriginalOffsets(doc: Document.Parsed, original: (offset: number) => number): void {
  const move = (node: { range?: [number, number, number] | null } | null | undefined) => {
    if (node?.range) node.range = [original(node.range[0]), original(node.range[1]), original(node.range[2])];
  };
  move(doc);
  // Pair keys are nodes too: `visit` reaches them.
  visit(doc, { Node: (_, node) => move(node) });
}

/** The line that stands for the problems past {@link MAX_PROBLEMS}, where the last one shown is. */
export function moreProblems(file: string, range: SourceRange, more: number): InputProblem {
  return {
    file,
    range,
    field: '',
    code: 'input/more-problems',
    ...wording(MESSAGES['input.more-problems']({ more, shown: MAX_PROBLEMS })),
  };
}

/** The first {@link MAX_PROBLEMS} problems and a line counting the rest. */
export function boundProblems(file: string, problems: InputProblem[], more = 0): InputProblem[] {
  const total = problems.length + more;
  if (total <= MAX_PROBLEMS) return problems;
  const shown = problems.slice(0, MAX_PROBLEMS);
  return [...shown, moreProblems(file, shown.at(-1)!.range, total - shown.length)];
}

/** Points at the place where the size limit is crossed; `text` may be just a prefix of the file. */
export function oversizeProblem(file: string, text: string, totalBytes: number): InputProblem {
  const pos = positionOfOffset(text, offsetOfByte(text, MAX_INPUT_BYTES));
  return {
    file,
    range: { start: pos, end: pos },
    field: '',
    code: 'input/too-large',
    ...wording(MESSAGES['input.too-large']({ bytes: totalBytes, limit: MAX_INPUT_BYTES })),
  };
}

export function positionOfOffset(text: string, offset: number): Position {
  let line = 0;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, character: offset - lineStart };
}

/** Index of the UTF-16 code unit holding byte number `byte` of the UTF-8 encoding. */
function offsetOfByte(text: string, byte: number): number {
  return Buffer.from(text, 'utf8').subarray(0, byte).toString('utf8').length;
}

/** A key that can be written after a dot; anything else (a line break, a dot, a quote…) is written quoted. */
const PLAIN_KEY = /^[\p{L}\p{N}_$-]+$/u;

/** `['people', 'certifiedStaff', 2, 'a\nb']` → `people.certifiedStaff[2]["a\nb"]`: always one line, read back by `parseFieldPath`. */
export function formatPath(path: JsonPath): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : !PLAIN_KEY.test(p) ? `[${quote(p)}]` : i === 0 ? p : `.${p}`)).join('');
}

/** `evidence[3].sha256` → ['evidence', 3, 'sha256']; `people["a\nb"]` → ['people', 'a\nb']. */
export function parseFieldPath(field: string): JsonPath {
  const out: JsonPath = [];
  for (const m of field.matchAll(/\[("(?:[^"\\]|\\.)*")\]|\[(\d+)\]|([^.[\]]+)/g)) {
    if (m[1] !== undefined) out.push(JSON.parse(m[1]) as string);
    else if (m[2] !== undefined) out.push(Number(m[2]));
    else out.push(m[3]!);
  }
  return out;
}

export type { ParsedNode };

/**
 * How deep a text nests at most, by a count that errs on the deep side — the line's indentation level (a stack of
 * indentations), plus its `- ` and `: ` indicators, plus the flow brackets open on it — and where: the first line
 * that deep, after its indentation. Linear in the text; the parser is then handed only what it can follow.
 */
function deepestNesting(text: string): { depth: number; at: number } {
  let deepest = { depth: 0, at: 0 };
  const indents: number[] = [];
  let flow = 0;
  let start = 0;
  for (const line of text.split('\n')) {
    const indent = /^[ \t]*/.exec(line)![0].length;
    const content = line.slice(indent);
    if (content.trim() !== '' && !content.startsWith('#')) {
      while (indents.length > 0 && indents.at(-1)! >= indent) indents.pop();
      indents.push(indent);
      let open = flow;
      let widest = flow;
      for (const c of content) {
        if (c === '[' || c === '{') widest = Math.max(widest, ++open);
        else if ((c === ']' || c === '}') && open > 0) open--;
      }
      flow = open;
      const depth = indents.length + (content.match(/(?:^|\s)-(?=\s|$)|:(?=\s|$)/g)?.length ?? 0) + widest;
      if (depth > deepest.depth) deepest = { depth, at: start + indent };
    }
    start += line.length + 1;
  }
  return deepest;
}
