import assert from 'node:assert/strict';
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
});

describe('facts', () => {
  it('years in the category are full years up to the as-of date', () => {
    assert.equal(deriveFacts(base, target, '2026-11-01').yearsInCategory, 5);
  });

  it('requires audited reports for the 3 full years before the as-of date, from PRC-registered auditors', () => {
    const m: Manifest = { ...base, organisation: { ...base.organisation, financialReports: [
      { year: 2023, auditor: 'A', auditorRegisteredInPRC: true },
      { year: 2024, auditor: 'B', auditorRegisteredInPRC: false },
      { year: 2025, auditor: 'A', auditorRegisteredInPRC: true },
    ] } };
    assert.deepEqual(deriveFacts(m, target, '2026-11-01').finance, { requiredYears: [2023, 2024, 2025], auditedYears: [2023, 2025], missingAuditYears: [2024] });
  });

  it('counts projects signed and completed within the 3 years before the as-of date, in the category only', () => {
    const p = (id: string, signed: string, end: string, category: Manifest['projects'][number]['category'] = 'risk-assessment') =>
      ({ id, client: 'c', category, signed, end, status: 'completed' as const });
    const m: Manifest = { ...base, projects: [p('in', '2024-01-01', '2024-06-01'), p('edge', '2023-11-01', '2024-01-01'), p('old', '2023-10-31', '2024-01-01'), p('later', '2026-10-01', '2026-11-02'), p('other', '2025-01-01', '2025-02-01', 'security-operations')] };
    assert.deepEqual(deriveFacts(m, target, '2026-11-01').projects.recent.map((p) => p.id), ['in', 'edge']);
  });

  it('holds a certificate level only while a certificate is valid, chaining renewals', () => {
    const held = (issued: string, expires?: string) => ({ category: 'risk-assessment' as const, level: 2 as const, issued, ...(expires ? { expires } : {}) });
    const withHeld = (...c: ReturnType<typeof held>[]) => deriveFacts({ ...base, application: { ...base.application, certificatesHeld: c } }, target, '2026-11-01').heldYears.level2;
    assert.equal(withHeld(held('2016-07-15', '2018-03-01')), null, 'an expired certificate is not held');
    assert.equal(withHeld(held('2022-07-15', '2025-07-14'), held('2025-07-01', '2028-06-30')), 4, 'a renewal before expiry continues the holding');
    assert.equal(withHeld(held('2019-01-01', '2022-01-01'), held('2025-07-01')), 1, 'a gap restarts the count');
  });

  it('reduces DR sites to comparable numbers (seismic A strictest, unstated fire grade fails)', () => {
    const m: Manifest = { ...base, application: { ...base.application, category: 'disaster-recovery', drClass: 'A' }, facilities: { sites: [
      { name: 's1', region: '上海', riskZone: 'east', raisedFloorM2: 1200, seismicCategory: 'B', ownership: 'leased', leaseEnds: '2032-01-01' },
      { name: 's2', region: '四川', raisedFloorM2: 900 },
    ] } };
    const dr = deriveFacts(m, { category: 'disaster-recovery', level: 1, drClass: 'A' }, '2026-11-01').dr;
    assert.equal(dr.raisedFloorM2, 2100);
    assert.equal(dr.regions, 2);
    assert.equal(dr.riskZones, 1);
    assert.deepEqual(dr.sites.map((s) => [s.seismicRank, s.fireResistanceGrade, s.leaseYearsLeft]), [[3, 9, 5], [0, 9, null]]);
  });
});
