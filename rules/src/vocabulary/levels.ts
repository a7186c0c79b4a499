import type { Lang, Text } from './text.js';

/** 三级 / 二级 / 一级: level 1 is the highest. */
export type Level = 1 | 2 | 3;
/** Lowest first: the order in which an applicant climbs. */
export const LEVELS: readonly Level[] = [3, 2, 1];

export const LEVEL_NAMES: Record<Level, Text> = {
  1: { zh: '一级', en: 'level 1' },
  2: { zh: '二级', en: 'level 2' },
  3: { zh: '三级', en: 'level 3' },
};

export function isLevel(value: unknown): value is Level {
  return value === 1 || value === 2 || value === 3;
}

export function levelName(level: Level, lang: Lang): string {
  return LEVEL_NAMES[level][lang];
}
