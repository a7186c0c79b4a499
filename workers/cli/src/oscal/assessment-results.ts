/**
 * `isccc check --format oscal`: an evaluation as OSCAL assessment results. One result per evaluation; a finding
 * per clause check with its status; an observation per evidence document naming it with its SHA-256 as found on
 * disk; the manifest, a back-matter resource with its hash, as the subject of every observation. The controls
 * are those of `isccc export oscal-catalog`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describeTarget, type EvidenceCheck, evidenceIndex, type Finding, normaliseClauseId, packetPathOf } from '@isccc/rules';
import { summaryLine } from '../check-formats.js';
import { inForm } from '../form/self-assessment.js';
import type { Evaluated } from '../manifest-input.js';
import { controlId, NS, OSCAL_VERSION, type Prop, prop, statementId, uuidOf } from './common.js';

/** A relative path as a URI reference (each segment percent-encoded: Chinese file names are common). */
const href = (p: string): string => p.split('/').map(encodeURIComponent).join('/');
/** OSCAL strings are one line without surrounding blanks. */
const oneLine = (s: string): string => s.replace(/\s+/g, ' ').trim() || '-';

export function formatOscal(loaded: Evaluated, now = new Date()): string {
  return JSON.stringify(assessmentResults(loaded, now), null, 2);
}

export function assessmentResults(loaded: Evaluated, now: Date): { 'assessment-results': Record<string, unknown> } {
  const { manifest, evaluation, catalog } = loaded;
  const evidence = evidenceIndex({ manifest, manifestFile: loaded.file });
  const manifestEntry = evidence.entries.find((e) => e.path === path.basename(loaded.file))!;
  const collected = now.toISOString();
  const base = `${evidence.root}:${JSON.stringify(evaluation.target)}:${evaluation.asOf}`;
  const id = (kind: string, key: string | number): string => uuidOf(`${base}:${kind}:${key}`);

  const manifestResource = id('resource', manifestEntry.path);
  const planResource = id('plan', 'ISCCC-SV-001:2015');
  const problems = new Map<number, EvidenceCheck>(evidence.problems.map((p) => [p.index, p]));
  const onDisk = new Map(evidence.entries.map((e) => [e.path, e.sha256]));
  const root = fs.realpathSync(path.dirname(path.resolve(loaded.file)));

  // One observation and one resource per document: entries naming the same file (after normalising) are one.
  const documents = new Map<string, { resource: string; observation: string; indices: number[]; sha256: string | null }>();
  manifest.evidence.forEach((e, i) => {
    const key = problems.get(i)?.problem === 'outside-workspace' ? e.path : packetPathOf(root, e.path);
    const unread = problems.has(i) && problems.get(i)!.actual === undefined;
    const doc = documents.get(key) ?? {
      resource: id('evidence-resource', key),
      observation: id('evidence-observation', key),
      indices: [],
      sha256: unread ? null : (onDisk.get(key) ?? null),
    };
    doc.indices.push(i);
    documents.set(key, doc);
  });
  const observationOfIndex = new Map<number, string>();
  for (const doc of documents.values()) for (const i of doc.indices) observationOfIndex.set(i, doc.observation);
  const manifestObservation = id('observation', manifestEntry.path);
  const subject = [{ 'subject-uuid': manifestResource, type: 'resource', title: manifestEntry.path }];

  const resources = [
    {
      uuid: planResource,
      title: 'Assessment plan: ISCCC-SV-001:2015 applied by isccc-flow',
      description:
        'There is no separate assessment plan: the requirements are the controls of `isccc export oscal-catalog` that apply to the target of the result, each checked by the isccc-flow rulebook.',
    },
    {
      uuid: manifestResource,
      title: manifestEntry.path,
      description: `The evidence manifest of ${manifest.organisation.name}: what the applicant states as of ${evaluation.asOf}.`,
      props: [prop('role', 'manifest')],
      rlinks: [{ href: href(manifestEntry.path), 'media-type': 'application/yaml', hashes: [{ algorithm: 'SHA-256', value: manifestEntry.sha256 }] }],
    },
    ...[...documents].map(([p, doc]) => {
      const entry = manifest.evidence[doc.indices[0]!]!;
      return {
        uuid: doc.resource,
        title: oneLine(entry.title ?? p),
        props: [prop('role', 'evidence'), prop('type', entry.type), prop('declared-sha256', entry.sha256)],
        rlinks: [{ href: href(p), ...(doc.sha256 ? { hashes: [{ algorithm: 'SHA-256', value: doc.sha256 }] } : {}) }],
      };
    }),
  ];

  const observations = [
    {
      uuid: manifestObservation,
      title: `Statements of ${manifestEntry.path}`,
      description: `Organisation, staff, projects, management systems, tools and facilities as ${manifestEntry.path} states them on ${evaluation.asOf}.`,
      methods: ['EXAMINE'],
      subjects: subject,
      'relevant-evidence': [{ href: `#${manifestResource}`, description: `${manifestEntry.path}, SHA-256 ${manifestEntry.sha256}` }],
      collected,
    },
    ...[...documents].map(([p, doc]) => {
      const entry = manifest.evidence[doc.indices[0]!]!;
      const checks = doc.indices.map((i) => problems.get(i)).filter((c): c is EvidenceCheck => !!c);
      const sha = doc.sha256;
      const supports = [...new Set(doc.indices.flatMap((i) => manifest.evidence[i]!.supports.map((s) => catalog.get(s)?.label ?? s)))];
      const props: Prop[] = [prop('sha256', sha ?? 'unread'), ...checks.map((c) => prop('integrity', c.problem!))];
      return {
        uuid: doc.observation,
        title: oneLine(entry.title ?? p),
        description: `${p} (${entry.type}) supports ${supports.join(', ')}. ${sha ? `SHA-256 on disk: ${sha}.` : 'The file could not be read.'}${sha && sha !== entry.sha256 ? ` The manifest states ${entry.sha256}.` : ''}`,
        props,
        methods: ['EXAMINE'],
        subjects: subject,
        'relevant-evidence': [{ href: `#${doc.resource}`, description: `${p}${sha ? `, SHA-256 ${sha}` : ''}` }],
        collected,
      };
    }),
  ];

  const observationsOf = (f: Finding): string[] => {
    const indices = new Set<number>();
    const own = /^evidence\[(\d+)\]/.exec(f.path);
    if (own) indices.add(Number(own[1]));
    for (const r of f.related) if (r.path?.[0] === 'evidence' && typeof r.path[1] === 'number') indices.add(r.path[1]);
    const uuids = [...indices].map((i) => observationOfIndex.get(i)).filter((u): u is string => !!u);
    return uuids.length > 0 ? [...new Set(uuids)] : [manifestObservation];
  };

  const findings = evaluation.findings.map((f, i) => ({
    uuid: id('finding', `${i}:${f.rule}:${f.clause}`),
    title: oneLine(`${f.clauseLabel} ${f.rule}`),
    description: `${f.message.zh}\n\n${f.message.en}`,
    props: [
      { name: 'label', value: f.clauseLabel },
      prop('rule', f.rule),
      prop('status', f.status),
      ...(f.actual !== undefined ? [prop('actual', oneLine(JSON.stringify(f.actual)))] : []),
      ...(f.expected !== undefined ? [prop('expected', oneLine(JSON.stringify(f.expected)))] : []),
      ...(f.path ? [prop('manifest-field', f.path)] : []),
    ],
    links: [{ href: f.docUrl, rel: 'reference', text: 'rule documentation' }],
    target: {
      type: 'statement-id',
      'target-id': statementId(normaliseClauseId(f.clause)),
      status:
        f.status === 'pass'
          ? { state: 'satisfied', reason: 'pass' }
          : f.status === 'manual-review'
            ? { state: 'not-satisfied', reason: 'other', remarks: 'Left to the assessors (manual review): not decided by isccc-flow.' }
            : { state: 'not-satisfied', reason: 'fail' },
    },
    'related-observations': observationsOf(f).map((u) => ({ 'observation-uuid': u })),
  }));

  const reviewed = catalog
    .applicable(evaluation.target)
    .filter((c) => inForm(c) && c.kind !== 'group')
    .map((c) => ({ 'control-id': controlId(c.id) }));
  const targetName = describeTarget(evaluation.target);
  return {
    'assessment-results': {
      uuid: id('assessment-results', evaluation.findings.map((f) => `${f.rule}:${f.clause}:${f.status}`).join(',')),
      metadata: {
        title: `Self-assessment (6.1) of ${manifest.organisation.name}: ${targetName}, as of ${evaluation.asOf}`,
        'last-modified': collected,
        version: evaluation.asOf,
        'oscal-version': OSCAL_VERSION,
        props: [prop('edition', catalog.edition), prop('evidence-root', evidence.root)],
        parties: [
          {
            uuid: id('party', manifest.organisation.name),
            type: 'organization',
            name: manifest.organisation.name,
            ...(manifest.organisation.registrationId
              ? { 'external-ids': [{ scheme: `${NS}/unified-social-credit-code`, id: manifest.organisation.registrationId }] }
              : {}),
          },
        ],
      },
      'import-ap': { href: `#${planResource}`, remarks: 'No separate assessment plan; see the referenced resource.' },
      results: [
        {
          uuid: id('result', evaluation.asOf),
          title: `isccc check: ${targetName}, as of ${evaluation.asOf}`,
          description: `${summaryLine(evaluation, 'zh')}\n\n${summaryLine(evaluation, 'en')}`,
          start: collected,
          end: collected,
          props: [
            prop('as-of', evaluation.asOf),
            prop('category', evaluation.target.category),
            prop('level', String(evaluation.target.level)),
            ...(evaluation.target.drClass ? [prop('dr-class', evaluation.target.drClass)] : []),
            prop('qualifying-level', evaluation.summary.qualifyingLevel === null ? 'none' : String(evaluation.summary.qualifyingLevel)),
            prop('evidence-root', evidence.root),
          ],
          'reviewed-controls': { 'control-selections': [{ 'include-controls': reviewed }] },
          observations,
          findings,
        },
      ],
      'back-matter': { resources },
    },
  };
}
