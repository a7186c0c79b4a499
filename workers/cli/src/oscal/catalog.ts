/**
 * The standard as an OSCAL catalog: §1–§3 as groups of prose, §4 as a group per level, §5 as a group per annex
 * (A–F, with §5.x's pointer as its overview), §6 as a group; every clause of §4, the annexes and §6 a control,
 * its lettered items and sub-clauses nested controls. Props carry the kind, the levels, the categories and the
 * DR class the catalog derives from each id.
 */
import crypto from 'node:crypto';
import { ANNEX_OF_CATEGORY, type Catalog, CATEGORIES, type Clause, EDITION } from '@isccc/rules';
import { controlId, OSCAL_VERSION, type Part, type Prop, prop, textParts, uuidOf } from './common.js';

interface Control {
  id: string;
  class: string;
  title: string;
  props: Prop[];
  parts?: Part[];
  controls?: Control[];
}

interface Group {
  id: string;
  class: string;
  title: string;
  props?: Prop[];
  parts?: Part[];
  groups?: Group[];
  controls?: Control[];
}

export const STANDARD_TITLE = '信息安全服务资质认证实施规则 (ISCCC-SV-001:2015)';

export function oscalCatalog(catalog: Catalog, lastModified: Date): { catalog: Record<string, unknown> } {
  const top = (id: string): Clause => catalog.get(id)!;
  const kids = (id: string): Clause[] => catalog.children(id);
  const title = (c: Clause): string => (c.title ? `${c.label} ${c.title.zh}` : c.label);

  const props = (c: Clause): Prop[] => [
    { name: 'label', value: c.label },
    prop('kind', c.kind),
    ...(c.printedAs ? [prop('printed-as', c.printedAs)] : []),
    ...(c.needsEvidence ? [prop('needs-evidence', 'true')] : []),
    ...c.levels.map((l) => prop('level', String(l))),
    ...c.categories.map((k) => prop('category', k)),
    ...(c.drClass ? [prop('dr-class', c.drClass)] : []),
  ];
  const control = (c: Clause): Control => {
    const children = kids(c.id).map(control);
    const parts = textParts(c, 'statement');
    return {
      id: controlId(c.id),
      class: c.kind,
      title: title(c),
      props: props(c),
      ...(parts.length ? { parts } : {}),
      ...(children.length ? { controls: children } : {}),
    };
  };
  const group = (c: Clause, content: { groups?: Group[]; controls?: Control[]; parts?: Part[] }): Group => {
    const parts = [...textParts(c, 'overview'), ...(content.parts ?? [])];
    return {
      id: controlId(c.id),
      class: c.kind,
      title: title(c),
      props: props(c),
      ...(parts.length ? { parts } : {}),
      ...(content.groups ? { groups: content.groups } : {}),
      ...(content.controls ? { controls: content.controls } : {}),
    };
  };
  const prose = (c: Clause): Group => group(c, { parts: kids(c.id).flatMap((k) => textParts(k, 'item')) });

  const annexes = CATEGORIES.map((category) => {
    const annex = top(ANNEX_OF_CATEGORY[category]);
    const pointer = kids('5').find((c) => c.text?.zh.includes(`附录${annex.id}`));
    return group(annex, { controls: kids(annex.id).map(control), parts: pointer ? textParts(pointer, 'item') : [] });
  });
  const groups: Group[] = [
    prose(top('1')),
    prose(top('2')),
    prose(top('3')),
    group(top('4'), { groups: kids('4').map((level) => group(level, { controls: kids(level.id).map(control) })) }),
    group(top('5'), { groups: annexes }),
    group(top('6'), { controls: kids('6').map(control) }),
  ];
  const content = JSON.stringify(groups);
  return {
    catalog: {
      uuid: uuidOf(`catalog:${crypto.createHash('sha256').update(content).digest('hex')}`),
      metadata: {
        title: STANDARD_TITLE,
        'last-modified': lastModified.toISOString(),
        version: catalog.edition,
        'oscal-version': OSCAL_VERSION,
        props: [prop('edition', EDITION)],
        remarks:
          'Chinese titles and text are verbatim from ISCCC-SV-001:2015. The `translation` parts are isccc-flow’s English translation, not part of the standard.',
      },
      groups,
    },
  };
}
