import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** File-system path of a `file:` URI; other schemes (untitled:) keep the URI as their name. */
export function fileOfUri(uri: string): string {
  if (!uri.startsWith('file:')) return uri;
  try {
    return fileURLToPath(uri);
  } catch {
    return uri;
  }
}

export function uriOfFile(file: string): string {
  return path.isAbsolute(file) ? pathToFileURL(file).href : file;
}

export function isOnDisk(file: string): boolean {
  return path.isAbsolute(file);
}
