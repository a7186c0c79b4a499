import fs from 'node:fs';
import { readInputFile } from './input-file.js';
import { type Catalog, loadCatalog } from '../catalog/catalog.js';
import { isValidDay } from '../vocabulary/calendar.js';
import { validateSource } from '../schema/validator.js';
import type { Manifest } from './types.js';
import { formatPath, type InputProblem, type JsonPath, MAX_INPUT_BYTES, oversizeProblem, YamlSource } from './yaml-source.js';

export interface ParsedManifest {
  source: YamlSource;
  /** Present only when there are no problems. */
  manifest?: Manifest;
  problems: InputProblem[];
}

/** YAML → schema → semantic checks (real dates, known clause ids). Never throws. */
export function parseManifest(text: string, file: string, catalog: Catalog = loadCatalog()): ParsedManifest {
  const source = YamlSource.parse(file, text);
  if (!source.ok) return { source, problems: source.problems };
  const data = source.toData();
  const problems = validateSource('manifest', source, data);
  if (problems.length > 0) return { source, problems };
  problems.push(...semanticProblems(source, data as Manifest, catalog));
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
  walkDates(manifest, [], (path, value) => {
    if (!isValidDay(value)) at(path, 'schema/invalid-date', `${formatPath(path)} "${value}" is not a calendar date`, `${formatPath(path)} "${value}" 不是有效日期`);
  });
  manifest.evidence.forEach((entry, i) => {
    entry.supports.forEach((id, j) => {
      if (!catalog.has(id)) {
        at(['evidence', i, 'supports', j], 'manifest/unknown-clause', `unknown clause id "${id}" (not in the ${catalog.edition} catalog)`, `未知条款编号 "${id}"（${catalog.edition} 中没有）`, id);
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
  if (manifest.application.drClass && manifest.application.category !== 'disaster-recovery') {
    at(['application', 'drClass'], 'manifest/dr-class', 'drClass applies only to the disaster-recovery category (annex D)', 'drClass 仅适用于灾难备份与恢复类别（附录 D）');
  }
  manifest.projects.forEach((p, i) => {
    if (p.start && p.end && p.end < p.start) at(['projects', i, 'end'], 'manifest/date-order', `project ${p.id} ends (${p.end}) before it starts (${p.start})`, `项目 ${p.id} 的结束日期（${p.end}）早于开始日期（${p.start}）`);
    if (p.trialRun && p.trialRun.end < p.trialRun.start) at(['projects', i, 'trialRun', 'end'], 'manifest/date-order', `trial run of project ${p.id} ends before it starts`, `项目 ${p.id} 的试运行结束早于开始`);
  });
  return problems;
}

const DATE_FIELDS = new Set(['founded', 'asOf', 'serviceSince', 'issued', 'expires', 'since', 'signed', 'start', 'end', 'date', 'validUntil', 'leaseEnds']);

function walkDates(node: unknown, path: JsonPath, visit: (path: JsonPath, value: string) => void): void {
  if (Array.isArray(node)) {
    node.forEach((item, i) => walkDates(item, [...path, i], visit));
  } else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (typeof value === 'string' && DATE_FIELDS.has(key)) visit([...path, key], value);
      else walkDates(value, [...path, key], visit);
    }
  }
}
