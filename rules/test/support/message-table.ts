/**
 * The checks every package's message table passes, defined once. Each package's messages test gives its table and
 * sample parameters and keeps the checks of its own; the packages import this as `@isccc/rules/test-support/
 * message-table`, since rules is the one package all of them may import (test/layering.test.ts), and the module is
 * in rules' tests, outside the `files` the package ships.
 */
import assert from 'node:assert/strict';
import { LANGS, type Text } from '../../src/vocabulary/text.js';

type MessageTable = Record<string, (params: never) => Text>;

/** Parameters to render each entry with: one list per entry, one item per branch its words take (a compile error while one is missing). */
export type Samples<T extends MessageTable> = { [C in keyof T]: Parameters<T[C]>[] };

const HAN = /\p{Script=Han}/u;
const UNFILLED = /undefined|null|NaN|\[object/;

const render = <T extends MessageTable>(table: T, code: keyof T, params: unknown[]): Text => (table[code] as (...p: unknown[]) => Text)(...params);

/**
 * Every entry has samples and renders each of them in Chinese and in English, no value left unfilled. `atLeast`
 * entries, so that a table emptied by mistake fails instead of passing vacuously.
 */
export function assertEveryEntryBilingual<T extends MessageTable>(table: T, samples: Samples<T>, atLeast: number): void {
  const codes = Object.keys(table) as (keyof T & string)[];
  assert.ok(codes.length >= atLeast, `${codes.length} entries, fewer than ${atLeast}`);
  for (const code of codes) {
    assert.ok(samples[code].length > 0, `${code}: no sample parameters`);
    for (const params of samples[code]) {
      const text = render(table, code, params);
      assert.match(text.zh, HAN, `${code}: zh "${text.zh}"`);
      assert.ok(text.en.trim() !== '' && !HAN.test(text.en), `${code}: en "${text.en}"`);
      assert.doesNotMatch(`${text.zh} ${text.en}`, UNFILLED, `${code}: a value left unfilled`);
    }
  }
}

/** The samples of one entry, one per branch, render to different words in each language. */
export function assertBranchesWordedDifferently<T extends MessageTable>(table: T, samples: Samples<T>): void {
  for (const code of Object.keys(samples) as (keyof T & string)[]) {
    const texts = samples[code].map((params) => render(table, code, params));
    for (const lang of LANGS) assert.equal(new Set(texts.map((t) => t[lang])).size, texts.length, `${code} (${lang})`);
  }
}
