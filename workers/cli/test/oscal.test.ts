import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import * as addFormatsModule from 'ajv-formats';
import { type Finding, loadCatalog, loadManifestFile } from '@isccc/rules';
import { cliRoot, example, EXAMPLES, isccc } from './helpers.js';
import { OSCAL_SCHEMAS, trestle } from './support/python.js';
import { evidenceRootOf, sha256sum } from './support/roots.js';

const addFormats = (addFormatsModule as unknown as { default: (ajv: Ajv) => Ajv }).default;
const catalog = loadCatalog();

/** NIST's OSCAL JSON schema (draft-07) of a model, compiled by ajv with formats checked. */
function nistSchema(model: 'catalog' | 'ar'): ValidateFunction {
  const file = path.join(OSCAL_SCHEMAS, `oscal-${model}_schema.json`);
  assert.ok(fs.existsSync(file), `${file} is missing: run bash workers/cli/ci-setup.sh (npm test does)`);
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv.compile(JSON.parse(fs.readFileSync(file, 'utf8')) as object);
}

type Node = {
  id?: string;
  title?: string;
  props?: { name: string; value: string; ns?: string }[];
  parts?: Node[];
  groups?: Node[];
  controls?: Node[];
  prose?: string;
  name?: string;
};

function walk(node: Node, visit: (n: Node, kind: 'group' | 'control' | 'part') => void, kind: 'group' | 'control' | 'part' = 'group'): void {
  visit(node, kind);
  for (const g of node.groups ?? []) walk(g, visit, 'group');
  for (const c of node.controls ?? []) walk(c, visit, 'control');
  for (const p of node.parts ?? []) walk(p, visit, 'part');
}

describe('OSCAL: the standard as a catalog, an evaluation as assessment results', function () {
  this.timeout(180_000);
  let work: string;
  let catalogJson: { catalog: Node & { uuid: string; metadata: { 'oscal-version': string } } };
  before(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'isccc-oscal-'));
    const r = isccc('export', 'oscal-catalog', '-o', path.join(work, 'catalog.json'));
    assert.equal(r.code, 0, r.err);
    catalogJson = JSON.parse(fs.readFileSync(path.join(work, 'catalog.json'), 'utf8')) as typeof catalogJson;
  });
  after(() => fs.rmSync(work, { recursive: true, force: true }));

  describe('isccc export oscal-catalog', () => {
    it('validates against NIST’s OSCAL 1.1.2 catalog schema, which refuses a broken copy', () => {
      const validate = nistSchema('catalog');
      assert.ok(validate(catalogJson), JSON.stringify(validate.errors?.slice(0, 5), null, 1));
      assert.equal(catalogJson.catalog.metadata['oscal-version'], '1.1.2');
      const broken = structuredClone(catalogJson) as { catalog: { groups: { controls?: { id: string }[]; groups?: unknown[] }[] } };
      broken.catalog.groups[5]!.controls![0]!.id = '6.1';
      assert.equal(validate(broken), false, 'a control id that is not a token is refused');
    });

    it('holds every clause of the catalog once, §4/annex/§6 clauses as controls, with the Chinese text verbatim and the English marked as ours', () => {
      const seen = new Map<string, 'group' | 'control' | 'part'>();
      const prose = new Map<string, string>();
      walk(catalogJson.catalog, (n, kind) => {
        if (!n.id) return;
        const clause = /^isccc-(.+?)(_(smt|ovw|itm))?$/.exec(n.id);
        if (!clause || n.id.endsWith('.en')) return;
        if (clause[2]) {
          prose.set(clause[1]!, n.prose ?? '');
          const en = n.parts?.find((p) => p.name === 'translation');
          assert.equal(en?.prose, catalog.get(clause[1]!)!.text!.en, `${n.id}: English`);
          assert.ok(en?.props?.some((p) => p.name === 'translated-by' && p.value === 'isccc-flow'));
          if (kind === 'part' && clause[2] === '_itm') seen.set(clause[1]!, 'part');
          return;
        }
        assert.ok(!seen.has(clause[1]!), `${clause[1]} appears once`);
        seen.set(clause[1]!, kind);
      });
      for (const c of catalog.all) {
        assert.ok(seen.has(c.id), `${c.label} is in the OSCAL catalog`);
        if (c.text) assert.equal(prose.get(c.id), c.text.zh, `${c.label}: Chinese text verbatim`);
        if (/^(4\.\d\.|[A-F]\d|6\.)/.test(c.id)) assert.equal(seen.get(c.id), 'control', `${c.label} is a control`);
      }
      assert.equal(seen.size, catalog.all.length);
    });

    it('groups §4 by level and §5 by annex, and props say kind, level, category and DR class', () => {
      const groups = catalogJson.catalog.groups!;
      assert.deepEqual(
        groups.map((g) => g.id),
        ['isccc-1', 'isccc-2', 'isccc-3', 'isccc-4', 'isccc-5', 'isccc-6'],
      );
      assert.deepEqual(
        groups[3]!.groups!.map((g) => g.title),
        ['4.1 三级评价要求', '4.2 二级评价要求', '4.3 一级评价要求'],
      );
      assert.deepEqual(
        groups[4]!.groups!.map((g) => g.id),
        ['isccc-A', 'isccc-B', 'isccc-C', 'isccc-D', 'isccc-E', 'isccc-F'],
      );
      let d121: Node | undefined;
      walk(catalogJson.catalog, (n) => {
        if (n.id === 'isccc-D1.2.1.a') d121 = n;
      });
      const props = (name: string) => d121!.props!.filter((p) => p.name === name).map((p) => p.value);
      assert.deepEqual(props('label'), ['D1.2.1 a)']);
      assert.deepEqual(props('kind'), ['quantitative']);
      assert.deepEqual(props('level').sort(), ['1', '2']);
      assert.deepEqual(props('category'), ['disaster-recovery']);
      assert.deepEqual(props('dr-class'), ['A']);
    });
  });

  describe('isccc check --format oscal', () => {
    for (const name of EXAMPLES) {
      it(`${name}: assessment results valid against NIST’s schema, a finding per check with its status, evidence named with its hash`, () => {
        const r = isccc('check', example(name), '--format', 'oscal');
        const json = JSON.parse(isccc('check', example(name), '--format', 'json').out) as { findings: Finding[] };
        assert.equal(r.code, json.findings.some((f) => f.status === 'fail' || f.status === 'missing-evidence') ? 1 : 0, 'the exit code is check’s');
        fs.writeFileSync(path.join(work, `${name}.ar.json`), r.out);
        const ar = JSON.parse(r.out) as { 'assessment-results': Record<string, unknown> };
        const validate = nistSchema('ar');
        assert.ok(validate(ar), JSON.stringify(validate.errors?.slice(0, 5), null, 1));
        type Obs = {
          uuid: string;
          props?: { name: string; value: string }[];
          subjects: { 'subject-uuid': string; type: string }[];
          'relevant-evidence': { href: string }[];
        };
        type Res = { uuid: string; title?: string; rlinks?: { href: string; hashes: { algorithm: string; value: string }[] }[] };
        const doc = ar['assessment-results'] as {
          results: {
            findings: {
              target: { 'target-id': string; status: { state: string } };
              props: { name: string; value: string }[];
              'related-observations': { 'observation-uuid': string }[];
            }[];
            observations: Obs[];
          }[];
          'back-matter': { resources: Res[] };
        };
        assert.equal(doc.results.length, 1, 'one result per evaluation');
        const props = (doc.results[0] as unknown as { props: { name: string; value: string }[] }).props;
        assert.equal(props.find((p) => p.name === 'evidence-root')?.value, evidenceRootOf(example(name), loadManifestFile(example(name)).manifest!));
        const [result] = doc.results;
        assert.equal(result!.findings.length, json.findings.length);
        const statements = new Set<string>();
        walk(catalogJson.catalog, (n) => n.id?.endsWith('_smt') && statements.add(n.id));
        result!.findings.forEach((f, i) => {
          const source = json.findings[i]!;
          const prop = (n: string) => f.props.find((p) => p.name === n)?.value;
          assert.equal(prop('label'), source.clauseLabel);
          assert.equal(prop('status'), source.status);
          assert.equal(prop('rule'), source.rule);
          assert.equal(f.target.status.state, source.status === 'pass' ? 'satisfied' : 'not-satisfied');
          assert.ok(statements.has(f.target['target-id']), `${f.target['target-id']} is a statement of the exported catalog`);
          const observations = new Set(result!.observations.map((o) => o.uuid));
          for (const o of f['related-observations']) assert.ok(observations.has(o['observation-uuid']));
        });
        const resources = new Map(doc['back-matter'].resources.map((x) => [x.uuid, x]));
        const manifest = loadManifestFile(example(name)).manifest!;
        const hashes = new Map(doc['back-matter'].resources.flatMap((x) => (x.rlinks ?? []).map((l) => [decodeURIComponent(l.href), l.hashes[0]!.value])));
        assert.equal(hashes.get('manifest.isccc.yaml'), sha256sum(example(name)), 'the manifest, with its hash');
        for (const e of manifest.evidence) assert.equal(hashes.get(e.path), e.sha256, `${e.path} with its SHA-256`);
        const manifestUuid = doc['back-matter'].resources.find((x) => x.title === 'manifest.isccc.yaml')!.uuid;
        for (const o of result!.observations) {
          assert.deepEqual(
            o.subjects.map((s) => [s['subject-uuid'], s.type]),
            [[manifestUuid, 'resource']],
            'the manifest is the subject',
          );
          for (const e of o['relevant-evidence']) assert.ok(resources.has(e.href.slice(1)), `${e.href} is a back-matter resource`);
        }
      });
    }

    it('compliance-trestle imports the catalog and all five assessment results and validates them without a warning', () => {
      const project = path.join(work, 'trestle');
      fs.mkdirSync(project);
      const init = trestle(['init'], project);
      assert.equal(init.code, 0, init.err);
      const imported = [trestle(['import', '-f', path.join(work, 'catalog.json'), '-o', 'isccc-sv-001-2015'], project)];
      for (const name of EXAMPLES) imported.push(trestle(['import', '-f', path.join(work, `${name}.ar.json`), '-o', name], project));
      for (const r of imported) assert.equal(r.code, 0, r.out + r.err);
      const v = trestle(['validate', '-a'], project);
      const output = v.out + v.err;
      assert.equal(v.code, 0, output);
      assert.equal((output.match(/^VALID: Model .* passed the Validator/gm) ?? []).length, 1 + EXAMPLES.length, output);
      assert.doesNotMatch(output, /WARNING|INVALID|ERROR/);
    });
  });

  it('evidence outside the folder, missing or changed is observed as such, never read, and the document stays valid', () => {
    const dir = fs.mkdtempSync(path.join(work, 'hostile-'));
    fs.cpSync(path.dirname(example('risk-assessment-l3-pass')), dir, { recursive: true });
    const file = path.join(dir, 'manifest.isccc.yaml');
    fs.appendFileSync(path.join(dir, 'evidence', 'office-lease.md'), 'amended');
    fs.writeFileSync(
      file,
      fs
        .readFileSync(file, 'utf8')
        .replace(
          'evidence:\n',
          `evidence:\n  - { path: ../outside.md, sha256: "${'0'.repeat(64)}", type: other, supports: ["4.1.3"] }\n  - { path: evidence/gone.md, sha256: "${'1'.repeat(64)}", type: other, supports: ["4.1.3"] }\n`,
        ),
    );
    const r = isccc('check', file, '--format', 'oscal');
    assert.equal(r.code, 1);
    const ar = JSON.parse(r.out) as {
      'assessment-results': {
        results: { observations: { title: string; props?: { name: string; value: string }[] }[] }[];
        'back-matter': { resources: { title: string; rlinks?: { hashes?: unknown[] }[] }[] };
      };
    };
    const validate = nistSchema('ar');
    assert.ok(validate(ar), JSON.stringify(validate.errors?.slice(0, 5), null, 1));
    const observed = (title: string) =>
      ar['assessment-results'].results[0]!.observations.find((o) => o.title === title)!.props!.map((p) => `${p.name}=${p.value}`);
    assert.deepEqual(observed('../outside.md'), ['sha256=unread', 'integrity=outside-workspace']);
    assert.deepEqual(observed('evidence/gone.md'), ['sha256=unread', 'integrity=missing']);
    assert.deepEqual(observed('办公场所租赁合同'), [`sha256=${sha256sum(path.join(dir, 'evidence', 'office-lease.md'))}`, 'integrity=hash-mismatch']);
    const outside = ar['assessment-results']['back-matter'].resources.find((x) => x.title === '../outside.md')!;
    assert.equal(outside.rlinks![0]!.hashes, undefined, 'no hash is claimed for a file that was not read');
  });

  it('check --format oscal on a bad manifest is bad input like any format: exit 2, file:line:col', () => {
    const r = isccc('check', path.join(cliRoot, 'test', 'fixtures', 'bad', 'huge-number.isccc.yaml'), '--format', 'oscal');
    assert.equal(r.code, 2);
    assert.equal(r.out, '');
    assert.match(r.err, /huge-number\.isccc\.yaml:34:17: error \[schema\/invalid-value\] people\.serviceStaff must be <= 1000000/);
  });

  it('export rejects an unknown kind of document', () => {
    const r = isccc('export', 'oscal-profile');
    assert.equal(r.code, 2);
    assert.match(r.err, /export takes one kind of document: oscal-catalog\nusage:/);
  });
});
