/** What an applicant hands in (6.2), built once from an evaluated manifest: the form, the application data and the evidence root. */
import { evidenceIndex, type EvidenceIndex } from '@isccc/rules';
import type { Evaluated } from '../manifest-input.js';
import { type ApplicationData, applicationData } from './application.js';
import { formPage } from './page.js';
import { type SelfAssessment, selfAssessment } from './self-assessment.js';
import { writeWorkbook } from './workbook.js';

export interface Submission {
  loaded: Evaluated;
  evidence: EvidenceIndex;
  form: SelfAssessment;
  application: ApplicationData;
}

export function submissionOf(loaded: Evaluated): Submission {
  const evidence = evidenceIndex({ manifest: loaded.manifest, manifestFile: loaded.file });
  return {
    loaded,
    evidence,
    form: selfAssessment(loaded.manifest, loaded.evaluation, loaded.catalog, evidence.root),
    application: applicationData(loaded.manifest, loaded.evaluation),
  };
}

/** The form as a workbook (application data, summary, form in Chinese and English) and as a printable page. */
export async function renderForm(submission: Submission): Promise<{ xlsx: Buffer; html: string }> {
  return { xlsx: await writeWorkbook(submission.form, submission.application), html: formPage(submission.form, submission.application) };
}
