import type { Category, Target } from '../model.js';
import type { HeldCertificate, Manifest, Person, Project, Site } from '../manifest/types.js';
import { addYears, fullMonthsBetween, fullYearsBetween } from '../vocabulary/calendar.js';

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
  finance: { requiredYears: number[]; auditedYears: number[]; missingAuditYears: number[] };
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
  certifiedStaff: { valid: number; expired: number; otherCategory: number };
  projectManagers: { valid: number; expired: number };
  yearsInCategory: number;
  /** Full years since the earliest certificate of the applied category at that level (null: none held). */
  heldYears: { level3: number | null; level2: number | null };
  projects: {
    /** Category projects signed and completed within the 3 years before the as-of date. */
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
    regions: number;
    riskZones: number;
    raisedFloorM2: number;
    sites: SiteFact[];
    longestRealDrillHours: number;
    realDrillSwitchedBack: boolean;
  };
}

export interface ProjectFact {
  id: string;
  users: number | null;
  industry: string | null;
  trialRunMonths: number | null;
}

export interface SiteFact {
  name: string;
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
  const inCategory = (category: Category): boolean => category === target.category;
  const completed = manifest.projects.filter(
    (p) => inCategory(p.category) && p.status === 'completed' && p.end !== undefined && p.end <= asOf,
  );
  const threeYearsBefore = addYears(asOf, -3);
  const recent = completed.filter((p) => p.signed >= threeYearsBefore && (p.end ?? '') >= threeYearsBefore);
  const certified = manifest.people.certifiedStaff ?? [];
  const sites = manifest.facilities?.sites ?? [];
  const realDrills = (manifest.facilities?.switchoverDrills ?? []).filter((d) => d.kind === 'real' && d.date <= asOf);
  const asOfYear = Number(asOf.slice(0, 4));
  const requiredYears = [asOfYear - 3, asOfYear - 2, asOfYear - 1];
  const auditedYears = [...new Set((manifest.organisation.financialReports ?? []).filter((r) => r.auditorRegisteredInPRC).map((r) => r.year))].sort();
  const valid = (expires: string | undefined): boolean => expires === undefined || expires >= asOf;

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
    finance: { requiredYears, auditedYears, missingAuditYears: requiredYears.filter((y) => !auditedYears.includes(y)) },
    headOfOrganisation: { itManagementYears: manifest.people.headOfOrganisation.itManagementYears ?? null },
    technicalHead: technicalHeadFacts(manifest.people.technicalHead),
    financeHead: financeHeadFacts(manifest.people.financeHead, asOf),
    serviceStaff: manifest.people.serviceStaff,
    certifiedStaff: {
      valid: certified.filter((c) => inCategory(c.category) && c.expires >= asOf && (c.issued ?? asOf) <= asOf).length,
      expired: certified.filter((c) => inCategory(c.category) && c.expires < asOf).length,
      otherCategory: certified.filter((c) => !inCategory(c.category)).length,
    },
    projectManagers: {
      valid: (manifest.people.projectManagers ?? []).filter((p) => valid(p.expires)).length,
      expired: (manifest.people.projectManagers ?? []).filter((p) => !valid(p.expires)).length,
    },
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
      regions: new Set(sites.map((s) => s.region)).size,
      riskZones: new Set(sites.map((s) => s.riskZone).filter(Boolean)).size,
      raisedFloorM2: sites.reduce((sum, s) => sum + s.raisedFloorM2, 0),
      sites: sites.map((s) => siteFact(s, asOf)),
      longestRealDrillHours: Math.max(0, ...realDrills.map((d) => d.takeoverHours ?? 0)),
      realDrillSwitchedBack: realDrills.some((d) => d.switchedBack === true),
    },
  };
}

function technicalHeadFacts(person: Person): Facts['technicalHead'] {
  const degree = person.degree;
  return {
    infosecYears: person.infosecYears ?? null,
    securityMastersOrAbove:
      !!degree && (degree.level === 'master' || degree.level === 'doctor') && degree.field !== 'unrelated',
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
    .filter((c) => c.category === target.category && c.level === level && c.issued <= asOf && (!target.drClass || !c.drClass || c.drClass === target.drClass))
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
  return (manifest.managementSystems ?? []).some(
    (m) => m.standard === standard && m.expires >= asOf && (m.issued ?? asOf) <= asOf && m.coversSecurityServices,
  );
}

function projectFact(project: Project): ProjectFact {
  return {
    id: project.id,
    users: project.users ?? null,
    industry: project.industry ?? null,
    trialRunMonths: project.trialRun ? fullMonthsBetween(project.trialRun.start, project.trialRun.end) : null,
  };
}

function siteFact(site: Site, asOf: string): SiteFact {
  return {
    name: site.name,
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
