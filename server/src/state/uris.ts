import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * Files are keyed by their file-system path: clients and Node spell the same
 * file's URI differently (VS Code escapes `:` in drive letters, Node does
 * not), so URIs are only compared after conversion.
 */

export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return path.normalize(fileURLToPath(uri));
  } catch {
    return undefined;
  }
}

export function pathToUri(filePath: string): string {
  return pathToFileURL(filePath).href;
}

/** The key of a document: its path for files, the URI itself otherwise (untitled documents). */
export function keyOf(uri: string): string {
  return uriToPath(uri) ?? uri;
}

/** A short, readable name for messages: relative to the nearest workspace folder when inside one. */
export function displayName(key: string, folders: readonly string[]): string {
  for (const folder of folders) {
    const relative = path.relative(folder, key);
    if (relative && !relative.startsWith('..') && !path.isAbsolute(relative)) return relative.split(path.sep).join('/');
  }
  return key.startsWith('/') || /^[A-Za-z]:/.test(key) ? path.basename(key) : key;
}
