import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { MANIFEST_LANGUAGE } from './client.js';
import { contentSecurityPolicy, escapeHtml, nonce } from './html.js';
import { messageLanguage, type Lang } from './language.js';
import { MESSAGES } from './messages.js';
import { ReportRequest, type Range, type Report } from '@isccc/language-server/protocol';

type WebviewMessage = { type: 'reveal'; range: Range } | { type: 'openDoc'; url: string };

/** One report panel, for whichever manifest the command was last run on; it follows that manifest's edits. */
export class ReportView implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private manifest: vscode.Uri | undefined;
  private readonly subscription: vscode.Disposable;
  // Diagnostics stream in while a person types; only the newest report may be drawn.
  private generation = 0;

  constructor(private readonly client: LanguageClient) {
    this.subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      const shown = this.manifest?.toString();
      if (this.panel && event.uris.some((uri) => uri.toString() === shown)) this.render().catch(() => undefined);
    });
  }

  /** Renders the server's report for `uri` (default: the active manifest) and returns what it rendered. */
  async show(uri?: vscode.Uri): Promise<Report> {
    this.manifest = uri ?? activeManifest();
    const report = await this.render();
    this.panel?.reveal(vscode.ViewColumn.Beside, true);
    return report;
  }

  private async render(): Promise<Report> {
    const generation = ++this.generation;
    const manifest = this.manifest!;
    const report = await this.client.sendRequest(ReportRequest, { uri: manifest.toString() });
    if (!report) throw new Error(`The ISCCC language server holds no manifest at ${manifest.toString()}.`);
    if (generation === this.generation) {
      const panel = this.panel ?? this.createPanel();
      panel.title = `ISCCC: ${manifest.path.split('/').pop() ?? manifest.path}`;
      panel.webview.html = renderReport(report, manifest, panel.webview, messageLanguage());
    }
    return report;
  }

  private createPanel(): vscode.WebviewPanel {
    const panel = vscode.window.createWebviewPanel('isccc.report', 'ISCCC report', vscode.ViewColumn.Beside, {
      enableScripts: true,
      localResourceRoots: [],
    });
    panel.onDidDispose(() => (this.panel = undefined));
    panel.webview.onDidReceiveMessage((message: WebviewMessage) => {
      if (message.type === 'reveal' && this.manifest) void reveal(this.manifest, message.range);
      // Rule doc pages ship with the server's data; the webview itself may not open file: links.
      if (message.type === 'openDoc') void vscode.commands.executeCommand('markdown.showPreview', vscode.Uri.parse(message.url));
    });
    this.panel = panel;
    return panel;
  }

  dispose(): void {
    this.subscription.dispose();
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

const COLUMNS = ['report.column.rule', 'report.column.status', 'report.column.finding', 'report.column.location'] as const;

const STATUS_ICON: Record<string, string> = { pass: '✔', fail: '✘', 'missing-evidence': '?', 'manual-review': '⚑', 'not-applicable': '–' };

/** Met and not-applicable findings: hidden until asked for, so the open clauses stand out. */
function isQuiet(status: string): boolean {
  return status === 'pass' || status === 'not-applicable';
}

function locationLink(range: Range | undefined): string {
  if (!range) return '';
  return `<a href="#" data-range="${escapeHtml(JSON.stringify(range))}">Ln ${range.start.line + 1}, Col ${range.start.character + 1}</a>`;
}

export function renderReport(report: Report, manifest: vscode.Uri, webview: vscode.Webview, lang: Lang): string {
  const scriptNonce = nonce();
  const shown = report.clauses.flatMap((clause) => clause.findings).filter((finding) => !isQuiet(finding.status));
  const target = report.target
    ? `<p>${escapeHtml(MESSAGES['report.target']({ category: report.target.category, drClass: report.target.drClass, level: report.target.level, asOf: report.asOf })[lang])}</p>`
    : '';
  const problems = report.problems.length
    ? `<h2>${escapeHtml(MESSAGES['report.problems']()[lang])}</h2><ul>${report.problems
        .map((problem) => `<li><code>${escapeHtml(problem.code)}</code> ${escapeHtml(problem.message)} ${locationLink(problem.range)}</li>`)
        .join('')}</ul>`
    : '';
  const rows = report.clauses
    .map((clause) => {
      const quiet = clause.findings.every((finding) => isQuiet(finding.status)) ? ' quiet' : '';
      const heading = `<tr class="clause${quiet}" data-clause="${escapeHtml(clause.clause)}"><th colspan="4">${escapeHtml(clause.label)}${
        clause.title ? ` ${escapeHtml(clause.title)}` : ''
      }</th></tr>`;
      const findings = clause.findings.map((finding) => {
        const rule = finding.docUrl
          ? `<a href="#" data-doc="${escapeHtml(finding.docUrl)}"><code>${escapeHtml(finding.ruleId)}</code></a>`
          : `<code>${escapeHtml(finding.ruleId)}</code>`;
        const quietClass = isQuiet(finding.status) ? ' quiet' : '';
        return `<tr class="finding status-${escapeHtml(finding.status)}${quietClass}"><td>${rule}</td><td>${
          STATUS_ICON[finding.status] ?? ''
        } ${escapeHtml(finding.status)}</td><td>${escapeHtml(finding.message)}</td><td>${locationLink(finding.range)}</td></tr>`;
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
  tr.status-fail td:nth-child(2) { color: var(--vscode-errorForeground); }
  tr.status-pass td:nth-child(2) { color: var(--vscode-testing-iconPassed); }
  body.hide-quiet tr.quiet { display: none; }
  a { color: var(--vscode-textLink-foreground); }
</style>
</head>
<body class="hide-quiet">
<h1>ISCCC-SV-001:2015 — ${escapeHtml(manifest.path.split('/').pop() ?? '')}</h1>
${target}
<p id="summary">${escapeHtml(MESSAGES['report.summary']({ level: report.qualifyingLevel, findings: shown.length + report.problems.length })[lang])}</p>
${problems}
<label><input type="checkbox" id="show-quiet"> ${escapeHtml(MESSAGES['report.show-passed']()[lang])}</label>
<table>
<thead><tr>${COLUMNS.map((column) => `<th>${escapeHtml(MESSAGES[column]()[lang])}</th>`).join('')}</tr></thead>
<tbody>
${rows}
</tbody>
</table>
<script nonce="${scriptNonce}">
  const vscode = acquireVsCodeApi();
  // The page is redrawn after every re-check; the checkbox keeps its state across redraws.
  const showQuiet = document.getElementById('show-quiet');
  const apply = (checked) => {
    showQuiet.checked = checked;
    document.body.classList.toggle('hide-quiet', !checked);
  };
  apply(Boolean((vscode.getState() || {}).showQuiet));
  showQuiet.addEventListener('change', () => {
    vscode.setState({ showQuiet: showQuiet.checked });
    apply(showQuiet.checked);
  });
  document.addEventListener('click', (event) => {
    const link = event.target.closest('a[data-range], a[data-doc]');
    if (!link) return;
    event.preventDefault();
    if (link.dataset.range) vscode.postMessage({ type: 'reveal', range: JSON.parse(link.dataset.range) });
    else vscode.postMessage({ type: 'openDoc', url: link.dataset.doc });
  });
</script>
</body>
</html>`;
}
