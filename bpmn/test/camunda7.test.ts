/** The generated Camunda 7 models: fresh, free of zeebe:, every job an external task, FEEL translated or refused. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { camunda7ModelPath, feelConditionToJuel, feelToJuel, generateCamunda7 } from '../src/camunda7/index.js';
import { modelPath } from '../src/models.js';
import { CONDITIONS, TASK_TYPES, type ProcessKey } from '../src/task-types.js';

const KEYS: ProcessKey[] = ['certification', 'lifecycle'];
const count = (s: string, re: RegExp): number => (s.match(re) ?? []).length;

describe('Camunda 7 models (bpmn/generated/camunda7)', () => {
  for (const key of KEYS) {
    const zeebe = fs.readFileSync(modelPath(key), 'utf8');
    const generated = fs.readFileSync(camunda7ModelPath(key), 'utf8');

    it(`${key}: is up to date with the Zeebe model (npm run -w bpmn camunda7)`, () => {
      assert.equal(generated, generateCamunda7(zeebe));
    });

    it(`${key}: has no zeebe: left, is executable with a history time to live`, () => {
      assert.doesNotMatch(generated, /zeebe:/);
      assert.match(generated, /<bpmn:process [^>]*isExecutable="true"[^>]*camunda:historyTimeToLive="P\d+D"/);
    });

    it(`${key}: every job type is an external-task topic, and the diagram is kept`, () => {
      const types = [...zeebe.matchAll(/<zeebe:taskDefinition type="([^"]+)"/g)].map((m) => m[1]);
      const topics = [...generated.matchAll(/camunda:type="external" camunda:topic="([^"]+)"/g)].map((m) => m[1]);
      assert.deepEqual(topics.sort(), types.sort());
      for (const t of topics) assert.ok(TASK_TYPES.some((s) => s.type === t), `${t} is in the contract`);
      for (const tag of ['bpmndi:BPMNShape', 'bpmndi:BPMNEdge', 'di:waypoint', 'bpmn:documentation', 'bpmn:sequenceFlow']) {
        assert.equal(count(generated, new RegExp(`<${tag}[ >]`, 'g')), count(zeebe, new RegExp(`<${tag}[ >]`, 'g')), tag);
      }
      assert.equal(count(generated, /<camunda:property name="clause"/g), count(zeebe, /<zeebe:property name="clause"/g));
      assert.doesNotMatch(generated, /conditionExpression[^>]*>=/, 'no FEEL condition left');
    });
  }

  it('translates the gateway conditions of the contract to JUEL', () => {
    assert.equal(feelConditionToJuel(CONDITIONS.granted), "${execution.getVariable('decision') == 'grant'}");
    assert.equal(feelConditionToJuel(CONDITIONS.witnessNeeded), "${execution.getVariable('grantedLevel') == 1 && execution.getVariable('witnessNeeded') == true}");
    for (const c of Object.values(CONDITIONS)) assert.match(feelConditionToJuel(c), /^\$\{.+\}$/);
  });

  it('translates context literals to Spin JSON and refuses FEEL it does not know', () => {
    assert.equal(feelToJuel('={code: "X", details: []}'), `\${S('{"code":"X","details":[]}')}`);
    assert.equal(
      feelToJuel('={code: "X", details: details}'),
      `\${S('{"code":"X","details":'.concat((execution.getVariable('details') == null ? 'null' : execution.getVariable('details').toString())).concat('}'))}`,
    );
    for (const feel of ['=now() + duration("P1M")', '=a.b', '=count(votes) > 2', '=x or y', 'P3M']) assert.throws(() => feelToJuel(feel), /cannot be translated/, feel);
  });
});
