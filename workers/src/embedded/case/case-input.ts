/** The start variables of a certification case, built from a provider manifest (the contract's inputs of 6.1). */
import path from 'node:path';
import { loadManifestFile } from '@isccc/rules';
import type { Variables } from '../../handlers/contract.js';
import { APPLICATION_FORM, SELF_ASSESSMENT_FORM } from '../../handlers/certification.js';
import { digest } from '../../handlers/support.js';
import { committeeOf } from './events.js';

export interface CaseInputOptions {
  /** Members of the decision committee (6.5); 3 by default. */
  committee?: number;
  /** Votes of members m1, m2, … of the first committee decision, in order: `yes`/`grant` or `no`/`refuse`. */
  votes?: string[];
}

export interface CaseInput {
  caseId: string;
  startAt: Date;
  variables: Variables;
  /** The committee members' votes of the first decision, in member order (`--votes`). */
  votes: ('grant' | 'refuse')[];
}

/** The case cannot start from what it was given (bad manifest, ballots, committee size): bad input. */
export class CaseInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CaseInputError';
  }
}

export class ManifestError extends CaseInputError {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}: not a valid manifest\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'ManifestError';
  }
}

export function caseInputFromManifest(file: string, options: CaseInputOptions = {}): CaseInput {
  const parsed = loadManifestFile(file);
  if (!parsed.manifest) {
    throw new ManifestError(
      file,
      parsed.problems.map((p) => `${p.range.start.line + 1}:${p.range.start.character + 1} ${p.field} ${p.message}`),
    );
  }
  const manifest = parsed.manifest;
  let committee;
  try {
    committee = committeeOf(options.committee ?? 3);
  } catch (error) {
    throw new CaseInputError(`--committee: ${(error as Error).message}`);
  }
  const votes = (options.votes ?? []).map((vote) => {
    const v = vote.trim().toLowerCase();
    const decision = v === 'yes' || v === 'grant' ? 'grant' : v === 'no' || v === 'refuse' ? 'refuse' : undefined;
    if (!decision) throw new CaseInputError(`--votes: "${vote}" is neither yes nor no`);
    return decision;
  });
  const { application, organisation } = manifest;
  const variables: Variables = {
    applicant: { name: organisation.name, ...(organisation.registrationId && { id: organisation.registrationId }) },
    category: application.category,
    level: application.level,
    ...(application.drClass && { drClass: application.drClass }),
    manifest,
    manifestDir: path.dirname(path.resolve(file)),
    asOf: application.asOf,
    documents: [APPLICATION_FORM, SELF_ASSESSMENT_FORM, ...manifest.evidence.map((e) => e.path)],
    reviewTeam: ['评审组长 lead reviewer', '评审员 reviewer'],
    committee,
  };
  const caseId = `CASE-${digest(organisation.registrationId ?? organisation.name, application.category, application.level, application.asOf)}`;
  return { caseId, startAt: new Date(`${application.asOf}T00:00:00Z`), variables, votes };
}
