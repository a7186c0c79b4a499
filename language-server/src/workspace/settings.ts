import { CATEGORIES, type Category, type Lang, type Level } from '@isccc/rules';

/** The `isccc` configuration section, as the client sends it (unknown or malformed values fall back). */
export interface Settings {
  targetLevel: Level | null;
  category: Category | null;
  asOf: string | null;
  language: Lang;
}

export const DEFAULT_SETTINGS: Settings = { targetLevel: null, category: null, asOf: null, language: 'en' };

export function readSettings(raw: unknown): Settings {
  const s = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const level = s.targetLevel;
  const category = s.category;
  const asOf = s.asOf;
  // The extension names the language setting `messageLanguage`; `language` is accepted too.
  const language = s.language ?? s.messageLanguage;
  return {
    targetLevel: level === 1 || level === 2 || level === 3 ? level : null,
    category: typeof category === 'string' && (CATEGORIES as readonly string[]).includes(category) ? (category as Category) : null,
    asOf: typeof asOf === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(asOf) ? asOf : null,
    language: language === 'zh' ? 'zh' : 'en',
  };
}
