import * as path from 'node:path';
import * as vscode from 'vscode';
import { SERVER_NODE_OPTIONS } from '@isccc/language-server/protocol';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

export const MANIFEST_LANGUAGE = 'isccc-manifest';
export const RULES_LANGUAGE = 'isccc-rules';

/** The server is bundled into the extension (dist/server) because a vsix cannot reach the monorepo. */
export function createClient(context: vscode.ExtensionContext): LanguageClient {
  const module = context.asAbsolutePath(path.join('dist', 'server', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_OPTIONS] } },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_OPTIONS] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: MANIFEST_LANGUAGE }, { language: RULES_LANGUAGE }],
    synchronize: {
      // Pushes the `isccc.*` settings on every change; the server may also pull them (workspace/configuration).
      configurationSection: 'isccc',
      // A changed rule file or manifest on disk can change the findings of open manifests.
      fileEvents: vscode.workspace.createFileSystemWatcher('**/*.{isccc,rules}.{yaml,yml}'),
    },
  };
  return new LanguageClient('isccc', 'ISCCC-SV-001', serverOptions, clientOptions);
}
