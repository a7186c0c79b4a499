import * as vscode from 'vscode';
import { createClient } from './client.js';
import { copyEvidenceRoot } from './evidence-root.js';
import { ProcedureView } from './procedure-view.js';
import { ReportView } from './report-view.js';
import { ConformanceStatus } from './status-bar.js';

/** A thin client: diagnostics, the summary and the report all come from the bundled language server. */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const client = createClient(context);
  const report = new ReportView(client);
  const procedure = new ProcedureView(context.extensionUri);
  context.subscriptions.push(
    client,
    report,
    procedure,
    // The server's code lenses pass the manifest URI as a string; menus pass a vscode.Uri.
    vscode.commands.registerCommand('isccc.showReport', (uri?: vscode.Uri | string) => report.show(typeof uri === 'string' ? vscode.Uri.parse(uri) : uri)),
    vscode.commands.registerCommand('isccc.showProcedure', (model?: string) => procedure.show(model)),
    // The server's code lens at the top of a manifest passes its evidence root.
    vscode.commands.registerCommand('isccc.copyEvidenceRoot', (root?: unknown) => copyEvidenceRoot(client, root)),
  );
  await client.start();
  context.subscriptions.push(new ConformanceStatus(client));
}
