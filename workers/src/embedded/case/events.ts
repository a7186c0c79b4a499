/**
 * Things that happen to a case from outside the procedure on a given date — a complaint, a change
 * application, a request to cancel — written `DATE:KIND[=VALUE]` on the command line and delivered as the
 * contract's messages (bpmn/src/task-types.ts, MESSAGES).
 */
import { ADMINISTRATIVE_CHANGES } from '../../handlers/change.js';
import type { Variables } from '../../handlers/contract.js';

export interface ExternalEvent {
  /** `YYYY-MM-DD`. */
  on: string;
  kind: EventKind;
  value?: string;
}

interface EventSpec {
  message: string;
  /** Clause the event is about, for the trail. */
  clause: string;
  help: string;
  payload(on: string, value: string | undefined): Variables;
}

const report =
  (kind: string, summary: string, extra: Variables = {}) =>
  (on: string, value: string | undefined): Variables => ({
    report: { kind, receivedOn: on, summary: value ?? summary, ...extra },
  });

export const EVENT_KINDS = {
  'major-change': {
    message: 'isccc.major-change-reported',
    clause: '6.7.4.a',
    help: 'organisation change reported (6.7.4 a)',
    payload: report('organisation-change', 'organisational change'),
  },
  incident: {
    message: 'isccc.incident-reported',
    clause: '6.7.4.b',
    help: 'security incident reported (6.7.4 b)',
    payload: report('incident', 'security incident'),
  },
  'serious-incident': {
    message: 'isccc.incident-reported',
    clause: '6.8.3.c',
    help: 'serious accident, verified, affecting service (→ revocation 6.8.3 c)',
    payload: report('incident', 'serious accident', { serious: true }),
  },
  complaint: { message: 'isccc.complaint-received', clause: '6.7.4.b', help: 'client complaint (6.7.4 b)', payload: report('complaint', 'client complaint') },
  information: {
    message: 'isccc.information-reported',
    clause: '6.7.4.c',
    help: 'other important information (6.7.4 c)',
    payload: report('other', 'other information'),
  },
  misuse: {
    message: 'isccc.misuse-reported',
    clause: '6.8.2.b',
    help: 'certificate misuse, no adverse impact (→ suspension 6.8.2 b)',
    payload: report('misuse', 'certificate misuse'),
  },
  'misuse-adverse': {
    message: 'isccc.misuse-reported',
    clause: '6.8.3.b',
    help: 'certificate misuse with adverse impact (→ revocation 6.8.3 b)',
    payload: report('misuse', 'certificate misuse with adverse impact', { adverseImpact: true }),
  },
  'change-minor': {
    message: 'isccc.change-requested',
    clause: '6.8.5',
    help: 'change of address, capital or legal representative; VALUE = address|capital|legal-representative',
    payload: (on, value) => ({
      change: { kinds: [value ?? 'address'], description: `${value ?? 'address'} changed`, documents: ['变更申请书 change application'], requestedOn: on },
    }),
  },
  'change-major': {
    message: 'isccc.change-requested',
    clause: '6.8.5',
    help: 'any other major change (on-site verification and committee decision)',
    payload: (on, value) => ({
      change: { kinds: ['other'], description: value ?? 'major reorganisation', documents: ['变更申请书 change application'], requestedOn: on },
    }),
  },
  cancel: {
    message: 'isccc.cancellation-requested',
    clause: '6.8.4',
    help: 'the holder asks to cancel the certificate (6.8.4)',
    payload: (on, value) => ({ cancellation: { requestedOn: on, ...(value && { statement: value }) } }),
  },
  suspend: {
    message: 'isccc.suspension-ordered',
    clause: '6.8.2.d',
    help: 'the body suspends for other grounds (6.8.2 d)',
    payload: (_on, value) => ({ details: [value ?? 'suspension ordered by the certification body'] }),
  },
  revoke: {
    message: 'isccc.revocation-ordered',
    clause: '6.8.3.d',
    help: 'the body revokes for other grounds (6.8.3 d)',
    payload: (_on, value) => ({ details: [value ?? 'revocation ordered by the certification body'] }),
  },
  restore: {
    message: 'isccc.restoration-requested',
    clause: '6.8.2',
    help: 'the holder applies for restoration with its rectification (6.8.2)',
    payload: (on, value) => ({ restoration: { requestedOn: on, rectification: [value ?? 'rectification report'] } }),
  },
  'restore-unrectified': {
    message: 'isccc.restoration-requested',
    clause: '6.8.2',
    help: 'the holder applies for restoration without showing rectification',
    payload: (on) => ({ restoration: { requestedOn: on, rectification: [] } }),
  },
  committee: {
    message: 'isccc.committee-appointed',
    clause: '6.5',
    help: 'a new decision committee is appointed; VALUE = number of members',
    payload: (_on, value) => ({ committee: committeeOf(Number(value ?? 3)) }),
  },
} as const satisfies Record<string, EventSpec>;

export type EventKind = keyof typeof EVENT_KINDS;

export function isEventKind(kind: string): kind is EventKind {
  return Object.hasOwn(EVENT_KINDS, kind);
}

export function eventSpec(kind: EventKind): EventSpec {
  return EVENT_KINDS[kind];
}

/** `2027-03-01:complaint`, `2027-05-01:change-minor=address`, `2026-12-01:committee=5`. */
export function parseEvent(text: string): ExternalEvent {
  const m = /^(\d{4}-\d{2}-\d{2}):([a-z-]+)(?:=(.*))?$/.exec(text.trim());
  if (!m) throw new Error(`--event "${text}": expected DATE:KIND[=VALUE], e.g. 2027-03-01:complaint`);
  const [, on, kind, value] = m;
  if (!isEventKind(kind!)) throw new Error(`--event "${text}": unknown kind "${kind}"; one of ${Object.keys(EVENT_KINDS).join(', ')}`);
  const event: ExternalEvent = { on: on!, kind, ...(value !== undefined && value !== '' && { value }) };
  const problem = eventProblem(event);
  if (problem) throw new Error(`--event "${text}": ${problem}`);
  return event;
}

/** Longest VALUE an event carries (it becomes the text of a report or a ground). */
const MAX_VALUE_LENGTH = 500;
const MINOR_CHANGES: readonly string[] = ADMINISTRATIVE_CHANGES;

/**
 * Why an event cannot be delivered as its message, or undefined: checked when it is given (and when a saved case
 * is read), not when its day comes, so a bad event is refused before a case is written.
 */
export function eventProblem(event: ExternalEvent): string | undefined {
  if (Number.isNaN(Date.parse(`${event.on}T00:00:00Z`)) || new Date(`${event.on}T00:00:00Z`).toISOString().slice(0, 10) !== event.on)
    return `${event.on} is not a calendar date`;
  const value = event.value;
  if (value === undefined) return undefined;
  if (value.length > MAX_VALUE_LENGTH) return `the value is longer than ${MAX_VALUE_LENGTH} characters`;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f]/.test(value)) return 'the value has control characters';
  if (event.kind === 'committee' && (!/^\d+$/.test(value) || Number(value) > MAX_COMMITTEE))
    return `committee=N takes a whole number of members 0–${MAX_COMMITTEE}, not "${value}"`;
  if (event.kind === 'change-minor' && !MINOR_CHANGES.includes(value)) return `change-minor=VALUE is one of ${MINOR_CHANGES.join(', ')}, not "${value}"`;
  return undefined;
}

const MAX_COMMITTEE = 99;

/** Members `m1 … mN` of a decision committee (6.5). */
export function committeeOf(size: number): Array<{ id: string; name: string }> {
  if (!Number.isInteger(size) || size < 0 || size > MAX_COMMITTEE) throw new Error(`committee size must be a whole number 0–${MAX_COMMITTEE}, got ${size}`);
  return Array.from({ length: size }, (_, i) => ({ id: `m${i + 1}`, name: `委员${i + 1} member ${i + 1}` }));
}
