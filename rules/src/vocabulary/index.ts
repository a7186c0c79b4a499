/**
 * @isccc/rules/vocabulary — the words every package of isccc-flow shares, defined once: clause ids, levels,
 * categories, DR classes, bilingual text, the standard's durations and the procedure's shapes. No I/O and no
 * dependencies, so the VS Code client and the lint plugin bundle can import it too.
 */
export * from './calendar.js';
export * from './categories.js';
export * from './clause-ids.js';
export * from './durations.js';
export * from './levels.js';
export * from './procedure.js';
export * from './text.js';

/** The edition every catalog, rule file and manifest of this release speaks. */
export const EDITION = 'isccc-sv-001:2015';
