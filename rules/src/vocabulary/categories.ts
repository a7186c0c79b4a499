import type { Lang, Text } from './text.js';

/** The six service categories (申报类别), each with its annex of specialty requirements. */
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

/** Names as the standard prints them, English from the glossary. */
export const CATEGORY_NAMES: Record<Category, Text> = {
  'risk-assessment': { zh: '风险评估', en: 'risk assessment' },
  'security-integration': { zh: '安全集成', en: 'security integration' },
  'emergency-response': { zh: '应急处理', en: 'emergency response' },
  'disaster-recovery': { zh: '灾难备份与恢复', en: 'disaster recovery' },
  'software-security-development': { zh: '软件安全开发', en: 'secure software development' },
  'security-operations': { zh: '安全运维', en: 'security operations' },
};

/** Disaster recovery (annex D): class A = resource services (D1), class B = technical services (D2). */
export const DR_CLASSES = ['A', 'B'] as const;
export type DrClass = (typeof DR_CLASSES)[number];

export const DR_CLASS_NAMES: Record<DrClass, Text> = {
  A: { zh: '资源服务类（A类）', en: 'resource services (class A)' },
  B: { zh: '技术服务类（B类）', en: 'technical services (class B)' },
};

export function isCategory(value: unknown): value is Category {
  return (CATEGORIES as readonly unknown[]).includes(value);
}

export function categoryName(category: Category, lang: Lang): string {
  return CATEGORY_NAMES[category][lang];
}
