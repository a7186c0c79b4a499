import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { MANIFEST_LANGUAGE } from './client.js';
import { describeEvidenceRoot } from './evidence-root.js';
import { messageLanguage, type Lang } from './language.js';
import { MESSAGES } from './messages.js';
import { EvidenceRootRequest, SummaryRequest, type EvidenceRoot, type Summary } from '@isccc/language-server/protocol';

/** Qualifying level and finding count of the manifest in the active editor, as the server computes them. */
export class ConformanceStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('isccc.status', vscode.StatusBarAlignment.Left, 100);
  private readonly subscriptions: vscode.Disposable[] = [];
  // Requests overlap while diagnostics stream in; only the newest answer may reach the status bar.
  private generation = 0;

  constructor(private readonly client: LanguageClient) {
    this.item.name = 'ISCCC conformance';
    this.item.command = 'isccc.showReport';
    this.subscriptions.push(
      this.item,
      vscode.window.onDidChangeActiveTextEditor(() => this.refresh()),
      vscode.languages.onDidChangeDiagnostics((event) => {
        const active = vscode.window.activeTextEditor?.document.uri.toString();
        if (event.uris.some((uri) => uri.toString() === active)) this.refresh();
      }),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('isccc')) this.refresh();
      }),
    );
    this.refresh();
  }

  refresh(): void {
    const generation = ++this.generation;
    const document = vscode.window.activeTextEditor?.document;
    if (!document || document.languageId !== MANIFEST_LANGUAGE) {
      this.item.hide();
      return;
    }
    const uri = document.uri.toString();
    Promise.all([this.client.sendRequest(SummaryRequest, { uri }), this.client.sendRequest(EvidenceRootRequest, { uri })]).then(
      ([summary, evidence]) => {
        if (generation !== this.generation) return;
        if (!summary) {
          this.item.hide();
          return;
        }
        const lang = messageLanguage();
        this.item.text = `$(law) ISCCC ${MESSAGES['status.text']({ level: summary.qualifyingLevel, findings: summary.findingCount })[lang]}`;
        this.item.tooltip = tooltip(summary, evidence, lang);
        this.item.backgroundColor = summary.findingCount > 0 ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
        this.item.show();
      },
      (error: unknown) => {
        if (generation !== this.generation) return;
        this.item.text = '$(error) ISCCC';
        this.item.tooltip = `isccc/summary or isccc/evidenceRoot failed: ${error instanceof Error ? error.message : String(error)}`;
        this.item.show();
      },
    );
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}

/** What stands between the manifest and the next level up, as the server listed it, and the manifest's evidence root. */
function tooltip(summary: Summary, evidence: EvidenceRoot | null, lang: Lang): vscode.MarkdownString {
  const text = new vscode.MarkdownString();
  text.appendText(MESSAGES['status.click']()[lang]);
  if (evidence) {
    text.appendMarkdown('\n\n');
    text.appendText(describeEvidenceRoot(evidence, lang));
  }
  if (summary.next) {
    text.appendMarkdown('\n\n');
    text.appendText(MESSAGES['status.blocking']({ level: summary.next.level })[lang]);
    for (const blocking of summary.next.blocking.slice(0, 8)) {
      text.appendMarkdown('\n- ');
      text.appendText(blocking.message);
    }
    if (summary.next.blocking.length > 8) text.appendMarkdown(`\n- … (${summary.next.blocking.length - 8})`);
  }
  return text;
}
