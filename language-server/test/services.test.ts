/**
 * The services called in-process on a parsed manifest or rule file: plain data in and out, no
 * connection, no LSP types (the stdio tests check the same features through the protocol).
 */
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { evidenceIndex, loadCatalog } from '@isccc/rules';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyseManifest, analyseRules, type ManifestAnalysis, type RulesAnalysis } from '../src/documents/analysis.js';
import { evidenceRootOf } from '../src/documents/evidence-root.js';
import { quickFixes } from '../src/services/code-actions.js';
import { codeLenses } from '../src/services/code-lens.js';
import { complete } from '../src/services/completion.js';
import { definition } from '../src/services/definition.js';
import { evidenceRoot } from '../src/services/evidence-root.js';
import { type FindingData, manifestDiagnostics, rulesDiagnostics } from '../src/services/diagnostics.js';
import { hover } from '../src/services/hover.js';
import { buildReport, buildSummary } from '../src/services/report.js';
import { documentSymbols } from '../src/services/symbols.js';
import { RulebookService } from '../src/workspace/rulebook-service.js';
import { DEFAULT_SETTINGS, type Settings } from '../src/workspace/settings.js';
import { copyExample, locate, REPO } from './support/client.js';

const SHIPPED_RULE = path.join(REPO, 'rules', 'rulebooks', 'isccc-sv-001-2015', 'service-staff.rules.yaml');

describe('language server services, in process', function () {
  const catalog = loadCatalog();
  let dir: string;
  let file: string;
  let text: string;
  let rulebooks: RulebookService;

  before(function () {
    dir = copyExample('risk-assessment-l3-pass');
    file = path.join(dir, 'manifest.isccc.yaml');
    text = fs.readFileSync(file, 'utf8');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  beforeEach(() => {
    rulebooks = new RulebookService(catalog);
  });

  const manifest = (content = text, settings: Partial<Settings> = {}): ManifestAnalysis =>
    analyseManifest(TextDocument.create(pathToFileURL(file).href, 'yaml', 1, content), catalog, rulebooks.get().rulebook, { ...DEFAULT_SETTINGS, ...settings });
  const ruleFile = (content: string, name = 'staff.rules.yaml'): RulesAnalysis => {
    const at = path.join(dir, name);
    rulebooks.setOpen(at, content);
    return analyseRules(TextDocument.create(pathToFileURL(at).href, 'yaml', 1, content), catalog);
  };
  /** `needle`'s position, moved `by` characters along its line. */
  const at = (content: string, needle: string, by = 0) => {
    const p = locate(content, needle);
    return { line: p.line, character: p.character + by };
  };
  const applyEdits = (
    content: string,
    edits: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[],
  ) => TextDocument.applyEdits(TextDocument.create('file:///x', 'yaml', 1, content), edits);

  describe('diagnostics', function () {
    it('finds nothing in the passing example, which is evaluated', function () {
      const analysis = manifest();
      assert.ok(analysis.evaluation, analysis.failure);
      assert.deepEqual(manifestDiagnostics(analysis, rulebooks, 'en'), []);
    });

    it('puts a failed rule on the value with its clause, doc page, rule check and finding data', function () {
      const content = text.replace('serviceStaff: 14', 'serviceStaff: 5');
      const [staff, ...others] = manifestDiagnostics(manifest(content), rulebooks, 'en');
      assert.equal(others.length, 0, JSON.stringify(others));
      assert.equal(staff!.code, 'isccc/service-staff');
      assert.equal(staff!.severity, 'error');
      assert.deepEqual(staff!.range, { start: at(content, 'serviceStaff: 5', 14), end: at(content, 'serviceStaff: 5', 15) });
      assert.match(staff!.message, /^4\.1\.4 d\).*≥10 service staff, manifest lists 5/);
      assert.match(staff!.docUrl!, /service-staff\.md$/);
      const rule = staff!.related!.find((r) => r.location.uri === pathToFileURL(SHIPPED_RULE).href);
      assert.ok(rule && rule.location.range.start.line > 0, JSON.stringify(staff!.related));
      const data = staff!.data as FindingData;
      assert.deepEqual([data.clause, data.status, data.actual, data.expected], ['4.1.4.d', 'fail', 5, 10]);
    });

    it('warns on a clause of another category in supports, where it is written, without failing anything', function () {
      const content = text.replace('supports: ["A1.3.3 a)", "A1.3.3 b)", "A1"]', 'supports: ["A1.3.3 a)", "A1.3.3 b)", "A1", "B1.1.1 a)"]');
      assert.notEqual(content, text);
      const diagnostics = manifestDiagnostics(manifest(content), rulebooks, 'en');
      assert.deepEqual(
        diagnostics.map((d) => [d.severity, (d.data as FindingData).clause]),
        [['warning', 'B1.1.1.a']],
      );
      assert.match(diagnostics[0]!.message, /B1\.1\.1 a\) belongs to security integration \(annex B\).*will not count/);
      assert.equal(diagnostics[0]!.range.start.line, at(content, '"B1.1.1 a)"').line);
    });

    it('follows the settings: Chinese messages, another target level', function () {
      const content = text.replace('serviceStaff: 14', 'serviceStaff: 5');
      const [zh] = manifestDiagnostics(manifest(content, { language: 'zh' }), rulebooks, 'zh');
      assert.match(zh!.message, /4\.1\.4 d\) 要求从事信息安全服务人员10名以上，清单列出 5 名/);
      const level2 = manifestDiagnostics(manifest(text, { targetLevel: 2 }), rulebooks, 'en').find((d) => d.code === 'isccc/service-staff');
      assert.match(level2!.message, /4\.2\.4 d\).*≥30/);
    });

    it('reports an input problem on its field and does not evaluate', function () {
      const analysis = manifest(text.replace('serviceStaff: 14', 'serviceStaff: many'));
      assert.equal(analysis.evaluation, undefined);
      const diagnostics = manifestDiagnostics(analysis, rulebooks, 'en');
      assert.deepEqual(
        diagnostics.map((d) => [d.code, d.severity]),
        [['schema/invalid-value', 'error']],
      );
      assert.equal((diagnostics[0]!.data as { field: string }).field, 'people.serviceStaff');
    });

    it('checks a rule file: unknown clause ids, and clauses no rule covers as information', function () {
      const ruleText = fs.readFileSync(SHIPPED_RULE, 'utf8');
      const unknown = ruleText.replace('clause: 4.2.4.d', 'clause: 4.2.9.z');
      const problems = rulesDiagnostics(ruleFile(unknown), rulebooks.get(), 'en');
      const clause = problems.find((d) => d.code === 'rules/unknown-clause');
      assert.equal(clause?.range.start.line, locate(unknown, '4.2.9.z').line, JSON.stringify(problems));

      const fewer = ruleText.replace(/ {6}- clause: 4\.1\.4\.d\n {8}expected: 10\n?/, '');
      const uncovered = rulesDiagnostics(ruleFile(fewer), rulebooks.get(), 'en');
      assert.deepEqual(
        uncovered.map((d) => [d.code, d.severity, d.data]),
        [['rules/uncovered-clause', 'info', { clause: '4.1.4.d' }]],
      );
      assert.match(uncovered[0]!.message, /^clause 4\.1\.4 d\) /);
      assert.equal(uncovered[0]!.range.start.line, locate(fewer, 'rules:').line, 'on the rules key');
    });
  });

  describe('hover', function () {
    it('shows a clause id’s text zh and en, levels and kind, over the whole scalar', function () {
      const found = hover(manifest(), at(text, '"4.1.3"', 2), catalog, 'en');
      assert.match(found!.markdown, /\*\*4\.1\.3\*\*/);
      assert.match(found!.markdown, /[\u4e00-\u9fff]/);
      assert.match(found!.markdown, /Levels: level 3.*Kind: evidence/);
      assert.deepEqual(found!.range, { start: at(text, '"4.1.3"'), end: at(text, '"4.1.3"', 7) });
    });

    it('shows a finding’s actual and required values on the value, and the schema description on the key', function () {
      const content = text.replace('serviceStaff: 14', 'serviceStaff: 5');
      const analysis = manifest(content);
      assert.match(
        hover(analysis, at(content, 'serviceStaff: 5', 14), catalog, 'en')!.markdown,
        /`isccc\/service-staff` — 4\.1\.4 d\) fails: actual \*\*5\*\*, required \*\*10\*\*/,
      );
      const onKey = hover(analysis, at(content, 'serviceStaff: 5', 3), catalog, 'en')!.markdown;
      assert.match(onKey, /^`people\.serviceStaff` — /);
      assert.doesNotMatch(onKey, /actual/);
    });

    it('has nothing to say between a key and its value', function () {
      assert.equal(hover(manifest(), at(text, 'isccc: manifest/v1', 6), catalog, 'en'), null);
    });
  });

  describe('completion', function () {
    it('offers the schema’s enum values, and keys not yet present', function () {
      const content = text
        .replace('  category: risk-assessment\n', '  category: \n')
        .replace('  serviceSince: 2019-09-01\n', '  serviceSince: 2019-09-01\n  \n');
      const analysis = manifest(content);
      const values = complete(analysis, at(content, '  category: \n', 12), catalog, 'en');
      assert.deepEqual(
        values.map((c) => c.label),
        ['risk-assessment', 'security-integration', 'emergency-response', 'disaster-recovery', 'software-security-development', 'security-operations'],
      );
      assert.ok(values.every((c) => c.kind === 'value'));
      const keys = complete(analysis, { line: locate(content, '  serviceSince: 2019-09-01\n').line + 1, character: 2 }, catalog, 'en');
      const drClass = keys.find((c) => c.label === 'drClass');
      assert.deepEqual([drClass?.kind, drClass?.insertText], ['key', 'drClass: ']);
      assert.ok(!keys.some((c) => c.label === 'category' || c.label === 'level'), 'present keys are not offered again');
    });

    it('offers clause ids with their labels in supports, and evidence files for path', function () {
      const analysis = manifest();
      const clauses = complete(analysis, at(text, 'supports: ["4.1.3"]', 'supports: ["'.length), catalog, 'en');
      const staff = clauses.find((c) => c.label === '4.2.4.d');
      assert.equal(staff?.kind, 'clause');
      assert.match(String(staff?.detail), /^4\.2\.4 d\)/);
      assert.equal(staff?.documentation?.kind, 'markdown');
      const files = complete(analysis, at(text, 'path: evidence/business-licence.md', 'path: '.length), catalog, 'en');
      assert.ok(
        files.some((c) => c.label === 'evidence/business-licence.md' && c.kind === 'file'),
        JSON.stringify(files),
      );
      assert.ok(!files.some((c) => c.label === 'manifest.isccc.yaml'), 'not the manifest itself');
    });
  });

  describe('code actions', function () {
    it('sets sha256 to the file’s current digest, which clears the finding', function () {
      const evidence = path.join(dir, 'evidence', 'audit-2024.md');
      const original = fs.readFileSync(evidence);
      fs.appendFileSync(evidence, 'amended\n');
      try {
        const diagnostics = manifestDiagnostics(manifest(), rulebooks, 'en');
        const mismatch = diagnostics.find((d) => d.code === 'isccc/evidence-integrity')!;
        const [fix, ...more] = quickFixes(manifest(), [mismatch]);
        assert.equal(more.length, 0);
        assert.match(fix!.title, /sha256/);
        assert.equal(fix!.diagnostic, mismatch, 'the fix names the diagnostic it fixes');
        assert.deepEqual(fix!.edits, [{ range: mismatch.range, newText: crypto.createHash('sha256').update(fs.readFileSync(evidence)).digest('hex') }]);
        assert.deepEqual(manifestDiagnostics(manifest(applyEdits(text, fix!.edits)), rulebooks, 'en'), []);
      } finally {
        fs.writeFileSync(evidence, original);
      }
    });

    it('offers nothing for a sha256 finding whose data carries no digest', function () {
      const range = { start: at(text, 'sha256: cdd5', 8), end: at(text, 'sha256: cdd5', 72) };
      assert.deepEqual(quickFixes(manifest(), [{ range, code: 'isccc/evidence-integrity', data: { path: 'evidence[0].sha256', actual: 'not a digest' } }]), []);
    });

    it('adds an evidence entry stub for a clause without evidence', function () {
      const content = text.replace('    supports: ["4.1.3"]', '    supports: ["4.1.1"]');
      const missing = manifestDiagnostics(manifest(content), rulebooks, 'en').find((d) => (d.data as FindingData | undefined)?.status === 'missing-evidence')!;
      const fix = quickFixes(manifest(content), [missing]).find((f) => /Add an evidence entry for 4\.1\.3/.test(f.title));
      assert.ok(fix, JSON.stringify(missing));
      assert.match(
        applyEdits(content, fix.edits),
        /\n {2}- path: evidence\/TODO-4\.1\.3\.md\n {4}sha256: "0{64}"\n {4}type: other\n {4}supports: \["4\.1\.3"\]\n?$/,
      );
    });

    it('adds a missing required field with a schema-valid placeholder', function () {
      const content = text.replace('  serviceStaff: 14\n', '');
      const missing = manifestDiagnostics(manifest(content), rulebooks, 'en').find((d) => d.code === 'schema/missing-field')!;
      const [fix] = quickFixes(manifest(content), [missing]);
      assert.equal(fix?.title, 'Add missing field "serviceStaff"');
      const fixed = applyEdits(content, fix.edits);
      assert.match(fixed, /\n {2}serviceStaff: 0\n/);
      assert.ok(manifest(fixed).evaluation, 'the fixed manifest has no input problem left');
    });
  });

  describe('code lens', function () {
    it('shows the qualifying level and the next level’s gaps above application:, opening the report', function () {
      const all = codeLenses(manifest(), 'en');
      // First the evidence root's lens, at the top: in process no evaluation thread has hashed the evidence yet.
      assert.deepEqual([all[0]!.title, all[0]!.command, all[0]!.range.start], ['ISCCC evidence root: computing…', '', { line: 0, character: 0 }]);
      const lenses = all.slice(1);
      assert.deepEqual(
        lenses.map((l) => l.title.split(':')[0]),
        ['ISCCC', 'level 2 still needs'],
      );
      assert.equal(lenses[0]!.title, 'ISCCC: qualifies for level 3');
      assert.match(lenses[1]!.title, /^level 2 still needs: 4\.2\.1, 4\.2\.3, 4\.2\.4 d\)/);
      for (const lens of lenses) {
        assert.deepEqual([lens.command, lens.arguments], ['isccc.showReport', [pathToFileURL(file).href]]);
        assert.deepEqual(lens.range.start, at(text, 'application:'));
      }
    });

    it('asks for the input problems to be fixed first, with no command', function () {
      const lenses = codeLenses(manifest(text.replace('serviceStaff: 14', 'serviceStaff: many')), 'en');
      assert.deepEqual(
        lenses.map((l) => [l.title, l.command]),
        [['ISCCC: fix 1 input problem to evaluate', '']],
      );
    });
  });

  describe('symbols', function () {
    it('outlines keys, and list items by their id', function () {
      const outline = documentSymbols(manifest());
      assert.deepEqual(outline.map((s) => s.name).slice(0, 4), ['isccc', 'edition', 'organisation', 'application']);
      assert.deepEqual([outline[0]!.kind, outline[0]!.detail], ['field', 'manifest/v1']);
      const projects = outline.find((s) => s.name === 'projects')!;
      assert.equal(projects.kind, 'array');
      assert.deepEqual(
        projects.children.map((c) => [c.name, c.kind]),
        [
          ['MH-2025-07', 'object'],
          ['MH-2026-02', 'object'],
        ],
      );
      assert.equal(projects.children[0]!.range.start.line, locate(text, '- id: MH-2025-07').line);
    });
  });

  describe('definition', function () {
    it('goes from a clause id to its catalog entry and the rule checks of that clause', function () {
      const content = text.replace('supports: ["4.1.3"]', 'supports: ["4.1.3", "4.1.4.d"]');
      const locations = definition(manifest(content), at(content, '"4.1.4.d"', 3), catalog, rulebooks);
      const entry = locations.find((l) => /\/catalog\/isccc-sv-001-2015\/[^/]+\.yaml$/.test(l.uri));
      assert.ok(entry, JSON.stringify(locations));
      const catalogLine = fs.readFileSync(new URL(entry.uri), 'utf8').split('\n')[entry.range.start.line];
      assert.match(catalogLine!, /^- id:\s*["']?4\.1\.4\.d/);
      assert.ok(locations.some((l) => l.uri === pathToFileURL(SHIPPED_RULE).href && l.range.start.line > 0));
    });

    it('has no definition for a value that is not a clause id', function () {
      assert.deepEqual(definition(manifest(), at(text, 'risk-assessment\n', 3), catalog, rulebooks), []);
    });
  });

  describe('report and summary', function () {
    it('groups every finding, passes included, by clause; the summary counts what the diagnostics show', function () {
      const analysis = manifest();
      const report = buildReport(analysis, catalog, 'en');
      assert.equal(report.qualifyingLevel, 3);
      assert.deepEqual(report.problems, []);
      const staff = report.clauses.find((c) => c.clause === '4.1.4.d');
      assert.deepEqual([staff?.label, staff?.findings[0]?.ruleId, staff?.findings[0]?.status], ['4.1.4 d)', 'isccc/service-staff', 'pass']);
      assert.deepEqual(staff?.findings[0]?.range, { start: at(text, 'serviceStaff: 14', 14), end: at(text, 'serviceStaff: 14', 16) });
      assert.equal(new Set(report.clauses.map((c) => c.clause)).size, report.clauses.length, 'one entry per clause');
      const summary = buildSummary(analysis, 'en');
      assert.deepEqual([summary.qualifyingLevel, summary.findingCount, summary.next?.level], [3, 0, 2]);
      assert.ok(
        summary.next!.blocking.some((b) => b.label === '4.2.4 d)'),
        JSON.stringify(summary.next),
      );
    });

    it('shows a failure in the report and the summary, and input problems instead of findings', function () {
      const failing = manifest(text.replace('serviceStaff: 14', 'serviceStaff: 5'));
      const staff = buildReport(failing, catalog, 'en').clauses.find((c) => c.clause === '4.1.4.d');
      assert.deepEqual(
        staff?.findings.map((f) => [f.status, f.actual, f.expected]),
        [['fail', 5, 10]],
      );
      const summary = buildSummary(failing, 'en');
      assert.equal(summary.findingCount, manifestDiagnostics(failing, rulebooks, 'en').length);
      assert.equal(summary.qualifyingLevel, null);

      const broken = manifest(text.replace('serviceStaff: 14', 'serviceStaff: many'));
      const report = buildReport(broken, catalog, 'zh');
      assert.deepEqual([report.clauses, report.qualifyingLevel, report.target], [[], null, null]);
      assert.deepEqual(
        report.problems.map((p) => p.code),
        ['schema/invalid-value'],
      );
      assert.match(report.problems[0]!.message, /必须是整数/);
      assert.equal(buildSummary(broken, 'en').findingCount, 1);
    });
  });

  describe('evidence root', function () {
    /** The analysis with the evidence root the evaluation thread would attach. */
    const rooted = (content = text) => {
      const analysis = manifest(content);
      analysis.evidence = evidenceRootOf(analysis.parsed.manifest!, file, content);
      return analysis;
    };

    it('is the root of evidenceIndex over the saved file (the function isccc packet uses), copied in full by the lens at the top', function () {
      const analysis = rooted();
      const expected = evidenceIndex({ manifest: analysis.parsed.manifest!, manifestFile: file });
      const root = evidenceRoot(analysis, 'en');
      assert.deepEqual(root, {
        state: 'ready',
        root: expected.root,
        files: expected.entries.length,
        bytes: expected.entries.reduce((sum, e) => sum + e.size, 0),
        unsaved: false,
      });
      const lens = codeLenses(analysis, 'en')[0]!;
      assert.deepEqual(
        [lens.range.start, lens.title, lens.command, lens.arguments],
        [
          { line: 0, character: 0 },
          `ISCCC evidence root: ${expected.root.slice(0, 12)}… (${expected.entries.length} files)`,
          'isccc.copyEvidenceRoot',
          [expected.root],
        ],
      );
    });

    it('hashes the file as it is on disk when it holds the editor’s text behind a byte-order mark', function () {
      const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
      fs.writeFileSync(file, bom);
      try {
        const analysis = rooted();
        const root = evidenceRoot(analysis, 'en');
        assert.ok(root.state === 'ready' && !root.unsaved, JSON.stringify(root));
        assert.equal(root.root, evidenceIndex({ manifest: analysis.parsed.manifest!, manifestFile: file }).root);
        assert.notEqual(root.root, evidenceIndex({ manifest: analysis.parsed.manifest!, manifestFile: file, manifestText: text }).root);
      } finally {
        fs.writeFileSync(file, text);
      }
    });

    it('is the root of the editor’s text when the file differs, marked unsaved', function () {
      const edited = `# a comment not saved yet\n${text}`;
      const root = evidenceRoot(rooted(edited), 'en');
      const expected = evidenceIndex({ manifest: manifest(edited).parsed.manifest!, manifestFile: file, manifestText: edited });
      assert.ok(root.state === 'ready');
      assert.deepEqual([root.root, root.unsaved], [expected.root, true]);
    });

    it('puts a hash mismatch on the entry’s sha256, and words it in the configured language', function () {
      const digest = /sha256: ([0-9a-f]{64})/.exec(text)![1]!;
      // The SHA-256 of an empty file, which the listed document is not.
      const empty = crypto.createHash('sha256').digest('hex');
      const edited = text.replace(digest, empty);
      const root = evidenceRoot(rooted(edited), 'zh');
      assert.ok(root.state === 'unusable', JSON.stringify(root));
      assert.deepEqual(
        root.problems.map((p) => [p.problem, p.range.start]),
        [['hash-mismatch', at(edited, empty)]],
      );
      assert.equal(root.problems[0]!.message, `SHA-256 不符：清单为 ${empty}，文件为 ${digest}`);
    });
  });
});
