import { isMap, isPair, isScalar, isSeq, type Node } from 'yaml';
import type { JsonPath, YamlSource } from '@isccc/rules';

export interface NodeAt {
  path: JsonPath;
  /** The cursor is on a mapping key (path ends with that key). */
  onKey: boolean;
  /** The scalar under the cursor, if any. */
  value?: unknown;
  range?: [number, number];
}

/** The deepest node of a parsed document containing `offset`, with its path. */
export function nodeAt(source: YamlSource, offset: number): NodeAt | undefined {
  const walk = (node: unknown, path: JsonPath): NodeAt | undefined => {
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair) || !isScalar(pair.key)) continue;
        const key = String(pair.key.value);
        const keyRange = pair.key.range;
        if (keyRange && offset >= keyRange[0] && offset <= keyRange[1]) {
          return { path: [...path, key], onKey: true, value: key, range: [keyRange[0], keyRange[1]] };
        }
        const valueRange = (pair.value as Node | null)?.range;
        if (valueRange && offset >= valueRange[0] && offset <= valueRange[1]) return walk(pair.value, [...path, key]);
      }
      return undefined;
    }
    if (isSeq(node)) {
      for (let i = 0; i < node.items.length; i++) {
        const item = node.items[i] as Node;
        if (item?.range && offset >= item.range[0] && offset <= item.range[1]) return walk(item, [...path, i]);
      }
      return undefined;
    }
    if (isScalar(node)) return { path, onKey: false, value: node.value, ...(node.range ? { range: [node.range[0], node.range[1]] as [number, number] } : {}) };
    return undefined;
  };
  return walk(source.doc.contents, []);
}

/** Does a path name a clause id: `evidence[i].supports[j]` in manifests, `…checks[i].clause` in rule files. */
export function isClausePath(path: JsonPath): boolean {
  return path.at(-1) === 'clause' || (typeof path.at(-1) === 'number' && path.at(-2) === 'supports');
}

export interface CursorContext {
  /** Path of the mapping (for keys) or of the key whose value is being typed. */
  path: JsonPath;
  mode: 'key' | 'value' | 'item';
  /** Partial word before the cursor. */
  prefix: string;
}

const KEY_LINE = /^(\s*)(-\s+)?([^\s#:][^:#]*?):(\s.*|)$/;

/**
 * Where the cursor is, read from indentation alone: while typing, the document is usually not
 * valid YAML, so the parsed tree cannot be trusted.
 */
export function cursorContext(text: string, offset: number): CursorContext {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  const lines = text.slice(0, lineStart).split('\n');
  lines.pop();

  const flow = /^(\s*)(-\s+)?([\w-]+):\s*\[([^\]]*,)?\s*["']?([^"',\]]*)$/.exec(before);
  if (flow) return { path: [...ownerOf(lines, flow), flow[3]!, 0], mode: 'item', prefix: flow[5]! };
  const value = /^(\s*)(-\s+)?([\w-]+):\s+["']?([^"']*)$/.exec(before);
  if (value) return { path: [...ownerOf(lines, value), value[3]!], mode: 'value', prefix: value[4]! };
  const item = /^(\s*)-\s+["']?([^\s:"']*)$/.exec(before);
  if (item) {
    const indent = item[1]!.length;
    // `- ` followed by a word: either a scalar list item or the first key of an object item.
    return { path: [...parentPath(lines, indent, true), 0], mode: 'item', prefix: item[2]! };
  }
  const key = /^(\s*)([\w-]*)$/.exec(before);
  if (key) return { path: parentPath(lines, key[1]!.length), mode: 'key', prefix: key[2]! };
  return { path: [], mode: 'value', prefix: '' };
}

/** The mapping a `key:` on the cursor line belongs to; `- key:` starts a new item of a sequence. */
function ownerOf(lines: string[], m: RegExpExecArray): JsonPath {
  return m[2] ? [...parentPath(lines, m[1]!.length, true), 0] : parentPath(lines, m[1]!.length);
}

/**
 * Path of the mapping whose keys sit at `indent`. With `dashAt`, the cursor line itself is a `- `
 * item at `indent`, so the owner is the key above with indent ≤ `indent`.
 */
function parentPath(lines: string[], indent: number, dashAt = false): JsonPath {
  const path: JsonPath = [];
  let target = indent;
  let allowEqual = dashAt;
  for (let i = lines.length - 1; i >= 0 && (target > 0 || allowEqual); i--) {
    const line = lines[i]!;
    if (/^\s*(#.*)?$/.test(line)) continue;
    const lead = /^\s*/.exec(line)![0].length;
    const dash = /^\s*-(\s+|$)/.exec(line);
    const content = dash ? dash[0].length : lead;
    const keyLine = KEY_LINE.exec(line);
    const opensBlock = !!keyLine && /^\s*(#.*)?$/.test(keyLine[4]!);
    if (dash && content === target) {
      // Inside this sequence item's mapping; the sequence's key may sit at the dash's own indent.
      path.unshift(0);
      target = lead;
      allowEqual = true;
      continue;
    }
    if (keyLine && opensBlock && (content < target || (allowEqual && content <= target))) {
      path.unshift(keyLine[3]!.trim());
      if (dash) path.unshift(0);
      target = lead;
      allowEqual = !!dash;
      continue;
    }
    if (lead < target && !dash) break;
  }
  return path;
}
