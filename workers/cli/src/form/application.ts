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

export const APPLICATION_FORM: Text = { zh: '信息安全服务资质认证申请书', en: 'Application for information security service qualification certification' };

const LEGAL_STATUS: Record<Manifest['organisation']['legalEntity'], Text> = {
  independent: { zh: '独立法人', en: 'independent legal entity' },
  branch: { zh: '分支机构', en: 'branch' },
  unincorporated: { zh: '非法人组织', en: 'unincorporated' },
};

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
    form: APPLICATION_FORM,
    edition: manifest.edition ?? EDITION,
    asOf,
    organisation: {
      name: o.name,
      ...optional('nameEn', o.nameEn),
      ...optional('unifiedSocialCreditCode', o.registrationId),
      legalStatus: { id: o.legalEntity, name: LEGAL_STATUS[o.legalEntity] },
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

const SECTION = {
  applicant: { zh: '申请组织', en: 'Applicant' },
  applying: { zh: '申请认证', en: 'Certification applied for' },
  contact: { zh: '联系方式', en: 'Contact' },
  staff: { zh: '人员', en: 'Staff' },
  projects: { zh: '项目业绩', en: 'Track record' },
} satisfies Record<string, Text>;

/** The application data as labelled rows, in the order of the form: what the workbook's first sheet and the page show. */
export function applicationRows(data: ApplicationData): ApplicationRow[] {
  const { organisation: o, application: a, contact: c, staff: s, projects: p } = data;
  const row = (section: Text, zh: string, en: string, value: string | number | undefined): ApplicationRow => ({
    section,
    label: { zh, en },
    value: value === undefined ? '' : String(value),
  });
  const both = (t: Text): string => `${t.zh} (${t.en})`;
  const held = a.certificatesHeld.map((h) =>
    `${CATEGORY_NAMES[h.category].zh}${h.drClass ? DR_CLASS_NAMES[h.drClass].zh : ''}${LEVEL_NAMES[h.level].zh} ${h.number ?? ''} ${h.issued}–${h.expires ?? ''}`.trim(),
  );
  return [
    row(SECTION.applicant, '组织名称', 'Name', o.name),
    row(SECTION.applicant, '英文名称', 'Name in English', o.nameEn),
    row(SECTION.applicant, '统一社会信用代码', 'Unified social credit code', o.unifiedSocialCreditCode),
    row(SECTION.applicant, '法律地位', 'Legal status', both(o.legalStatus.name)),
    row(SECTION.applicant, '注册国家/地区', 'Registered in', o.registeredIn),
    row(SECTION.applicant, '成立日期', 'Founded', o.founded),
    row(SECTION.applicant, '注册地址', 'Registered address', o.registeredAddress),
    row(SECTION.applicant, '通讯地址', 'Postal address', o.postalAddress),
    row(SECTION.applicant, '邮政编码', 'Postcode', o.postcode),
    row(
      SECTION.applicant,
      '管理体系认证',
      'Management system certificates',
      data.managementSystems.map((m) => `${m.standard} ${m.certificate} → ${m.expires}`).join('\n'),
    ),
    row(SECTION.applying, '申请类别', 'Category', both(a.category.name)),
    ...(a.drClass ? [row(SECTION.applying, '灾备服务类型', 'DR class', both(a.drClass.name))] : []),
    row(SECTION.applying, '申请级别', 'Level', both(a.level.name)),
    row(SECTION.applying, '从事该类服务起始日期', 'Providing this service since', a.serviceSince),
    row(SECTION.applying, '已获资质', 'Certificates held', held.join('\n')),
    row(SECTION.applying, '基准日', 'As of', data.asOf),
    row(SECTION.contact, '联系人', 'Contact person', c.person),
    row(SECTION.contact, '联系电话', 'Telephone', c.phone),
    row(SECTION.contact, '电子邮箱', 'E-mail', c.email),
    row(SECTION.staff, '组织负责人', 'Head of organisation', s.headOfOrganisation),
    row(SECTION.staff, '技术负责人', 'Technical head', s.technicalHead),
    row(SECTION.staff, '财务负责人', 'Finance head', s.financeHead),
    row(SECTION.staff, '从事信息安全服务人员', 'Service staff', s.serviceStaff),
    row(
      SECTION.staff,
      '专业认证人员（与申报类别一致，有效）',
      'Category-matching certified staff (valid)',
      `${s.certifiedStaff.validInCategory} / ${s.certifiedStaff.listed}`,
    ),
    row(SECTION.staff, '项目管理资格人员（有效）', 'Project-management qualified staff (valid)', `${s.projectManagers.valid} / ${s.projectManagers.listed}`),
    row(SECTION.projects, '近3年签订并完成的本类别项目', 'Category projects signed and completed in the last 3 years', p.completedInCategoryLast3Years),
    row(
      SECTION.projects,
      '本类别项目',
      'Category projects',
      p.inCategory.map((x) => `${x.id} ${x.client} ${x.signed}–${x.end ?? ''} ${x.status}${x.users !== undefined ? ` ${x.users}` : ''}`).join('\n'),
    ),
  ];
}
