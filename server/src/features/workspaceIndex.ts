import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';
import type { Diagnostic } from '../core/types';
import type { FileAnalysis, LocatedMention, RecordInfo } from '../core/validate';
import type { SeverityOverrides } from '../core/validate';
import { duplicateIdDiagnostics, type FileRecords } from '../core/workspace';

/**
 * What the server remembers of every record file in the workspace: only
 * RecordInfo-level facts (ids, titles, mentions with ranges, counts), never
 * parse trees, so 10,000 closed files fit in a few tens of megabytes. An open
 * editor's version of a file shadows the one on disk until it closes.
 */

/** A mention as the index keeps it: where and what, without the value path. */
export type IndexedMention = Omit<LocatedMention, 'path'>;

/** A record as the index keeps it: the core's RecordInfo without its value, plus the partner names. */
export interface IndexedRecord extends Omit<RecordInfo, 'index' | 'value' | 'mentions'> {
  partners: string[];
  mentions: IndexedMention[];
}

export interface IndexedFile {
  key: string;
  uri: string;
  records: IndexedRecord[];
  /** The file's own diagnostics, without fixes (cross-file ones are computed on demand). */
  diagnostics: Diagnostic[];
  skipped?: string;
}

export function summarize(key: string, uri: string, analysis: FileAnalysis, keepDiagnostics = true): IndexedFile {
  return {
    key,
    uri,
    skipped: analysis.skipped,
    diagnostics: keepDiagnostics ? analysis.diagnostics.map(({ fixes: _fixes, ...d }) => d) : [],
    records: analysis.records.map(indexedRecord),
  };
}

/**
 * The core reuses the RecordInfo of every record an edit did not touch or
 * move, so its index entry is reused too: a keystroke in one record of a
 * 200-record file copies one record, not 200.
 */
const indexedRecords = new WeakMap<RecordInfo, IndexedRecord>();

function indexedRecord(r: RecordInfo): IndexedRecord {
  let indexed = indexedRecords.get(r);
  if (!indexed) {
    indexed = {
      id: r.id,
      idRange: r.idRange,
      title: r.title,
      date: r.date,
      mechanism: r.mechanism,
      level: r.level,
      partners: r.mentions.filter((m) => m.kind === 'party' && m.path[0] === 'partners').map((m) => m.name),
      range: r.range,
      mentions: r.mentions.map((m) => ({ kind: m.kind, name: m.name, range: m.range, known: m.known })),
      errors: r.errors,
      warnings: r.warnings,
    };
    indexedRecords.set(r, indexed);
  }
  return indexed;
}

export class RecordIndex {
  private readonly disk = new Map<string, IndexedFile>();
  private readonly open = new Map<string, IndexedFile>();
  private readonly keysById = new Map<string, Set<string>>();
  private readonly titleCounts = new Map<string, number>();

  get size(): number {
    let n = this.disk.size;
    for (const key of this.open.keys()) if (!this.disk.has(key)) n++;
    return n;
  }

  get(key: string): IndexedFile | undefined {
    return this.open.get(key) ?? this.disk.get(key);
  }

  hasDisk(key: string): boolean {
    return this.disk.has(key);
  }

  *files(): IterableIterator<IndexedFile> {
    for (const file of this.open.values()) yield file;
    for (const [key, file] of this.disk) if (!this.open.has(key)) yield file;
  }

  diskKeys(): string[] {
    return [...this.disk.keys()];
  }

  /** Sets one layer of a file; returns the other files whose cross-file diagnostics may change. */
  set(file: IndexedFile, layer: 'disk' | 'open'): Set<string> {
    return this.update(file.key, () => (layer === 'disk' ? this.disk : this.open).set(file.key, file));
  }

  delete(key: string, layer: 'disk' | 'open'): Set<string> {
    return this.update(key, () => (layer === 'disk' ? this.disk : this.open).delete(key));
  }

  private update(key: string, change: () => void): Set<string> {
    const before = this.get(key);
    change();
    const after = this.get(key);
    const affected = new Set<string>();
    // Most keystrokes change neither an id nor a cited title: nothing to re-register, no other file affected.
    if (before === after || (before && after && sameIdsAndTitles(before, after))) return affected;
    const ids = new Set<string>([...idsOf(before), ...idsOf(after)]);
    for (const id of ids) for (const k of this.keysById.get(id) ?? []) affected.add(k);
    if (before) this.unregister(before);
    if (after) this.register(after);
    for (const id of ids) for (const k of this.keysById.get(id) ?? []) affected.add(k);
    affected.delete(key);
    return affected;
  }

  private register(file: IndexedFile): void {
    for (const id of idsOf(file)) {
      let keys = this.keysById.get(id);
      if (!keys) this.keysById.set(id, (keys = new Set()));
      keys.add(file.key);
    }
    for (const title of documentTitlesOf(file)) this.titleCounts.set(title, (this.titleCounts.get(title) ?? 0) + 1);
  }

  private unregister(file: IndexedFile): void {
    for (const id of idsOf(file)) {
      const keys = this.keysById.get(id);
      keys?.delete(file.key);
      if (keys && keys.size === 0) this.keysById.delete(id);
    }
    for (const title of documentTitlesOf(file)) {
      const count = (this.titleCounts.get(title) ?? 0) - 1;
      if (count <= 0) this.titleCounts.delete(title);
      else this.titleCounts.set(title, count);
    }
  }

  /** Document titles cited by records in the workspace, with how many mentions each has. */
  documentTitles(): ReadonlyMap<string, number> {
    return this.titleCounts;
  }

  /**
   * `duplicate-id` diagnostics of one file. `nameOf` turns a key into the
   * readable name used in messages; related locations carry keys, for the
   * caller to turn into URIs.
   */
  duplicateDiagnostics(key: string, overrides: SeverityOverrides, nameOf: (key: string) => string): Diagnostic[] {
    const file = this.get(key);
    if (!file) return [];
    const involved = new Set<string>([key]);
    const ids = idsOf(file);
    for (const id of ids) for (const k of this.keysById.get(id) ?? []) involved.add(k);
    const repeatsInFile = ids.size < file.records.filter((r) => r.id).length;
    if (involved.size === 1 && !repeatsInFile) return [];
    const byName = new Map<string, string>();
    const nameFor = (k: string): string => {
      let name = nameOf(k);
      if (byName.has(name) && byName.get(name) !== k) name = k;
      byName.set(name, k);
      return name;
    };
    const groups: FileRecords[] = [...involved].map((k) => ({
      file: nameFor(k),
      records: (this.get(k)?.records ?? []).filter((r) => r.id !== undefined && ids.has(r.id)),
    }));
    const result = duplicateIdDiagnostics(groups, overrides).get(nameFor(key)) ?? [];
    return result.map((d) => ({
      ...d,
      related: d.related?.map((r) => ({ ...r, file: r.file === undefined ? undefined : (byName.get(r.file) ?? r.file) })),
    }));
  }

  /** Files (keys) that hold a record with this id. */
  keysWithId(id: string): ReadonlySet<string> {
    return this.keysById.get(id) ?? new Set();
  }
}

function sameIdsAndTitles(a: IndexedFile, b: IndexedFile): boolean {
  if (a.records.length !== b.records.length) return false;
  return a.records.every((r, i) => {
    const other = b.records[i];
    return r === other || (r.id === other.id && sameList(documentTitlesOfRecord(r), documentTitlesOfRecord(other)));
  });
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function documentTitlesOfRecord(r: IndexedRecord): string[] {
  return r.mentions.filter((m) => m.kind === 'document').map((m) => m.name);
}

function idsOf(file: IndexedFile | undefined): Set<string> {
  const ids = new Set<string>();
  for (const r of file?.records ?? []) if (r.id) ids.add(r.id);
  return ids;
}

function documentTitlesOf(file: IndexedFile): string[] {
  return file.records.flatMap(documentTitlesOfRecord);
}

/** Which files of a workspace folder are records and which are catalogs. */
export class FileMatcher {
  private readonly isRecord: (relative: string) => boolean;
  private readonly isCatalogGlob: (relative: string) => boolean;
  private readonly catalogFiles: Set<string>;

  constructor(
    readonly folder: string,
    recordGlobs: readonly string[],
    catalogPaths: readonly string[],
  ) {
    this.isRecord = picomatch([...recordGlobs], { dot: true });
    const globs = catalogPaths.filter((p) => picomatch.scan(p).isGlob);
    this.isCatalogGlob = picomatch(['**/*.catalog.yaml', '**/*.catalog.yml', ...globs], { dot: true });
    this.catalogFiles = new Set(catalogPaths.filter((p) => !picomatch.scan(p).isGlob).map((p) => path.resolve(folder, p)));
  }

  relative(file: string): string | undefined {
    const relative = path.relative(this.folder, file);
    if (!relative || relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
    return relative.split(path.sep).join('/');
  }

  kindOf(file: string): 'record' | 'catalog' | undefined {
    if (this.catalogFiles.has(file)) return 'catalog';
    const relative = this.relative(file);
    if (relative === undefined) return undefined;
    if (this.isCatalogGlob(relative)) return 'catalog';
    if (this.isRecord(relative)) return 'record';
    return undefined;
  }

  /** Catalog paths given outside the folder (absolute paths in settings). */
  outsideCatalogFiles(): string[] {
    return [...this.catalogFiles].filter((f) => this.relative(f) === undefined);
  }
}

const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git', '.hg', '.svn']);

/**
 * Every record and catalog file under a folder. Symbolic links to folders are
 * not followed (no loops, no escaping the folder); `node_modules` and VCS
 * folders are skipped. Yields to the event loop between folders.
 */
export async function findFiles(matcher: FileMatcher, isCancelled: () => boolean): Promise<{ records: string[]; catalogs: string[] }> {
  const records: string[] = [];
  const catalogs: string[] = [];
  const pending: string[] = [matcher.folder];
  while (pending.length > 0) {
    if (isCancelled()) break;
    const dir = pending.pop() as string;
    let entries: import('node:fs').Dirent[];
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRECTORIES.has(entry.name)) pending.push(full);
        continue;
      }
      if (!entry.isFile() && !entry.isSymbolicLink()) continue;
      const kind = matcher.kindOf(full);
      if (kind === 'record') records.push(full);
      else if (kind === 'catalog') catalogs.push(full);
    }
  }
  for (const outside of matcher.outsideCatalogFiles()) catalogs.push(outside);
  records.sort();
  catalogs.sort();
  return { records, catalogs };
}

/** Reads a file as text; undefined when it cannot be read or is not a regular file. */
export async function readText(file: string): Promise<string | undefined> {
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile()) return undefined;
    return await fs.readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}
