import * as l10n from '@vscode/l10n';
import { formatNumber } from '../core/l10n';
import { readText, type ReadProblem } from './read';

/**
 * Catalog files longer than this many characters are not read: the bundled
 * catalog is about 60,000, and the entries a catalog may hold
 * (core/catalogRead.ts) fit well within it, while parsing megabytes of YAML
 * would cost every thread seconds to start.
 */
export const MAX_CATALOG_CHARS = 1_000_000;

/**
 * Reads a workspace catalog file as the reader reads records (one
 * descriptor, regular files only, UTF-8 checked, bounded): its text, or its
 * problem as a diagnostic of that file. The CLI and the server's index both
 * read catalogs this way, so a catalog one refuses the other refuses too.
 */
export function readCatalogFile(file: string): { kind: 'text'; text: string } | ReadProblem {
  const limits = { maxFileSize: MAX_CATALOG_CHARS, maxFileSizeName: l10n.t('the limit for catalog files'), hash: false };
  const read = readText(file, limits);
  if (read.kind === 'problem') return read;
  if (read.text.length <= MAX_CATALOG_CHARS) return { kind: 'text', text: read.text };
  return {
    kind: 'problem',
    diagnostic: {
      code: 'file-too-large',
      severity: 'error',
      message: l10n.t('Not used: the catalog file has {0} characters, more than the limit of {1} for catalog files', formatNumber(read.text.length), formatNumber(MAX_CATALOG_CHARS)),
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    },
  };
}
