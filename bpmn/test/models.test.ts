import assert from 'node:assert/strict';
import { loadCatalog } from '@isccc/rules';
import { evaluate } from 'feelin';
import {
  CONDITIONS,
  clauseLabel,
  clauseOfErrorCode,
  ERRORS,
  errorCodeOf,
  EVENT_OUTPUTS,
  MESSAGES,
  PROCESS_IDS,
  type ProcessKey,
  TASK_TYPES,
  taskTypeSpec,
  TIMERS,
  USER_TASKS,
  userTaskOfElement,
} from '../src/task-types.js';
import fs from 'node:fs';
import { formPath } from '../src/forms.js';
import { formatReports, lint, projectConfig } from '../scripts/lint-runner.js';
import { clausesOf, extensions, ioMappings, type LoadedModel, loadModel, taskTypeOf } from './support/model.js';
import type { ModdleElement } from '../scripts/lint-runner.js';

const KEYS: ProcessKey[] = ['certification', 'lifecycle'];
const catalog = loadCatalog();
const PLATFORM_VERSION = '8.8.0';

async function all(): Promise<LoadedModel[]> {
  return Promise.all(KEYS.map(loadModel));
}

function eventDefinition(node: ModdleElement): ModdleElement | undefined {
  return ((node.eventDefinitions as ModdleElement[] | undefined) ?? [])[0];
}

/** Every FEEL expression written in a model, with where it is. */
function feelExpressions(model: LoadedModel): { where: string; expression: string }[] {
  const out: { where: string; expression: string }[] = [];
  const add = (where: string, value: unknown): void => {
    if (typeof value === 'string' && value.startsWith('=')) out.push({ where, expression: value.slice(1) });
  };
  for (const el of model.flowElements) {
    const io = ioMappings(el);
    for (const [target, source] of [...io.inputs, ...io.outputs]) add(`${el.id} ${target}`, source);
    const cond = el.conditionExpression as ModdleElement | undefined;
    if (cond) add(`${el.id} condition`, cond.body);
    const loop = el.loopCharacteristics as ModdleElement | undefined;
    if (loop)
      for (const lc of extensions(loop, 'zeebe:LoopCharacteristics')) {
        add(`${el.id} inputCollection`, lc.inputCollection);
        add(`${el.id} outputElement`, lc.outputElement);
      }
    const def = eventDefinition(el);
    if (def?.$type === 'bpmn:TimerEventDefinition') {
      for (const k of ['timeDate', 'timeDuration', 'timeCycle']) add(`${el.id} ${k}`, (def[k] as ModdleElement | undefined)?.body);
    }
  }
  for (const msg of (model.definitions.rootElements as ModdleElement[]).filter((e) => e.$type === 'bpmn:Message')) {
    for (const sub of extensions(msg, 'zeebe:Subscription')) add(`${msg.name} correlationKey`, sub.correlationKey);
  }
  return out;
}

describe('bpmn models', () => {
  it('declare Camunda 8.8 and the process ids of the contract', async () => {
    for (const model of await all()) {
      const attrs = model.definitions.$attrs as Record<string, string>;
      assert.equal(attrs['modeler:executionPlatform'], 'Camunda Cloud', model.file);
      assert.equal(attrs['modeler:executionPlatformVersion'], PLATFORM_VERSION, model.file);
      assert.equal(model.process.id, PROCESS_IDS[model.key], model.file);
      assert.equal(model.process.isExecutable, true, model.file);
    }
  });

  for (const key of KEYS) {
    it(`${key}: lint-clean under bpmnlint:recommended, camunda-compat 8.8 and isccc (no errors, no warnings)`, async () => {
      const model = await loadModel(key);
      const reports = formatReports(await lint(model.xml));
      assert.deepEqual(reports, []);
    });

    it(`${key}: also lint-clean under camunda-compat 8.10, the newest config of the plugin`, async () => {
      const model = await loadModel(key);
      const config = projectConfig();
      const reports = formatReports(
        await lint(model.xml, { ...config, extends: (config.extends as string[]).map((e) => e.replace('camunda-cloud-8-8', 'camunda-cloud-8-10')) }),
      );
      assert.deepEqual(reports, []);
    });
  }

  it('every §6 procedural clause of the catalog is implemented by at least one element', async () => {
    const named = new Set((await all()).flatMap((m) => m.flowNodes.flatMap(clausesOf)));
    const procedural = catalog.all.filter((c) => c.id.startsWith('6') && c.kind === 'procedural');
    assert.ok(procedural.length >= 25, `only ${procedural.length} procedural clauses in §6`);
    const missing = procedural.filter((c) => !named.has(c.id)).map((c) => `${c.label} ${c.title?.en ?? c.text?.en ?? ''}`.trim());
    if (missing.length) console.log(`      §6 clauses implemented by no element:\n        ${missing.join('\n        ')}`);
    assert.deepEqual(missing, []);
  });

  it('the processes declare their §6 scope (process clause property), and the scopes together are all of §6', async () => {
    const scopes = (await all()).map((m) => clausesOf(m.process));
    assert.deepEqual(scopes, [
      ['6.1', '6.2', '6.3', '6.4', '6.5', '6.6'],
      ['6.7', '6.8'],
    ]);
    const procedural = catalog.all.filter((c) => c.id.startsWith('6') && c.kind === 'procedural').map((c) => c.id);
    const inScope = (id: string): boolean => scopes.flat().some((s) => id === s || id.startsWith(`${s}.`));
    assert.deepEqual(
      procedural.filter((id) => !inScope(id)),
      [],
    );
  });

  it('every flow node names existing §6 clauses in its clause property', async () => {
    const problems: string[] = [];
    for (const model of await all()) {
      for (const node of model.flowNodes) {
        const clauses = clausesOf(node);
        if (!clauses.length) problems.push(`${model.file} ${node.id}: no clause`);
        for (const id of clauses) {
          const c = catalog.get(id);
          if (!c || c.id !== id || !id.startsWith('6') || c.kind !== 'procedural') problems.push(`${model.file} ${node.id}: ${id}`);
        }
      }
    }
    assert.deepEqual(problems, []);
  });

  it('every task names its clause(s) and documents what it does', async () => {
    const problems: string[] = [];
    for (const model of await all()) {
      for (const node of model.flowNodes.filter((n) => n.$instanceOf('bpmn:Activity'))) {
        const doc = ((node.documentation as ModdleElement[] | undefined) ?? []).map((d) => String(d.text)).join('\n');
        if (!doc) problems.push(`${node.id}: no documentation`);
        for (const id of clausesOf(node)) if (!doc.includes(clauseLabel(id))) problems.push(`${node.id}: documentation does not cite ${clauseLabel(id)}`);
      }
    }
    assert.deepEqual(problems, []);
  });

  it('every flow node has a shape and every sequence flow an edge with waypoints at its ends', async () => {
    const problems: string[] = [];
    for (const model of await all()) {
      for (const node of model.flowNodes) if (!model.shapes.has(node.id!)) problems.push(`${model.file} ${node.id}: no BPMNShape`);
      for (const flow of model.sequenceFlows) {
        const edge = model.edges.get(flow.id!);
        if (!edge || edge.waypoints.length < 2) {
          problems.push(`${model.file} ${flow.id}: no BPMNEdge with waypoints`);
          continue;
        }
        const touches = (end: { x: number; y: number }, el: ModdleElement): boolean => {
          const b = model.shapes.get(el.id!)?.bounds;
          return !!b && end.x >= b.x - 1 && end.x <= b.x + b.width + 1 && end.y >= b.y - 1 && end.y <= b.y + b.height + 1;
        };
        if (!touches(edge.waypoints[0]!, flow.sourceRef as ModdleElement))
          problems.push(`${flow.id}: first waypoint is not on ${(flow.sourceRef as ModdleElement).id}`);
        if (!touches(edge.waypoints.at(-1)!, flow.targetRef as ModdleElement))
          problems.push(`${flow.id}: last waypoint is not on ${(flow.targetRef as ModdleElement).id}`);
        for (let i = 1; i < edge.waypoints.length; i++) {
          const [a, b] = [edge.waypoints[i - 1]!, edge.waypoints[i]!];
          if (a.x !== b.x && a.y !== b.y) problems.push(`${flow.id}: segment ${i} is not orthogonal`);
        }
      }
    }
    assert.deepEqual(problems, []);
  });

  it('boundary events sit on the border of the activity they are attached to', async () => {
    const problems: string[] = [];
    for (const model of await all()) {
      for (const node of model.flowNodes.filter((n) => n.$instanceOf('bpmn:BoundaryEvent'))) {
        const host = model.shapes.get((node.attachedToRef as ModdleElement).id!)!.bounds;
        const b = model.shapes.get(node.id!)!.bounds;
        const [cx, cy] = [b.x + b.width / 2, b.y + b.height / 2];
        const onX = cx >= host.x && cx <= host.x + host.width;
        const onY = cy >= host.y && cy <= host.y + host.height;
        const onEdge = (onX && (cy === host.y || cy === host.y + host.height)) || (onY && (cx === host.x || cx === host.x + host.width));
        if (!onEdge) problems.push(`${node.id} is not on the border of ${(node.attachedToRef as ModdleElement).id}`);
      }
    }
    assert.deepEqual(problems, []);
  });

  it('no two shapes overlap, except children inside their sub-process and boundary events on their host', async () => {
    const problems: string[] = [];
    for (const model of await all()) {
      const boxes = model.flowNodes
        .filter((n) => !n.$instanceOf('bpmn:SubProcess') && !n.$instanceOf('bpmn:BoundaryEvent'))
        .map((n) => ({ id: n.id!, b: model.shapes.get(n.id!)!.bounds }));
      for (let i = 0; i < boxes.length; i++) {
        for (let j = i + 1; j < boxes.length; j++) {
          const [p, q] = [boxes[i]!, boxes[j]!];
          if (p.b.x < q.b.x + q.b.width && q.b.x < p.b.x + p.b.width && p.b.y < q.b.y + q.b.height && q.b.y < p.b.y + p.b.height)
            problems.push(`${p.id} x ${q.id}`);
        }
      }
      for (const sub of model.flowNodes.filter((n) => n.$instanceOf('bpmn:SubProcess'))) {
        const s = model.shapes.get(sub.id!)!.bounds;
        for (const child of (sub.flowElements as ModdleElement[]).filter((e) => e.$instanceOf('bpmn:FlowNode'))) {
          const c = model.shapes.get(child.id!)!.bounds;
          if (c.x < s.x || c.y < s.y || c.x + c.width > s.x + s.width || c.y + c.height > s.y + s.height) problems.push(`${child.id} sticks out of ${sub.id}`);
        }
      }
    }
    assert.deepEqual(problems, []);
  });

  it('every error is ISCCC_<clause> of the contract, named after its clause, and caught where it can be thrown', async () => {
    const problems: string[] = [];
    for (const model of await all()) {
      const errors = (model.definitions.rootElements as ModdleElement[]).filter((e) => e.$type === 'bpmn:Error');
      for (const error of errors) {
        const code = String(error.errorCode);
        const clause = clauseOfErrorCode(code);
        if (!clause || !catalog.has(clause) || errorCodeOf(clause) !== code) problems.push(`${code}: does not parse to a clause`);
        if (!(code in ERRORS)) problems.push(`${code}: not in ERRORS`);
        if (clause && !String(error.name).startsWith(clauseLabel(clause))) problems.push(`${code}: name does not start with ${clauseLabel(clause)}`);
      }
      // a job's BPMN errors must be caught by a boundary event on the job or on an enclosing sub-process
      const catches = model.flowNodes.filter((n) => n.$instanceOf('bpmn:BoundaryEvent') && eventDefinition(n)?.$type === 'bpmn:ErrorEventDefinition');
      const caught = (node: ModdleElement, code: string): boolean => {
        for (let at: ModdleElement | undefined = node; at && at !== model.process; at = at.$parent as ModdleElement | undefined) {
          if (catches.some((c) => (c.attachedToRef as ModdleElement) === at && (eventDefinition(c)!.errorRef as ModdleElement)?.errorCode === code))
            return true;
        }
        return false;
      };
      for (const node of model.flowNodes) {
        const type = taskTypeOf(node);
        const spec = type ? taskTypeSpec(type) : undefined;
        for (const code of spec?.errors ?? []) if (!caught(node, code)) problems.push(`${model.file} ${node.id}: ${code} (thrown by ${type}) is not caught`);
      }
      // every error catch event hands the reason on
      for (const c of catches) {
        if (!ioMappings(c).outputs.some(([target, source]) => target === 'reason' && source === '=reason'))
          problems.push(`${c.id}: no output mapping reason = =reason`);
      }
    }
    assert.deepEqual(problems, []);
  });

  it('task types: every one used is in the contract, every one in the contract is used', async () => {
    const used = new Map<string, string[]>();
    for (const model of await all()) {
      for (const node of model.flowNodes) {
        const type = taskTypeOf(node);
        if (!type) continue;
        used.set(type, [...(used.get(type) ?? []), `${model.key}:${node.id}`]);
        const spec = taskTypeSpec(type);
        assert.ok(spec, `${node.id}: ${type} is not in the contract`);
        assert.ok(spec.processes.includes(model.key), `${type} is used in ${model.key} but the contract does not say so`);
        for (const id of spec.clauses) assert.ok(catalog.has(id), `${type}: unknown clause ${id}`);
      }
    }
    assert.deepEqual(
      TASK_TYPES.map((t) => t.type).filter((t) => !used.has(t)),
      [],
    );
  });

  it('messages, correlation keys and timers are those of the contract', async () => {
    for (const model of await all()) {
      for (const msg of (model.definitions.rootElements as ModdleElement[]).filter((e) => e.$type === 'bpmn:Message')) {
        const spec = MESSAGES.find((m) => m.name === msg.name && m.process === model.key);
        assert.ok(spec, `${model.file}: message ${msg.name} is not in MESSAGES for ${model.key}`);
        const key = extensions(msg, 'zeebe:Subscription')[0]?.correlationKey;
        assert.equal(key, 'correlationKey' in spec ? spec.correlationKey : undefined, `${msg.name} correlation key`);
      }
      for (const node of model.flowNodes) {
        const def = eventDefinition(node);
        if (def?.$type !== 'bpmn:TimerEventDefinition') continue;
        const timer = TIMERS.find((t) => t.elementId === node.id);
        assert.ok(timer && timer.process === model.key, `${node.id}: timer not in TIMERS`);
        assert.equal((def[timer.kind] as ModdleElement | undefined)?.body, timer.expression, `${node.id} ${timer.kind}`);
      }
    }
    const lifecycle = await loadModel('lifecycle');
    const ids = new Set(lifecycle.flowNodes.map((n) => n.id));
    for (const t of TIMERS) assert.ok(ids.has(t.elementId), `${t.elementId} not in the lifecycle`);
  });

  it('every output mapping of a catch event is one EVENT_OUTPUTS lists, and each listed one is there', async () => {
    const problems: string[] = [];
    const seen = new Set<(typeof EVENT_OUTPUTS)[number]>();
    for (const model of await all()) {
      for (const node of model.flowNodes.filter((n) => n.$instanceOf('bpmn:CatchEvent'))) {
        const def = eventDefinition(node);
        const message = (def?.messageRef as ModdleElement | undefined)?.name;
        const expected = EVENT_OUTPUTS.filter((o) =>
          o.on === 'error catch events'
            ? def?.$type === 'bpmn:ErrorEventDefinition'
            : 'elementIds' in o.on
              ? o.on.elementIds.includes(node.id!)
              : o.on.message === message,
        );
        expected.forEach((o) => seen.add(o));
        const actual = ioMappings(node)
          .outputs.map(([t, src]) => `${t} = ${src}`)
          .sort();
        const want = expected.map((o) => `${o.target} = ${o.source}`).sort();
        if (JSON.stringify(actual) !== JSON.stringify(want))
          problems.push(`${model.file} ${node.id}: has [${actual.join('; ')}], contract says [${want.join('; ')}]`);
      }
    }
    assert.deepEqual(problems, []);
    assert.deepEqual(
      EVENT_OUTPUTS.filter((o) => !seen.has(o)),
      [],
    );
  });

  it('gateway conditions are the FEEL of CONDITIONS, and every branching gateway has a default flow', async () => {
    const known = new Set<string>(Object.values(CONDITIONS));
    for (const model of await all()) {
      for (const flow of model.sequenceFlows) {
        const cond = (flow.conditionExpression as ModdleElement | undefined)?.body as string | undefined;
        if (cond) assert.ok(known.has(cond), `${flow.id}: ${cond} is not in CONDITIONS`);
      }
      for (const gw of model.flowNodes.filter((n) => n.$type === 'bpmn:ExclusiveGateway' && ((n.outgoing as unknown[]) ?? []).length > 1)) {
        assert.ok(gw.default, `${gw.id} has no default flow`);
      }
    }
  });

  it('every FEEL expression evaluates with feelin, and the conditions decide as intended', async () => {
    const problems: string[] = [];
    for (const model of await all()) {
      for (const { where, expression } of feelExpressions(model)) {
        try {
          evaluate(expression, {});
        } catch (err) {
          problems.push(`${model.file} ${where}: ${expression}: ${(err as Error).message}`);
        }
      }
    }
    assert.deepEqual(problems, []);
    const decide = (expr: string, vars: Record<string, unknown>): unknown => evaluate(expr.slice(1), vars).value;
    assert.equal(decide(CONDITIONS.granted, { decision: 'grant' }), true);
    assert.equal(decide(CONDITIONS.granted, { decision: 'refuse' }), false);
    assert.equal(decide(CONDITIONS.witnessNeeded, { grantedLevel: 1, witnessNeeded: true }), true);
    assert.equal(decide(CONDITIONS.witnessNeeded, { grantedLevel: 2, witnessNeeded: true }), false);
    assert.equal(decide(CONDITIONS.supplementNeeded, { materialReviewOutcome: 'supplement' }), true);
    assert.equal(decide(CONDITIONS.administrativeChange, { changeScope: 'major' }), false);
    assert.equal(decide(CONDITIONS.restorationApproved, { restorationApproved: true }), true);
    const lifecycle = await loadModel('lifecycle');
    const expired = lifecycle.flowNodes.find((n) => n.id === 'Timer_SuspensionExpired')!;
    const reason = decide(ioMappings(expired).outputs[0]![1], {}) as { code: string; clause: string; message: string };
    assert.deepEqual([reason.code, reason.clause], ['ISCCC_6_8_3_A', '6.8.3.a']);
    assert.ok(reason.message.startsWith('6.8.3 a)'));
  });

  it('the committee vote is a parallel multi-instance user task over committee, one per member, that keeps each vote local', async () => {
    for (const model of await all()) {
      const votes = model.flowNodes.filter((n) => n.$type === 'bpmn:UserTask' && extensions(n, 'zeebe:FormDefinition')[0]?.formId === 'isccc-committee-vote');
      assert.equal(votes.length, 1, model.file);
      const loop = votes[0]!.loopCharacteristics as ModdleElement;
      assert.equal(loop.$type, 'bpmn:MultiInstanceLoopCharacteristics');
      assert.notEqual(loop.isSequential, true);
      const lc = extensions(loop, 'zeebe:LoopCharacteristics')[0]!;
      assert.deepEqual([lc.inputCollection, lc.inputElement, lc.outputCollection, lc.outputElement], ['=committee', 'member', 'votes', '=vote']);
      assert.deepEqual(ioMappings(votes[0]!).inputs, [['vote', '=null']]);
      assert.equal(extensions(votes[0]!, 'zeebe:AssignmentDefinition')[0]?.assignee, '=member.id', 'each member votes in their own task');
    }
  });

  it('every user task is a Camunda user task of the contract: its form, candidate groups, assignee and due date', async () => {
    const problems: string[] = [];
    const seen = new Set<string>();
    for (const model of await all()) {
      for (const node of model.flowNodes.filter((n) => n.$type === 'bpmn:UserTask')) {
        seen.add(node.id!);
        const spec = userTaskOfElement(node.id!);
        if (!spec) {
          problems.push(`${node.id}: not in USER_TASKS`);
          continue;
        }
        if (!(spec.processes as readonly string[]).includes(model.key)) problems.push(`${node.id}: ${spec.task} is not listed for ${model.key}`);
        if (extensions(node, 'zeebe:UserTask').length !== 1) problems.push(`${node.id}: no zeebe:userTask (a job-based user task would be handed to workers)`);
        if (taskTypeOf(node)) problems.push(`${node.id}: a user task with a job type`);
        const form = extensions(node, 'zeebe:FormDefinition')[0];
        if (form?.formId !== spec.formId) problems.push(`${node.id}: formId ${String(form?.formId)}, contract says ${spec.formId}`);
        if (!fs.existsSync(formPath(spec.formId))) problems.push(`${node.id}: ${spec.formId}.form is missing`);
        const assignment = extensions(node, 'zeebe:AssignmentDefinition')[0];
        if (assignment?.candidateGroups !== spec.candidateGroups.join(','))
          problems.push(`${node.id}: candidate groups ${String(assignment?.candidateGroups)}`);
        if (assignment?.assignee !== ('assignee' in spec ? spec.assignee : undefined)) problems.push(`${node.id}: assignee ${String(assignment?.assignee)}`);
        if (extensions(node, 'zeebe:TaskSchedule')[0]?.dueDate !== ('dueDate' in spec ? spec.dueDate : undefined)) problems.push(`${node.id}: due date`);
        for (const id of spec.clauses)
          if (!clausesOf(node).includes(id) && !spec.clauses.some((c) => clausesOf(node).includes(c))) problems.push(`${node.id}: clause ${id}`);
      }
    }
    for (const spec of USER_TASKS)
      for (const id of spec.elementIds) if (!seen.has(id)) problems.push(`${spec.task}: element ${id} is not a user task of the models`);
    assert.deepEqual(problems, []);
    // the acts §6 gives to people are user tasks, never jobs a worker would run
    const people = [
      'Task_MaterialReview',
      'Task_OnsiteReview',
      'Task_ClientWitness',
      'Task_CommitteeVote',
      'Task_AssessInformation',
      'Task_SurveillanceReview',
      'Task_RestorationReview',
      'Task_ChangeWrittenReview',
      'Task_ChangeOnsiteVerify',
      'Task_ChangeCommitteeVote',
    ];
    assert.deepEqual(
      people.filter((id) => !seen.has(id)),
      [],
    );
  });

  it('every user task is preceded by a rule-check service task whose findings its form shows', async () => {
    const problems: string[] = [];
    for (const model of await all()) {
      for (const node of model.flowNodes.filter((n) => n.$type === 'bpmn:UserTask')) {
        const spec = userTaskOfElement(node.id!)!;
        const producers: string[] = TASK_TYPES.filter((t) => (t.outputs as readonly { name: string }[]).some((o) => o.name === spec.findings)).map(
          (t) => t.type,
        );
        // walk back along incoming flows (through gateways and the start of a sub-process) to a service task
        const upstream: string[] = [];
        const seen = new Set<ModdleElement>();
        const back = (n: ModdleElement): void => {
          if (seen.has(n)) return;
          seen.add(n);
          const incoming = (n.incoming as ModdleElement[] | undefined) ?? [];
          if (incoming.length === 0 && n.$parent && (n.$parent as ModdleElement).$type === 'bpmn:SubProcess') back(n.$parent as ModdleElement);
          for (const flow of incoming) {
            const source = flow.sourceRef as ModdleElement;
            const type = taskTypeOf(source);
            if (type) upstream.push(type);
            else back(source);
          }
        };
        back(node);
        if (!upstream.some((t) => producers.includes(t)))
          problems.push(`${node.id}: no ${producers.join('/')} before it (found ${upstream.join(', ') || 'none'})`);
      }
    }
    assert.deepEqual(problems, []);
  });
});
