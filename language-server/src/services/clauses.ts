import fs from 'node:fs';
import path from 'node:path';
import { type Catalog, catalogDir, type Clause, type Lang, LEVEL_NAMES, type SourceRange } from '@isccc/rules';

/** Clause text as the standard prints it (Chinese, verbatim) and our English translation, with where it applies. */
export function clauseMarkdown(clause: Clause, lang: Lang): string {
  const other: Lang = lang === 'zh' ? 'en' : 'zh';
  const title = [clause.title?.[lang], clause.title?.[other]].filter(Boolean).join(' — ');
  const levels = clause.levels.map((l) => `${LEVEL_NAMES[l].en} (${LEVEL_NAMES[l].zh})`).join(', ');
  const categories = clause.categories.length === 6 ? 'all categories' : clause.categories.join(', ');
  return [
    `**${clause.label}**${title ? ` ${title}` : ''}`,
    ...(clause.text ? [clause.text.zh, `*${clause.text.en}* (English: isccc-flow translation)`] : []),
    `Levels: ${levels} · Categories: ${categories}${clause.drClass ? ` (class ${clause.drClass})` : ''} · Kind: ${clause.kind}`,
  ].join('\n\n');
}

/** Line of each `- id:` in the catalog files, for go-to-definition. */
let index: Map<string, { file: string; range: SourceRange }> | undefined;

export function catalogLocation(catalog: Catalog, id: string): { file: string; range: SourceRange } | undefined {
  if (!index) {
    index = new Map();
    const dir = catalogDir(catalog.edition);
    for (const name of fs.readdirSync(dir).filter((f) => f.endsWith('.yaml'))) {
      const file = path.join(dir, name);
      fs.readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          const m = /^- id:\s*["']?([^"'\s#]+)/.exec(line);
          if (m) index!.set(m[1]!, { file, range: { start: { line: i, character: 2 }, end: { line: i, character: line.length } } });
        });
    }
  }
  return index.get(catalog.get(id)?.id ?? id);
}
