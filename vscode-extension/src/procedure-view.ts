import * as vscode from 'vscode';
import { contentSecurityPolicy, escapeHtml, nonce } from './html.js';

/** What the webview reported after bpmn-js imported the model. */
export interface ProcedureRendering {
  model: string;
  elementCount: number;
  warnings: string[];
}

type WebviewMessage = { type: 'ready' } | { type: 'rendered'; elementCount: number; warnings: string[] } | { type: 'error'; message: string };

/** The BPMN models of bpmn/models are copied into dist/bpmn by build.mjs; bpmn-js into dist/media. */
export class ProcedureView implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;

  constructor(private readonly extensionUri: vscode.Uri) {}

  /** Shows `model` (a file name in dist/bpmn), or asks which one when there are several. */
  async show(model?: string): Promise<ProcedureRendering | undefined> {
    const name = model ?? (await this.pickModel());
    if (!name) return undefined;
    const xml = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(this.extensionUri, 'dist', 'bpmn', name)));
    this.panel?.dispose();
    const panel = vscode.window.createWebviewPanel('isccc.procedure', `ISCCC procedure: ${name}`, vscode.ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'media'), vscode.Uri.joinPath(this.extensionUri, 'dist', 'media')],
    });
    this.panel = panel;
    panel.onDidDispose(() => {
      if (this.panel === panel) this.panel = undefined;
    });
    const rendered = new Promise<ProcedureRendering>((resolve, reject) => {
      panel.webview.onDidReceiveMessage((message: WebviewMessage) => {
        if (message.type === 'ready') void panel.webview.postMessage({ type: 'load', xml });
        else if (message.type === 'rendered') resolve({ model: name, elementCount: message.elementCount, warnings: message.warnings });
        else reject(new Error(`bpmn-js could not render ${name}: ${message.message}`));
      });
    });
    panel.webview.html = this.html(panel.webview, name);
    return rendered;
  }

  private async models(): Promise<string[]> {
    const entries = await vscode.workspace.fs.readDirectory(vscode.Uri.joinPath(this.extensionUri, 'dist', 'bpmn'));
    return entries
      .filter(([file, type]) => type === vscode.FileType.File && file.endsWith('.bpmn'))
      .map(([file]) => file)
      .sort();
  }

  private async pickModel(): Promise<string | undefined> {
    const models = await this.models();
    if (models.length <= 1) return models[0];
    return vscode.window.showQuickPick(models, { placeHolder: 'Certification procedure model (ISCCC-SV-001:2015 §6)' });
  }

  private html(webview: vscode.Webview, name: string): string {
    const scriptNonce = nonce();
    const asset = (...path: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, ...path)).toString();
    return `<!DOCTYPE html>
<html>
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(webview, scriptNonce)}">
<link rel="stylesheet" href="${asset('dist', 'media', 'bpmn-js', 'diagram-js.css')}">
<link rel="stylesheet" href="${asset('dist', 'media', 'bpmn-js', 'bpmn-js.css')}">
<link rel="stylesheet" href="${asset('dist', 'media', 'bpmn-js', 'bpmn-font', 'css', 'bpmn-embedded.css')}">
<style>
  html, body { height: 100%; margin: 0; padding: 0; }
  body { display: flex; flex-direction: column; background: #fff; color: #222; }
  #canvas { flex: 1; }
  #info { padding: 6px 10px; border-top: 1px solid #ccc; font-family: sans-serif; min-height: 1.4em; }
</style>
</head>
<body>
<div id="canvas" aria-label="${escapeHtml(name)}"></div>
<div id="info">${escapeHtml(name)}</div>
<script nonce="${scriptNonce}" src="${asset('dist', 'media', 'bpmn-js', 'bpmn-navigated-viewer.production.min.js')}"></script>
<script nonce="${scriptNonce}" src="${asset('media', 'procedure.js')}"></script>
</body>
</html>`;
  }

  dispose(): void {
    this.panel?.dispose();
  }
}
