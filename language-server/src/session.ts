import path from 'node:path';
import { loadCatalog } from '@isccc/rules';
import {
  type Connection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  type InitializeParams,
  type InitializeResult,
  RequestType,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { type Analysis, AnalysisCache, type ManifestAnalysis } from './documents/analysis.js';
import { isRuleFileName } from './documents/kind.js';
import { manifestDiagnostics, rulesDiagnostics } from './services/diagnostics.js';
import { buildReport, buildSummary, type Report, type Summary } from './services/report.js';
import { DEFAULT_SETTINGS, readSettings } from './settings.js';
import { fileOfUri } from './uri.js';
import { RulebookService } from './workspace/rulebook-service.js';
import { registerFeatures } from './features.js';

export interface DocumentParams {
  uri: string;
}
export const ReportRequest = new RequestType<DocumentParams, Report | null, void>('isccc/report');
export const SummaryRequest = new RequestType<DocumentParams, Summary | null, void>('isccc/summary');

export interface Session {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  cache: AnalysisCache;
  rulebooks: RulebookService;
  catalog: ReturnType<typeof loadCatalog>;
  analysisOf(uri: string): Analysis | null;
  manifestOf(uri: string): ManifestAnalysis | null;
  workspaceFolders: string[];
}

const DEFAULT_DEBOUNCE_MS = 150;

/** Wires documents, settings, validation and every feature onto a connection (stdio or node-ipc). */
export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const catalog = loadCatalog();
  const rulebooks = new RulebookService(catalog);
  const cache = new AnalysisCache(catalog, rulebooks, DEFAULT_SETTINGS);
  const timers = new Map<string, NodeJS.Timeout>();
  let debounceMs = DEFAULT_DEBOUNCE_MS;
  let canPullConfiguration = false;
  let canWatchFiles = false;

  const session: Session = {
    connection,
    documents,
    cache,
    rulebooks,
    catalog,
    workspaceFolders: [],
    analysisOf(uri) {
      const document = documents.get(uri);
      return document ? cache.get(document) : null;
    },
    manifestOf(uri) {
      const analysis = session.analysisOf(uri);
      return analysis?.kind === 'manifest' ? analysis : null;
    },
  };

  const log = (where: string, error: unknown) => connection.console.error(`${where}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);

  const validate = (uri: string): void => {
    timers.delete(uri);
    const document = documents.get(uri);
    if (!document) return;
    try {
      const analysis = cache.get(document);
      if (!analysis) return;
      const diagnostics =
        analysis.kind === 'manifest'
          ? manifestDiagnostics(analysis, rulebooks, cache.getSettings().language)
          : rulesDiagnostics(analysis, rulebooks.get(), cache.getSettings().language);
      void connection.sendDiagnostics({ uri, version: document.version, diagnostics });
    } catch (error) {
      log(`validate ${uri}`, error);
      void connection.sendDiagnostics({
        uri,
        diagnostics: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, source: 'isccc', code: 'isccc/internal', message: `validation failed: ${String(error)}` }],
      });
    }
  };

  const schedule = (uri: string, delay = debounceMs): void => {
    clearTimeout(timers.get(uri));
    if (delay <= 0) return validate(uri);
    timers.set(uri, setTimeout(() => validate(uri), delay));
  };

  const revalidateAll = (filter: (document: TextDocument) => boolean = () => true): void => {
    for (const document of documents.all()) if (filter(document)) schedule(document.uri);
  };

  /** A rule file's text is part of the rulebook every manifest is evaluated with. */
  const trackRuleFile = (document: TextDocument): boolean => {
    if (cache.kindOf(document) !== 'rules') return false;
    const before = rulebooks.generation;
    rulebooks.setOpen(fileOfUri(document.uri), document.getText());
    return rulebooks.generation !== before;
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    canPullConfiguration = !!params.capabilities.workspace?.configuration;
    canWatchFiles = !!params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    const options = (params.initializationOptions ?? {}) as { debounceMs?: unknown; settings?: unknown };
    if (typeof options.debounceMs === 'number' && options.debounceMs >= 0) debounceMs = options.debounceMs;
    if (options.settings) cache.setSettings(readSettings(options.settings));
    const folders = params.workspaceFolders?.map((f) => fileOfUri(f.uri)) ?? (params.rootUri ? [fileOfUri(params.rootUri)] : []);
    session.workspaceFolders = folders.filter((f) => path.isAbsolute(f));
    try {
      rulebooks.scan(session.workspaceFolders);
    } catch (error) {
      log('scan', error);
    }
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        completionProvider: { triggerCharacters: [':', ' ', '-', '"', "'", '/', '['], resolveProvider: false },
        codeActionProvider: { codeActionKinds: ['quickfix'] },
        codeLensProvider: { resolveProvider: false },
        documentSymbolProvider: true,
        definitionProvider: true,
      },
      serverInfo: { name: 'isccc-language-server', version: '0.1.0' },
    };
  });

  connection.onInitialized(async () => {
    if (canPullConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'isccc' }).catch(() => undefined);
    // Evidence files can be anything the manifest names, so watch everything (the client filters nothing else).
    if (canWatchFiles) void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*' }] }).catch(() => undefined);
    await pullSettings();
  });

  const pullSettings = async (): Promise<void> => {
    if (!canPullConfiguration) return;
    try {
      cache.setSettings(readSettings(await connection.workspace.getConfiguration('isccc')));
      revalidateAll();
    } catch (error) {
      log('workspace/configuration', error);
    }
  };

  connection.onDidChangeConfiguration((params) => {
    const pushed = (params.settings as { isccc?: unknown } | null)?.isccc;
    if (pushed) {
      cache.setSettings(readSettings(pushed));
      revalidateAll();
    } else {
      void pullSettings();
    }
  });

  documents.onDidOpen(({ document }) => {
    if (trackRuleFile(document)) revalidateAll((d) => d.uri !== document.uri);
    schedule(document.uri, 0);
  });
  documents.onDidChangeContent(({ document }) => {
    // A changed rule file changes the rulebook: every open manifest and rule file is re-checked.
    if (trackRuleFile(document)) revalidateAll();
    else schedule(document.uri);
  });
  documents.onDidClose(({ document }) => {
    clearTimeout(timers.get(document.uri));
    timers.delete(document.uri);
    cache.forget(document.uri);
    void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
    if (cache.kindOf(document) === 'rules') {
      rulebooks.close(fileOfUri(document.uri));
      revalidateAll();
    }
  });

  connection.onDidChangeWatchedFiles((params) => {
    try {
      let rules = false;
      const changedDirs: string[] = [];
      for (const change of params.changes) {
        const file = fileOfUri(change.uri);
        if (isRuleFileName(file)) {
          rulebooks.diskChanged(file);
          rules = true;
        } else {
          changedDirs.push(path.dirname(file));
        }
      }
      if (changedDirs.length > 0) cache.filesChanged();
      // Evidence resolves under the manifest's folder: only manifests above a changed file depend on it.
      const dependsOn = (document: TextDocument) => {
        const dir = path.dirname(fileOfUri(document.uri));
        return changedDirs.some((changed) => changed === dir || changed.startsWith(dir + path.sep));
      };
      revalidateAll((document) => rules || dependsOn(document));
    } catch (error) {
      log('didChangeWatchedFiles', error);
    }
  });

  connection.onRequest(ReportRequest, (params) => {
    try {
      const analysis = session.manifestOf(params.uri);
      return analysis ? buildReport(analysis, catalog, cache.getSettings().language) : null;
    } catch (error) {
      log('isccc/report', error);
      return null;
    }
  });
  connection.onRequest(SummaryRequest, (params) => {
    try {
      const analysis = session.manifestOf(params.uri);
      return analysis ? buildSummary(analysis, cache.getSettings().language) : null;
    } catch (error) {
      log('isccc/summary', error);
      return null;
    }
  });

  registerFeatures(session, log);
  documents.listen(connection);
  connection.listen();
}
