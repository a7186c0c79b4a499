import path from 'node:path';
import { loadCatalog } from '@isccc/rules';
import {
  type Connection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  type InitializeParams,
  type InitializeResult,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import { AnalysisCache } from './documents/analysis.js';
import { Evaluator } from './documents/evaluator.js';
import { SYNCED_TEXT_DOCUMENT } from './documents/text-sync.js';
import { fileOfUri } from './documents/uri.js';
import type { ServerContext } from './handlers/context.js';
import { registerDocumentHandlers } from './handlers/document-handlers.js';
import { registerLanguageHandlers } from './handlers/language-handlers.js';
import { LensRefresh } from './handlers/lens-refresh.js';
import { registerRequestHandlers } from './handlers/request-handlers.js';
import { registerSettingsHandlers } from './handlers/settings-handlers.js';
import { Validator } from './handlers/validation-handlers.js';
import { RulebookService } from './workspace/rulebook-service.js';
import { DEFAULT_SETTINGS, readSettings } from './workspace/settings.js';

/**
 * The module the evaluation thread runs: server.ts beside this module, or, in a bundle of the server (the VS Code
 * extension's), the bundle itself.
 */
function serverEntry(): URL {
  const here = new URL(import.meta.url);
  return here.pathname.endsWith('/start-server.js') ? new URL('./server.js', here) : here;
}

/** Builds the server's state, registers every handler on a connection (stdio or node-ipc) and listens. */
export function startServer(connection: Connection): void {
  const catalog = loadCatalog();
  const rulebooks = new RulebookService(catalog);
  const log = (where: string, error: unknown) =>
    connection.console.error(`${where}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  const context: ServerContext = {
    connection,
    documents: new TextDocuments(SYNCED_TEXT_DOCUMENT),
    catalog,
    rulebooks,
    cache: new AnalysisCache(catalog, rulebooks, DEFAULT_SETTINGS),
    evaluator: new Evaluator(serverEntry(), log),
    log,
  };
  const validator = new Validator(context);
  const lensRefresh = new LensRefresh(context);
  validator.onEvidence = (uri) => lensRefresh.delivered(uri);
  let canPullConfiguration = false;
  let canWatchFiles = false;

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    canPullConfiguration = !!params.capabilities.workspace?.configuration;
    canWatchFiles = !!params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    lensRefresh.enabled = !!params.capabilities.workspace?.codeLens?.refreshSupport;
    const options = (params.initializationOptions ?? {}) as { debounceMs?: unknown; settings?: unknown };
    if (typeof options.debounceMs === 'number' && options.debounceMs >= 0) validator.debounceMs = options.debounceMs;
    if (options.settings) context.cache.setSettings(readSettings(options.settings));
    const folders = params.workspaceFolders?.map((f) => fileOfUri(f.uri)) ?? (params.rootUri ? [fileOfUri(params.rootUri)] : []);
    try {
      rulebooks.scan(folders.filter((f) => path.isAbsolute(f)));
    } catch (error) {
      context.log('scan', error);
    }
    return {
      capabilities: {
        // Saves too: a saved manifest's evidence root is the file's (and a client may not watch files).
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
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

  const pullSettings = registerSettingsHandlers(context, validator, () => canPullConfiguration);
  connection.onInitialized(async () => {
    if (canPullConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'isccc' }).catch(() => undefined);
    // Evidence files can be anything the manifest names, so watch everything (the client filters nothing else).
    if (canWatchFiles) void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*' }] }).catch(() => undefined);
    await pullSettings();
  });

  registerDocumentHandlers(context, validator, lensRefresh);
  registerLanguageHandlers(context, lensRefresh);
  registerRequestHandlers(context);
  connection.onShutdown(() => context.evaluator.dispose());
  context.documents.listen(connection);
  connection.listen();
}
