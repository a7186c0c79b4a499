/** What an application is assessed against, built on the shared vocabulary. */
import { MESSAGES } from './messages.js';
import type { Category, DrClass } from './vocabulary/categories.js';
import type { Level } from './vocabulary/levels.js';
import type { Lang } from './vocabulary/text.js';

export * from './vocabulary/index.js';

export interface Target {
  category: Category;
  level: Level;
  drClass?: DrClass;
}

/** The target as a heading names it, in one language. */
export function describeTarget(target: Target, lang: Lang = 'en'): string {
  return MESSAGES['target.description']({ target })[lang];
}
