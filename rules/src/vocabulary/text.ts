/** Bilingual text: `zh` is verbatim from the standard (or our own Chinese message), `en` is our translation. */
export interface Text {
  zh: string;
  en: string;
}
export type Lang = keyof Text;
export const LANGS: readonly Lang[] = ['zh', 'en'];

export function isLang(value: unknown): value is Lang {
  return value === 'zh' || value === 'en';
}
