import assert from 'node:assert/strict';
import { dateProblem } from '../../src/manifest/date-problem.js';
import { addYears, fullMonthsBetween, fullYearsBetween, isValidDay } from '../../src/vocabulary/calendar.js';
import { deriveFacts } from '../../src/facts/facts.js';
import type { Manifest } from '../../src/manifest/types.js';

const base: Manifest = {
  isccc: 'manifest/v1',
  organisation: { name: 'X', legalEntity: 'independent', registeredIn: 'CN', founded: '2015-03-01', financialReports: [] },
  application: { category: 'risk-assessment', level: 1, asOf: '2026-11-01', serviceSince: '2020-11-02' },
  people: { headOfOrganisation: { name: 'a' }, technicalHead: { name: 'b' }, financeHead: { name: 'c' }, serviceStaff: 1 },
  projects: [],
  evidence: [],
};
const target = { category: 'risk-assessment' as const, level: 1 as const };

describe('dates', () => {
  it('counts whole years and months the way anniversaries fall', () => {
    assert.equal(fullYearsBetween('2020-11-02', '2026-11-01'), 5);
    assert.equal(fullYearsBetween('2020-11-01', '2026-11-01'), 6);
    assert.equal(fullYearsBetween('2024-02-29', '2025-02-28'), 0);
    assert.equal(fullMonthsBetween('2025-09-01', '2025-10-01'), 1);
    assert.equal(fullMonthsBetween('2025-09-01', '2025-09-30'), 0);
    assert.equal(fullMonthsBetween('2025-01-31', '2025-02-28'), 1, 'the last day of a shorter month completes the month');
    assert.equal(addYears('2024-02-29', -3), '2021-02-28');
    assert.ok(isValidDay('2024-02-29') && !isValidDay('2025-02-29') && !isValidDay('2025-13-01'));
  });

  it('says why a string is not a calendar date', () => {
    assert.equal(dateProblem('2019-02-28'), null);
    assert.deepEqual(dateProblem('2019-02-30'), {
      en: '"2019-02-30" does not exist: February 2019 has 28 days',
      zh: '"2019-02-30" 这一天不存在：2019 年 2 月只有 28 天',
    });
    assert.equal(dateProblem('2000-02-30')?.en, '"2000-02-30" does not exist: February 2000 has 29 days', '2000 is a leap year (divisible by 400)');
    assert.equal(dateProblem('1900-02-29')?.en, '"1900-02-29" does not exist: February 1900 has 28 days', '1900 is not (divisible by 100)');
    assert.equal(dateProblem('2026-04-31')?.en, '"2026-04-31" does not exist: April 2026 has 30 days');
    assert.equal(dateProblem('2026-00-10')?.en, '"2026-00-10" does not exist: there is no month 0');
    assert.equal(dateProblem('2026-1-10')?.en, '"2026-1-10" is not a date YYYY-MM-DD');
  });
});

describe('facts', () => {
  it('years in the category are full years up to the as-of date', () => {
    assert.equal(deriveFacts(base, target, '2026-11-01').yearsInCategory, 5);
  });

  it('counts audited reports from PRC-registered auditors only', () => {
    const m: Manifest = {
      ...base,
      organisation: {
        ...base.organisation,
        financialReports: [
          { year: 2023, auditor: 'A', auditorRegisteredInPRC: true },
          { year: 2024, auditor: 'B', auditorRegisteredInPRC: false },
          { year: 2025, auditor: 'A', auditorRegisteredInPRC: true },
        ],
      },
    };
    const finance = deriveFacts(m, target, '2026-11-01').finance;
    assert.deepEqual(finance.auditedYears, [2023, 2025]);
    assert.deepEqual(finance.auditWindow('04-30'), { years: [2023, 2024, 2025], missing: [2024] });
  });

  describe('audit window: the last 3 years whose report is due (by 30 April of the next year)', () => {
    const withReports = (...years: number[]) =>
      ({
        ...base,
        organisation: { ...base.organisation, financialReports: years.map((year) => ({ year, auditor: 'A', auditorRegisteredInPRC: true })) },
      }) as Manifest;
    const window = (m: Manifest, asOf: string, due = '04-30') => deriveFacts(m, target, asOf).finance.auditWindow(due);

    it('before 30 April the latest year is not due yet', () => {
      assert.deepEqual(window(withReports(2023, 2024, 2025), '2027-01-15'), { years: [2023, 2024, 2025], missing: [] });
      assert.deepEqual(window(withReports(2023, 2024, 2025), '2027-04-29'), { years: [2023, 2024, 2025], missing: [] });
    });

    it('from 30 April the latest year is due', () => {
      assert.deepEqual(window(withReports(2023, 2024, 2025), '2027-04-30'), { years: [2024, 2025, 2026], missing: [2026] });
      assert.deepEqual(window(withReports(2024, 2025, 2026), '2027-05-01'), { years: [2024, 2025, 2026], missing: [] });
    });

    it('a report issued before it is due is accepted with the two years before it', () => {
      assert.deepEqual(window(withReports(2024, 2025, 2026), '2027-01-15'), { years: [2024, 2025, 2026], missing: [] });
      assert.deepEqual(
        window(withReports(2022, 2024, 2026), '2027-01-15'),
        { years: [2023, 2024, 2025], missing: [2023, 2025] },
        'an early report does not fill a gap',
      );
    });

    it("the due date is the rule's to set", () => {
      assert.deepEqual(window(withReports(2023, 2024, 2025), '2027-05-15', '06-30'), { years: [2023, 2024, 2025], missing: [] });
      assert.equal(window(withReports(2023), '2027-05-15', '6/30'), null);
      assert.equal(window(withReports(2023), '2027-05-15', '02-30'), null);
    });
  });

  describe('people are counted as persons', () => {
    let serial = 0;
    const cert = (name: string, extra: Partial<NonNullable<Manifest['people']['certifiedStaff']>[number]> = {}) => ({
      name,
      certificate: `C-${++serial}`,
      category: 'risk-assessment' as const,
      expires: '2028-01-01',
      ...extra,
    });
    const people = (certifiedStaff: NonNullable<Manifest['people']['certifiedStaff']>, staff?: Manifest['people']['staff']) =>
      deriveFacts({ ...base, people: { ...base.people, certifiedStaff, ...(staff ? { staff } : {}) } }, target, '2026-11-01').certifiedStaff;

    it('one person with two valid certificates counts once', () => {
      assert.equal(people([cert('李强'), cert('李强'), cert('王芳')]).valid, 2);
    });

    it('a person with one valid and one lapsed certificate is valid, not also expired', () => {
      assert.deepEqual(people([cert('李强'), cert('李强', { expires: '2025-01-01' }), cert('王芳', { expires: '2025-01-01' })]), {
        valid: 1,
        expired: 1,
        otherCategory: 0,
        samePerson: [],
      });
    });

    it('other-category certificates count the persons who hold nothing else', () => {
      const facts = people([cert('李强'), cert('李强', { category: 'security-operations' }), cert('赵磊', { category: 'security-operations' })]);
      assert.deepEqual([facts.valid, facts.otherCategory], [1, 1]);
    });

    it('a certificate that never expires is valid; one not yet issued is not', () => {
      assert.equal(people([cert('李强', { expires: 'never' }), cert('王芳', { issued: '2026-11-02' })]).valid, 1);
    });

    it('entries referring to one staff record are one person, whatever names they carry', () => {
      const staff = [
        { id: 'S1', name: '李强' },
        { id: 'S2', name: '王芳' },
      ];
      assert.equal(people([cert('李强', { person: 'S1' }), cert('李强', { person: 'S1' }), cert('王芳', { person: 'S2' })], staff).valid, 2);
    });

    it('one name written two ways is one person, and is reported', () => {
      const facts = people([cert('王芳'), cert('王 芳'), cert('ＷＡＮＧ Fang'), cert('wang fang')]);
      assert.equal(facts.valid, 2);
      assert.deepEqual(facts.samePerson, ['王芳 / 王 芳', 'ＷＡＮＧ Fang / wang fang']);
    });

    it('a name-only entry is the staff record of that name', () => {
      const facts = people([cert('王芳', { person: 'S2' }), cert('王 芳')], [{ id: 'S2', name: '王芳' }]);
      assert.equal(facts.valid, 1);
      assert.deepEqual(facts.samePerson, ['王芳 / 王 芳']);
    });

    it('two staff records of one spelling are two people; with one ID number they are one', () => {
      const two = [
        { id: 'S1', name: '王芳' },
        { id: 'S2', name: '王芳' },
      ];
      assert.deepEqual(people([cert('王芳', { person: 'S1' }), cert('王芳', { person: 'S2' })], two), {
        valid: 2,
        expired: 0,
        otherCategory: 0,
        samePerson: [],
      });
      const one = [
        { id: 'S1', name: '王芳', idNumber: '33010619900315002X' },
        { id: 'S2', name: '王芳', idNumber: '330106 19900315 002x' },
      ];
      assert.deepEqual(people([cert('王芳', { person: 'S1' }), cert('王芳', { person: 'S2' })], one), {
        valid: 1,
        expired: 0,
        otherCategory: 0,
        samePerson: ['王芳 (S1, S2)'],
      });
    });

    it('different ID numbers keep two spellings apart', () => {
      const staff = [
        { id: 'S1', name: '王芳', idNumber: '330106199003150027' },
        { id: 'S2', name: '王 芳', idNumber: '330102199511020044' },
      ];
      assert.equal(people([cert('王芳', { person: 'S1' }), cert('王 芳', { person: 'S2' })], staff).valid, 2);
    });

    it('project-management qualifications are counted the same way; omitted or never expiry does not expire', () => {
      const pm = (name: string, expires?: string) => ({ name, certificate: `P-${name}`, ...(expires ? { expires } : {}) });
      const facts = deriveFacts(
        { ...base, people: { ...base.people, projectManagers: [pm('孙伟', '2027-01-01'), pm('孙伟', 'never'), pm('郑凯'), pm('周敏', '2026-01-01')] } },
        target,
        '2026-11-01',
      ).projectManagers;
      assert.deepEqual(facts, { valid: 2, expired: 1, samePerson: [] });
    });
  });

  it('a disaster-recovery track record counts the applied class only', () => {
    const p = (id: string, drClass: 'A' | 'B') => ({
      id,
      client: 'c',
      category: 'disaster-recovery' as const,
      drClass,
      signed: '2025-01-01',
      end: '2025-06-01',
      status: 'completed' as const,
    });
    const m: Manifest = {
      ...base,
      application: { ...base.application, category: 'disaster-recovery', drClass: 'B' },
      projects: [p('a', 'A'), p('b1', 'B'), p('b2', 'B')],
    };
    const facts = deriveFacts(m, { category: 'disaster-recovery', level: 3, drClass: 'B' }, '2026-11-01');
    assert.deepEqual(
      facts.projects.recent.map((x) => x.id),
      ['b1', 'b2'],
    );
    assert.equal(deriveFacts(m, { category: 'disaster-recovery', level: 3, drClass: 'A' }, '2026-11-01').projects.completedLast3Years, 1);
  });

  it('keeps each drill whole, up to the as-of date', () => {
    const m: Manifest = {
      ...base,
      facilities: {
        sites: [],
        switchoverDrills: [
          { date: '2026-03-01', kind: 'real', takeoverHours: 4, switchedBack: false, scenario: '整体断电' },
          { date: '2026-05-01', kind: 'real', takeoverHours: 1, switchedBack: true },
          { date: '2026-12-01', kind: 'real', takeoverHours: 3, switchedBack: true, scenario: '整体断电' },
        ],
      },
    };
    assert.deepEqual(deriveFacts(m, target, '2026-11-01').dr.drills, [
      { date: '2026-03-01', kind: 'real', scenario: '整体断电', takeoverHours: 4, switchedBack: false },
      { date: '2026-05-01', kind: 'real', scenario: null, takeoverHours: 1, switchedBack: true },
    ]);
  });

  it('counts projects signed and completed within the 3 years before the as-of date, in the category only', () => {
    const p = (id: string, signed: string, end: string, category: Manifest['projects'][number]['category'] = 'risk-assessment') => ({
      id,
      client: 'c',
      category,
      signed,
      end,
      status: 'completed' as const,
    });
    const m: Manifest = {
      ...base,
      projects: [
        p('in', '2024-01-01', '2024-06-01'),
        p('edge', '2023-11-01', '2024-01-01'),
        p('old', '2023-10-31', '2024-01-01'),
        p('later', '2026-10-01', '2026-11-02'),
        p('other', '2025-01-01', '2025-02-01', 'security-operations'),
      ],
    };
    assert.deepEqual(
      deriveFacts(m, target, '2026-11-01').projects.recent.map((p) => p.id),
      ['in', 'edge'],
    );
  });

  it('holds a certificate level only while a certificate is valid, chaining renewals', () => {
    const held = (issued: string, expires?: string) => ({ category: 'risk-assessment' as const, level: 2 as const, issued, ...(expires ? { expires } : {}) });
    const withHeld = (...c: ReturnType<typeof held>[]) =>
      deriveFacts({ ...base, application: { ...base.application, certificatesHeld: c } }, target, '2026-11-01').heldYears.level2;
    assert.equal(withHeld(held('2016-07-15', '2018-03-01')), null, 'an expired certificate is not held');
    assert.equal(withHeld(held('2022-07-15', '2025-07-14'), held('2025-07-01', '2028-06-30')), 4, 'a renewal before expiry continues the holding');
    assert.equal(withHeld(held('2019-01-01', '2022-01-01'), held('2025-07-01')), 1, 'a gap restarts the count');
  });

  it('reduces DR sites to comparable numbers (seismic A strictest, unstated fire grade fails)', () => {
    const m: Manifest = {
      ...base,
      application: { ...base.application, category: 'disaster-recovery', drClass: 'A' },
      facilities: {
        sites: [
          { name: 's1', region: '上海', riskZone: 'east', raisedFloorM2: 1200, seismicCategory: 'B', ownership: 'leased', leaseEnds: '2032-01-01' },
          { name: 's2', region: '四川', raisedFloorM2: 900 },
        ],
      },
    };
    const dr = deriveFacts(m, { category: 'disaster-recovery', level: 1, drClass: 'A' }, '2026-11-01').dr;
    assert.equal(dr.raisedFloorM2, 2100);
    assert.deepEqual(
      dr.sites.map((s) => [s.region, s.riskZone, s.seismicRank, s.fireResistanceGrade, s.leaseYearsLeft]),
      [
        ['上海', 'east', 3, 9, 5],
        ['四川', null, 0, 9, null],
      ],
    );
  });
});
