import { ReportRequest, SummaryRequest } from '../protocol.js';
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
}
