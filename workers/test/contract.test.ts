/**
 * The handlers keep the contract's BPMN errors (bpmn/src/task-types.ts): every error a job type declares is
 * thrown by some input, no handler ever throws one its type does not declare — over the inputs below and over
 * every job of whole cases run on the models — and every error's reason is its ERRORS entry, not re-typed text.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { ERRORS, MESSAGES, modelPath, TASK_TYPES, taskTypeSpec, USER_TASKS, type ErrorCode } from '@isccc/bpmn';
import { BusinessRuleError, type JobContext, type TaskHandler, type Variables } from '../src/handlers/contract.js';
import { HANDLERS } from '../src/handlers/registry.js';
import { caseInputFromManifest } from '../src/embedded/case/case-input.js';
import { committeeOf } from '../src/embedded/case/events.js';
import { example, runCase } from './helpers.js';

const ctx = (type: string): JobContext => ({ type, now: new Date('2027-10-01T00:00:00Z'), retries: 2, headers: {}, publishMessage: async () => {} });

const record = {
  reviewedOn: '2027-10-01',
  holderAccepted: true,
  correctiveActionsVerified: true,
  changesReviewed: true,
  complaintsHandled: true,
  certificateUse: 'proper',
  majorNonconformities: 0,
  seriousIncidentVerified: false,
  observations: [],
};
const base = caseInputFromManifest(example('risk-assessment-l3-pass')).variables;
const conclude = (surveillanceConclusion: string): Variables => ({ certificateNumber: 'C', surveillance: record, surveillanceConclusion });

/** Inputs that a person's decision or the applicant's record leads to, per job type, one per declared error. */
const INPUTS: Array<[string, Variables]> = [
  ['isccc.self-assessment', { applicant: { name: 'X' }, category: 'risk-assessment', level: 3 }],
  ['isccc.application-submit', { applicant: { name: 'X' }, category: 'risk-assessment', level: 3, selfAssessment: {}, documents: [] }],
  [
    'isccc.contract-sign',
    {
      applicationId: 'APP-1',
      applicant: { name: 'X' },
      materialReviewOutcome: 'refused',
      materialReviewJustification: 'forged lease',
      grantedCategory: 'risk-assessment',
    },
  ],
  ['isccc.onsite-report', { applicationId: 'APP-1', onsiteReview: { ...record, passed: false, majorNonconformities: 2 } }],
  [
    'isccc.onsite-report',
    { applicationId: 'APP-1', onsiteReview: { ...record, passed: true }, witness: { witnessedOn: '2027-10-01', project: 'P', passed: false } },
  ],
  ['isccc.committee-validate', { committee: committeeOf(4) }],
  ...(['6.8.2.a', '6.8.2.b', '6.8.2.c', '6.8.2.d', '6.8.3.b', '6.8.3.c', '6.8.3.d', 'maintain'] as const).map((c): [string, Variables] => [
    'isccc.surveillance-conclude',
    conclude(c),
  ]),
  // inputs that must not end in a BPMN error
  ['isccc.material-checks', { ...base, applicationId: 'APP-1' }],
  ['isccc.onsite-checks', { ...base, applicationId: 'APP-1', grantedCategory: 'risk-assessment', grantedLevel: 3 }],
  ['isccc.onsite-report', { applicationId: 'APP-1', onsiteReview: { ...record, passed: true } }],
];

async function outcome(handler: TaskHandler, type: string, variables: Variables): Promise<ErrorCode | 'completed' | 'failed'> {
  try {
    await handler(variables, ctx(type));
    return 'completed';
  } catch (err) {
    if (err instanceof BusinessRuleError) {
      // the reason is the contract's ERRORS entry, whichever handler threw it
      assert.deepEqual(
        [err.variables.reason.code, err.variables.reason.clause, err.variables.reason.message],
        [err.code, ERRORS[err.code].clause, ERRORS[err.code].name],
      );
      return err.code;
    }
    return 'failed';
  }
}

describe('the contract’s BPMN errors, kept by the handlers', function () {
  this.timeout(240_000);
  const thrown = new Map<string, Set<string>>();
  const undeclared: string[] = [];
  const note = (type: string, result: string): void => {
    if (result === 'completed' || result === 'failed') return;
    if (!(taskTypeSpec(type)!.errors as readonly string[]).includes(result)) undeclared.push(`${type} threw ${result}`);
    thrown.set(type, (thrown.get(type) ?? new Set()).add(result));
  };

  before(async () => {
    for (const [type, variables] of INPUTS) note(type, await outcome(HANDLERS[type]!, type, variables));
    // every job of whole cases: what the handlers throw when the models drive them
    const watching: Record<string, TaskHandler> = Object.fromEntries(
      Object.entries(HANDLERS).map(([type, h]) => [
        type,
        async (variables, context) => {
          try {
            return await h(variables, context);
          } catch (err) {
            if (err instanceof BusinessRuleError) note(type, err.code);
            throw err;
          }
        },
      ]),
    );
    const runner = { handlers: watching };
    for (const events of [
      ['2027-03-10:suspend', '2027-05-20:restore', '2028-01-15:change-major'],
      ['2027-02-01:misuse', '2027-08-01:restore-unrectified'],
      ['2027-02-01:misuse-adverse'],
      ['2027-02-01:serious-incident'],
      ['2027-02-01:complaint', '2027-04-01:change-minor=address', '2027-06-01:cancel'],
    ])
      await runCase({ events, until: 'P3Y', runner });
    await runCase({ committee: 4, until: 'P1M', runner });
    await runCase({ votes: ['no', 'no', 'yes'], until: 'P1M', runner });
  });

  it('every declared error of every job type is thrown by some input', () => {
    const missing = TASK_TYPES.flatMap((t) =>
      (t.errors as readonly string[]).filter((code) => !thrown.get(t.type)?.has(code)).map((code) => `${t.type} never throws ${code}`),
    );
    assert.deepEqual(missing, []);
  });

  it('no handler throws an error its job type does not declare', () => {
    assert.deepEqual(undeclared, []);
    assert.ok([...thrown.values()].reduce((n, s) => n + s.size, 0) >= 12, 'the inputs reach the errors');
  });
});

describe('workers and user tasks', () => {
  it('no worker subscribes to a user task: every handler type is a job of a service task or message event, none a user task', () => {
    const models = (['certification', 'lifecycle'] as const).map((k) => fs.readFileSync(modelPath(k), 'utf8')).join('\n');
    const jobTypes = new Set([...models.matchAll(/<zeebe:taskDefinition type="([^"]+)"/g)].map((m) => m[1]));
    assert.deepEqual(
      Object.keys(HANDLERS).filter((t) => !jobTypes.has(t)),
      [],
      'every worker type is a job type of the models',
    );
    // Camunda user tasks (zeebe:userTask) create no job; the job-based kind would (io.camunda.zeebe:userTask)
    assert.ok(!Object.keys(HANDLERS).some((t) => t.startsWith('io.camunda.zeebe:')));
    for (const block of models.matchAll(/<bpmn:userTask [\s\S]*?<\/bpmn:userTask>/g)) {
      assert.doesNotMatch(block[0], /zeebe:taskDefinition/, 'a user task has no job type');
      assert.match(block[0], /<zeebe:userTask \/>/);
    }
    const userTaskCount = [...models.matchAll(/<bpmn:userTask /g)].length;
    assert.equal(userTaskCount, new Set(USER_TASKS.flatMap((t) => t.elementIds)).size);
  });
});

describe('the lifecycle start message', () => {
  it('carries the certificate number as its correlation key and its message id, so a retry starts no second lifecycle', async () => {
    const published: Array<{ name: string; correlationKey?: string; messageId?: string }> = [];
    const variables = {
      certificateNumber: 'ISCCC-ISV-RA3-2026-0000ABCD',
      applicationId: 'APP-1',
      applicant: { name: 'X' },
      grantedCategory: 'risk-assessment',
      grantedLevel: 3,
      issuedOn: '2026-11-01',
    };
    await HANDLERS['isccc.lifecycle-start']!(variables, { ...ctx('isccc.lifecycle-start'), publishMessage: (m) => Promise.resolve(void published.push(m)) });
    assert.deepEqual(
      published.map((m) => [m.name, m.correlationKey, m.messageId]),
      [['isccc.certificate-issued', variables.certificateNumber, variables.certificateNumber]],
    );
    const spec = MESSAGES.find((m) => m.name === 'isccc.certificate-issued')!;
    assert.equal('startCorrelationKey' in spec && spec.startCorrelationKey, 'certificateNumber');
  });
});
