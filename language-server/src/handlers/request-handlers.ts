import { EvidenceRootRequest, ReportRequest, SummaryRequest } from '../protocol.js';
import { evidenceRoot } from '../services/evidence-root.js';
import { buildReport, buildSummary } from '../services/report.js';
import { analysisOf, guarded, type ServerContext } from './context.js';

/** The custom requests of `../protocol.ts`: `null` for a document that is not an open manifest. */
export function registerRequestHandlers(context: ServerContext): void {
  const { connection, catalog, cache } = context;
  const manifestOf = (uri: string) => {
    const analysis = analysisOf(context, uri);
    return analysis?.kind === 'manifest' ? analysis : null;
  };
  connection.onRequest(
    ReportRequest,
    guarded(context, ReportRequest.method, null, ({ uri }) => {
      const analysis = manifestOf(uri);
      return analysis ? buildReport(analysis, catalog, cache.getSettings().language) : null;
    }),
  );
  connection.onRequest(
    SummaryRequest,
    guarded(context, SummaryRequest.method, null, ({ uri }) => {
      const analysis = manifestOf(uri);
      return analysis ? buildSummary(analysis, cache.getSettings().language) : null;
    }),
  );
  connection.onRequest(
    EvidenceRootRequest,
    guarded(context, EvidenceRootRequest.method, null, ({ uri }) => {
      // The root needs the parse only (the evaluation thread computes it): nothing is evaluated here.
      const document = context.documents.get(uri);
      const analysis = document ? cache.parsed(document) : null;
      return analysis?.kind === 'manifest' ? evidenceRoot(analysis, cache.getSettings().language) : null;
    }),
  );
}
