/**
 * Runs a fuzzed editing session against the real server process over stdio JSON-RPC (the compiled server, as the
 * end-to-end tests start it) and checks, at every step, what must hold whatever is typed:
 * - the server never exits, and logs no error (every handler and the evaluation thread stayed on their feet); it
 *   touches no file outside the session's workspace and the toolkit's installation, and leaves Object.prototype as
 *   it is (watch-process.ts, preloaded into it, reports both on stderr);
 * - every request answers (an error response is a defect) within `hangMs`;
 * - every range it returns for the document (hover, completion edits, lenses, symbols, quick-fix edits, report and
 *   evidence-root positions) lies inside the text the request was sent for;
 * - every diagnostic names a code and the source `isccc`, and its range lies inside the version it was published for;
 * - once the edits stop, each manifest's diagnostics are published for its current version, and a document edited
 *   out of being a manifest shows none.
 * Violations are collected as defects (`what` + the step that showed them), not thrown, so one run reports them all.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  type Diagnostic,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DidSaveTextDocumentNotification,
  FileChangeType,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';
import { documentKind } from '../../src/documents/kind.js';
import { EXAMPLES, REPO, SERVER, TestClient } from '../support/client.js';
import type { Edit, RequestKind, Step } from './edits.js';

/** ISCCC_LS_FUZZ_TRACE=1 prints every step and every diagnostics notification, to follow a failing session. */
const TRACE = !!process.env.ISCCC_LS_FUZZ_TRACE;

export interface Bounds {
  /** A request unanswered after this long is a hang. */
  hangMs: number;
  /** How long a settled document may wait for the diagnostics of its current version. */
  settleMs: number;
}

export interface Counts {
  sessions: number;
  steps: number;
  edits: number;
  requests: number;
  /** Documents opened (a reopened document counts again). */
  documents: number;
  publishes: number;
  diagnostics: number;
  slowest: { ms: number; what: string };
}

export function newCounts(): Counts {
  return { sessions: 0, steps: 0, edits: 0, requests: 0, documents: 0, publishes: 0, diagnostics: 0, slowest: { ms: 0, what: '' } };
}

interface Doc {
  uri: string;
  /** On disk (a file: URI); an untitled document has none. */
  file?: string;
  languageId: string;
  /** Evidence files under its folder, which `touch-evidence` changes on disk. */
  evidence: string[];
  document: TextDocument;
  /** Texts of versions sent and not yet settled, for checking diagnostics published for them. */
  versions: Map<number, TextDocument>;
  open: boolean;
}

/** The examples the documents are copies of: two by name, one recognised by its content, one untitled. */
const LAYOUT = [
  { example: 'risk-assessment-l3-pass', name: 'manifest.isccc.yaml', languageId: 'isccc-manifest' },
  { example: 'risk-assessment-l2-fail', name: 'manifest.isccc.yaml', languageId: 'yaml' },
  { example: 'disaster-recovery-a-l2', name: 'notes.yaml', languageId: 'yaml' },
  { example: 'emergency-response-l1', name: null, languageId: 'isccc-manifest' },
] as const;

export const DOCUMENT_TEXTS: readonly string[] = LAYOUT.map(({ example }) => fs.readFileSync(path.join(EXAMPLES, example, 'manifest.isccc.yaml'), 'utf8'));

export class FuzzSession {
  readonly defects: string[] = [];
  private readonly root = fs.mkdtempSync(path.join(os.tmpdir(), 'isccc-ls-fuzz-'));
  private client!: TestClient;
  private readonly docs: Doc[] = [];
  private readonly pending = new Set<Promise<void>>();
  private logsSeen = 0;
  private current = '';

  constructor(
    private readonly bounds: Bounds,
    private readonly counts: Counts,
  ) {}

  /** Runs `steps`, then shuts the server down; the defects found are in `defects`. */
  async run(steps: Step[]): Promise<void> {
    this.counts.sessions++;
    try {
      await this.start();
      for (const [i, step] of steps.entries()) {
        this.current = `step ${i} ${describe(step)}`;
        if (TRACE) console.error(`${this.current} [versions ${this.docs.map((d) => d.document.version).join(' ')}]`);
        await this.step(step);
        this.counts.steps++;
        this.checkAlive();
        if (this.defects.length > 0) break;
      }
      this.current = 'shutdown';
      await Promise.all(this.pending);
      this.checkAlive();
    } finally {
      await this.stop();
    }
  }

  /** `doc 1 (manifest.isccc.yaml)`: two documents share a file name. */
  private nameOf(doc: Doc | undefined): string {
    return doc ? `doc ${this.docs.indexOf(doc)} (${path.basename(doc.file ?? doc.uri)})` : 'an unknown document';
  }

  private defect(what: string): void {
    if (this.defects.length < 20) this.defects.push(`${what} (at ${this.current})`);
  }

  private async start(): Promise<void> {
    for (const { example } of LAYOUT) fs.cpSync(path.join(EXAMPLES, example), path.join(this.root, example), { recursive: true });
    this.client = await TestClient.start(this.root, { debounceMs: 5 }, SERVER, {
      nodeArgs: ['--import', new URL('./watch-process.js', import.meta.url).href],
      env: {
        ...process.env,
        ISCCC_FUZZ_ALLOWED: [this.root, fs.realpathSync(this.root), REPO].join(path.delimiter),
        ISCCC_FUZZ_DENIED: EXAMPLES,
      },
    });
    this.client.onPublish = (params) => this.published(params.uri, params.version, params.diagnostics);
    for (const [i, { example, name, languageId }] of LAYOUT.entries()) {
      const file = name ? path.join(this.root, example, name) : undefined;
      if (file && name !== 'manifest.isccc.yaml') fs.renameSync(path.join(this.root, example, 'manifest.isccc.yaml'), file);
      const uri = file ? pathToFileURL(file).href : `untitled:Untitled-${i}`;
      const evidenceDir = path.join(this.root, example, 'evidence');
      const evidence = fs.existsSync(evidenceDir) ? fs.readdirSync(evidenceDir).map((f) => path.join(evidenceDir, f)) : [];
      const document = TextDocument.create(uri, languageId, 1, DOCUMENT_TEXTS[i]!);
      const doc: Doc = { uri, ...(file ? { file } : {}), languageId, evidence, document, versions: new Map([[1, document]]), open: false };
      this.docs.push(doc);
      await this.openDoc(doc);
    }
  }

  private async openDoc(doc: Doc): Promise<void> {
    const { uri, languageId, document } = doc;
    await this.client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId, version: document.version, text: document.getText() },
    });
    doc.open = true;
    this.counts.documents++;
  }

  private async stop(): Promise<void> {
    const alive = this.client && !this.client.exited;
    await this.client?.stop();
    if (alive && this.client.process.exitCode !== 0 && this.client.process.signalCode === null)
      this.defect(`the server exited with code ${this.client.process.exitCode} on shutdown`);
    fs.rmSync(this.root, { recursive: true, force: true });
  }

  private checkAlive(): void {
    if (this.client.exited) this.defect(`the server process exited (${this.client.process.exitCode ?? this.client.process.signalCode})`);
    const logs = this.client.logs.slice(this.logsSeen);
    this.logsSeen = this.client.logs.length;
    for (const log of logs) this.defect(`the server logged: ${log.slice(0, 600)}`);
  }

  private async step(step: Step): Promise<void> {
    switch (step.op) {
      case 'edit':
        return this.edit(this.docs[step.doc]!, step.edit);
      case 'request':
        return this.request(this.docs[step.doc]!, step.request, step.at, step.beyond);
      case 'pause':
        return new Promise((resolve) => setTimeout(resolve, step.ms));
      case 'settle':
        return this.settle();
      case 'save': {
        const doc = this.docs[step.doc]!;
        if (!doc.file || !doc.open) return;
        fs.writeFileSync(doc.file, doc.document.getText());
        await this.client.connection.sendNotification(DidSaveTextDocumentNotification.type, { textDocument: { uri: doc.uri } });
        return;
      }
      case 'touch-evidence': {
        const doc = this.docs[step.doc]!;
        if (doc.evidence.length === 0) return;
        const file = doc.evidence[step.file % doc.evidence.length]!;
        fs.appendFileSync(file, `changed ${this.counts.steps}\n`);
        await this.client.fileChanged(file, FileChangeType.Changed);
        return;
      }
      case 'reopen': {
        const doc = this.docs[step.doc]!;
        if (doc.open) {
          await this.client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: doc.uri } });
          // Versions are kept: diagnostics the server sent before it read the close may still be on their way.
          doc.open = false;
        }
        // The next version, as an editor numbers a document it opens again.
        doc.document = TextDocument.create(doc.uri, doc.languageId, doc.document.version + 1, doc.document.getText());
        doc.versions.set(doc.document.version, doc.document);
        return this.openDoc(doc);
      }
    }
  }

  private async edit(doc: Doc, edit: Edit): Promise<void> {
    if (!doc.open) return;
    const text = doc.document.getText();
    // Offsets in the text; a position between the \r and the \n of a line break is one no editor sends.
    const offset = (at: number) => (text[at - 1] === '\r' && text[at] === '\n' ? at - 1 : at);
    const start = offset(edit.kind === 'whole' ? 0 : edit.at % (text.length + 1));
    const end = edit.kind === 'whole' ? text.length : offset(edit.kind === 'insert' ? start : Math.min(text.length, start + edit.length));
    const inserted = edit.kind === 'delete' ? '' : edit.text;
    const change: TextDocumentContentChangeEvent =
      edit.kind === 'whole' ? { text: inserted } : { range: { start: doc.document.positionAt(start), end: doc.document.positionAt(end) }, text: inserted };
    const version = doc.document.version + 1;
    // The client's text as an editor holds it: the text itself, with its lines counted afresh (not patched).
    doc.document = TextDocument.create(doc.uri, doc.languageId, version, text.slice(0, start) + inserted + text.slice(end));
    doc.versions.set(version, doc.document);
    await this.client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: doc.uri, version },
      contentChanges: [change],
    });
    this.counts.edits++;
  }

  private request(doc: Doc, kind: RequestKind, at: number, beyond: boolean): Promise<void> {
    if (!doc.open) return Promise.resolve();
    const document = doc.document;
    const position = beyond ? { line: document.lineCount + 3, character: 1000 } : document.positionAt(at % (document.getText().length + 1));
    const textDocument = { uri: doc.uri };
    const params: Record<RequestKind, [string, unknown]> = {
      hover: ['textDocument/hover', { textDocument, position }],
      completion: ['textDocument/completion', { textDocument, position }],
      definition: ['textDocument/definition', { textDocument, position }],
      codeAction: [
        'textDocument/codeAction',
        { textDocument, range: { start: position, end: position }, context: { diagnostics: this.client.latest(doc.uri) ?? [] } },
      ],
      codeLens: ['textDocument/codeLens', { textDocument }],
      documentSymbol: ['textDocument/documentSymbol', { textDocument }],
      'isccc/report': ['isccc/report', { uri: doc.uri }],
      'isccc/summary': ['isccc/summary', { uri: doc.uri }],
      'isccc/evidenceRoot': ['isccc/evidenceRoot', { uri: doc.uri }],
    };
    const [method, body] = params[kind];
    const what = `${kind} ${JSON.stringify(position)} in ${this.nameOf(doc)} v${document.version}`;
    const where = this.current;
    this.counts.requests++;
    const started = performance.now();
    let answered = false;
    const timer = setTimeout(() => {
      if (answered) return;
      this.defects.push(`hang: ${what} unanswered after ${this.bounds.hangMs} ms (at ${where})`);
      if (TRACE) fs.writeFileSync(path.join(os.tmpdir(), `isccc-ls-fuzz-hang-doc${this.docs.indexOf(doc)}-v${document.version}.txt`), document.getText());
    }, this.bounds.hangMs);
    const done = this.client.connection.sendRequest(method, body).then(
      (result) => {
        answered = true;
        clearTimeout(timer);
        const ms = performance.now() - started;
        if (ms > this.counts.slowest.ms) this.counts.slowest = { ms, what };
        // A quick fix names the diagnostics it fixes as the client sent them (perhaps of an earlier version); its edits are the server's.
        for (const problem of rangesOutside(result, doc.uri, document, ['diagnostics'])) this.defects.push(`${what}: ${problem} (at ${where})`);
      },
      (error: unknown) => {
        answered = true;
        clearTimeout(timer);
        this.defects.push(`${what} answered with an error: ${error instanceof Error ? error.message : String(error)} (at ${where})`);
      },
    );
    this.pending.add(done);
    void done.finally(() => this.pending.delete(done));
    // Most requests are awaited, as an editor waits for hover; some overlap the edits that follow.
    return at % 3 === 0 ? Promise.resolve() : done;
  }

  /** Every request answered; each open manifest's diagnostics published for its current version. */
  private async settle(): Promise<void> {
    await Promise.all(this.pending);
    for (const doc of this.docs) {
      if (!doc.open) continue;
      const version = doc.document.version;
      const deadline = Date.now() + this.bounds.settleMs;
      const last = () => this.client.published.get(doc.uri)?.at(-1);
      if (documentKind(doc.uri, doc.languageId, doc.document.getText())) {
        // A manifest, or a rule file since the edits (by name, language id or its `isccc:` line, as the server tells).
        while (last()?.version !== version && Date.now() < deadline && !this.client.exited) await new Promise((resolve) => setTimeout(resolve, 10));
        if (last()?.version !== version) {
          this.defect(`no diagnostics for ${this.nameOf(doc)} v${version} within ${this.bounds.settleMs} ms (last published: v${last()?.version})`);
        }
      } else {
        // No longer a document of the server's: what it showed before must not stay, describing another text.
        const shown = () => (last()?.diagnostics.length ?? 0) > 0;
        while (shown() && Date.now() < deadline && !this.client.exited) await new Promise((resolve) => setTimeout(resolve, 10));
        if (shown()) this.defect(`${this.nameOf(doc)} v${version} is no manifest any more, but its diagnostics of v${last()!.version} are still shown`);
      }
      for (const old of doc.versions.keys()) if (old !== version) doc.versions.delete(old);
    }
  }

  private published(uri: string, version: number | undefined, diagnostics: Diagnostic[]): void {
    this.counts.publishes++;
    this.counts.diagnostics += diagnostics.length;
    const doc = this.docs.find((d) => d.uri === uri);
    if (TRACE) console.error(`  published ${this.nameOf(doc)} v${version}: ${diagnostics.length} (at ${this.current})`);
    if (!doc) return this.defect(`diagnostics published for ${uri}, which is not open`);
    const document = version === undefined ? doc.document : doc.versions.get(version);
    if (!document) {
      if (doc.open) this.defect(`diagnostics published for ${this.nameOf(doc)} v${version}, a version never sent (or long replaced)`);
      return;
    }
    for (const d of diagnostics) {
      const what = `diagnostic ${JSON.stringify(d.code)} ${JSON.stringify(d.message).slice(0, 80)} on ${this.nameOf(doc)} v${document.version}`;
      if (typeof d.code !== 'string' || d.code === '') this.defect(`${what}: no code`);
      if (d.source !== 'isccc') this.defect(`${what}: source ${String(d.source)}`);
      if (typeof d.message !== 'string' || d.message === '') this.defect(`${what}: no message`);
      for (const problem of rangesOutside(d, uri, document)) {
        this.defect(`${what}: ${problem}`);
        if (TRACE) fs.writeFileSync(path.join(os.tmpdir(), `isccc-ls-fuzz-doc${this.docs.indexOf(doc)}-v${document.version}.txt`), document.getText());
      }
    }
  }
}

/** Ranges of `value` (at any depth, skipping what belongs to another document's `uri`) that are not inside `document`. */
export function rangesOutside(value: unknown, uri: string, document: TextDocument, skip: readonly string[] = []): string[] {
  const out: string[] = [];
  const lineLength = (line: number): number => {
    const start = document.offsetAt({ line, character: 0 });
    const next = line + 1 < document.lineCount ? document.offsetAt({ line: line + 1, character: 0 }) : document.getText().length;
    const text = document.getText().slice(start, next);
    return text.replace(/\r\n$|\n$|\r$/, '').length;
  };
  const inside = (p: { line: number; character: number }) =>
    Number.isInteger(p.line) &&
    Number.isInteger(p.character) &&
    p.line >= 0 &&
    p.line < document.lineCount &&
    p.character >= 0 &&
    p.character <= lineLength(p.line);
  const visit = (node: unknown, trail: string): void => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach((child, i) => visit(child, `${trail}[${i}]`));
    const record = node as Record<string, unknown>;
    if (typeof record.uri === 'string' && record.uri !== uri) return;
    if (isPosition(record.start) && isPosition(record.end)) {
      const { start, end } = record;
      if (!inside(start) || !inside(end) || start.line > end.line || (start.line === end.line && start.character > end.character)) {
        const line =
          start.line < document.lineCount
            ? ` (line ${start.line}: ${JSON.stringify(document.getText({ start: { line: start.line, character: 0 }, end: { line: start.line + 1, character: 0 } }).slice(0, 80))})`
            : '';
        out.push(`range ${trail} ${JSON.stringify({ start, end })} is not inside the text (${document.lineCount} lines)${line}`);
      }
      return;
    }
    for (const [key, child] of Object.entries(record)) if (!skip.includes(key)) visit(child, `${trail}.${key}`);
  };
  visit(value, '');
  return out;
}

function isPosition(value: unknown): value is { line: number; character: number } {
  return (
    !!value &&
    typeof value === 'object' &&
    typeof (value as { line?: unknown }).line === 'number' &&
    typeof (value as { character?: unknown }).character === 'number'
  );
}

function describe(step: Step): string {
  switch (step.op) {
    case 'edit': {
      const e = step.edit;
      const text = 'text' in e ? ` ${JSON.stringify(e.text.length > 60 ? `${e.text.slice(0, 60)}…(${e.text.length})` : e.text)}` : '';
      return `edit doc ${step.doc} ${e.kind}${'at' in e ? ` @${e.at}` : ''}${'length' in e ? ` -${e.length}` : ''}${text}`;
    }
    case 'request':
      return `${step.request} doc ${step.doc} @${step.at}${step.beyond ? ' (past the end)' : ''}`;
    default:
      return JSON.stringify(step);
  }
}
