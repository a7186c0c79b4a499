/** What an application is assessed against, built on the shared vocabulary. */
import { type Category, categoryName, type DrClass, DR_CLASS_NAMES } from './vocabulary/categories.js';
import { type Level, levelName } from './vocabulary/levels.js';
import type { Lang } from './vocabulary/text.js';

export * from './vocabulary/index.js';

export interface Target {
  category: Category;
  level: Level;
  drClass?: DrClass;
}

export function describeTarget(target: Target, lang: Lang = 'en'): string {
  if (lang === 'zh') {
    const dr = target.drClass ? ` ${DR_CLASS_NAMES[target.drClass].zh}` : '';
    return `${categoryName(target.category, 'zh')}${dr} ${levelName(target.level, 'zh')}`;
  }
  return `${target.category}${target.drClass ? ` class ${target.drClass}` : ''}, ${levelName(target.level, 'en')}`;
}
