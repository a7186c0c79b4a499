import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Finding, loadManifestFile } from '@isccc/rules';
import type { ApplicationData } from '../src/form/application.js';
import { cliRoot, example, EXAMPLES, isccc } from './helpers.js';
import { readWorkbook } from './support/python.js';

describe('isccc application: the application form’s data (6.2)', function () {
  this.timeout(60_000);

  for (const name of EXAMPLES) {
    it(`${name}: states what the manifest holds and counts staff and projects as the rules do`, () => {
      const r = isccc('application', example(name));
      assert.equal(r.code, 0, r.err);
      const data = JSON.parse(r.out) as ApplicationData;
      const m = loadManifestFile(example(name)).manifest!;
      const check = JSON.parse(isccc('check', example(name), '--format', 'json').out) as { target: { category: string; level: number }; findings: Finding[] };
      assert.equal(data.form.zh, '信息安全服务资质认证申请书');
      assert.equal(data.organisation.name, m.organisation.name);
      assert.equal(data.organisation.unifiedSocialCreditCode, m.organisation.registrationId);
      assert.equal(data.organisation.legalStatus.id, m.organisation.legalEntity);
      assert.equal(data.organisation.registeredAddress, m.contact?.registeredAddress);
      assert.deepEqual(data.contact, JSON.parse(JSON.stringify({ person: m.contact?.person, phone: m.contact?.phone, email: m.contact?.email })));
      assert.equal(data.application.category.id, check.target.category);
      assert.equal(data.application.level.id, check.target.level);
      assert.equal(data.asOf, m.application.asOf);
      assert.equal(data.staff.serviceStaff, m.people.serviceStaff);
      assert.equal(data.staff.headOfOrganisation, m.people.headOfOrganisation.name);
      // The counts are the ones the rules judged: the actual values of their findings.
      const actual = (rule: string) => check.findings.find((f) => f.rule === rule)?.actual;
      assert.equal(data.staff.certifiedStaff.validInCategory, actual('isccc/certified-staff'));
      assert.equal(data.staff.certifiedStaff.listed, (m.people.certifiedStaff ?? []).length);
      assert.equal(data.projects.completedInCategoryLast3Years, actual('isccc/recent-projects'));
      assert.deepEqual(
        data.projects.inCategory.map((p) => p.id).sort(),
        m.projects
          .filter((p) => p.category === check.target.category)
          .map((p) => p.id)
          .sort(),
      );
      assert.deepEqual(data.missing, m.contact ? [] : ['contact.registeredAddress', 'contact.person', 'contact.phone', 'contact.email']);
    });
  }

  it('the same data is the first sheet of the form workbook', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'isccc-app-'));
    assert.equal(isccc('form', example('disaster-recovery-a-l2'), '-o', dir).code, 0);
    const sheet = readWorkbook(path.join(dir, 'self-assessment.xlsx'))[0]!;
    const value = new Map(sheet.rows.slice(2).map((r) => [String(r[1]), r[3] === null ? '' : String(r[3])]));
    const data = JSON.parse(isccc('application', example('disaster-recovery-a-l2')).out) as ApplicationData;
    assert.equal(value.get('组织名称'), data.organisation.name);
    assert.equal(value.get('统一社会信用代码'), data.organisation.unifiedSocialCreditCode);
    assert.equal(value.get('注册地址'), data.organisation.registeredAddress);
    assert.equal(value.get('联系人'), data.contact.person);
    assert.equal(value.get('电子邮箱'), data.contact.email);
    assert.equal(value.get('灾备服务类型'), '资源服务类（A类） (resource services (class A))');
    assert.equal(value.get('从事信息安全服务人员'), String(data.staff.serviceStaff));
    fs.rmSync(dir, { recursive: true });
  });

  it('-o writes the JSON to a file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'isccc-app-'));
    const file = path.join(dir, 'application.json');
    const r = isccc('application', example('emergency-response-l1'), '-o', file);
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(JSON.parse(fs.readFileSync(file, 'utf8')), JSON.parse(isccc('application', example('emergency-response-l1')).out));
    fs.rmSync(dir, { recursive: true });
  });

  describe('bad input: exit 2 with file:line:col', () => {
    let dir: string;
    before(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'isccc-app-bad-'));
      fs.cpSync(path.dirname(example('risk-assessment-l3-pass')), dir, { recursive: true });
    });
    after(() => fs.rmSync(dir, { recursive: true }));

    it('a malformed contact field names the field and where it is', () => {
      const file = path.join(dir, 'manifest.isccc.yaml');
      const text = fs.readFileSync(file, 'utf8');
      fs.writeFileSync(file, text.replace('email: apply@mingheng.example.cn', 'email: not an address').replace('postcode: "310012"', 'postcode: "3100"'));
      const lines = fs.readFileSync(file, 'utf8').split('\n');
      const line = (needle: string) => lines.findIndex((l) => l.includes(needle)) + 1;
      const r = isccc('application', file);
      assert.equal(r.code, 2);
      assert.match(
        r.err,
        new RegExp(`manifest\\.isccc\\.yaml:${line('postcode:')}:\\d+: error \\[schema/invalid-value\\] contact\\.postcode must match pattern`),
      );
      assert.match(r.err, new RegExp(`manifest\\.isccc\\.yaml:${line('email:')}:\\d+: error \\[schema/invalid-value\\] contact\\.email must match pattern`));
      assert.doesNotMatch(r.err, /^\s+at /m);
      assert.equal(isccc('check', file).code, 2, 'check refuses the same manifest: one schema');
    });

    it('the contact block stays optional for check', () => {
      const file = path.join(dir, 'no-contact.isccc.yaml');
      assert.match(fs.readFileSync(example('risk-assessment-l3-pass'), 'utf8'), /\ncontact:\n/);
      fs.writeFileSync(file, fs.readFileSync(example('risk-assessment-l3-pass'), 'utf8').replace(/\n# The application form.*\ncontact:\n( {2}.*\n)+/, '\n'));
      assert.doesNotMatch(fs.readFileSync(file, 'utf8'), /contact/);
      assert.equal(isccc('check', file).code, 0);
    });

    it('a broken manifest file', () => {
      const r = isccc('application', path.join(cliRoot, 'test', 'fixtures', 'bad', 'proto-key.isccc.yaml'));
      assert.equal(r.code, 2);
      assert.match(r.err, /proto-key\.isccc\.yaml:35:3: error \[input\/forbidden-key\] key "__proto__" is not allowed/);
    });
  });
});
