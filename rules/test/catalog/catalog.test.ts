import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { parseSpecText } from '../../src/catalog/spec-parser.js';
import { CLAUSE_KINDS, loadCatalog } from '../../src/catalog/catalog.js';
import { clauseLabel, compareClauseIds, normaliseClauseId } from '../../src/vocabulary/clause-ids.js';
import { packageRoot } from '../../src/paths.js';

const squash = (s: string | undefined): string => (s ?? '').replace(/\s+/g, '');
const specText = fs.readFileSync(path.join(packageRoot, 'spec', 'ISCCC-SV-001-2015.txt'), 'utf8');

describe('clause catalog isccc-sv-001:2015', () => {
  const spec = parseSpecText(specText);
  const catalog = loadCatalog();

  it('vendored standard text is identical to ../shared/spec when that copy is present', function () {
    const shared = path.resolve(packageRoot, '..', '..', 'shared', 'spec', 'ISCCC-SV-001-2015.txt');
    if (!fs.existsSync(shared)) this.skip();
    assert.equal(fs.readFileSync(shared, 'utf8'), specText);
  });

  it('has every numbered clause and lettered item of §1–§6 and annexes A–F', () => {
    const missing = spec.filter((c) => !catalog.has(c.id)).map((c) => `${c.id} (line ${c.line})`);
    assert.deepEqual(missing, []);
    assert.ok(spec.length > 650, `parsed only ${spec.length} clauses from the standard`);
    assert.equal(spec.filter((c) => /\.[a-z]$/.test(c.id)).length, 426, 'lettered items in the standard');
  });

  it('has nothing the standard does not have', () => {
    const inSpec = new Set(spec.map((c) => c.id));
    assert.deepEqual(
      catalog.all.filter((c) => !inSpec.has(c.id)).map((c) => c.id),
      [],
    );
  });

  it('keeps the Chinese title and text verbatim (whitespace-normalised)', () => {
    const differ: string[] = [];
    for (const c of spec) {
      const entry = catalog.get(c.id)!;
      if (squash(entry.title?.zh) !== squash(c.title)) differ.push(`${c.id} title`);
      if (squash(entry.text?.zh) !== squash(c.text)) differ.push(`${c.id} text`);
    }
    assert.deepEqual(differ, []);
  });

  it('has an English translation and a known kind for every entry', () => {
    const untranslated = catalog.all.filter((c) => (c.title && !c.title.en.trim()) || (c.text && !c.text.en.trim()));
    assert.deepEqual(
      untranslated.map((c) => c.id),
      [],
    );
    assert.deepEqual(
      catalog.all.filter((c) => !CLAUSE_KINDS.includes(c.kind)).map((c) => c.id),
      [],
    );
    assert.deepEqual(
      catalog.all.filter((c) => c.needsEvidence && c.kind !== 'quantitative').map((c) => c.id),
      [],
      'needsEvidence is for quantitative clauses',
    );
  });

  it('catalogs the printed slip A2.2.3 under A1.2 as A1.2.3, printed as A2.2.3', () => {
    const threat = catalog.get('A1.2.3')!;
    assert.equal(threat.printedAs, 'A2.2.3');
    assert.equal(threat.parent, 'A1.2');
    assert.equal(threat.title?.zh, '威胁识别');
    assert.equal(catalog.children('A1.2.3').length, 4);
  });

  it('gives a paragraph after a finished lettered item back to its heading (6.8.2, 6.8.3)', () => {
    assert.match(catalog.get('6.8.2')!.text!.zh, /证书暂停时间一般为三个月/);
    assert.doesNotMatch(catalog.get('6.8.2.d')!.text!.zh, /三个月/);
    assert.match(catalog.get('6.8.3')!.text!.zh, /交回认证证书/);
    assert.match(catalog.get('3.4')!.text!.zh, /及时实施应急处理计划的过程/, 'a page break inside a paragraph is joined');
  });

  it('applies §4 levels as complete lists and annex levels cumulatively', () => {
    assert.deepEqual(catalog.get('4.1.4.d')!.levels, [3]);
    assert.deepEqual(catalog.get('4.2.4.d')!.levels, [2]);
    assert.deepEqual(catalog.get('A1.1.1.a')!.levels, [3, 2, 1]);
    assert.deepEqual(catalog.get('A2.1.1.a')!.levels, [2, 1]);
    assert.deepEqual(catalog.get('A3.1.1.a')!.levels, [1]);
    assert.deepEqual(catalog.get('D1.2.2.b')!.levels, [2, 1]);
    assert.equal(catalog.get('D1.2.2.b')!.drClass, 'A');
    assert.equal(catalog.get('D2.1.1.a')!.drClass, 'B');
    const l2ra = catalog.applicable({ category: 'risk-assessment', level: 2 }).map((c) => c.id);
    assert.ok(l2ra.includes('4.2.4.d') && l2ra.includes('A1.1.1.a') && l2ra.includes('A2.1.1.a'));
    assert.ok(!l2ra.includes('4.1.4.d') && !l2ra.includes('A3.1.1.a') && !l2ra.includes('B1.2.a'));
    const drB = catalog.applicable({ category: 'disaster-recovery', level: 1, drClass: 'B' }).map((c) => c.id);
    assert.ok(drB.includes('D2.3.1.a') && !drB.includes('D1.1.1.a'));
  });

  it('normalises printed clause labels to ids and back', () => {
    assert.equal(normaliseClauseId('4.2.4 d)'), '4.2.4.d');
    assert.equal(normaliseClauseId('4.2.4.d'), '4.2.4.d');
    assert.equal(normaliseClauseId('A2.3.1 a'), 'A2.3.1.a');
    assert.equal(clauseLabel('4.2.4.d'), '4.2.4 d)');
    assert.equal(clauseLabel('A3'), 'A3');
  });

  it('sorts in document order', () => {
    const ids = ['A1.1', '4.10', '4.2', '6.8.5.a', 'B1', '4.2.4.d', '4.2.4', 'A'];
    assert.deepEqual([...ids].sort(compareClauseIds), ['4.2', '4.2.4', '4.2.4.d', '4.10', '6.8.5.a', 'A', 'A1.1', 'B1']);
  });
});
