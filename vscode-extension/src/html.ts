import * as crypto from 'node:crypto';
import type * as vscode from 'vscode';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ESCAPES[character] ?? character);
}

export function nonce(): string {
  return crypto.randomBytes(16).toString('base64');
}

/** Scripts only by nonce, styles and fonts only from the extension (bpmn-js also sets inline styles). */
export function contentSecurityPolicy(webview: vscode.Webview, scriptNonce: string): string {
  return [
    "default-src 'none'",
    `img-src ${webview.cspSource} data:`,
    `style-src ${webview.cspSource} 'unsafe-inline'`,
    `font-src ${webview.cspSource} data:`,
    `script-src 'nonce-${scriptNonce}'`,
  ].join('; ');
}
