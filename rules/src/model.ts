/** Vocabulary shared by the catalog, the manifest, the rulebook and every renderer of findings. */

export const EDITION = 'isccc-sv-001:2015';

export const CATEGORIES = [
  'risk-assessment',
  'security-integration',
  'emergency-response',
  'disaster-recovery',
  'software-security-development',
  'security-operations',
] as const;
export type Category = (typeof CATEGORIES)[number];

/** Annex of the standard that holds each category's specialty requirements (§5). */
export const ANNEX_OF_CATEGORY: Record<Category, string> = {
  'risk-assessment': 'A',
  'security-integration': 'B',
  'emergency-response': 'C',
  'disaster-recovery': 'D',
  'software-security-development': 'E',
  'security-operations': 'F',
};

/** Each category's name: zh as the standard writes it, en from the glossary. */
export const CATEGORY_NAMES: Record<Category, Text> = {
  'risk-assessment': { zh: '风险评估', en: 'risk assessment' },
  'security-integration': { zh: '安全集成', en: 'security integration' },
  'emergency-response': { zh: '应急处理', en: 'emergency response' },
  'disaster-recovery': { zh: '灾难备份与恢复', en: 'disaster recovery' },
  'software-security-development': { zh: '软件安全开发', en: 'secure software development' },
  'security-operations': { zh: '安全运维', en: 'security operations' },
};

export type Level = 1 | 2 | 3;
export const LEVELS: readonly Level[] = [3, 2, 1];
export type DrClass = 'A' | 'B';

/** Bilingual text: `zh` is verbatim from the standard (or our own Chinese message), `en` is our translation. */
export interface Text {
  zh: string;
  en: string;
}
export type Lang = keyof Text;

/** What an application is assessed against. */
export interface Target {
  category: Category;
  level: Level;
  drClass?: DrClass;
}

export function describeTarget(target: Target, lang: Lang = 'en'): string {
  const dr = target.drClass ? ` class ${target.drClass}` : '';
  if (lang === 'zh') {
    const levelZh = { 1: '一级', 2: '二级', 3: '三级' }[target.level];
    return `${target.category}${target.drClass ? ` ${target.drClass}类` : ''} ${levelZh}`;
  }
  return `${target.category}${dr}, level ${target.level}`;
}
