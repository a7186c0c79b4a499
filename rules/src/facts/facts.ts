import type { Category, Target } from '../model.js';
import type { Drill, Expiry, HeldCertificate, Manifest, Person, Project, QualificationEntry, Site } from '../manifest/types.js';
import { addYears, fullMonthsBetween, fullYearsBetween, isValidDay } from '../vocabulary/calendar.js';
import { PersonIndex } from './persons.js';

/**
 * What rule conditions see: the manifest's statements reduced to numbers and flags on the as-of
 * date. Rule files stay short FEEL over these names; the arithmetic lives here, unit-tested.
 */
export interface Facts {
  asOf: string;
  /** The category (and DR class) facts were derived for; facts never depend on the level. */
  target: { category: Category; drClass: string | null };
  organisation: {
    legalEntity: string;
    registeredIn: string;
    registeredInPRC: boolean;
    independentLegalEntity: boolean;
    fullYearsSinceFounding: number;
    industryLeader: boolean;
  };
  finance: {
    /** Fiscal years with a report audited by a PRC-registered accounting firm. */
    auditedYears: number[];
    /**
     * The one fact with a parameter, so a rule file can set the date (`MM-DD`) by which a year's
     * report is due in the next year: the last 3 years whose report is due on the as-of date, and
     * which of them are not audited. Null when `reportDue` is not a month and day.
     */
    auditWindow: (reportDue: string) => AuditWindow | null;
  };
  headOfOrganisation: { itManagementYears: number | null };
  technicalHead: {
    infosecYears: number | null;
    securityMastersOrAbove: boolean;
    /** Grade of an electronic-information series title, or null. */
    titleGrade: string | null;
  };
  financeHead: {
    /** Grade of a finance series title, or null. */
    titleGrade: string | null;
    /** Full years since the finance title was obtained, or null when not stated. */
    yearsAtGrade: number | null;
  };
  serviceStaff: number;
  /** Staff engaged in information security technical services (4.3.5 d)), or null when not stated. */
  technicalServiceStaff: number | null;
  /** Counted in persons: one person with several certificates counts once. */
  certifiedStaff: {
    /** Persons with a category-matching certificate valid on the as-of date. */
    valid: number;
    /** Persons whose category-matching certificates are none of them valid on the as-of date. */
    expired: number;
    /** Persons with certificates of other categories only. */
    otherCategory: number;
    /** Persons the list names in two ways, e.g. `王芳 / 王 芳` (counted once). */
    samePerson: string[];
  };
  projectManagers: { valid: number; expired: number; samePerson: string[] };
  yearsInCategory: number;
  /** Full years since the earliest certificate of the applied category at that level (null: none held). */
  heldYears: { level3: number | null; level2: number | null };
  projects: {
    /** Category projects (of the DR class, for disaster recovery) signed and completed within the 3 years before the as-of date. */
    completedLast3Years: number;
    /** Those projects: what process requirements such as trial runs are judged on. */
    recent: ProjectFact[];
    /** Completed projects of the applied category (any date up to the as-of date). */
    completed: ProjectFact[];
    industries: number;
    maxUsers: number;
  };
  managementSystems: { qms: boolean; isms: boolean; itsm: boolean };
  tools: {
    testEnvironmentIsolated: boolean;
    securityToolKinds: string[];
    securityTools: number;
    /** Security tools not under version control (4.2.5 b)). */
    uncontrolledTools: string[];
    changeControlBoard: boolean;
  };
  dedicatedTesters: number;
  emergency: { localResponseHours: number | null; remoteResponseHours: number | null; local24x7: boolean };
  dr: {
    siteCount: number;
    raisedFloorM2: number;
    sites: SiteFact[];
    /** Drills held on or before the as-of date, each with all it achieved. */
    drills: DrillFact[];
  };
}

export interface AuditWindow {
  /** The 3 consecutive years judged. */
  years: number[];
  /** Those without a PRC-audited report. */
  missing: number[];
}

export interface DrillFact {
  date: string;
  kind: Drill['kind'];
  /** The disaster scenario it was run for, or null when not stated. */
  scenario: string | null;
  /** Hours the DR system carried real production transactions (0 when not stated). */
  takeoverHours: number;
  /** Production was switched back within the stipulated time. */
  switchedBack: boolean;
}

export interface ProjectFact {
  id: string;
  users: number | null;
  industry: string | null;
  trialRunMonths: number | null;
}

export interface SiteFact {
  name: string;
  region: string;
  riskZone: string | null;
  /** Seismic fortification strictness: A (甲) = 4, B (乙) = 3, C (丙) = 2, D (丁) = 1, unstated = 0. */
  seismicRank: number;
  /** Fire-resistance grade (1 strictest); 9 when unstated so "≤ 2" fails. */
  fireResistanceGrade: number;
  highVoltageFeeds: number;
  independentSubstations: number;
  upsFeeds: number;
  generatorHours: number;
  cctvPublicDays: number;
  cctvMachineRoomDays: number;
  temperatureMin: number | null;
  temperatureMax: number | null;
  humidityMin: number | null;
  humidityMax: number | null;
  owned: boolean;
  leaseYearsLeft: number | null;
}

const SEISMIC_RANK: Record<string, number> = { A: 4, B: 3, C: 2, D: 1 };

export function deriveFacts(manifest: Manifest, target: Target, asOf: string): Facts {
  const inTarget = (project: Project): boolean =>
    project.category === target.category && (!target.drClass || project.category !== 'disaster-recovery' || project.drClass === target.drClass);
  const completed = manifest.projects.filter((p) => inTarget(p) && p.status === 'completed' && p.end !== undefined && p.end <= asOf);
  const threeYearsBefore = addYears(asOf, -3);
  const recent = completed.filter((p) => p.signed >= threeYearsBefore && (p.end ?? '') >= threeYearsBefore);
  const persons = new PersonIndex(manifest.people.staff ?? []);
  const sites = manifest.facilities?.sites ?? [];
  const auditedYears = [...new Set((manifest.organisation.financialReports ?? []).filter((r) => r.auditorRegisteredInPRC).map((r) => r.year))].sort();

  return {
    asOf,
    target: { category: target.category, drClass: target.drClass ?? null },
    organisation: {
      legalEntity: manifest.organisation.legalEntity,
      registeredIn: manifest.organisation.registeredIn,
      registeredInPRC: manifest.organisation.registeredIn === 'CN',
      independentLegalEntity: manifest.organisation.legalEntity === 'independent',
      fullYearsSinceFounding: Math.max(0, fullYearsBetween(manifest.organisation.founded, asOf)),
      industryLeader: manifest.organisation.industryLeader === true,
    },
    finance: { auditedYears, auditWindow: (reportDue: string) => auditWindow(auditedYears, asOf, reportDue) },
    headOfOrganisation: { itManagementYears: manifest.people.headOfOrganisation.itManagementYears ?? null },
    technicalHead: technicalHeadFacts(manifest.people.technicalHead),
    financeHead: financeHeadFacts(manifest.people.financeHead, asOf),
    serviceStaff: manifest.people.serviceStaff,
    technicalServiceStaff: manifest.people.technicalServiceStaff ?? null,
    certifiedStaff: certifiedStaffFacts(manifest, target, asOf, persons),
    projectManagers: projectManagerFacts(manifest.people.projectManagers ?? [], asOf, persons),
    yearsInCategory: Math.max(0, fullYearsBetween(manifest.application.serviceSince, asOf)),
    heldYears: {
      level3: heldYears(manifest.application.certificatesHeld ?? [], target, 3, asOf),
      level2: heldYears(manifest.application.certificatesHeld ?? [], target, 2, asOf),
    },
    projects: {
      completedLast3Years: recent.length,
      recent: recent.map(projectFact),
      completed: completed.map(projectFact),
      industries: new Set(completed.map((p) => p.industry).filter((i): i is string => !!i)).size,
      maxUsers: Math.max(0, ...completed.map((p) => p.users ?? 0)),
    },
    managementSystems: {
      qms: hasSystem(manifest, 'ISO 9001', asOf),
      isms: hasSystem(manifest, 'ISO/IEC 27001', asOf),
      itsm: hasSystem(manifest, 'ISO/IEC 20000-1', asOf),
    },
    tools: {
      testEnvironmentIsolated: manifest.tools?.testEnvironment?.isolated === true,
      securityToolKinds: [...new Set((manifest.tools?.securityTools ?? []).map((t) => t.kind))].sort(),
      securityTools: (manifest.tools?.securityTools ?? []).length,
      uncontrolledTools: (manifest.tools?.securityTools ?? []).filter((t) => t.versionControlled !== true).map((t) => t.name),
      changeControlBoard: manifest.tools?.changeControlBoard === true,
    },
    dedicatedTesters: manifest.people.dedicatedTesters ?? 0,
    emergency: {
      localResponseHours: manifest.emergencyResponse?.localResponseHours ?? null,
      remoteResponseHours: manifest.emergencyResponse?.remoteResponseHours ?? null,
      local24x7: manifest.emergencyResponse?.local24x7 === true,
    },
    dr: {
      siteCount: sites.length,
      raisedFloorM2: sites.reduce((sum, s) => sum + s.raisedFloorM2, 0),
      sites: sites.map((s) => siteFact(s, asOf)),
      drills: (manifest.facilities?.switchoverDrills ?? []).filter((d) => d.date <= asOf).map(drillFact),
    },
  };
}

/** On the as-of date: issued (when the date is stated) and not expired; `never` never expires. */
function validOn(asOf: string, expires: Expiry | undefined, issued?: string): boolean {
  return (issued ?? asOf) <= asOf && (expires === undefined || expires === 'never' || expires >= asOf);
}

function certifiedStaffFacts(manifest: Manifest, target: Target, asOf: string, persons: PersonIndex): Facts['certifiedStaff'] {
  const entries = manifest.people.certifiedStaff ?? [];
  const matching = entries.filter((c) => c.category === target.category);
  const valid = new Set(matching.filter((c) => validOn(asOf, c.expires, c.issued)).map((c) => persons.keyOf(c)));
  const withMatching = new Set(matching.map((c) => persons.keyOf(c)));
  return {
    valid: valid.size,
    expired: [...withMatching].filter((key) => !valid.has(key)).length,
    otherCategory: new Set(entries.map((c) => persons.keyOf(c)).filter((key) => !withMatching.has(key))).size,
    samePerson: persons.variants(entries),
  };
}

function projectManagerFacts(entries: QualificationEntry[], asOf: string, persons: PersonIndex): Facts['projectManagers'] {
  const valid = new Set(entries.filter((p) => validOn(asOf, p.expires)).map((p) => persons.keyOf(p)));
  return {
    valid: valid.size,
    expired: new Set(entries.map((p) => persons.keyOf(p)).filter((key) => !valid.has(key))).size,
    samePerson: persons.variants(entries),
  };
}

/**
 * "近3年…财务审计报告": the report for year Y is due by `reportDue` (MM-DD) of Y+1, so the last 3
 * years judged are the 3 whose report is due on the as-of date. Until the latest year's report is
 * due, a report already issued for it is accepted instead: the 3 years ending with it also do.
 */
function auditWindow(audited: number[], asOf: string, reportDue: string): AuditWindow | null {
  if (!/^\d{2}-\d{2}$/.test(reportDue) || !isValidDay(`2000-${reportDue}`)) return null;
  const year = Number(asOf.slice(0, 4));
  const dueThisYear = asOf.slice(5) >= reportDue;
  const lastDue = dueThisYear ? year - 1 : year - 2;
  const judge = (last: number): AuditWindow => {
    const years = [last - 2, last - 1, last];
    return { years, missing: years.filter((y) => !audited.includes(y)) };
  };
  const due = judge(lastDue);
  const early = judge(lastDue + 1);
  return due.missing.length > 0 && !dueThisYear && early.missing.length === 0 ? early : due;
}

function technicalHeadFacts(person: Person): Facts['technicalHead'] {
  const degree = person.degree;
  return {
    infosecYears: person.infosecYears ?? null,
    securityMastersOrAbove: !!degree && (degree.level === 'master' || degree.level === 'doctor') && degree.field !== 'unrelated',
    titleGrade: person.title?.series === 'electronic-information' ? person.title.grade : null,
  };
}

function financeHeadFacts(person: Person, asOf: string): Facts['financeHead'] {
  const title = person.title?.series === 'finance' ? person.title : undefined;
  return {
    titleGrade: title?.grade ?? null,
    yearsAtGrade: title?.since ? Math.max(0, fullYearsBetween(title.since, asOf)) : null,
  };
}

/**
 * Full years a certificate of the category at `level` has been held without a break up to the
 * as-of date (renewals chain when one is issued before the previous one expires); null when none
 * is held on the as-of date — "取得…资质1年以上" means holding it now.
 */
function heldYears(held: HeldCertificate[], target: Target, level: number, asOf: string): number | null {
  const chain = held
    .filter((c) => c.category === target.category && c.level === level && c.issued <= asOf && (!target.drClass || c.drClass === target.drClass))
    .sort((a, b) => (a.issued < b.issued ? 1 : -1));
  const current = chain.find((c) => c.expires === undefined || c.expires >= asOf);
  if (!current) return null;
  let since = current.issued;
  for (const earlier of chain) {
    if (earlier.issued < since && (earlier.expires === undefined || earlier.expires >= since)) since = earlier.issued;
  }
  return fullYearsBetween(since, asOf);
}

function hasSystem(manifest: Manifest, standard: string, asOf: string): boolean {
  return (manifest.managementSystems ?? []).some((m) => m.standard === standard && m.expires >= asOf && (m.issued ?? asOf) <= asOf && m.coversSecurityServices);
}

function projectFact(project: Project): ProjectFact {
  return {
    id: project.id,
    users: project.users ?? null,
    industry: project.industry ?? null,
    trialRunMonths: project.trialRun ? fullMonthsBetween(project.trialRun.start, project.trialRun.end) : null,
  };
}

function drillFact(drill: Drill): DrillFact {
  return {
    date: drill.date,
    kind: drill.kind,
    scenario: drill.scenario?.trim() ? drill.scenario : null,
    takeoverHours: drill.takeoverHours ?? 0,
    switchedBack: drill.switchedBack === true,
  };
}

function siteFact(site: Site, asOf: string): SiteFact {
  return {
    name: site.name,
    region: site.region,
    riskZone: site.riskZone?.trim() ? site.riskZone : null,
    seismicRank: site.seismicCategory ? SEISMIC_RANK[site.seismicCategory]! : 0,
    fireResistanceGrade: site.fireResistanceGrade ?? 9,
    highVoltageFeeds: site.highVoltageFeeds ?? 0,
    independentSubstations: site.independentSubstations ?? 0,
    upsFeeds: site.upsFeeds ?? 0,
    generatorHours: site.generatorHours ?? 0,
    cctvPublicDays: site.cctvRetentionDays?.public ?? 0,
    cctvMachineRoomDays: site.cctvRetentionDays?.machineRoom ?? 0,
    temperatureMin: site.temperatureC?.min ?? null,
    temperatureMax: site.temperatureC?.max ?? null,
    humidityMin: site.humidityPct?.min ?? null,
    humidityMax: site.humidityPct?.max ?? null,
    owned: site.ownership === 'owned',
    leaseYearsLeft: site.ownership === 'leased' && site.leaseEnds ? Math.max(0, fullYearsBetween(asOf, site.leaseEnds)) : null,
  };
}
