import path from 'node:path';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { kindOf } from '../documents/analysis.js';
import { isRuleFileName } from '../documents/kind.js';
import { fileOfUri } from '../documents/uri.js';
import type { ServerContext } from './context.js';
import type { LensRefresh } from './lens-refresh.js';
import type { Validator } from './validation-handlers.js';

/** Open, edit, save, close and on-disk changes: what each one changes in the rulebook, and what must be re-checked. */
export function registerDocumentHandlers(context: ServerContext, validator: Validator, lensRefresh: LensRefresh): void {
  const { connection, documents, cache, rulebooks, log } = context;

  /** Open documents that are rule files by their content (`isccc: rules/v1`), which an edit can take away. */
  const ruleFiles = new Set<string>();
  /** A rule file's text is part of the rulebook every manifest is evaluated with. */
  const trackRuleFile = (document: TextDocument): boolean => {
    const before = rulebooks.generation;
    if (kindOf(document) === 'rules') {
      ruleFiles.add(document.uri);
      rulebooks.setOpen(fileOfUri(document.uri), document.getText());
    } else if (ruleFiles.delete(document.uri)) {
      // Edited into something else: its rules leave the rulebook, as when it is closed.
      rulebooks.close(fileOfUri(document.uri));
    }
    return rulebooks.generation !== before;
  };

  documents.onDidOpen(({ document }) => {
    if (trackRuleFile(document)) validator.revalidateAll((d) => d.uri !== document.uri);
    validator.schedule(document.uri, 0);
  });
  documents.onDidChangeContent(({ document }) => {
    // A changed rule file changes the rulebook: every open manifest and rule file is re-checked.
    if (trackRuleFile(document)) validator.revalidateAll();
    else validator.schedule(document.uri);
  });
  documents.onDidClose(({ document }) => {
    validator.clear(document.uri);
    cache.forget(document.uri);
    lensRefresh.forget(document.uri);
    if (ruleFiles.delete(document.uri) || kindOf(document) === 'rules') {
      rulebooks.close(fileOfUri(document.uri));
      validator.revalidateAll();
    }
  });

  /** Files changed on disk (or a document was saved): rule files change the rulebook, any other file the evidence of manifests above it. */
  const filesChanged = (files: string[]): void => {
    let rules = false;
    const changedDirs: string[] = [];
    for (const file of files) {
      if (isRuleFileName(file)) {
        rulebooks.diskChanged(file);
        rules = true;
      } else {
        changedDirs.push(path.dirname(file));
      }
    }
    if (changedDirs.length > 0) cache.filesChanged();
    // Evidence resolves under the manifest's folder: only manifests above a changed file depend on it.
    const dependsOn = (document: TextDocument) => {
      const dir = path.dirname(fileOfUri(document.uri));
      return changedDirs.some((changed) => changed === dir || changed.startsWith(dir + path.sep));
    };
    validator.revalidateAll((document) => rules || dependsOn(document));
  };

  connection.onDidChangeWatchedFiles((params) => {
    try {
      filesChanged(params.changes.map((change) => fileOfUri(change.uri)));
    } catch (error) {
      log('didChangeWatchedFiles', error);
    }
  });
  documents.onDidSave(({ document }) => {
    try {
      // A saved rule file is an open one already; a saved manifest's own bytes are part of its evidence root.
      if (kindOf(document) === 'manifest') filesChanged([fileOfUri(document.uri)]);
    } catch (error) {
      log('didSave', error);
    }
  });
}
