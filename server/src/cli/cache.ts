import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { atomicWrite } from './atomicWrite';
import { hashBytes } from '../corpus/read';
import type { FileVerdict } from '../corpus/result';

/**
 * `--cache`: results of unchanged files, keyed by each file's content hash
 * under a key made of everything else a result depends on (tool build with
 * its bundled schema and catalog, workspace catalogs, options). It is one
 * JSON file, read once and written once (only when something changed).
 *
 * A file whose size and modification time are what they were when its hash
 * was taken is not read again; any other file is read and hashed. Times
 * within two seconds of the read are never trusted (an edit in the same
 * clock tick would keep both), so such files are hashed on the next run.
 */
export const CACHE_FORMAT = 3;

/** Modification times this recent, relative to the read, are not trusted to reveal a later edit. */
const RACY_MS = 2000;

interface Entry {
  /** Content hash of the file the result is about. */
  h: string;
  /** Size in bytes and mtime when the hash was taken; m = 0: always hash. */
  s: number;
  m: number;
  r: Pick<FileVerdict, 'diagnostics' | 'records' | 'partial'>;
}

interface CacheFile {
  format: number;
  key: string;
  files: Record<string, Entry>;
}

export function defaultCacheLocation(cwd: string): string {
  return path.join(cwd, 'node_modules', '.cache', 'meeting-records', 'validate-cache.json');
}

/** `--cache-location`: a folder (existing, or written with a trailing slash) gets the default file name inside it. */
export function resolveCacheLocation(value: string | undefined, cwd: string): string {
  if (value === undefined) return defaultCacheLocation(cwd);
  const resolved = path.resolve(cwd, value);
  let isDir = /[\\/]$/.test(value);
  try {
    isDir ||= fs.statSync(resolved).isDirectory();
  } catch {
    // Does not exist yet: a file path.
  }
  return isDir ? path.join(resolved, 'validate-cache.json') : resolved;
}

/** A stable digest of the inputs every result depends on. */
export function cacheKey(parts: unknown): string {
  return createHash('sha1').update(JSON.stringify(parts)).digest('base64url');
}

export class ResultCache {
  private dirty = false;

  private constructor(
    readonly location: string,
    readonly key: string,
    private readonly files: Record<string, Entry>,
  ) {}

  /** Opens the cache; a missing, unreadable, corrupt or stale file is an empty cache. */
  static open(location: string, key: string): ResultCache {
    try {
      const data = JSON.parse(fs.readFileSync(location, 'utf8')) as Partial<CacheFile>;
      if (data.format === CACHE_FORMAT && data.key === key && data.files && typeof data.files === 'object') {
        return new ResultCache(location, key, data.files);
      }
    } catch {
      // Start empty.
    }
    return new ResultCache(location, key, Object.create(null) as Record<string, Entry>);
  }

  /** The stored result when the file is unchanged: a stat when its time can be trusted, else one read and a hash. */
  lookup(file: string, readLimit: number): FileVerdict | undefined {
    const entry = this.files[file];
    if (!entry) return undefined;
    let stat: fs.Stats;
    try {
      stat = fs.statSync(file);
    } catch {
      return undefined;
    }
    const hit = (): FileVerdict => {
      const result: FileVerdict = { path: file, diagnostics: entry.r.diagnostics, records: entry.r.records, hash: entry.h };
      if (entry.r.partial) result.partial = true;
      return result;
    };
    if (entry.m !== 0 && entry.m === stat.mtimeMs && entry.s === stat.size) return hit();
    if (stat.size > readLimit || !stat.isFile()) return undefined;
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(file);
    } catch {
      return undefined;
    }
    if (hashBytes(bytes) !== entry.h) return undefined;
    // Same content under a new time (touched, checked out again): remember the time.
    const m = trustedTime(stat.mtimeMs);
    if (entry.s !== stat.size || entry.m !== m) {
      entry.s = stat.size;
      entry.m = m;
      this.dirty = true;
    }
    return hit();
  }

  /** Results that depend on more than the content (an unreadable file, a refused write, a crash) are not kept. */
  set(result: FileVerdict): void {
    if (!result.hash || result.failure || result.diagnostics.some((d) => d.code === 'io')) {
      if (this.files[result.path]) {
        delete this.files[result.path];
        this.dirty = true;
      }
      return;
    }
    const s = result.stamp?.size ?? -1;
    const m = result.stamp ? trustedTime(result.stamp.mtimeMs) : 0;
    const current = this.files[result.path];
    if (current && current.h === result.hash && current.s === s && current.m === m && current.r.partial === result.partial) return;
    const r: Entry['r'] = { diagnostics: result.diagnostics, records: result.records };
    if (result.partial) r.partial = true;
    this.files[result.path] = { h: result.hash, s, m, r };
    this.dirty = true;
  }

  /** Writes the cache when it changed. Returns a warning when it could not be written; the run goes on. */
  save(): string | undefined {
    if (!this.dirty) return undefined;
    const data: CacheFile = { format: CACHE_FORMAT, key: this.key, files: this.files };
    try {
      fs.mkdirSync(path.dirname(this.location), { recursive: true });
      atomicWrite(this.location, JSON.stringify(data));
      this.dirty = false;
      return undefined;
    } catch (error) {
      return `could not write the cache ${this.location}: ${error instanceof Error ? error.message : String(error)}`;
    }
  }
}

/** 0 (hash next time) when the time is too recent to prove a later edit would change it. */
function trustedTime(mtimeMs: number): number {
  return Date.now() - mtimeMs < RACY_MS ? 0 : mtimeMs;
}
