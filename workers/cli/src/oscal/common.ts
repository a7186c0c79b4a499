/** What the OSCAL catalog and the assessment results share: the version, our namespace, ids and UUIDs. */
import crypto from 'node:crypto';
import { v4 as uuidv4 } from 'uuid';
import type { Clause, Text } from '@isccc/rules';

/** The NIST OSCAL release whose JSON schemas the documents are validated against (workers/cli/ci-setup.sh). */
export const OSCAL_VERSION = '1.1.2';

/** Namespace of isccc-flow's own props and part names, as OSCAL asks for names it does not define. */
export const NS = 'https://isccc-flow.dev/ns/oscal';

/**
 * A pseudo-random (version 4) UUID drawn from a name's SHA-256, so the same content always gets the same UUID.
 * Version 4 rather than 5: OSCAL accepts both, but trestle's link checks recognise only version 4 references.
 */
export function uuidOf(name: string): string {
  return uuidv4({ random: crypto.createHash('sha256').update(`isccc-flow:${name}`).digest().subarray(0, 16) });
}

/** OSCAL ids are tokens that start with a letter: `4.1.4.d` → `isccc-4.1.4.d`. */
export function controlId(clauseId: string): string {
  return `isccc-${clauseId}`;
}

/** The statement part of a clause's control, which findings target. */
export function statementId(clauseId: string): string {
  return `${controlId(clauseId)}_smt`;
}

export interface Prop {
  name: string;
  value: string;
  ns?: string;
  class?: string;
}

export interface Part {
  id?: string;
  name: string;
  ns?: string;
  title?: string;
  props?: Prop[];
  prose?: string;
  parts?: Part[];
}

/** A prop in our namespace. */
export function prop(name: string, value: string): Prop {
  return { name, ns: NS, value };
}

const PART_SUFFIX = { statement: 'smt', overview: 'ovw', item: 'itm' } as const;

/**
 * A clause's words as a part (`statement` of a control, `overview` of a group, `item` for a definition): the
 * Chinese prose verbatim, and under it a `translation` part (our namespace) with the English title and text,
 * marked as our translation.
 */
export function textParts(clause: Clause, name: keyof typeof PART_SUFFIX): Part[] {
  const id = `${controlId(clause.id)}_${PART_SUFFIX[name]}`;
  const en = (text: Text | undefined): Part => ({
    id: `${id}.en`,
    name: 'translation',
    ns: NS,
    ...(clause.title ? { title: clause.title.en } : {}),
    props: [prop('lang', 'en'), prop('translated-by', 'isccc-flow')],
    ...(text ? { prose: text.en } : {}),
  });
  if (clause.text)
    return [{ id, name, ...(name === 'item' && clause.title ? { title: clause.title.zh } : {}), prose: clause.text.zh, parts: [en(clause.text)] }];
  return clause.title ? [en(undefined)] : [];
}
