/** The generated Camunda 7 models: fresh, free of zeebe:, every job an external task, FEEL translated or refused. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { evaluate } from 'feelin';
import { camunda7ModelPath, Camunda7GeneratorError, feelConditionToJuel, feelToJuel, generateCamunda7, UntranslatableFeel } from '../src/camunda7/index.js';
import { variableOf } from '../src/camunda7/feel-to-juel.js';
import { modelPath } from '../src/models.js';
import { CONDITIONS, EVENT_OUTPUTS, reasonLiteral, TASK_TYPES, type ProcessKey } from '../src/task-types.js';
import { formatReports, lint } from '../scripts/lint-runner.js';

const KEYS: ProcessKey[] = ['certification', 'lifecycle'];
const count = (s: string, re: RegExp): number => (s.match(re) ?? []).length;

describe('Camunda 7 models (bpmn/generated/camunda7)', () => {
  for (const key of KEYS) {
    const zeebe = fs.readFileSync(modelPath(key), 'utf8');
    const generated = fs.readFileSync(camunda7ModelPath(key), 'utf8');

    it(`${key}: is up to date with the Zeebe model (npm run -w bpmn camunda7)`, async () => {
      assert.equal(generated, await generateCamunda7(zeebe));
    });

    it(`${key}: lints clean with plugin:isccc/recommended, read as Camunda Modeler reads a Camunda 7 diagram (camunda-bpmn-moddle)`, async () => {
      assert.deepEqual(formatReports(await lint(generated, { extends: ['plugin:isccc/recommended'] })), []);
    });

    it(`${key}: has no zeebe: left, is executable with a history time to live`, () => {
      assert.doesNotMatch(generated, /zeebe:/);
      assert.match(generated, /<bpmn:process [^>]*isExecutable="true"[^>]*camunda:historyTimeToLive="P\d+D"/);
    });

    it(`${key}: every job type is an external-task topic, and the diagram is kept`, () => {
      const types = [...zeebe.matchAll(/<zeebe:taskDefinition type="([^"]+)"/g)].map((m) => m[1]);
      const topics = [...generated.matchAll(/camunda:type="external" camunda:topic="([^"]+)"/g)].map((m) => m[1]);
      assert.deepEqual(topics.sort(), types.sort());
      for (const t of topics)
        assert.ok(
          TASK_TYPES.some((s) => s.type === t),
          `${t} is in the contract`,
        );
      for (const tag of ['bpmndi:BPMNShape', 'bpmndi:BPMNEdge', 'di:waypoint', 'bpmn:documentation', 'bpmn:sequenceFlow']) {
        assert.equal(count(generated, new RegExp(`<${tag}[ >]`, 'g')), count(zeebe, new RegExp(`<${tag}[ >]`, 'g')), tag);
      }
      assert.equal(count(generated, /<camunda:property name="clause"/g), count(zeebe, /<zeebe:property name="clause"/g));
      assert.doesNotMatch(generated, /conditionExpression[^>]*>=/, 'no FEEL condition left');
    });
  }

  it('translates the gateway conditions of the contract to JUEL', () => {
    assert.equal(feelConditionToJuel(CONDITIONS.granted), "${execution.getVariable('decision') == 'grant'}");
    assert.equal(
      feelConditionToJuel(CONDITIONS.witnessNeeded),
      "${execution.getVariable('grantedLevel') == 1 && execution.getVariable('witnessNeeded') == true}",
    );
    for (const c of Object.values(CONDITIONS)) assert.match(feelConditionToJuel(c), /^\$\{.+\}$/);
  });

  it('translates context literals to Spin JSON and refuses FEEL it does not know', () => {
    assert.equal(feelToJuel('={code: "X", details: []}'), `\${S('{"code":"X","details":[]}')}`);
    assert.equal(
      feelToJuel('={code: "X", details: details}'),
      `\${S('{"code":"X","details":'.concat((execution.getVariable('details') == null ? 'null' : execution.getVariable('details').toString())).concat('}'))}`,
    );
    for (const feel of ['=now() + duration("P1M")', '=a.b', '=count(votes) > 2', '=x or y', 'P3M'])
      assert.throws(() => feelToJuel(feel), /cannot be translated/, feel);
  });
});

/** The JSON text inside a Spin literal `${S('…')}` with no spliced variables. */
function spinJson(juel: string): unknown {
  const m = /^\$\{S\('((?:[^'\\]|\\.)*)'\)\}$/.exec(juel);
  assert.ok(m, `${juel} is one Spin literal`);
  return JSON.parse(m[1]!.replace(/\\(.)/g, '$1'));
}

describe('FEEL → JUEL translation (feelin parse tree)', () => {
  it('string literals, escapes included, become single-quoted JUEL strings', () => {
    assert.equal(feelToJuel('="annual"'), "${'annual'}");
    assert.equal(feelToJuel('="say \\"hi\\" it\'s \\\\ 暂停 — ok"'), "${'say \"hi\" it\\'s \\\\ 暂停 — ok'}");
  });

  it('null, numbers and booleans', () => {
    assert.equal(feelToJuel('=null'), '${null}');
    assert.equal(feelToJuel('=-1.5'), '${-1.5}');
    assert.equal(feelToJuel('=true'), '${true}');
  });

  it('variable names are read null-safe with execution.getVariable', () => {
    assert.equal(feelToJuel('=reason'), "${execution.getVariable('reason')}");
    assert.equal(feelToJuel('=surveillanceDeadline'), "${execution.getVariable('surveillanceDeadline')}");
    assert.equal(variableOf('=certificateNumber'), 'certificateNumber');
    assert.equal(variableOf('="certificateNumber"'), undefined);
  });

  it('= comparisons against strings, numbers and booleans, and and-chains of any length', () => {
    assert.equal(feelConditionToJuel(CONDITIONS.changeApproved), "${execution.getVariable('changeApproved') == true}");
    assert.equal(feelConditionToJuel(CONDITIONS.administrativeChange), "${execution.getVariable('changeScope') == 'administrative'}");
    assert.equal(
      feelConditionToJuel('=a = 1 and b = "x" and c = null'),
      "${execution.getVariable('a') == 1 && execution.getVariable('b') == 'x' && execution.getVariable('c') == null}",
    );
  });

  it('the empty list, alone or in a context, is a Spin JSON array', () => {
    assert.equal(feelToJuel('=[]'), "${S('[]')}");
    assert.deepEqual(spinJson(feelToJuel('={details: []}')), { details: [] });
  });

  it('the context literals of the models become the JSON feelin evaluates them to', () => {
    const literals = EVENT_OUTPUTS.map((o) => o.source).filter((s) => s.startsWith('={') && !s.includes('details: details'));
    assert.ok(literals.length >= 2, 'the timers set reason with a context literal');
    for (const source of literals) assert.deepEqual(spinJson(feelToJuel(source)), evaluate(source.slice(1)).value, source);
    assert.deepEqual(spinJson(feelToJuel('={s: "a\'b", n: 2, b: false, z: null}')), { s: "a'b", n: 2, b: false, z: null });
  });

  it('a context member naming a variable splices its JSON text in', () => {
    const juel = feelToJuel(reasonLiteral('ISCCC_6_8_2_D', 'details'));
    assert.match(juel, /^\$\{S\('\{"code":"ISCCC_6_8_2_D","clause":"6\.8\.2\.d","message":"6\.8\.2 d\) [^']*","details":'\.concat\(/);
    assert.match(
      juel,
      /\.concat\(\(execution\.getVariable\('details'\) == null \? 'null' : execution\.getVariable\('details'\)\.toString\(\)\)\)\.concat\('\}'\)\)\}$/,
    );
  });

  it('refuses every other construct, naming it and the expression', () => {
    const refused: Array<[string, RegExp]> = [
      ['=x != 1', /Comparison "x != 1" is not translated \(only "=" comparisons, not "!="\)/],
      ['=count(votes) > 2', /Comparison "count\(votes\) > 2"/],
      ['=x or y', /Disjunction "x or y" is not translated/],
      ['=a.b', /PathExpression "a.b" is not translated/],
      ['=a.b = 1', /PathExpression "a.b" is not translated in a comparison/],
      ['=(a = 1) and b = 2', /ParenthesizedExpression "\(a = 1\)" is not translated in a conjunction/],
      ['=[1]', /List "\[1\]" is not translated/],
      ['={a: {b: 1}}', /Context "\{b: 1\}" is not translated as context member "a"/],
      ['={"a b": 1}', /context keys must be one-word names/],
      ['=x = ', /syntax error at column 6/],
      ['P3M', /not a FEEL expression/],
    ];
    for (const [feel, why] of refused) {
      assert.throws(
        () => feelToJuel(feel),
        (e: unknown) => e instanceof UntranslatableFeel && e.message.includes(JSON.stringify(feel)) && why.test(e.message),
        feel,
      );
    }
    assert.throws(() => feelConditionToJuel('=approved'), /VariableName "approved" is not a condition/);
  });
});

describe('Camunda 7 generator: models it cannot translate', () => {
  const certification = fs.readFileSync(modelPath('certification'), 'utf8');
  const lifecycle = fs.readFileSync(modelPath('lifecycle'), 'utf8');
  /** The model with one exact piece of its XML replaced (the piece must be there). */
  const withReplaced = (xml: string, from: string, to: string): string => {
    assert.ok(xml.includes(from), `the model contains ${from}`);
    return xml.replace(from, to);
  };

  it('names the element, the field and the expression of FEEL it cannot translate', async () => {
    const condition = withReplaced(certification, '>=decision = &quot;grant&quot;<', '>=count(votes) &gt; 2<');
    await assert.rejects(generateCamunda7(condition), (e: unknown) => {
      assert.ok(e instanceof Camunda7GeneratorError);
      assert.equal(e.elementId, 'Flow_Decision_IssueCertificate');
      assert.match(
        e.message,
        /<bpmn:SequenceFlow id="Flow_Decision_IssueCertificate">: conditionExpression: FEEL expression "=count\(votes\) > 2" cannot be translated/,
      );
      return true;
    });
    const timer = withReplaced(lifecycle, '>=surveillanceDeadline<', '>=now() + duration("P1M")<');
    await assert.rejects(
      generateCamunda7(timer),
      /<bpmn:TimerEventDefinition id="Timer_SurveillanceDeadline_Def">: timeDate: FEEL expression "=now\(\) \+ duration\(\\"P1M\\"\)" cannot be translated to JUEL for Camunda 7: ArithmeticExpression "now\(\) \+ duration\(\\"P1M\\"\)" is not translated/,
    );
  });

  it("refuses zeebe: content it has no translation for, and job retries other than the adapter's", async () => {
    const called = withReplaced(
      certification,
      '<zeebe:taskDefinition type="isccc.self-assessment" retries="3" />',
      '<zeebe:taskDefinition type="isccc.self-assessment" retries="5" />',
    );
    await assert.rejects(generateCamunda7(called), /<bpmn:ServiceTask id="Task_SelfAssessment">: retries="5"/);
    const unknown = withReplaced(
      certification,
      '<zeebe:taskDefinition type="isccc.self-assessment" retries="3" />',
      '<zeebe:taskDefinition type="isccc.self-assessment" retries="3" /><zeebe:executionListeners />',
    );
    await assert.rejects(generateCamunda7(unknown), /<bpmn:ServiceTask id="Task_SelfAssessment">: <zeebe:ExecutionListeners> has no Camunda 7 translation/);
  });
});
