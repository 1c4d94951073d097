import type { FileAnalysis, SeverityOverrides } from '../core/validate';
import type { Diagnostic } from '../core/types';
import { duplicateIdDiagnostics, type FileRecords } from '../core/workspace';
import { indexedRecords, type FileDiagnostic, type FileVerdict, type IndexedRecord } from '../corpus/result';

/**
 * What the server remembers of every record file in the workspace: only
 * verdict-level facts (ids, titles, mentions with ranges, counts), never
 * parse trees, so 10,000 closed files fit in a few tens of megabytes. An open
 * editor's version of a file shadows the one on disk until it closes.
 */

export interface IndexedFile {
  key: string;
  uri: string;
  records: IndexedRecord[];
  /** The file's own diagnostics, without fixes (cross-file ones are computed on demand). */
  diagnostics: FileDiagnostic[];
  skipped?: string;
}

/** A closed file's index entry, from its verdict (corpus/analyse.ts with the `index` detail). */
export function fromVerdict(key: string, uri: string, verdict: FileVerdict<IndexedRecord>): IndexedFile {
  return { key, uri, records: verdict.records, diagnostics: verdict.diagnostics, skipped: verdict.skipped };
}

/** An open document's index entry: its records only (its diagnostics are published from its own analysis). */
export function fromOpenAnalysis(key: string, uri: string, analysis: FileAnalysis): IndexedFile {
  return { key, uri, records: indexedRecords(analysis), diagnostics: [], skipped: analysis.skipped };
}

/** A group's duplicate-id diagnostics per file, as computed under default severity. */
type GroupDiagnostics = Map<string, Diagnostic[]>;

export class RecordIndex {
  private readonly disk = new Map<string, IndexedFile>();
  private readonly open = new Map<string, IndexedFile>();
  private readonly keysById = new Map<string, Set<string>>();
  private readonly titleCounts = new Map<string, number>();
  /**
   * Each shared id's diagnostics, made once for the whole group and kept
   * until a file of the group changes its id's place: Validate Workspace
   * asks every file of a group of N, and making the group's N diagnostics
   * for each of them was N² (and N³ while a pass re-published them).
   */
  private readonly groups = new Map<string, GroupDiagnostics>();
  private groupNames: ((key: string) => string) | undefined;

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
    if (before === after) return affected;
    // Most keystrokes change neither an id nor a cited title: nothing to re-register, no other file affected,
    // though an id that moved changes the line the other files' messages name.
    if (before && after && sameIdsAndTitles(before, after)) {
      if (!sameIdPlaces(before, after)) this.forgetGroups(idsOf(after));
      return affected;
    }
    const ids = new Set<string>([...idsOf(before), ...idsOf(after)]);
    for (const id of ids) for (const k of this.keysById.get(id) ?? []) affected.add(k);
    if (before) this.unregister(before);
    if (after) this.register(after);
    for (const id of ids) for (const k of this.keysById.get(id) ?? []) affected.add(k);
    this.forgetGroups(ids);
    affected.delete(key);
    return affected;
  }

  private forgetGroups(ids: Iterable<string>): void {
    for (const id of ids) this.groups.delete(id);
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
   * readable name used in messages (the same function on every call: the
   * groups are kept under it); related locations carry keys, for the caller
   * to turn into URIs. The other places are named in the order of their
   * names, as the CLI names them.
   */
  duplicateDiagnostics(key: string, overrides: SeverityOverrides, nameOf: (key: string) => string): Diagnostic[] {
    const severity = overrides['duplicate-id'];
    const file = this.get(key);
    if (!file || severity === 'off') return [];
    if (this.groupNames !== nameOf) {
      this.groups.clear();
      this.groupNames = nameOf;
    }
    const out: Diagnostic[] = [];
    for (const id of idsOf(file)) {
      for (const d of this.groupOf(id, nameOf).get(key) ?? []) out.push(severity && severity !== d.severity ? { ...d, severity } : d);
    }
    return out;
  }

  private groupOf(id: string, nameOf: (key: string) => string): GroupDiagnostics {
    let group = this.groups.get(id);
    if (group) return group;
    const keys = [...(this.keysById.get(id) ?? [])];
    const names = uniqueNames(keys, nameOf);
    const byName = new Map(keys.map((k) => [names.get(k) as string, k]));
    const files: FileRecords[] = keys
      .map((k) => ({ file: names.get(k) as string, records: (this.get(k)?.records ?? []).filter((r) => r.id === id) }))
      .sort((a, b) => compareText(a.file, b.file));
    group = new Map();
    for (const [name, diagnostics] of duplicateIdDiagnostics(files)) {
      group.set(
        byName.get(name) as string,
        diagnostics.map((d) => ({ ...d, related: d.related?.map((r) => ({ ...r, file: r.file === undefined ? undefined : (byName.get(r.file) ?? r.file) })) })),
      );
    }
    this.groups.set(id, group);
    return group;
  }

  /** Files (keys) that hold a record with this id. */
  keysWithId(id: string): ReadonlySet<string> {
    return this.keysById.get(id) ?? new Set();
  }
}

/** Readable names, one per key: two files that would read alike are named by their keys. */
function uniqueNames(keys: readonly string[], nameOf: (key: string) => string): Map<string, string> {
  const counts = new Map<string, number>();
  const names = new Map(keys.map((k) => [k, nameOf(k)]));
  for (const name of names.values()) counts.set(name, (counts.get(name) ?? 0) + 1);
  for (const [k, name] of names) if ((counts.get(name) ?? 0) > 1) names.set(k, k);
  return names;
}

/** Code-unit order, as the CLI sorts its files. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sameIdsAndTitles(a: IndexedFile, b: IndexedFile): boolean {
  if (a.records.length !== b.records.length) return false;
  return a.records.every((r, i) => {
    const other = b.records[i];
    return r === other || (r.id === other.id && sameList(documentTitlesOfRecord(r), documentTitlesOfRecord(other)));
  });
}

function sameIdPlaces(a: IndexedFile, b: IndexedFile): boolean {
  return a.records.every((r, i) => {
    const x = r.idRange;
    const y = b.records[i]?.idRange;
    return x === y || (x !== undefined && y !== undefined && x.start.line === y.start.line && x.start.character === y.start.character && x.end.line === y.end.line && x.end.character === y.end.character);
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
