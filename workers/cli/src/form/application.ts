/**
 * The data of the 《信息安全服务资质认证申请书》 (6.2) that a manifest already holds: the applicant, its legal
 * status and addresses, what it applies for, its contact, and summaries of its staff and projects, counted on
 * the as-of date the way the rules count them.
 */
import {
  CATEGORY_NAMES,
  type Category,
  deriveFacts,
  DR_CLASS_NAMES,
  type DrClass,
  EDITION,
  type Evaluation,
  LEVEL_NAMES,
  type Level,
  type Manifest,
  type Text,
} from '@isccc/rules';
import { type MessageCode, MESSAGES } from '../messages.js';

interface Named<T> {
  id: T;
  name: Text;
}

export interface ApplicationData {
  form: Text;
  edition: string;
  asOf: string;
  organisation: {
    name: string;
    nameEn?: string;
    /** organisation.registrationId: the unified social credit code (统一社会信用代码). */
    unifiedSocialCreditCode?: string;
    legalStatus: Named<Manifest['organisation']['legalEntity']>;
    registeredIn: string;
    founded: string;
    registeredAddress?: string;
    postalAddress?: string;
    postcode?: string;
  };
  contact: { person?: string; phone?: string; email?: string };
  application: {
    category: Named<Category>;
    drClass?: Named<DrClass>;
    level: Named<Level>;
    serviceSince: string;
    certificatesHeld: { category: Category; level: Level; drClass?: DrClass; number?: string; issued: string; expires?: string }[];
  };
  staff: {
    headOfOrganisation: string;
    technicalHead: string;
    financeHead: string;
    serviceStaff: number;
    certifiedStaff: { listed: number; validInCategory: number };
    projectManagers: { listed: number; valid: number };
  };
  projects: {
    listed: number;
    /** Projects of the applied category, newest signed first. */
    inCategory: { id: string; client: string; signed: string; end?: string; status: string; users?: number }[];
    completedInCategoryLast3Years: number;
  };
  managementSystems: { standard: string; certificate: string; expires: string }[];
  /** Fields the application form asks for that the manifest does not state. */
  missing: string[];
}

export function applicationData(manifest: Manifest, evaluation: Evaluation): ApplicationData {
  const { target, asOf } = evaluation;
  const facts = deriveFacts(manifest, target, asOf);
  const o = manifest.organisation;
  const c = manifest.contact ?? {};
  const optional = <K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> =>
    value === undefined ? {} : ({ [key]: value } as Record<K, V>);
  const missing = [
    ...(o.registrationId ? [] : ['organisation.registrationId']),
    ...(['registeredAddress', 'person', 'phone', 'email'] as const).filter((k) => c[k] === undefined).map((k) => `contact.${k}`),
  ];
  return {
    form: MESSAGES['application.form'](),
    edition: manifest.edition ?? EDITION,
    asOf,
    organisation: {
      name: o.name,
      ...optional('nameEn', o.nameEn),
      ...optional('unifiedSocialCreditCode', o.registrationId),
      legalStatus: { id: o.legalEntity, name: MESSAGES['application.legal-status']({ status: o.legalEntity }) },
      registeredIn: o.registeredIn,
      founded: o.founded,
      ...optional('registeredAddress', c.registeredAddress),
      ...optional('postalAddress', c.postalAddress),
      ...optional('postcode', c.postcode),
    },
    contact: { ...optional('person', c.person), ...optional('phone', c.phone), ...optional('email', c.email) },
    application: {
      category: { id: target.category, name: CATEGORY_NAMES[target.category] },
      ...(target.drClass ? { drClass: { id: target.drClass, name: DR_CLASS_NAMES[target.drClass] } } : {}),
      level: { id: target.level, name: LEVEL_NAMES[target.level] },
      serviceSince: manifest.application.serviceSince,
      certificatesHeld: manifest.application.certificatesHeld ?? [],
    },
    staff: {
      headOfOrganisation: manifest.people.headOfOrganisation.name,
      technicalHead: manifest.people.technicalHead.name,
      financeHead: manifest.people.financeHead.name,
      serviceStaff: manifest.people.serviceStaff,
      certifiedStaff: { listed: (manifest.people.certifiedStaff ?? []).length, validInCategory: facts.certifiedStaff.valid },
      projectManagers: { listed: (manifest.people.projectManagers ?? []).length, valid: facts.projectManagers.valid },
    },
    projects: {
      listed: manifest.projects.length,
      inCategory: manifest.projects
        .filter((p) => p.category === target.category)
        .sort((a, b) => (a.signed < b.signed ? 1 : a.signed > b.signed ? -1 : 0))
        .map((p) => ({ id: p.id, client: p.client, signed: p.signed, ...optional('end', p.end), status: p.status, ...optional('users', p.users) })),
      completedInCategoryLast3Years: facts.projects.completedLast3Years,
    },
    managementSystems: (manifest.managementSystems ?? []).map((m) => ({ standard: m.standard, certificate: m.certificate, expires: m.expires })),
    missing,
  };
}

export interface ApplicationRow {
  section: Text;
  label: Text;
  /** Empty when the manifest does not state it. */
  value: string;
}

type SectionCode = Extract<MessageCode, `application.section.${string}`>;
type RowCode = Extract<MessageCode, `application.row.${string}`>;

/** The application data as labelled rows, in the order of the form: what the workbook's first sheet and the page show. */
export function applicationRows(data: ApplicationData): ApplicationRow[] {
  const { organisation: o, application: a, contact: c, staff: s, projects: p } = data;
  const row = (section: SectionCode, label: RowCode, value: string | number | undefined): ApplicationRow => ({
    section: MESSAGES[section](),
    label: MESSAGES[label](),
    value: value === undefined ? '' : String(value),
  });
  const both = (t: Text): string => `${t.zh} (${t.en})`;
  const held = a.certificatesHeld.map((h) =>
    `${CATEGORY_NAMES[h.category].zh}${h.drClass ? DR_CLASS_NAMES[h.drClass].zh : ''}${LEVEL_NAMES[h.level].zh} ${h.number ?? ''} ${h.issued}–${h.expires ?? ''}`.trim(),
  );
  return [
    row('application.section.applicant', 'application.row.name', o.name),
    row('application.section.applicant', 'application.row.name-en', o.nameEn),
    row('application.section.applicant', 'application.row.credit-code', o.unifiedSocialCreditCode),
    row('application.section.applicant', 'application.row.legal-status', both(o.legalStatus.name)),
    row('application.section.applicant', 'application.row.registered-in', o.registeredIn),
    row('application.section.applicant', 'application.row.founded', o.founded),
    row('application.section.applicant', 'application.row.registered-address', o.registeredAddress),
    row('application.section.applicant', 'application.row.postal-address', o.postalAddress),
    row('application.section.applicant', 'application.row.postcode', o.postcode),
    row(
      'application.section.applicant',
      'application.row.management-systems',
      data.managementSystems.map((m) => `${m.standard} ${m.certificate} → ${m.expires}`).join('\n'),
    ),
    row('application.section.applying', 'application.row.category', both(a.category.name)),
    ...(a.drClass ? [row('application.section.applying', 'application.row.dr-class', both(a.drClass.name))] : []),
    row('application.section.applying', 'application.row.level', both(a.level.name)),
    row('application.section.applying', 'application.row.service-since', a.serviceSince),
    row('application.section.applying', 'application.row.certificates-held', held.join('\n')),
    row('application.section.applying', 'application.row.as-of', data.asOf),
    row('application.section.contact', 'application.row.contact-person', c.person),
    row('application.section.contact', 'application.row.phone', c.phone),
    row('application.section.contact', 'application.row.email', c.email),
    row('application.section.staff', 'application.row.head-of-organisation', s.headOfOrganisation),
    row('application.section.staff', 'application.row.technical-head', s.technicalHead),
    row('application.section.staff', 'application.row.finance-head', s.financeHead),
    row('application.section.staff', 'application.row.service-staff', s.serviceStaff),
    row('application.section.staff', 'application.row.certified-staff', `${s.certifiedStaff.validInCategory} / ${s.certifiedStaff.listed}`),
    row('application.section.staff', 'application.row.project-managers', `${s.projectManagers.valid} / ${s.projectManagers.listed}`),
    row('application.section.projects', 'application.row.completed-projects', p.completedInCategoryLast3Years),
    row(
      'application.section.projects',
      'application.row.category-projects',
      p.inCategory.map((x) => `${x.id} ${x.client} ${x.signed}–${x.end ?? ''} ${x.status}${x.users !== undefined ? ` ${x.users}` : ''}`).join('\n'),
    ),
  ];
}
