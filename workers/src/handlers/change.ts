/** Certificate change, 6.8.5: administrative changes by written review, anything else verified on site and decided by the committee. */
import { dayOf, levelName } from '@isccc/rules/vocabulary';
import { handler } from './contract.js';
import { assess, blocking } from './rules-gateway.js';
import { describeFinding, Inputs, reasonFor } from './support.js';

/** The only changes 6.8.5 lets through on paper: address, capital, legal representative. */
export const ADMINISTRATIVE_CHANGES = ['address', 'capital', 'legal-representative'] as const;

interface Change {
  kinds: string[];
  description?: string;
  documents?: string[];
  /** The provider manifest after the change, when the holder supplies one (a major change re-assesses it). */
  manifest?: object;
}

export const changeClassify = handler((variables, ctx) => {
  const input = new Inputs(ctx.type, variables);
  const certificateNumber = input.string('certificateNumber');
  const change = input.object<Change>('change');
  const kinds = Array.isArray(change.kinds) ? change.kinds : [];
  if (kinds.length === 0) throw new Error(`${ctx.type}: change.kinds is empty`);
  const administrative = kinds.every((k) => (ADMINISTRATIVE_CHANGES as readonly string[]).includes(k));
  const changeScope = administrative ? 'administrative' : 'major';
  return {
    variables: { changeScope },
    decision: {
      clause: '6.8.5',
      outcome: changeScope,
      text: {
        zh: `证书 ${certificateNumber} 变更（${kinds.join('、')}）：${administrative ? '仅涉及地址、资金或法定代表人，书面审核' : '重大调整，需现场验证并做出认证决定'}`,
        en: `change of ${certificateNumber} (${kinds.join(', ')}): ${administrative ? 'address/capital/legal representative only, written review' : 'major change, on-site verification and a certification decision'}`,
      },
    },
  };
});

export const changeWrittenReview = handler((variables, ctx) => {
  const input = new Inputs(ctx.type, variables);
  const certificateNumber = input.string('certificateNumber');
  const change = input.object<Change>('change');
  const documents = change.documents ?? [];
  const changeApproved = documents.length > 0;
  const reviewedOn = dayOf(ctx.now);
  const details = changeApproved ? documents : ['no supporting documents submitted with the change application'];
  return {
    variables: {
      changeApproved,
      changeReview: { reviewedOn, details },
      ...(!changeApproved && { reason: reasonFor('6.8.5', { zh: '变更申请缺少证明材料', en: 'change application lacks documents' }, details) }),
    },
    decision: {
      clause: '6.8.5',
      outcome: changeApproved ? 'change-approved' : 'change-refused',
      text: {
        zh: `变更书面审核：${changeApproved ? `材料 ${documents.length} 份，批准，更换证书` : '无证明材料，不予变更'}（证书 ${certificateNumber}）`,
        en: `written review of change: ${changeApproved ? `${documents.length} documents, approved, certificate to be replaced` : 'no documents, refused'} (${certificateNumber})`,
      },
    },
  };
});

export const changeOnsiteVerify = handler((variables, ctx) => {
  const input = new Inputs(ctx.type, variables);
  const certificateNumber = input.string('certificateNumber');
  const change = input.object<Change>('change');
  const category = input.string('grantedCategory');
  const level = input.level('grantedLevel');
  const drClass = input.drClass();
  const manifest = (change.manifest ?? input.optionalObject<{ application?: { asOf?: string } }>('manifest')) as
    { application?: { asOf?: string } } | undefined;
  if (!manifest) throw new Error(`${ctx.type}: no manifest to verify the change against`);
  const a = assess(
    manifest,
    { category, level, ...(drClass && { drClass }) },
    manifest.application?.asOf ?? dayOf(ctx.now),
    input.optionalString('manifestDir'),
  );
  const observations = blocking(a).map(describeFinding);
  // After a major change the organisation may support only a lower level; the committee decides on that one.
  const supported = a.qualifyingLevel === null ? level : (Math.max(level, a.qualifyingLevel) as 1 | 2 | 3);
  return {
    variables: {
      changeVerification: { verifiedOn: dayOf(ctx.now), details: a.open.map(describeFinding), observations: a.qualifyingLevel === null ? observations : [] },
      grantedLevel: supported,
    },
    decision: {
      clause: '6.8.5',
      outcome: a.qualifyingLevel === null ? 'requirements-not-met' : 'verified',
      text: {
        zh: `变更现场验证（证书 ${certificateNumber}）：${a.qualifyingLevel === null ? `${observations.length} 项不符合` : `仍满足${levelName(supported, 'zh')}`}`,
        en: `on-site verification of change (${certificateNumber}): ${a.qualifyingLevel === null ? `${observations.length} requirements not met` : `level ${supported} still supported`}`,
      },
      findings: a.open,
    },
  };
});

export const certificateReissue = handler((variables, ctx) => {
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
      text: {
        zh: `更换证书 ${certificateNumber}（第 ${certificateVersion} 版，${levelName(level, 'zh')}，变更：${(change.kinds ?? []).join('、')}），收回原证书`,
        en: `certificate ${certificateNumber} reissued (version ${certificateVersion}, level ${level}, change: ${(change.kinds ?? []).join(', ')}); the old one is recalled`,
      },
    },
  };
});
