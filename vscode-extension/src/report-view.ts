import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { MANIFEST_LANGUAGE } from './client.js';
import { contentSecurityPolicy, escapeHtml, nonce } from './html.js';
import { findingsLabel, levelLabel, messageLanguage, type Lang } from './labels.js';
import { ReportRequest, type Range, type Report } from './protocol.js';

interface RevealMessage {
  type: 'reveal';
  range: Range;
}

/** One report panel, re-rendered for whichever manifest the command is run on. */
export class ReportView implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private manifest: vscode.Uri | undefined;

  constructor(private readonly client: LanguageClient) {}

  /** Renders the server's report for `uri` (default: the active manifest) and returns what it rendered. */
  async show(uri?: vscode.Uri): Promise<Report> {
    const manifest = uri ?? activeManifest();
    const report = await this.client.sendRequest(ReportRequest, { uri: manifest.toString() });
    this.manifest = manifest;
    const panel = this.panel ?? this.createPanel();
    panel.title = `ISCCC: ${manifest.path.split('/').pop() ?? manifest.path}`;
    panel.webview.html = renderReport(report, manifest, panel.webview, messageLanguage());
    panel.reveal(vscode.ViewColumn.Beside, true);
    return report;
  }

  private createPanel(): vscode.WebviewPanel {
    const panel = vscode.window.createWebviewPanel('isccc.report', 'ISCCC report', vscode.ViewColumn.Beside, {
      enableScripts: true,
      localResourceRoots: [],
    });
    panel.onDidDispose(() => (this.panel = undefined));
    panel.webview.onDidReceiveMessage((message: RevealMessage) => {
      if (message.type === 'reveal' && this.manifest) void reveal(this.manifest, message.range);
    });
    this.panel = panel;
    return panel;
  }

  dispose(): void {
    this.panel?.dispose();
  }
}

function activeManifest(): vscode.Uri {
  const document = vscode.window.activeTextEditor?.document;
  if (document?.languageId === MANIFEST_LANGUAGE) return document.uri;
  throw new Error('Open an evidence manifest (*.isccc.yaml) to show its conformance report.');
}

async function reveal(manifest: vscode.Uri, range: Range): Promise<void> {
  const selection = new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
  await vscode.window.showTextDocument(manifest, { selection, viewColumn: vscode.ViewColumn.One });
}

const HEADINGS: Record<Lang, string[]> = {
  en: ['Clause', 'Rule', 'Status', 'Finding', 'Location'],
  zh: ['条款', '规则', '状态', '发现', '位置'],
};

export function renderReport(report: Report, manifest: vscode.Uri, webview: vscode.Webview, lang: Lang): string {
  const scriptNonce = nonce();
  const count = report.clauses.reduce((sum, clause) => sum + clause.findings.length, 0);
  const rows = report.clauses
    .map((clause) => {
      const heading = `<tr class="clause"><th colspan="5" id="clause-${escapeHtml(clause.clause)}">${escapeHtml(clause.clause)}${
        clause.title ? ` ${escapeHtml(clause.title)}` : ''
      }</th></tr>`;
      const findings = clause.findings.map((finding) => {
        const location = finding.range
          ? `<a href="#" data-range="${escapeHtml(JSON.stringify(finding.range))}">Ln ${finding.range.start.line + 1}, Col ${
              finding.range.start.character + 1
            }</a>`
          : '';
        return `<tr class="finding status-${escapeHtml(finding.status)}"><td>${escapeHtml(clause.clause)}</td><td><code>${escapeHtml(
          finding.ruleId,
        )}</code></td><td>${escapeHtml(finding.status)}</td><td>${escapeHtml(finding.message)}</td><td>${location}</td></tr>`;
      });
      return [heading, ...findings].join('\n');
    })
    .join('\n');
  return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(webview, scriptNonce)}">
<style>
  body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--vscode-panel-border); vertical-align: top; }
  tr.clause th { background: var(--vscode-editorWidget-background); padding-top: 10px; }
  a { color: var(--vscode-textLink-foreground); }
</style>
</head>
<body>
<h1>ISCCC-SV-001:2015 — ${escapeHtml(manifest.path.split('/').pop() ?? '')}</h1>
<p id="summary">${escapeHtml(levelLabel(report.qualifyingLevel, lang))} · ${escapeHtml(findingsLabel(count, lang))}</p>
<table>
<thead><tr>${HEADINGS[lang].map((heading) => `<th>${heading}</th>`).join('')}</tr></thead>
<tbody>
${rows}
</tbody>
</table>
<script nonce="${scriptNonce}">
  const vscode = acquireVsCodeApi();
  document.addEventListener('click', (event) => {
    const link = event.target.closest('a[data-range]');
    if (!link) return;
    event.preventDefault();
    vscode.postMessage({ type: 'reveal', range: JSON.parse(link.dataset.range) });
  });
</script>
</body>
</html>`;
}
