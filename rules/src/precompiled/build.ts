/**
 * The build step after `tsc -b` (root `npm run build`, and the bootstrap before tests, demo and benchmarks): writes
 * the precompiled catalog, rulebook and schema validators to `dist/generated/`. Run:
 * `node rules/dist/src/precompiled/build.js`. `artifacts()` is also what the freshness test compares with.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { catalogArtifactName, catalogClauses, catalogFiles } from '../catalog/catalog.js';
import { EDITION } from '../model.js';
import { relocated, rulebookArtifactName, rulebookDir, rulebookFiles, rulebookFromFiles } from '../rulebook/rulebook.js';
import { loadSchema, SCHEMA_NAMES, schemaCompiler, schemaPath, validatorArtifactName } from '../schema/validator.js';
import { type Artifact, digestOf, GENERATED_DIR, toPackage } from './precompiled.js';

function json<T>(sources: string[], data: T): string {
  return `${JSON.stringify({ digest: digestOf(sources), data } satisfies Artifact<T>)}\n`;
}

/** File name in `dist/generated/` → its content, made from the sources as they are now. */
export async function artifacts(edition = EDITION): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const catalog = catalogFiles(edition);
  out.set(catalogArtifactName(edition), json(catalog, catalogClauses(catalog)));
  const rules = rulebookFiles(rulebookDir(edition));
  out.set(rulebookArtifactName(edition), json(rules, relocated(rulebookFromFiles(rules, edition), toPackage)));
  const { default: standaloneCode } = (await import('ajv/dist/standalone/index.js')) as unknown as {
    default: (ajv: ReturnType<typeof schemaCompiler>, validate: unknown) => string;
  };
  for (const name of SCHEMA_NAMES) {
    const ajv = schemaCompiler(true);
    const code = standaloneCode(ajv, ajv.compile(loadSchema(name)));
    out.set(validatorArtifactName(name), `${code}\nmodule.exports.digest = ${JSON.stringify(digestOf([schemaPath(name)]))};\n`);
  }
  return out;
}

export async function writeArtifacts(): Promise<string[]> {
  fs.mkdirSync(GENERATED_DIR, { recursive: true });
  const written: string[] = [];
  for (const [name, content] of await artifacts()) {
    const file = path.join(GENERATED_DIR, name);
    if (fs.existsSync(file) && fs.readFileSync(file, 'utf8') === content) continue;
    fs.writeFileSync(file, content);
    written.push(name);
  }
  return written;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const written = await writeArtifacts();
  console.error(`precompiled: ${written.length ? `wrote ${written.join(', ')}` : 'up to date'} (${path.relative(process.cwd(), GENERATED_DIR)})`);
}
