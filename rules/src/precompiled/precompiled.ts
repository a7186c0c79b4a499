/**
 * The catalog, the shipped rulebook (its FEEL already parsed) and the schema validators (ajv standalone code), as
 * the build writes them to `dist/generated/` (`precompiled/build.ts`, run by `npm run build` and the bootstrap).
 * Loading them costs a JSON parse instead of YAML parsing, schema compilation and FEEL parsing at every start.
 *
 * Each artifact records a digest of the sources it was made from; a loader uses it only while the sources
 * still have that digest, so an edited rule or catalog file is read from source until the next build.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../paths.js';

/** Bumped whenever the shape of an artifact changes, so an older build's files are not read. */
export const PRECOMPILED_FORMAT = 1;

export const GENERATED_DIR = path.join(packageRoot, 'dist', 'generated');

export function generatedPath(name: string): string {
  return path.join(GENERATED_DIR, name);
}

/** Digest of the files (in the order given) and the format version: what an artifact is fresh for. */
export function digestOf(files: string[]): string {
  const hash = crypto.createHash('sha256');
  hash.update(`format ${PRECOMPILED_FORMAT}\n`);
  for (const file of files) {
    hash.update(`${path.relative(packageRoot, file)}\n`);
    hash.update(fs.readFileSync(file));
    hash.update('\n');
  }
  return hash.digest('hex');
}

export interface Artifact<T> {
  digest: string;
  data: T;
}

/** An artifact's data when it exists and was made from these very sources; otherwise undefined. */
export function readArtifact<T>(name: string, sources: string[]): T | undefined {
  let text: string;
  try {
    text = fs.readFileSync(generatedPath(name), 'utf8');
  } catch {
    return undefined;
  }
  try {
    const artifact = JSON.parse(text) as Artifact<T>;
    return artifact.digest === digestOf(sources) ? artifact.data : undefined;
  } catch {
    return undefined;
  }
}

/** Paths inside the package are stored relative to it, so a moved package still finds its files. */
export function fromPackage(relative: string): string {
  return path.isAbsolute(relative) ? relative : path.join(packageRoot, relative);
}

export function toPackage(file: string): string {
  const relative = path.relative(packageRoot, file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}
