import type { Category, DrClass, Level } from '../model.js';

/** The evidence manifest as described by `schemas/manifest.schema.json` (validated before use). */
export interface Manifest {
  isccc: 'manifest/v1';
  edition?: string;
  organisation: {
    name: string;
    nameEn?: string;
    registrationId?: string;
    legalEntity: 'independent' | 'branch' | 'unincorporated';
    registeredIn: string;
    founded: string;
    industryLeader?: boolean;
    financialReports?: { year: number; auditor: string; auditorRegisteredInPRC: boolean; document?: string }[];
  };
  contact?: Contact;
  application: {
    category: Category;
    drClass?: DrClass;
    level: Level;
    asOf: string;
    serviceSince: string;
    certificatesHeld?: HeldCertificate[];
  };
  people: {
    headOfOrganisation: Person;
    technicalHead: Person;
    financeHead: Person;
    serviceStaff: number;
    technicalServiceStaff?: number;
    staff?: StaffRecord[];
    certifiedStaff?: CertifiedEntry[];
    projectManagers?: QualificationEntry[];
    dedicatedTesters?: number;
    securityManagers?: number;
  };
  projects: Project[];
  managementSystems?: {
    standard: 'ISO 9001' | 'ISO/IEC 27001' | 'ISO/IEC 20000-1';
    certificate: string;
    issued?: string;
    expires: string;
    coversSecurityServices: boolean;
  }[];
  tools?: {
    testEnvironment?: { isolated: boolean; description?: string };
    securityTools?: { name: string; kind: string; version?: string; versionControlled?: boolean }[];
    changeControlBoard?: boolean;
  };
  emergencyResponse?: { localResponseHours: number; remoteResponseHours?: number; local24x7?: boolean };
  facilities?: { sites: Site[]; switchoverDrills?: Drill[] };
  evidence: EvidenceEntry[];
}

/** What the application form (申请书, 6.2) asks for beyond what the requirements need. */
export interface Contact {
  registeredAddress?: string;
  postalAddress?: string;
  postcode?: string;
  person?: string;
  phone?: string;
  email?: string;
}

export interface HeldCertificate {
  category: Category;
  level: Level;
  drClass?: DrClass;
  number?: string;
  issued: string;
  expires?: string;
}

/** A person of the organisation that entries naming people refer to with `person:`. */
export interface StaffRecord {
  id: string;
  name: string;
  idNumber?: string;
}

/** A date `YYYY-MM-DD`, or `never` for what does not expire (the schema enforces both forms). */
export type Expiry = string;

/** An entry naming a person: by `person` (a staff record id) or, without it, by name. */
export interface PersonEntry {
  name: string;
  person?: string;
}

export interface QualificationEntry extends PersonEntry {
  certificate: string;
  scheme?: string;
  expires?: Expiry;
}

export interface CertifiedEntry extends QualificationEntry {
  category: Category;
  issued?: string;
  expires: Expiry;
}

export interface Person {
  name: string;
  itManagementYears?: number;
  infosecYears?: number;
  degree?: { level: 'none' | 'bachelor' | 'master' | 'doctor'; field: 'information-security' | 'related' | 'unrelated' };
  title?: { series: 'electronic-information' | 'finance' | 'other'; grade: 'junior' | 'intermediate' | 'senior'; since?: string };
}

export interface Project {
  id: string;
  client: string;
  category: Category;
  drClass?: DrClass;
  signed: string;
  start?: string;
  end?: string;
  status: 'completed' | 'ongoing' | 'terminated';
  users?: number;
  industry?: string;
  trialRun?: { start: string; end: string };
}

export interface Site {
  name: string;
  region: string;
  riskZone?: string;
  raisedFloorM2: number;
  seismicCategory?: 'A' | 'B' | 'C' | 'D';
  fireResistanceGrade?: 1 | 2 | 3 | 4;
  highVoltageFeeds?: number;
  independentSubstations?: number;
  upsFeeds?: number;
  generatorHours?: number;
  cctvRetentionDays?: { public: number; machineRoom: number };
  temperatureC?: { min: number; max: number };
  humidityPct?: { min: number; max: number };
  ownership?: 'owned' | 'leased';
  leaseEnds?: string;
}

export interface Drill {
  date: string;
  kind: 'real' | 'simulated' | 'tabletop';
  scenario?: string;
  takeoverHours?: number;
  switchedBack?: boolean;
}

export interface EvidenceEntry {
  path: string;
  sha256: string;
  title?: string;
  type: string;
  date?: string;
  validUntil?: string;
  supports: string[];
}
