import type { CatalogIndex } from '../core/catalog';
import { buildCatalog, parseCatalogFile } from '../core/catalogFile';

/**
 * The catalog a CLI run validates against: the bundled files, then the
 * workspace and --catalog files in order. Every worker thread builds it.
 * The bundled files come pre-checked from the build (no YAML to parse, no
 * schema to run); extra files go through the core's reader, as in the
 * editor, so the CLI's catalog is the editor's.
 */
export function buildCliCatalog(extra: ReadonlyArray<{ file: string; text: string }>): CatalogIndex {
  return buildCatalog(extra.map((c) => parseCatalogFile(c.text, c.file)));
}
