import * as path from 'node:path';
import type { CatalogIndex, DocumentEntry, EntryOrigin, MechanismEntry, PartyEntry } from '../core/catalog';
import { buildCatalog, parseCatalogFile, type CatalogFile } from '../core/catalogFile';
import type { Diagnostic } from '../core/types';
import { Validator } from '../core/validate';
import { RoleTable } from '../features/schemaInfo';
import { pathToUri } from './uris';

/**
 * The catalog the server validates against: the bundled files, then every
 * workspace `*.catalog.yaml` (and `meetingRecords.catalogPaths`) in path
 * order, with an open editor's text taking the place of the file on disk.
 * Each rebuild makes a fresh validator, so no finding made under the old
 * catalog survives in a cache.
 */
export class CatalogSet {
  private readonly disk = new Map<string, CatalogFile>();
  private readonly open = new Map<string, CatalogFile>();
  private readonly texts = new Map<CatalogFile, string>();
  catalog: CatalogIndex;
  /** Validator for open documents: caches each record's findings by text. */
  validator: Validator;
  roles: RoleTable;
  /** Increases on every rebuild; analyses made under an older generation are stale. */
  generation = 0;

  constructor(private readonly bundleDir: string) {
    this.catalog = buildCatalog();
    this.validator = new Validator(this.catalog);
    this.roles = new RoleTable(this.catalog);
  }

  /** Reads a catalog file's text; `uri` is kept as the origin of its entries. Returns whether anything changed. */
  set(key: string, uri: string, text: string, layer: 'disk' | 'open'): CatalogFile {
    const file = parseCatalogFile(text, uri);
    const map = layer === 'disk' ? this.disk : this.open;
    const previous = map.get(key);
    if (previous) this.texts.delete(previous);
    map.set(key, file);
    this.texts.set(file, text);
    return file;
  }

  delete(key: string, layer: 'disk' | 'open'): boolean {
    const map = layer === 'disk' ? this.disk : this.open;
    const previous = map.get(key);
    if (previous) this.texts.delete(previous);
    return map.delete(key);
  }

  has(key: string): boolean {
    return this.disk.has(key) || this.open.has(key);
  }

  get(key: string): CatalogFile | undefined {
    return this.open.get(key) ?? this.disk.get(key);
  }

  /** A catalog file's problems: its own, and the names refused when the catalog was merged (an alias another entry has). */
  diagnosticsOf(key: string): Diagnostic[] {
    const file = this.get(key);
    if (!file) return [];
    return [...file.diagnostics, ...this.catalog.conflicts.filter((c) => c.file === file.file).map((c) => c.diagnostic)];
  }

  /** Workspace catalog files read from disk. */
  diskKeys(): string[] {
    return [...this.disk.keys()];
  }

  clearDisk(): void {
    for (const file of this.disk.values()) this.texts.delete(file);
    this.disk.clear();
  }

  /** The workspace catalog files in merge order (open editors' text first choice). */
  private effectiveFiles(): CatalogFile[] {
    const keys = [...new Set([...this.disk.keys(), ...this.open.keys()])].sort();
    return keys.map((k) => this.open.get(k) ?? this.disk.get(k)).filter((f): f is CatalogFile => f !== undefined);
  }

  /** The texts of the workspace catalog files, for index workers to build the same catalog. */
  workspaceTexts(): Array<{ file: string; text: string }> {
    return this.effectiveFiles().map((f) => ({ file: f.file, text: this.texts.get(f) ?? '' }));
  }

  rebuild(): void {
    const files = this.effectiveFiles();
    this.catalog = buildCatalog(files);
    this.validator = new Validator(this.catalog);
    this.roles = new RoleTable(this.catalog);
    this.generation++;
  }

  /** Where an entry is defined: a workspace file's URI, or the bundled file next to the server bundle. */
  locationOf(entry: PartyEntry | MechanismEntry | DocumentEntry): { uri: string; line: number } | undefined {
    const origin: EntryOrigin | undefined = this.catalog.originOf(entry);
    if (!origin) return undefined;
    if (/^[a-z][a-z0-9+.-]*:/i.test(origin.file)) return { uri: origin.file, line: origin.line ?? 0 };
    return { uri: pathToUri(path.join(this.bundleDir, '..', origin.file)), line: origin.line ?? 0 };
  }
}
