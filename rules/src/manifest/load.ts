import fs from 'node:fs';
import { readInputFile } from './input-file.js';
import { type Catalog, loadCatalog } from '../catalog/catalog.js';
import { normaliseName, PersonIndex } from '../facts/persons.js';
import { validateSource } from '../schema/validator.js';
import type { Manifest } from './types.js';
import { boundProblems, formatPath, type InputProblem, type JsonPath, MAX_INPUT_BYTES, oversizeProblem, quote, YamlSource } from './yaml-source.js';

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
    message: `cannot read the file: ${input.detail}`,
    zh: input.problem === 'not-a-file' ? '无法读取：不是普通文件（目录、管道或设备）' : `无法读取文件：${input.detail}`,
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
  const at = (path: JsonPath, code: string, message: string, zh: string, clause?: string): void => {
    problems.push({ file: source.file, range: source.rangeOf(path), field: formatPath(path), code, message, zh, ...(clause ? { clause } : {}) });
  };
  manifest.evidence.forEach((entry, i) => {
    entry.supports.forEach((id, j) => {
      if (!catalog.has(id)) {
        at(
          ['evidence', i, 'supports', j],
          'manifest/unknown-clause',
          `unknown clause id ${quote(id)} (not in the ${catalog.edition} catalog)`,
          `未知条款编号 ${quote(id)}（${catalog.edition} 中没有）`,
          id,
        );
      } else if (catalog.get(id)!.kind === 'group' || catalog.get(id)!.kind === 'informative') {
        const kids = catalog.children(catalog.get(id)!.id).map((c) => c.label);
        const list = kids.length ? ` (${kids.slice(0, 6).join(', ')}${kids.length > 6 ? ', …' : ''})` : '';
        at(
          ['evidence', i, 'supports', j],
          'manifest/heading-clause',
          `clause ${catalog.get(id)!.label} is a heading; name its items instead${list}`,
          `条款 ${catalog.get(id)!.label} 是标题，请改为列出其下的条目${list}`,
          id,
        );
      }
    });
  });
  const drClassOutsideDr = (path: JsonPath) =>
    at(path, 'manifest/dr-class', 'drClass applies only to the disaster-recovery category (annex D)', 'drClass 仅适用于灾难备份与恢复类别（附录 D）');
  if (manifest.application.drClass && manifest.application.category !== 'disaster-recovery') drClassOutsideDr(['application', 'drClass']);
  (manifest.application.certificatesHeld ?? []).forEach((c, i) => {
    if (c.drClass && c.category !== 'disaster-recovery') drClassOutsideDr(['application', 'certificatesHeld', i, 'drClass']);
  });
  manifest.projects.forEach((p, i) => {
    if (p.drClass && p.category !== 'disaster-recovery') drClassOutsideDr(['projects', i, 'drClass']);
    if (p.start && p.end && p.end < p.start)
      at(
        ['projects', i, 'end'],
        'manifest/date-order',
        `project ${quote(p.id)} ends (${p.end}) before it starts (${p.start})`,
        `项目 ${quote(p.id)} 的结束日期（${p.end}）早于开始日期（${p.start}）`,
      );
    if (p.trialRun && p.trialRun.end < p.trialRun.start)
      at(
        ['projects', i, 'trialRun', 'end'],
        'manifest/date-order',
        `trial run of project ${quote(p.id)} ends before it starts`,
        `项目 ${quote(p.id)} 的试运行结束早于开始`,
      );
  });
  const { serviceStaff, technicalServiceStaff } = manifest.people;
  if (technicalServiceStaff !== undefined && technicalServiceStaff > serviceStaff) {
    at(
      ['people', 'technicalServiceStaff'],
      'manifest/staff-count',
      `technicalServiceStaff (${technicalServiceStaff}) exceeds serviceStaff (${serviceStaff}): technical service staff are among the service staff`,
      `technicalServiceStaff（${technicalServiceStaff}）多于 serviceStaff（${serviceStaff}）：信息安全技术服务人员包含在从事信息安全服务人员之内`,
    );
  }
  problems.push(...personProblems(source, manifest));
  return problems;
}

/** Entries naming people must say unambiguously whom they name (counts of people depend on it). */
function personProblems(source: YamlSource, manifest: Manifest): InputProblem[] {
  const problems: InputProblem[] = [];
  const at = (path: JsonPath, code: string, message: string, zh: string): void => {
    problems.push({ file: source.file, range: source.rangeOf(path), field: formatPath(path), code, message, zh });
  };
  const staff = manifest.people.staff ?? [];
  const seen = new Map<string, number>();
  staff.forEach((record, i) => {
    const first = seen.get(record.id);
    if (first === undefined) seen.set(record.id, i);
    else
      at(
        ['people', 'staff', i, 'id'],
        'manifest/duplicate-person-id',
        `person id ${quote(record.id)} is already used by people.staff[${first}]`,
        `人员编号 ${quote(record.id)} 已被 people.staff[${first}] 使用`,
      );
  });
  const index = new PersonIndex(staff);
  for (const list of ['certifiedStaff', 'projectManagers'] as const) {
    (manifest.people[list] ?? []).forEach((entry, i) => {
      const where: JsonPath = ['people', list, i];
      if (entry.person !== undefined) {
        const record = index.record(entry.person);
        if (!record) {
          const known = staff
            .slice(0, 8)
            .map((r) => r.id)
            .join(', ');
          at(
            [...where, 'person'],
            'manifest/unknown-person',
            `no people.staff record has the id ${quote(entry.person)}${known ? ` (ids: ${known}${staff.length > 8 ? ', …' : ''})` : ' (people.staff lists nobody)'}`,
            `people.staff 中没有编号为 ${quote(entry.person)} 的人员${known ? `（已有：${known}${staff.length > 8 ? '，…' : ''}）` : '（people.staff 为空）'}`,
          );
        } else if (normaliseName(record.name) !== normaliseName(entry.name)) {
          at(
            [...where, 'name'],
            'manifest/person-name',
            `${quote(entry.name)} is not the name of ${quote(entry.person)} in people.staff (${quote(record.name)})`,
            `${quote(entry.name)} 与 people.staff 中 ${quote(entry.person)} 的姓名（${quote(record.name)}）不一致`,
          );
        }
      } else {
        const candidates = index.candidates(entry.name);
        if (candidates.length > 1) {
          const ids = candidates.map((r) => r.id).join(', ');
          at(
            [...where, 'name'],
            'manifest/ambiguous-person',
            `${quote(entry.name)} could be any of people.staff ${ids}: say which with person:`,
            `${quote(entry.name)} 可能是 people.staff 中的 ${ids}：请用 person: 指明`,
          );
        }
      }
    });
  }
  return problems;
}
