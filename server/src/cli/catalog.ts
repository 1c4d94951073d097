import { CORE_SCHEMA, load } from 'js-yaml';
import { CatalogIndex, mergeCatalogs, type CatalogData } from '../core/catalog';
import { BUNDLED_CATALOG_FILES, buildCatalog, parseCatalogFile } from '../core/catalogFile';

const SECTIONS = ['parties', 'mechanisms', 'documents'] as const;

/**
 * The catalog a CLI run validates against: the bundled files, then the
 * workspace and --catalog files in order. Every worker thread builds it, so
 * the bundled files — trusted, and checked against their schema by the
 * tests — are read with js-yaml (some 15× quicker than `yaml` plus the
 * catalog schema's compilation); a test asserts the result equals the
 * core's buildCatalog(). The CLI needs no entry origins (those serve "go to
 * definition"). Extra files go through the core's reader, as in the editor.
 */
export function buildCliCatalog(extra: ReadonlyArray<{ file: string; text: string }>): CatalogIndex {
  let bundled: Array<Partial<CatalogData>>;
  try {
    bundled = BUNDLED_CATALOG_FILES.map((f) => sectionsOf(load(f.text, { schema: CORE_SCHEMA })));
  } catch {
    return buildCatalog(extra.map((c) => parseCatalogFile(c.text, c.file)));
  }
  return new CatalogIndex(mergeCatalogs([...bundled, ...extra.map((c) => parseCatalogFile(c.text, c.file).data)]));
}

/** The sections' well-formed entries, as the core's parseCatalogFile keeps them. */
function sectionsOf(value: unknown): Partial<CatalogData> {
  const data: Record<string, unknown[]> = {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return data;
  for (const section of SECTIONS) {
    const entries = (value as Record<string, unknown>)[section];
    if (!Array.isArray(entries)) continue;
    data[section] = entries.filter((e) => {
      if (typeof e !== 'object' || e === null) return false;
      const entry = e as Record<string, unknown>;
      return typeof entry.name === 'string' || typeof entry.title === 'string';
    });
  }
  return data as Partial<CatalogData>;
}
