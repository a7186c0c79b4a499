/**
 * Walks the paths of the lifecycle model on the embedded engine — every event the holder or the body can bring
 * (EVENT_KINDS), in every state a certificate can be in (valid, near its annual review, suspended before and
 * after its 12 months, restored, and while a person's decision waits: a change decision, an assessment, a
 * surveillance review, a restoration review), and every conclusion a reviewer can reach — and checks on each
 * path's trail the invariants of §6:
 * - 6.7.1: a valid certificate is never more than 12 months past its last surveillance review (the issue date
 *   before the first), however suspensions, restorations and waiting decisions fall;
 * - 6.8.3 a): a suspension not restored within its three months ends in revocation, on the day they end;
 * - one application, one certificate: no path issues two, or starts two lifecycles.
 */
import assert from 'node:assert/strict';
import { addDuration, parseDate } from '@isccc/rules/vocabulary';
import { EVENT_KINDS } from '../src/embedded/case/events.js';
import type { CaseResult } from '../src/embedded/case/case-runner.js';
import type { TrailEntry } from '../src/embedded/case/trail.js';
import { runCase } from './helpers.js';

interface State {
  name: string;
  /** Events that bring the certificate into the state. */
  events: string[];
  /** Decisions that keep a person's task open (YAML entries under `tasks:`). */
  decisions?: string;
  /** When the walked event arrives (the certificate is in the state then). */
  at: string;
}

const STATES: State[] = [
  { name: 'valid', events: [], at: '2027-03-10' },
  { name: 'valid, just before the annual window', events: [], at: '2027-09-25' },
  { name: 'suspended', events: ['2027-03-10:suspend'], at: '2027-04-10' },
  { name: 'suspended past its 12 months', events: ['2027-09-01:suspend'], at: '2027-11-10' },
  { name: 'restored', events: ['2027-03-10:suspend', '2027-05-20:restore'], at: '2027-07-01' },
  {
    name: 'a change decision waiting past the annual window',
    events: ['2027-09-20:change-major'],
    decisions: '  change-onsite-verification:\n    - { occurrence: 1, on: 2027-12-15, values: {} }\n',
    at: '2027-09-25',
  },
  {
    name: 'a written change review waiting past the annual window',
    events: ['2027-09-20:change-minor=address'],
    decisions: '  change-written-review:\n    - { occurrence: 1, on: 2027-12-15, values: {} }\n',
    at: '2027-09-25',
  },
  {
    name: 'an assessment waiting past the annual window',
    events: ['2027-09-20:complaint'],
    decisions: '  information-assessment:\n    - { occurrence: 1, on: 2027-12-01, values: {} }\n',
    at: '2027-09-25',
  },
  {
    name: 'a surveillance review left open past its deadline',
    events: [],
    decisions: '  surveillance-review:\n    - { occurrence: 1, on: 2027-11-15, values: {} }\n',
    at: '2027-10-10',
  },
  {
    name: 'a restoration review waiting',
    events: ['2027-08-20:suspend', '2027-09-05:restore'],
    decisions: '  restoration-review:\n    - { occurrence: 1, on: 2027-10-20, values: {} }\n',
    at: '2027-09-20',
  },
];

const CONCLUSIONS = ['maintain', '6.8.2.a', '6.8.2.b', '6.8.2.c', '6.8.2.d', '6.8.3.b', '6.8.3.c', '6.8.3.d'];

/** A conclusion as the reviewer's values: a justification with every conclusion the findings do not support. */
const departing = (conclusion: string, who: string): string =>
  conclusion === 'maintain'
    ? '{ surveillanceConclusion: maintain }'
    : `{ surveillanceConclusion: "${conclusion}", surveillanceJustification: "walked path: ${who} concludes ${conclusion}" }`;

interface Path {
  name: string;
  events: string[];
  decisions?: string;
}

function paths(): Path[] {
  const out: Path[] = [];
  for (const state of STATES) {
    for (const kind of Object.keys(EVENT_KINDS)) {
      const value = kind === 'committee' ? '=3' : '';
      out.push({
        name: `${kind} while ${state.name}`,
        events: [...state.events, `${state.at}:${kind}${value}`],
        ...(state.decisions && { decisions: state.decisions }),
      });
    }
  }
  // every 6.7.3 conclusion, then the holder asks for restoration (with and without rectification)
  for (const conclusion of CONCLUSIONS) {
    for (const restore of ['restore', 'restore-unrectified']) {
      out.push({
        name: `annual review concludes ${conclusion}, then ${restore}`,
        events: [`2027-11-20:${restore}`],
        decisions: `  surveillance-review:\n    - { occurrence: 1, values: ${departing(conclusion, 'the reviewer')} }\n`,
      });
    }
  }
  // restored after the 12 months ran out: the surveillance review before restoration maintains, or does not
  for (const conclusion of ['maintain', '6.8.2.c']) {
    out.push({
      name: `suspended across the deadline, restored with a review that concludes ${conclusion}`,
      events: ['2027-09-01:suspend', '2027-11-10:restore'],
      decisions: `  restoration-surveillance-review:\n    - { occurrence: 1, values: ${departing(conclusion, 'the review before restoration')} }\n`,
    });
  }
  return out;
}

type Status = 'none' | 'valid' | 'suspended' | 'ended';

/** The 6.7.1, 6.8.3 a) and one-certificate invariants over one trail; returns what is violated. */
function violations(result: CaseResult): string[] {
  const found: string[] = [];
  const trail: TrailEntry[] = result.trail;
  let status: Status = 'none';
  let lastReview: Date | undefined;
  const check = (at: string): void => {
    if (status === 'valid' && lastReview && new Date(at) > addDuration(lastReview, 'P12M')) {
      found.push(`6.7.1: valid on ${at.slice(0, 10)}, last surveillance review ${lastReview.toISOString().slice(0, 10)}`);
      lastReview = new Date(at); // report each gap once
    }
  };
  for (const e of trail) {
    check(e.at);
    if (e.kind === 'job' && e.taskType === 'isccc.certificate-issue') {
      status = 'valid';
      lastReview = parseDate(e.at.slice(0, 10));
    }
    if (e.kind === 'user-task' && (e.userTask === 'surveillance-review' || e.userTask === 'restoration-surveillance-review')) lastReview = new Date(e.at);
    if (e.kind === 'job' && e.taskType === 'isccc.certificate-suspend') status = 'suspended';
    if (e.kind === 'job' && e.taskType === 'isccc.certificate-restore') status = 'valid';
    if (e.kind === 'job' && (e.taskType === 'isccc.certificate-revoke' || e.taskType === 'isccc.certificate-cancel')) status = 'ended';
  }
  check(result.clock);
  // 6.8.3 a): every suspension is restored or cancelled within its three months, or revoked the day they end
  for (const s of trail.filter((e) => e.kind === 'job' && e.taskType === 'isccc.certificate-suspend')) {
    const ends = addDuration(new Date(s.at), 'P3M');
    if (ends > new Date(result.clock)) continue;
    const next = trail.find(
      (e) =>
        e.seq > s.seq && e.kind === 'job' && ['isccc.certificate-restore', 'isccc.certificate-revoke', 'isccc.certificate-cancel'].includes(e.taskType ?? ''),
    );
    if (!next) found.push(`6.8.3 a): suspended ${s.at.slice(0, 10)}, neither restored nor revoked by ${ends.toISOString().slice(0, 10)}`);
    else if (next.taskType === 'isccc.certificate-revoke' && (next.at !== ends.toISOString() || next.clause !== '6.8.3.a'))
      found.push(`6.8.3 a): suspended ${s.at.slice(0, 10)}, revoked ${next.at.slice(0, 10)} under ${next.clause}`);
    else if (next.taskType !== 'isccc.certificate-revoke' && new Date(next.at) >= ends) found.push(`6.8.3 a): ${next.taskType} after the three months`);
  }
  // one application, one certificate, one lifecycle
  const issued = trail.filter((e) => e.kind === 'job' && e.taskType === 'isccc.certificate-issue').length;
  if (issued > 1) found.push(`${issued} certificates issued`);
  const lifecycles = new Set(trail.filter((e) => e.processId === 'isccc-certificate-lifecycle').map((e) => e.instance));
  if (lifecycles.size > 1) found.push(`${lifecycles.size} lifecycles`);
  if (result.status === 'incident') found.push(`incident: ${trail.find((e) => e.kind === 'incident')?.text.en}`);
  return found;
}

describe('lifecycle paths (every event in every state, every conclusion)', function () {
  this.timeout(600_000);
  const walked: Array<{ path: Path; result: CaseResult }> = [];

  before(async () => {
    for (const path of paths()) {
      const result = await runCase({
        events: path.events,
        until: 'P18M',
        ...(path.decisions && { decisions: `isccc: decisions/v1\ntasks:\n${path.decisions}` }),
      });
      walked.push({ path, result });
    }
  });

  it('walks every event kind in every state', () => {
    assert.equal(walked.length, STATES.length * Object.keys(EVENT_KINDS).length + CONCLUSIONS.length * 2 + 2);
    assert.ok(
      walked.every((w) => w.result.trail.some((e) => e.taskType === 'isccc.certificate-issue')),
      'every path has a certificate',
    );
  });

  it('holds 6.7.1, 6.8.3 a) and one certificate per application on every path', () => {
    const broken = walked.flatMap(({ path, result }) => violations(result).map((v) => `${path.name}: ${v}`));
    assert.deepEqual(broken, []);
  });

  it('the invariants can fail: a trail that skips a review, or a suspension left hanging, is caught', () => {
    const { result } = walked[0]!;
    const noReviews = { ...result, trail: result.trail.filter((e) => e.kind !== 'user-task' || e.userTask !== 'surveillance-review') };
    assert.match(violations(noReviews).join(), /6\.7\.1: valid on/);
    const suspended = walked.find((w) => w.path.name === 'suspend while valid')!.result;
    const noRevocation = { ...suspended, trail: suspended.trail.filter((e) => e.taskType !== 'isccc.certificate-revoke') };
    assert.match(violations(noRevocation).join(), /6\.8\.3 a\): suspended 2027-03-10, neither restored nor revoked by 2027-06-10/);
  });

  it('the guards fire: a waiting change decision and a late restoration both give way to the surveillance review', () => {
    const change = walked.find((w) => w.path.name === 'information while a change decision waiting past the annual window')!.result;
    assert.ok(change.trail.some((e) => e.kind === 'timer' && e.elementId === 'Timer_ChangeDecisionSurveillanceDue' && e.at.startsWith('2027-10-01')));
    const late = walked.find((w) => w.path.name === 'suspended across the deadline, restored with a review that concludes maintain')!.result;
    const before = late.trail.find((e) => e.userTask === 'restoration-surveillance-review')!;
    const restored = late.trail.find((e) => e.taskType === 'isccc.certificate-restore')!;
    assert.ok(before.seq < restored.seq, 'the surveillance review comes before the restoration');
    const refused = walked.find((w) => w.path.name === 'suspended across the deadline, restored with a review that concludes 6.8.2.c')!.result;
    assert.ok(!refused.trail.some((e) => e.taskType === 'isccc.certificate-restore'));
    assert.ok(refused.trail.some((e) => e.taskType === 'isccc.certificate-revoke' && e.clause === '6.8.3.a'));
  });
});
