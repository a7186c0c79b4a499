import fs from 'node:fs';
import { readInputFile } from './input-file.js';
import { type Catalog, loadCatalog } from '../catalog/catalog.js';
import { normaliseName, PersonIndex } from '../facts/persons.js';
import { MESSAGES } from '../messages.js';
import { validateSource } from '../schema/validator.js';
import type { Text } from '../vocabulary/text.js';
import { quote } from './text-format.js';
import type { Manifest } from './types.js';
import { boundProblems, formatPath, type InputProblem, type JsonPath, MAX_INPUT_BYTES, oversizeProblem, wording, YamlSource } from './yaml-source.js';

export interface ParsedManifest {
  source: YamlSource;
  /** Present only when there are no problems. */
  manifest?: Manifest;
  problems: InputProblem[];
}

/**
 * YAML → schema (real dates included) → semantic checks (known clause ids, who the people named are). Never throws.
 * `previous`, the source of the text before an edit, lets an edit of one value reuse its parse (and is spent).
 */
export function parseManifest(text: string, file: string, catalog: Catalog = loadCatalog(), previous?: YamlSource): ParsedManifest {
  const source = previous ? YamlSource.reparse(previous, file, text) : YamlSource.parse(file, text);
  if (!source.ok) return { source, problems: source.problems };
  const data = source.toData();
  const problems = validateSource('manifest', source, data);
  if (problems.length > 0) return { source, problems };
  problems.push(...boundProblems(file, semanticProblems(source, data as Manifest, catalog)));
  return problems.length > 0 ? { source, problems } : { source, manifest: data as Manifest, problems };
}

export function loadManifestFile(file: string, catalog?: Catalog): ParsedManifest {
  const input = readInputFile(file, { maxBytes: MAX_INPUT_BYTES });
  if (input.ok) return parseManifest(input.text, file, catalog);
  if (input.problem === 'too-large') {
    // Read just past the limit: enough to say where it is exceeded without loading a huge file.
    const prefix = readPrefix(file, MAX_INPUT_BYTES + 4096);
    return { source: YamlSource.parse(file, ''), problems: [oversizeProblem(file, prefix, input.size ?? 0)] };
  }
  const problem: InputProblem = {
    file,
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    field: '',
    code: input.problem === 'not-a-file' ? 'input/not-a-file' : 'input/unreadable',
    ...wording(MESSAGES[input.problem === 'not-a-file' ? 'input.not-a-file' : 'input.unreadable']({ detail: input.detail })),
  };
  return { source: YamlSource.parse(file, ''), problems: [problem] };
}

function readPrefix(file: string, bytes: number): string {
  const fd = fs.openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const read = fs.readSync(fd, buffer, 0, bytes, 0);
    return buffer.subarray(0, read).toString('utf8');
  } finally {
    fs.closeSync(fd);
  }
}

function semanticProblems(source: YamlSource, manifest: Manifest, catalog: Catalog): InputProblem[] {
  const problems: InputProblem[] = [];
  const at = (path: JsonPath, code: string, text: Text, clause?: string): void => {
    problems.push({ file: source.file, range: source.rangeOf(path), field: formatPath(path), code, ...wording(text), ...(clause ? { clause } : {}) });
  };
  manifest.evidence.forEach((entry, i) => {
    entry.supports.forEach((id, j) => {
      if (!catalog.has(id)) {
        at(['evidence', i, 'supports', j], 'manifest/unknown-clause', MESSAGES['clause.unknown']({ quoted: quote(id), edition: catalog.edition }), id);
      } else if (catalog.get(id)!.kind === 'group' || catalog.get(id)!.kind === 'informative') {
        const items = catalog.children(catalog.get(id)!.id).map((c) => c.label);
        at(['evidence', i, 'supports', j], 'manifest/heading-clause', MESSAGES['manifest.heading-clause']({ label: catalog.get(id)!.label, items }), id);
      }
    });
  });
  const drClassOutsideDr = (path: JsonPath) => at(path, 'manifest/dr-class', MESSAGES['manifest.dr-class']());
  if (manifest.application.drClass && manifest.application.category !== 'disaster-recovery') drClassOutsideDr(['application', 'drClass']);
  (manifest.application.certificatesHeld ?? []).forEach((c, i) => {
    if (c.drClass && c.category !== 'disaster-recovery') drClassOutsideDr(['application', 'certificatesHeld', i, 'drClass']);
  });
  manifest.projects.forEach((p, i) => {
    if (p.drClass && p.category !== 'disaster-recovery') drClassOutsideDr(['projects', i, 'drClass']);
    if (p.start && p.end && p.end < p.start)
      at(['projects', i, 'end'], 'manifest/date-order', MESSAGES['manifest.project-date-order']({ project: quote(p.id), start: p.start, end: p.end }));
    if (p.trialRun && p.trialRun.end < p.trialRun.start)
      at(['projects', i, 'trialRun', 'end'], 'manifest/date-order', MESSAGES['manifest.trial-run-date-order']({ project: quote(p.id) }));
  });
  const { serviceStaff, technicalServiceStaff } = manifest.people;
  if (technicalServiceStaff !== undefined && technicalServiceStaff > serviceStaff) {
    at(
      ['people', 'technicalServiceStaff'],
      'manifest/staff-count',
      MESSAGES['manifest.staff-count']({ technical: technicalServiceStaff, service: serviceStaff }),
    );
  }
  problems.push(...personProblems(source, manifest));
  return problems;
}

/** Entries naming people must say unambiguously whom they name (counts of people depend on it). */
function personProblems(source: YamlSource, manifest: Manifest): InputProblem[] {
  const problems: InputProblem[] = [];
  const at = (path: JsonPath, code: string, text: Text): void => {
    problems.push({ file: source.file, range: source.rangeOf(path), field: formatPath(path), code, ...wording(text) });
  };
  const staff = manifest.people.staff ?? [];
  const seen = new Map<string, number>();
  staff.forEach((record, i) => {
    const first = seen.get(record.id);
    if (first === undefined) seen.set(record.id, i);
    else at(['people', 'staff', i, 'id'], 'manifest/duplicate-person-id', MESSAGES['manifest.duplicate-person-id']({ quoted: quote(record.id), first }));
  });
  const index = new PersonIndex(staff);
  for (const list of ['certifiedStaff', 'projectManagers'] as const) {
    (manifest.people[list] ?? []).forEach((entry, i) => {
      const where: JsonPath = ['people', list, i];
      if (entry.person !== undefined) {
        const record = index.record(entry.person);
        if (!record) {
          at(
            [...where, 'person'],
            'manifest/unknown-person',
            MESSAGES['manifest.unknown-person']({ quoted: quote(entry.person), ids: staff.map((r) => r.id) }),
          );
        } else if (normaliseName(record.name) !== normaliseName(entry.name)) {
          const names = { name: quote(entry.name), person: quote(entry.person), recorded: quote(record.name) };
          at([...where, 'name'], 'manifest/person-name', MESSAGES['manifest.person-name'](names));
        }
      } else {
        const candidates = index.candidates(entry.name);
        if (candidates.length > 1) {
          const ids = candidates.map((r) => r.id);
          at([...where, 'name'], 'manifest/ambiguous-person', MESSAGES['manifest.ambiguous-person']({ name: quote(entry.name), ids }));
        }
      }
    });
  }
  return problems;
}
