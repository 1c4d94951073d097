import * as l10n from '@vscode/l10n';
import { CatalogIndex, mergeCatalogs, type EntryOrigin } from './catalog';
import type { Diagnostic, Range } from './types';
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

/** A name a catalog entry was refused because another entry has it already, reported in the file that wrote it. */
export interface NameConflict {
  file: string;
  diagnostic: Diagnostic;
}

/**
 * The bundled catalog with any extra files merged over it, in order. A
 * name belongs to one entry: an alias that is already another entry's name
 * or alias (a workspace catalog's `aliases: [Japan, China]` on a party of
 * its own) is refused, reported on that alias in its file, and not used,
 * so it can neither take the name over nor make `--fix` rewrite records
 * with it.
 */
export function buildCatalog(extra: readonly CatalogFile[] = []): CatalogIndex {
  const files = [...bundledCatalogFiles(), ...extra];
  const origins = new Map<object, EntryOrigin>();
  for (const f of files) for (const [entry, origin] of f.origins) origins.set(entry, origin);
  const merged = mergeCatalogs(files.map((f) => f.data));
  const conflicts: NameConflict[] = [];
  const fileOf = new Map<object, CatalogFile>();
  for (const f of files) for (const section of CATALOG_SECTIONS) for (const entry of f.data[section] ?? []) fileOf.set(entry, f);
  const data = {
    parties: claimNames(merged.parties, (p) => p.name, 'party', fileOf, origins, conflicts),
    mechanisms: claimNames(merged.mechanisms, (m) => m.name, 'mechanism', fileOf, origins, conflicts),
    documents: claimNames(merged.documents, (d) => d.title, 'document', fileOf, origins, conflicts),
  };
  return new CatalogIndex(data, origins, conflicts);
}

/**
 * Entries with every name they may have: canonical names first (they are
 * unique after the merge), then each entry's aliases in the order of the
 * files, so a bundled name or alias always keeps its owner. An entry that
 * loses an alias is copied without it; the copy keeps the entry's origin.
 */
function claimNames<T extends { aliases?: string[] }>(
  entries: readonly T[],
  nameOf: (entry: T) => string,
  kind: string,
  fileOf: ReadonlyMap<object, CatalogFile>,
  origins: Map<object, EntryOrigin>,
  conflicts: NameConflict[],
): T[] {
  const owner = new Map<string, T>();
  for (const entry of entries) owner.set(nameOf(entry), entry);
  return entries.map((entry) => {
    const aliases = entry.aliases ?? [];
    const kept = aliases.filter((alias, k) => {
      const other = owner.get(alias);
      if (other === undefined || other === entry) {
        owner.set(alias, entry);
        return true;
      }
      const file = fileOf.get(entry);
      const range = file?.names?.get(entry)?.[k + 1] ?? ZERO;
      if (file) {
        conflicts.push({
          file: file.file,
          diagnostic: {
            code: 'schema',
            severity: 'error',
            message: aliasConflict(kind, alias, nameOf(other)),
            range,
          },
        });
      }
      return false;
    });
    if (kept.length === aliases.length) return entry;
    const copy = { ...entry, aliases: kept };
    const origin = origins.get(entry);
    if (origin) origins.set(copy, origin);
    return copy;
  });
}

const ZERO: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

export function loadBundledCatalog(): CatalogIndex {
  return buildCatalog();
}

/** A catalog name claimed by a second entry: said per kind, so each language can say it in its own words. */
function aliasConflict(kind: string, alias: string, owner: string): string {
  const isName = alias === owner;
  switch (kind) {
    case 'party':
      return isName
        ? l10n.t("'{0}' is already the name of the party '{1}': a name belongs to one party only, so this alias is not used", alias, owner)
        : l10n.t("'{0}' is already an alias of the party '{1}': a name belongs to one party only, so this alias is not used", alias, owner);
    case 'mechanism':
      return isName
        ? l10n.t("'{0}' is already the name of the mechanism '{1}': a name belongs to one mechanism only, so this alias is not used", alias, owner)
        : l10n.t("'{0}' is already an alias of the mechanism '{1}': a name belongs to one mechanism only, so this alias is not used", alias, owner);
    default:
      return isName
        ? l10n.t("'{0}' is already the name of the document '{1}': a name belongs to one document only, so this alias is not used", alias, owner)
        : l10n.t("'{0}' is already an alias of the document '{1}': a name belongs to one document only, so this alias is not used", alias, owner);
  }
}
