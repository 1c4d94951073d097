import { readText, type ReadProblem } from './read';

/**
 * Catalog files larger than this are not read: the bundled catalog is about
 * 60 KB, and a catalog of megabytes would cost every thread seconds to build.
 */
export const MAX_CATALOG_CHARS = 4_000_000;

/**
 * Reads a workspace catalog file as the reader reads records (one
 * descriptor, regular files only, UTF-8 checked): its text, or its problem
 * as a diagnostic of that file. The CLI and the server's index both read
 * catalogs this way, so a catalog one refuses the other refuses too.
 */
export function readCatalogFile(file: string): { kind: 'text'; text: string } | ReadProblem {
  const read = readText(file, { maxFileSize: MAX_CATALOG_CHARS, maxFileSizeName: 'the limit for catalog files', hash: false });
  return read.kind === 'text' ? { kind: 'text', text: read.text } : read;
}
