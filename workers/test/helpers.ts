/** Shared by the case tests: the project's example manifests and a case run on the real models. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { caseInputFromManifest, type CaseInputOptions } from '../src/embedded/case/case-input.js';
import { CaseRunner, type CaseResult, type CaseRunnerOptions } from '../src/embedded/case/case-runner.js';
import { parseEvent } from '../src/embedded/case/events.js';
import { DecisionsFile, votesAsDecisions } from '../src/embedded/case/decisions-file.js';
import { firstOf, followTheFindings, type DecisionSource } from '../src/embedded/case/people.js';
import { loadModels } from '../src/embedded/case/models.js';
import type { TrailEntry } from '../src/embedded/case/trail.js';
import { addDuration } from '@isccc/rules/vocabulary';

const here = path.dirname(fileURLToPath(import.meta.url));
/** Repository root, from `workers/dist/test/`. */
export const repoRoot = path.resolve(here, '..', '..', '..');
export const example = (name: string): string => path.join(repoRoot, 'examples', name, 'manifest.isccc.yaml');
export const L3_PASS = example('risk-assessment-l3-pass');

export interface RunOptions extends CaseInputOptions {
  manifest?: string;
  until?: string;
  events?: string[];
  runner?: Partial<Omit<CaseRunnerOptions, 'models'>>;
  /** People follow the findings where nothing else decides (default true, as `isccc run --auto`). */
  auto?: boolean;
  /** A decisions file (YAML text) for the user tasks. */
  decisions?: string;
  people?: DecisionSource;
}

/** Case inputs by manifest and options: runs of one manifest share its parsed manifest (and so the evaluator's memo). */
const inputs = new Map<string, ReturnType<typeof caseInputFromManifest>>();

export async function runCase(options: RunOptions = {}): Promise<CaseResult> {
  const key = JSON.stringify([options.manifest ?? L3_PASS, options.committee ?? null, options.votes ?? null]);
  let input = inputs.get(key);
  if (!input) inputs.set(key, (input = caseInputFromManifest(options.manifest ?? L3_PASS, options)));
  const until = addDuration(input.startAt, options.until ?? 'P3Y');
  const people = firstOf(
    options.people,
    options.decisions !== undefined ? DecisionsFile.parse('decisions.yaml', options.decisions) : undefined,
    votesAsDecisions(input.votes),
    options.auto === false ? undefined : followTheFindings,
  );
  const runner = await CaseRunner.start(
    { ...input, until, events: (options.events ?? []).map(parseEvent) },
    { models: await loadModels(), people, ...options.runner },
  );
  return runner.run();
}

export const jobs = (trail: TrailEntry[], type: string): TrailEntry[] => trail.filter((e) => e.kind === 'job' && e.taskType === type);
export const decided = (trail: TrailEntry[], task: string): TrailEntry[] => trail.filter((e) => e.kind === 'user-task' && e.userTask === task);
export const ofKind = (trail: TrailEntry[], kind: TrailEntry['kind']): TrailEntry[] => trail.filter((e) => e.kind === kind);
/** What two runs of the same case must agree on (sequence numbers and instance keys aside). */
export const comparable = (trail: TrailEntry[]): string[] => trail.map((e) => `${e.at} ${e.kind} ${e.clause} ${e.elementId ?? ''} ${e.text.en}`);
