/**
 * Just enough XML for rewriting the models: elements, attributes (kept as written, entities and all), text,
 * comments and the XML declaration. The models are machine-written BPMN, so no DTDs or CDATA; anything else
 * is refused rather than guessed.
 */
export interface XmlElement {
  name: string;
  /** Raw attribute values as they stand in the file (already entity-escaped), in document order. */
  attrs: Array<[string, string]>;
  children: XmlNode[];
}
export type XmlNode = XmlElement | { text: string } | { comment: string };

export const isElement = (n: XmlNode): n is XmlElement => 'name' in n;

export function parseXml(source: string): { declaration: string; root: XmlElement } {
  const decl = /^\s*(<\?xml[^?]*\?>)\s*/.exec(source);
  let i = decl ? decl[0].length : 0;
  const stack: XmlElement[] = [{ name: '#document', attrs: [], children: [] }];
  const top = (): XmlElement => stack[stack.length - 1]!;
  while (i < source.length) {
    if (source.startsWith('<!--', i)) {
      const end = source.indexOf('-->', i);
      if (end < 0) throw new Error(`unterminated comment at ${i}`);
      top().children.push({ comment: source.slice(i + 4, end) });
      i = end + 3;
    } else if (source.startsWith('</', i)) {
      const end = source.indexOf('>', i);
      const name = source.slice(i + 2, end).trim();
      const open = stack.pop();
      if (!open || open.name !== name) throw new Error(`</${name}> closes <${open?.name}> at ${i}`);
      i = end + 1;
    } else if (source.startsWith('<!', i) || source.startsWith('<?', i)) {
      throw new Error(`unsupported markup at ${i}: ${source.slice(i, i + 20)}`);
    } else if (source[i] === '<') {
      const tag = /^<([\w:.-]+)((?:\s+[\w:.-]+\s*=\s*"[^"]*")*)\s*(\/?)>/.exec(source.slice(i));
      if (!tag) throw new Error(`malformed tag at ${i}: ${source.slice(i, i + 40)}`);
      const attrs: Array<[string, string]> = [...tag[2]!.matchAll(/([\w:.-]+)\s*=\s*"([^"]*)"/g)].map((m) => [m[1]!, m[2]!]);
      const el: XmlElement = { name: tag[1]!, attrs, children: [] };
      top().children.push(el);
      if (!tag[3]) stack.push(el);
      i += tag[0].length;
    } else {
      const end = source.indexOf('<', i);
      const text = source.slice(i, end < 0 ? source.length : end);
      if (text.trim() !== '') top().children.push({ text });
      i = end < 0 ? source.length : end;
    }
  }
  if (stack.length !== 1) throw new Error(`<${top().name}> is not closed`);
  const root = stack[0]!.children.find(isElement);
  if (!root) throw new Error('no root element');
  return { declaration: decl?.[1] ?? '<?xml version="1.0" encoding="UTF-8"?>', root };
}

export function escapeAttr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\n/g, '&#10;');
}

export function escapeText(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Unescape an attribute or text value as written in the file. */
export function unescapeXml(raw: string): string {
  return raw.replace(/&(#x?[0-9a-fA-F]+|amp|lt|gt|quot|apos);/g, (_, e: string) =>
    e === 'amp' ? '&' : e === 'lt' ? '<' : e === 'gt' ? '>' : e === 'quot' ? '"' : e === 'apos' ? "'" : String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)),
  );
}

/** Two-space indentation, one element per line, text-only elements on one line (the models' layout). */
export function serializeXml(declaration: string, root: XmlElement): string {
  const lines: string[] = [declaration];
  const write = (el: XmlElement, depth: number): void => {
    const pad = '  '.repeat(depth);
    const open = `${pad}<${el.name}${el.attrs.map(([k, v]) => ` ${k}="${v}"`).join('')}`;
    if (el.children.length === 0) return void lines.push(`${open} />`);
    if (el.children.every((c) => 'text' in c)) return void lines.push(`${open}>${el.children.map((c) => (c as { text: string }).text).join('')}</${el.name}>`);
    lines.push(`${open}>`);
    for (const c of el.children) {
      if (isElement(c)) write(c, depth + 1);
      else if ('comment' in c) lines.push(`${pad}  <!--${c.comment}-->`);
      else lines.push(`${pad}  ${c.text.trim()}`);
    }
    lines.push(`${pad}</${el.name}>`);
  };
  write(root, 0);
  return lines.join('\n') + '\n';
}

export const attr = (el: XmlElement, name: string): string | undefined => {
  const raw = el.attrs.find(([k]) => k === name)?.[1];
  return raw === undefined ? undefined : unescapeXml(raw);
};

export function setAttr(el: XmlElement, name: string, value: string): void {
  const at = el.attrs.findIndex(([k]) => k === name);
  if (at >= 0) el.attrs[at] = [name, escapeAttr(value)];
  else el.attrs.push([name, escapeAttr(value)]);
}

export function element(name: string, attrs: Record<string, string> = {}, children: XmlNode[] = []): XmlElement {
  return { name, attrs: Object.entries(attrs).map(([k, v]) => [k, escapeAttr(v)]), children };
}

export const textOf = (el: XmlElement): string => unescapeXml(el.children.map((c) => ('text' in c ? c.text : '')).join(''));
