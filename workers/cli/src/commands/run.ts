/**
 * `isccc run <manifest>`: a whole certification case on the embedded engine — application to certificate,
 * then the certificate lifecycle for the given span — printed as a trail of clause-named steps.
 */
import { parseArgs } from 'node:util';
import { addDuration, parseDate } from '@isccc/rules/vocabulary';
import {
  CaseFileError,
  CaseInputError,
  caseInputFromManifest,
  caseSpanProblem,
  CaseRunner,
  type CaseResult,
  type CaseRunnerOptions,
  DecisionError,
  DecisionsFile,
  DecisionsFileError,
  type DecisionSource,
  EVENT_KINDS,
  FileCaseStore,
  firstOf,
  followTheFindings,
  formatEntry,
  loadModels,
  MAX_EVENTS,
  MAX_SPAN_YEARS,
  parseEvent,
  RetryError,
  type TrailEntry,
  votesAsDecisions,
} from '@isccc/workers/embedded';
import { type Io, isUsageError, UsageError } from '../io.js';

export const EXIT = { issued: 0, notIssued: 1, badInput: 2, incident: 3 } as const;

export const RUN_USAGE = `usage:
  isccc run <manifest.isccc.yaml> [--auto] [--decisions FILE] [--committee N] [--votes yes,yes,no]
            [--until 3y|18m|DATE] [--event DATE:KIND[=VALUE] …] [--format text|json] [--lang en|zh]
            [--findings N] [--case-dir DIR [--max-steps N]] [--progress]
  isccc run --case-dir DIR --resume [--retry ELEMENT] [--auto] [--decisions FILE] [--until …] [--event …] [--format …]

Runs ISCCC-SV-001:2015 §6 on the embedded engine with a simulated clock: self-assessment (6.1) to
certificate issuance (6.6), then surveillance and certificate management (6.7, 6.8) until --until
(default 3y after the manifest's application.asOf). Every step prints its clause, decision and date.

  --auto            people follow the rule checks' findings in every user task without a decision (demos)
  --decisions FILE  what people decide, per user task and occurrence (YAML, workers/schemas/decisions.schema.json)
                    Without --auto, a user task nobody decides stops the case (status waiting): list it with
                    isccc tasks DIR and complete it with isccc complete DIR TASK --set k=v …
  --committee N     decision committee size (6.5 requires an odd number ≥ 3; default 3)
  --votes LIST      votes of members 1..N in the first committee decision (yes|no)
  --until SPAN      how long the lifecycle runs: 3y, 18m, 90d, or a date YYYY-MM-DD (at most ${MAX_SPAN_YEARS} years)
  --event D:KIND    something that happens on date D (at most ${MAX_EVENTS} in a case); KIND is one of:
${Object.entries(EVENT_KINDS)
  .map(([kind, spec]) => `                      ${kind.padEnd(20)}${spec.help}`)
  .join('\n')}
  --case-dir DIR    save the case to DIR/case.json after every step (resume it with --resume)
  --max-steps N     stop after N steps; the saved case continues with --resume
  --retry ELEMENT   with --resume: resolve the incident at ELEMENT (its id, as the trail shows) and run it again
  --format F        text (default) or json
  --findings N      findings shown under a step in text output (default 3, 0 hides them)

exit codes: 0 certificate issued, 1 no certificate (refused, or still waiting), 2 bad input, 3 incident`;

/** Runs the command and returns its exit code; never throws. */
export async function runCommand(argv: string[], io: Io): Promise<number> {
  try {
    return await run(argv, io);
  } catch (error) {
    if (isUsageError(error)) {
      io.err(`isccc run: ${error.message}\n${RUN_USAGE}`);
      return EXIT.badInput;
    }
    if (
      error instanceof CaseInputError ||
      error instanceof CaseFileError ||
      error instanceof RetryError ||
      error instanceof DecisionsFileError ||
      error instanceof DecisionError
    ) {
      io.err(`isccc run: ${error.message}`);
      return EXIT.badInput;
    }
    io.err(`isccc run: ${(error as Error).stack ?? (error as Error).message}`);
    return EXIT.incident;
  }
}

async function run(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      auto: { type: 'boolean', default: false },
      decisions: { type: 'string' },
      committee: { type: 'string' },
      votes: { type: 'string' },
      until: { type: 'string' },
      event: { type: 'string', multiple: true },
      format: { type: 'string', default: 'text' },
      lang: { type: 'string', default: 'en' },
      findings: { type: 'string', default: '3' },
      'case-dir': { type: 'string' },
      resume: { type: 'boolean', default: false },
      retry: { type: 'string' },
      'max-steps': { type: 'string' },
      progress: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.out(RUN_USAGE);
    return 0;
  }
  const format = values.format;
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, not "${format}"`);
  const lang = values.lang;
  if (lang !== 'en' && lang !== 'zh') throw new UsageError(`--lang must be en or zh, not "${lang}"`);
  const findings = wholeNumber('--findings', values.findings);
  const maxSteps = values['max-steps'] === undefined ? undefined : wholeNumber('--max-steps', values['max-steps']);
  if (maxSteps !== undefined && !values['case-dir']) throw new UsageError('--max-steps needs --case-dir, or the stopped case is lost');
  const events = (values.event ?? []).map((text) => {
    try {
      return parseEvent(text);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
  });

  const store = values['case-dir'] ? new FileCaseStore(values['case-dir']) : undefined;
  const printer = new TrailPrinter(io, format, lang, findings);
  const decisions = values.decisions !== undefined ? DecisionsFile.load(values.decisions) : undefined;
  const auto = values.auto ? followTheFindings : undefined;
  // the models are compiled once the input has been checked
  const options = async (votes?: DecisionSource): Promise<CaseRunnerOptions> => ({
    models: await loadModels(),
    ...(store && { store }),
    onStep: (e: TrailEntry) => printer.step(e),
    people: firstOf(decisions, votes, auto),
  });

  let runner: CaseRunner;
  if (values.resume) {
    if (!store) throw new UsageError('--resume needs --case-dir');
    if (positionals.length > 0) throw new UsageError('--resume continues the saved case; leave out the manifest');
    // checked whole before anything runs; the extended case is written with the first step
    const saved = store.load();
    if (!saved) throw new UsageError(`${store.file}: no saved case to resume`);
    const startedAt = new Date(saved.startedAt);
    const until = values.until ? untilDate(values.until, startedAt) : undefined;
    checkSpan(startedAt, until ?? new Date(saved.until), saved.events.length + events.length);
    printer.header(saved.caseId, saved.startedAt, (until ?? new Date(saved.until)).toISOString(), 'resumed');
    runner = await CaseRunner.resume(saved, await options(), { ...(until && { until }), events, ...(values.retry !== undefined && { retry: values.retry }) });
  } else {
    if (values.retry !== undefined) throw new UsageError('--retry resolves an incident of a saved case: it needs --case-dir DIR --resume');
    if (positionals.length !== 1) throw new UsageError('run takes exactly one manifest file');
    if (values.committee !== undefined && !/^\d+$/.test(values.committee))
      throw new UsageError(`--committee must be a whole number, not "${values.committee}"`);
    const input = caseInputFromManifest(positionals[0]!, {
      ...(values.committee !== undefined && { committee: Number(values.committee) }),
      ...(values.votes !== undefined && { votes: values.votes.split(',') }),
    });
    const until = untilDate(values.until ?? '3y', input.startAt);
    checkSpan(input.startAt, until, events.length);
    printer.header(input.caseId, input.startAt.toISOString(), until.toISOString(), 'started');
    runner = await CaseRunner.start({ ...input, until, events }, await options(votesAsDecisions(input.votes)));
  }

  const sink = io.progress ?? (values.progress ? io.err : undefined);
  const progress = sink && new Progress(sink, runner.startedAt);
  const result = await runner.run({
    ...(maxSteps !== undefined && { maxSteps }),
    ...(progress && { onProgress: (clock: string, until: string) => progress.update(clock, until) }),
  });
  printer.finish(result, values['case-dir']);
  return exitCode(result);
}

/** Share of the simulated span done, reported when it moves by a whole percent. */
class Progress {
  private last = -1;
  private readonly from: number;

  constructor(
    private readonly sink: (text: string) => void,
    startedAt: string,
  ) {
    this.from = new Date(startedAt).getTime();
  }

  update(clock: string, until: string): void {
    const to = new Date(until).getTime();
    const pct = to > this.from ? Math.min(100, Math.floor(((new Date(clock).getTime() - this.from) / (to - this.from)) * 100)) : 100;
    if (pct === this.last) return;
    this.last = pct;
    this.sink(`simulated ${clock.slice(0, 10)} of ${until.slice(0, 10)} ${String(pct).padStart(3)}%`);
  }
}

function exitCode(result: CaseResult): number {
  if (result.status === 'incident') return EXIT.incident;
  return typeof result.variables.certificateNumber === 'string' ? EXIT.issued : EXIT.notIssued;
}

function wholeNumber(flag: string, text: string): number {
  if (!/^\d+$/.test(text)) throw new UsageError(`${flag} must be a whole number, not "${text}"`);
  return Number(text);
}

/** `--until` and the `--event`s within what a case may hold (the saved events count too). */
function checkSpan(startedAt: Date, until: Date, events: number): void {
  const problem = caseSpanProblem(startedAt, until, events);
  if (problem) throw new UsageError(`${events > MAX_EVENTS ? '--event' : '--until'}: ${problem}`);
}

/** `3y`, `18m`, `90d` after `start`, or an absolute date. */
export function untilDate(text: string, start: Date): Date {
  const span = /^(\d{1,6})([ymd])$/.exec(text);
  if (span) {
    const unit = { y: 'Y', m: 'M', d: 'D' }[span[2] as 'y' | 'm' | 'd'];
    return addDuration(start, `P${span[1]}${unit}`);
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    const date = parseDate(text);
    if (date.toISOString().slice(0, 10) === text) return date;
  }
  throw new UsageError(`--until must be a span like 3y, 18m, 90d or a date YYYY-MM-DD, not "${text}"`);
}

class TrailPrinter {
  private startedAt = '';
  private until = '';
  private mode = '';

  constructor(
    private readonly io: Io,
    private readonly format: 'text' | 'json',
    private readonly lang: 'en' | 'zh',
    private readonly findings: number,
  ) {}

  header(caseId: string, startedAt: string, until: string, mode: string): void {
    Object.assign(this, { startedAt, until, mode });
    if (this.format === 'text') this.io.out(`isccc run ${caseId} (${mode}): ${startedAt.slice(0, 10)} → ${until.slice(0, 10)}`);
  }

  step(e: TrailEntry): void {
    if (this.format === 'text') this.io.out(formatEntry(e, { lang: this.lang, findings: this.findings }));
  }

  finish(result: CaseResult, caseDir: string | undefined): void {
    const v = result.variables;
    const certificate =
      typeof v.certificateNumber === 'string'
        ? {
            number: v.certificateNumber,
            status: v.certificateStatus,
            category: v.grantedCategory,
            level: v.grantedLevel,
            issuedOn: v.issuedOn,
            version: v.certificateVersion ?? 1,
          }
        : null;
    if (this.format === 'json') {
      this.io.out(
        JSON.stringify(
          {
            caseId: result.caseId,
            mode: this.mode,
            status: result.status,
            startedAt: this.startedAt,
            until: this.until,
            clock: result.clock,
            certificate,
            waitingFor: result.waitingFor,
            openTasks: result.openTasks,
            ...(caseDir && { caseDir }),
            trail: result.trail,
          },
          null,
          2,
        ),
      );
      return;
    }
    const cert = certificate
      ? `certificate ${certificate.number} ${String(certificate.status)} (${String(certificate.category)} level ${String(certificate.level)})`
      : 'no certificate';
    const waiting = result.waitingFor.length ? `; waiting for ${[...new Set(result.waitingFor.map((w) => w.message))].join(', ')}` : '';
    const people = result.openTasks.length ? `; open user tasks: ${result.openTasks.map((t) => t.handle).join(', ')} (isccc tasks, isccc complete)` : '';
    this.io.out(`result: ${result.status} at ${result.clock.slice(0, 10)}: ${cert}${waiting}${people}${caseDir ? `; case saved in ${caseDir}` : ''}`);
  }
}
