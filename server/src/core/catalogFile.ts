import { CatalogIndex, mergeCatalogs, type EntryOrigin } from './catalog';
import { CATALOG_SECTIONS, type CatalogFile } from './catalogRead';
import prechecked, { type PrecheckedCatalogFile } from './generated/bundledCatalog';

export { CATALOG_SECTIONS, parseCatalogFile, type CatalogFile } from './catalogRead';

let bundled: CatalogFile[] | undefined;

/**
 * The catalog files that ship inside the bundle, each named
 * `seeds/catalog/<name>` as shipped beside the bundles. The build reads and
 * checks them with parseCatalogFile (scripts/generate.mjs, which fails on
 * any problem) and ships the result, so no process parses 57 KB of YAML or
 * runs the catalog schema to start; workspace catalogs are still read by
 * parseCatalogFile at run time.
 */
export function bundledCatalogFiles(): CatalogFile[] {
  bundled ??= prechecked.map(revive);
  return bundled;
}

/** A pre-checked file as parseCatalogFile returned it: the same entries, each with its origin, and no diagnostics. */
function revive(f: PrecheckedCatalogFile): CatalogFile {
  const origins = new Map<object, EntryOrigin>();
  for (const section of CATALOG_SECTIONS) {
    const lines = f.lines[section] ?? [];
    (f.data[section] ?? []).forEach((entry: object, i: number) => {
      const line = lines[i];
      if (line !== null && line !== undefined) origins.set(entry, { file: f.file, line });
    });
  }
  return { file: f.file, data: f.data, origins, diagnostics: [] };
}

/** The bundled catalog with any extra files merged over it, in order. */
export function buildCatalog(extra: readonly CatalogFile[] = []): CatalogIndex {
  const files = [...bundledCatalogFiles(), ...extra];
  const origins = new Map<object, EntryOrigin>();
  for (const f of files) for (const [entry, origin] of f.origins) origins.set(entry, origin);
  return new CatalogIndex(mergeCatalogs(files.map((f) => f.data)), origins);
}

export function loadBundledCatalog(): CatalogIndex {
  return buildCatalog();
}
