/** Certificate change, 6.8.5: administrative changes by written review, anything else verified on site and decided by the committee. */
import type { ChangeProposal, FindingRow } from '@isccc/bpmn';
import { dayOf, type Level } from '@isccc/rules/vocabulary';
import { type FindingBrief, handler } from './contract.js';
import { choices, findingsOf, levelChoices, notedRow } from './findings.js';
import { MESSAGES } from './messages.js';
import { assess, blocking } from './rules-gateway.js';
import { describeFinding, Inputs } from './support.js';

/** The only changes 6.8.5 lets through on paper: address, capital, legal representative. */
export const ADMINISTRATIVE_CHANGES = ['address', 'capital', 'legal-representative'] as const;

interface Change {
  kinds: string[];
  description?: string;
  documents?: string[];
  /** The provider manifest after the change, when the holder supplies one (a major change re-assesses it). */
  manifest?: object;
}

/**
 * 6.8.5 rule checks: address, capital and legal representative only is an administrative change, decided on
 * paper; any other change is verified on site and decided by the committee. For the written review the checks
 * list the documents; for a major change they evaluate the changed manifest (or the current one) again.
 */
export const changeClassify = handler('isccc.change-classify', (variables, ctx) => {
  const input = new Inputs(ctx.type, variables);
  const certificateNumber = input.string('certificateNumber');
  const change = input.object<Change>('change');
  const category = input.string('grantedCategory');
  const level = input.level('grantedLevel');
  const kinds = Array.isArray(change.kinds) ? change.kinds : [];
  if (kinds.length === 0) throw new Error(`${ctx.type}: change.kinds is empty`);
  const administrative = kinds.every((k) => (ADMINISTRATIVE_CHANGES as readonly string[]).includes(k));
  const changeScope = administrative ? 'administrative' : 'major';
  const today = dayOf(ctx.now);
  const documents = change.documents ?? [];
  let rows: FindingRow[];
  let proposed: ChangeProposal;
  let open: FindingBrief[] = [];
  if (administrative) {
    rows = [
      notedRow('6.8.5', kinds.join(', '), 'address, capital, legal representative', MESSAGES['change-classify.kinds-row'](), 'pass'),
      documents.length > 0
        ? notedRow('6.8.5', String(documents.length), '≥ 1', MESSAGES['change-classify.documents-row'](), 'pass', documents.join('; '))
        : notedRow('6.8.5', '0', '≥ 1', MESSAGES['change-classify.no-documents-row'](), 'fail'),
    ];
    proposed = {
      changeApproved: documents.length > 0,
      changeReview: {
        reviewedOn: today,
        details: documents.length > 0 ? documents.join('; ') : 'no supporting documents submitted with the change application',
      },
      changeVerification: { verifiedOn: today, recommendation: 'grant', observations: [] },
      grantedLevel: level,
      levels: levelChoices(level),
      observationChoices: [],
    };
  } else {
    const drClass = input.drClass();
    const manifest = (change.manifest ?? input.optionalObject<{ application?: { asOf?: string } }>('manifest')) as
      { application?: { asOf?: string } } | undefined;
    if (!manifest) throw new Error(`${ctx.type}: no manifest to verify the change against`);
    const a = assess(manifest, { category, level, ...(drClass && { drClass }) }, manifest.application?.asOf ?? today, input.optionalString('manifestDir'));
    const failing = blocking(a).map(describeFinding);
    // After a major change the organisation may support only a lower level; the committee decides on that one.
    const supported = a.qualifyingLevel === null ? level : (Math.max(level, a.qualifyingLevel) as Level);
    rows = a.rows;
    open = a.open;
    proposed = {
      changeApproved: false,
      changeReview: { reviewedOn: today, details: '' },
      changeVerification: {
        verifiedOn: today,
        recommendation: a.qualifyingLevel === null ? 'refuse' : 'grant',
        observations: a.qualifyingLevel === null ? failing : [],
      },
      grantedLevel: supported,
      levels: levelChoices(level),
      observationChoices: choices(failing),
    };
  }
  const summary = administrative
    ? MESSAGES['change-classify.administrative']({ kinds, documents: documents.length })
    : MESSAGES['change-classify.major']({ kinds, supported: proposed.changeVerification.recommendation === 'grant' ? proposed.grantedLevel : null });
  return {
    variables: { changeScope, changeFindings: findingsOf('6.8.5', ctx.now, summary, rows, proposed) },
    decision: {
      clause: '6.8.5',
      outcome: changeScope,
      text: MESSAGES['change-classify.classified']({ certificateNumber, summary }),
      ...(open.length > 0 && { findings: open }),
    },
  };
});

export const certificateReissue = handler('isccc.certificate-reissue', (variables, ctx) => {
  const input = new Inputs(ctx.type, variables);
  const certificateNumber = input.string('certificateNumber');
  const change = input.object<Change>('change');
  const level = input.level('grantedLevel');
  const certificateVersion = input.number('certificateVersion', 1) + 1;
  return {
    variables: { certificateVersion, reissuedOn: dayOf(ctx.now) },
    decision: {
      clause: '6.8.5',
      outcome: 'reissued',
      text: MESSAGES['certificate-reissue.reissued']({ certificateNumber, version: certificateVersion, level, kinds: change.kinds ?? [] }),
    },
  };
});
