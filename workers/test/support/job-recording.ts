/**
 * The job stream of whole embedded-engine cases: every job a handler ran, with the variables and headers the
 * engine gave it, its clock, and what came of it (completion variables, BPMN error, failure, messages published).
 * The cases together reach every job type of the contract; replaying the stream through `isccc worker` against the
 * gateway double must give the same outcomes.
 */
import { firstOf, followTheFindings } from '../../src/embedded/case/people.js';
import { votesAsDecisions } from '../../src/embedded/case/decisions-file.js';
import { addDuration } from '@isccc/rules/vocabulary';
import { caseInputFromManifest } from '../../src/embedded/case/case-input.js';
import { type CaseResult, CaseRunner } from '../../src/embedded/case/case-runner.js';
import { parseEvent } from '../../src/embedded/case/events.js';
import { loadModels } from '../../src/embedded/case/models.js';
import { isBusinessRuleError, type PublishedMessage, type TaskHandler, type Variables } from '../../src/handlers/contract.js';
import { HANDLERS } from '../../src/handlers/registry.js';
import { example, L3_PASS } from '../helpers.js';

export type RecordedOutcome =
  | { kind: 'completed'; variables: Variables }
  | { kind: 'bpmn-error'; code: string; message: string; variables: Variables }
  | { kind: 'failed'; message: string };

export interface RecordedJob {
  case: string;
  type: string;
  variables: Variables;
  headers: Record<string, string>;
  /** Retries the job had when it was handed out. */
  retries: number;
  now: string;
  outcome: RecordedOutcome;
  published: PublishedMessage[];
}

export interface ReplayCase {
  name: string;
  manifest?: string;
  committee?: number;
  votes?: string[];
  until: string;
  events?: string[];
  /** Start variables changed from what the manifest gives (`undefined` removes one). */
  override?: Variables;
}

export const REPLAY_CASES: readonly ReplayCase[] = [
  { name: 'granted, suspended, restored, major change', until: 'P3Y', events: ['2027-03-10:suspend', '2027-05-20:restore', '2028-01-15:change-major'] },
  { name: 'committee of 4, then 5', committee: 4, until: 'P2M', events: ['2026-12-01:committee=5'] },
  { name: 'refused by the committee', votes: ['yes', 'no', 'no'], until: 'P1M' },
  { name: 'suspended, not restored: revoked', until: 'P2Y', events: ['2027-03-10:suspend'] },
  { name: 'cancelled', until: 'P3Y', events: ['2027-04-01:cancel'] },
  { name: 'minor and major change', until: 'P1Y', events: ['2027-02-01:change-minor=address', '2027-05-01:change-major'] },
  { name: 'level 1 with a client-project witness', manifest: example('emergency-response-l1'), until: 'P1M' },
  { name: 'level 2 applicant granted level 3', manifest: example('risk-assessment-l2-fail'), until: 'P1M' },
  {
    name: 'information reports and misuse',
    manifest: example('disaster-recovery-a-l2'),
    until: 'P3Y',
    events: [
      '2027-01-10:complaint',
      '2027-02-10:misuse',
      '2027-08-01:incident',
      '2027-09-01:information',
      '2027-10-01:major-change',
      '2028-03-01:misuse-adverse',
    ],
  },
  { name: 'level 2 on level-3 evidence: supplement requested', until: 'P1M', override: { level: 2 } },
  { name: 'no committee appointed: job failures, then an incident', until: 'P1M', override: { committee: undefined } },
];

/** Runs the cases on the embedded engine and returns every job in the order the engine ran them. */
export async function recordJobStream(cases: readonly ReplayCase[] = REPLAY_CASES): Promise<RecordedJob[]> {
  const out: RecordedJob[] = [];
  for (const c of cases) {
    const handlers = Object.fromEntries(
      Object.entries(HANDLERS).map(([type, handler]): [string, TaskHandler] => [
        type,
        async (variables, context) => {
          const published: PublishedMessage[] = [];
          const job = {
            case: c.name,
            type,
            variables: structuredClone(variables),
            headers: { ...context.headers },
            retries: context.retries + 1,
            now: context.now.toISOString(),
            published,
          };
          const publishMessage = async (message: PublishedMessage): Promise<void> => {
            published.push(structuredClone(message));
            await context.publishMessage(message);
          };
          try {
            const result = await handler(variables, { ...context, publishMessage });
            out.push({ ...job, outcome: { kind: 'completed', variables: structuredClone(result.variables) } });
            return result;
          } catch (error) {
            out.push({
              ...job,
              outcome: isBusinessRuleError(error)
                ? { kind: 'bpmn-error', code: error.code, message: error.message, variables: structuredClone(error.variables) }
                : { kind: 'failed', message: (error as Error).message },
            });
            throw error;
          }
        },
      ]),
    );
    await runReplayCase(c, handlers);
  }
  return out;
}

/** One of the cases on the embedded engine, with these handlers. */
export async function runReplayCase(c: ReplayCase, handlers: Readonly<Record<string, TaskHandler>> = HANDLERS): Promise<CaseResult> {
  const input = caseInputFromManifest(c.manifest ?? L3_PASS, {
    ...(c.committee !== undefined && { committee: c.committee }),
    ...(c.votes && { votes: c.votes }),
  });
  const variables: Variables = { ...input.variables, ...c.override };
  for (const [k, v] of Object.entries(variables)) if (v === undefined) delete variables[k];
  const runner = await CaseRunner.start(
    { ...input, variables, until: addDuration(input.startAt, c.until), events: (c.events ?? []).map(parseEvent) },
    // People follow the findings, as `isccc run --auto` (and the case's --votes decide the first committee).
    { models: await loadModels(), handlers, people: firstOf(votesAsDecisions(input.votes), followTheFindings) },
  );
  return runner.run();
}
