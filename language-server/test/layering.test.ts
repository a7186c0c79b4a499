/**
 * The source layout as a contract: services are plain data (no LSP), handlers do the LSP wiring,
 * the protocol module stays light enough for a client bundle, and no module imports itself round
 * a cycle. Read from the TypeScript sources with the compiler's own parser.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/** language-server/dist/test → language-server/src */
const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'src');

interface Import {
  /** As written: a package name, or a path relative to the importing module. */
  specifier: string;
  /** Relative imports: the imported module, relative to src/ (`services/hover.ts`). */
  module?: string;
  /** Erased at compile time: nothing of it exists at run time. */
  typeOnly: boolean;
}

function importsOf(module: string): Import[] {
  const source = ts.createSourceFile(module, fs.readFileSync(path.join(SRC, module), 'utf8'), ts.ScriptTarget.Latest);
  const out: Import[] = [];
  for (const statement of source.statements) {
    if (
      !(ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) ||
      !statement.moduleSpecifier ||
      !ts.isStringLiteral(statement.moduleSpecifier)
    )
      continue;
    const specifier = statement.moduleSpecifier.text;
    let typeOnly: boolean;
    if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      const named = clause?.namedBindings;
      typeOnly =
        !!clause &&
        (clause.isTypeOnly || (!clause.name && !!named && ts.isNamedImports(named) && named.elements.length > 0 && named.elements.every((e) => e.isTypeOnly)));
    } else {
      typeOnly = statement.isTypeOnly;
    }
    const relative = specifier.startsWith('.') ? path.posix.join(path.posix.dirname(module), specifier).replace(/\.js$/, '.ts') : undefined;
    out.push({ specifier, typeOnly, ...(relative ? { module: relative } : {}) });
  }
  return out;
}

const modules = (function walk(dir: string): string[] {
  return fs.readdirSync(path.join(SRC, dir), { withFileTypes: true }).flatMap((entry) => {
    const name = path.posix.join(dir, entry.name);
    return entry.isDirectory() ? walk(name) : name.endsWith('.ts') ? [name] : [];
  });
})('');
const graph = new Map(modules.map((module) => [module, importsOf(module)]));
const inFolder = (folder: string) => modules.filter((module) => module.startsWith(`${folder}/`));
/** `module` imports that break `rule`, as `module → specifier`. */
const offending = (list: string[], rule: (i: Import) => boolean) =>
  list.flatMap((module) =>
    graph
      .get(module)!
      .filter(rule)
      .map((i) => `${module} → ${i.specifier}`),
  );

const LSP_PACKAGE = /^vscode-(languageserver|languageserver-types|languageserver-protocol|jsonrpc)(\/|$)/;

describe('language server source layering', function () {
  it('reads the modules it checks', function () {
    assert.ok(inFolder('services').length >= 8 && inFolder('handlers').length >= 4, JSON.stringify(modules));
    assert.ok(
      graph.get('handlers/language-handlers.ts')!.some((i) => i.module === 'services/hover.ts'),
      'relative imports resolve to modules',
    );
  });

  it('keeps LSP out of the services: no vscode-languageserver*, no handlers, no editor buffer type', function () {
    assert.deepEqual(
      offending(
        inFolder('services'),
        (i) => i.specifier.startsWith('vscode-') || !!i.module?.startsWith('handlers/') || i.module === 'start-server.ts' || i.module === 'server.ts',
      ),
      [],
    );
    // The protocol module's data shapes are plain types; its RequestType values are the handlers' business.
    assert.deepEqual(
      offending(inFolder('services'), (i) => i.module === 'protocol.ts' && !i.typeOnly),
      [],
    );
  });

  it('keeps documents and workspace below services and handlers, and free of LSP', function () {
    const lower = [...inFolder('documents'), ...inFolder('workspace')];
    assert.deepEqual(
      offending(lower, (i) => LSP_PACKAGE.test(i.specifier) || /^(services|handlers)\//.test(i.module ?? '') || i.module === 'protocol.ts'),
      [],
    );
  });

  it('gives the protocol module no run-time import but vscode-jsonrpc, so a client bundle takes nothing of the server', function () {
    assert.deepEqual(
      offending(['protocol.ts'], (i) => !i.typeOnly && i.specifier !== 'vscode-jsonrpc'),
      [],
    );
  });

  it('has no import cycle', function () {
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (module: string, trail: string[]): void => {
      if (state.get(module) === 'done') return;
      if (state.get(module) === 'open') {
        cycles.push([...trail.slice(trail.indexOf(module)), module].join(' → '));
        return;
      }
      state.set(module, 'open');
      for (const next of graph.get(module) ?? []) if (next.module) visit(next.module, [...trail, module]);
      state.set(module, 'done');
    };
    for (const module of modules) visit(module, []);
    assert.deepEqual(cycles, []);
  });
});
