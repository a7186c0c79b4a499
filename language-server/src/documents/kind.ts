export type DocumentKind = 'manifest' | 'rules';

const MARKER = /^isccc:[ \t]*["']?(manifest|rules)\/v1["']?[ \t]*(#.*)?$/m;

/**
 * `*.isccc.yaml` / `*.rules.yaml` (or `.yml`) by name, the client's language id, or else any YAML
 * whose top-level `isccc:` key is `manifest/v1` / `rules/v1` within its first lines.
 */
export function documentKind(uri: string, languageId: string, text: string): DocumentKind | null {
  const name = uri.toLowerCase();
  if (/\.isccc\.ya?ml$/.test(name) || languageId === 'isccc-manifest') return 'manifest';
  if (/\.rules\.ya?ml$/.test(name) || languageId === 'isccc-rules') return 'rules';
  const head = text.slice(0, 4096);
  const m = MARKER.exec(head);
  return m ? (m[1] as DocumentKind) : null;
}

export function isRuleFileName(file: string): boolean {
  return /\.rules\.ya?ml$/i.test(file);
}
