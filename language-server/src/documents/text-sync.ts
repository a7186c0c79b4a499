/**
 * The open documents' text as the client's incremental changes make it. vscode-languageserver-textdocument (1.0.15)
 * keeps a line index it patches per change, counting the breaks of the inserted text alone: a change that joins a
 * `\r` and a `\n` into one `\r\n` (typing Enter after a lone `\r`, deleting what stood between them) or cuts through
 * one leaves an extra or a missing line, and every later position the client sends lands elsewhere than the client
 * meant. Such a change (rare: it needs a lone `\r` or a `\r\n` at its edge) rebuilds the index from the text.
 */
import { type TextDocumentContentChangeEvent, TextDocument } from 'vscode-languageserver-textdocument';

/** For `new TextDocuments(SYNCED_TEXT_DOCUMENT)`: TextDocument's own create, and update one change at a time. */
export const SYNCED_TEXT_DOCUMENT = {
  create: TextDocument.create,
  update(document: TextDocument, changes: TextDocumentContentChangeEvent[], version: number): TextDocument {
    let current = document;
    for (const change of changes) {
      const text = current.getText();
      const cuts = 'range' in change && breaksAtEdges(text, current.offsetAt(change.range.start), current.offsetAt(change.range.end), change.text);
      const updated = TextDocument.update(current, [change], version);
      current = cuts ? TextDocument.create(updated.uri, updated.languageId, version, updated.getText()) : updated;
    }
    return current;
  },
};

/** Whether replacing `text[start, end)` by `inserted` forms or cuts a `\r\n` at an edge of the change. */
function breaksAtEdges(text: string, start: number, end: number, inserted: string): boolean {
  const before = text[start - 1];
  const after = text[end];
  const first = inserted === '' ? after : inserted[0];
  const last = inserted === '' ? before : inserted[inserted.length - 1];
  return (
    (before === '\r' && first === '\n') ||
    (last === '\r' && after === '\n') ||
    (before === '\r' && text[start] === '\n') ||
    (text[end - 1] === '\r' && after === '\n')
  );
}
