import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { atomicWrite } from './atomicWrite';
import type { FileResult } from './result';

/**
 * `--cache`: results of unchanged files, keyed by each file's content hash
 * under a key made of everything else a result depends on (tool build,
 * schema, catalogs, options). It is one JSON file, read once and written
 * once (only when something changed), so a warm run costs reading the
 * records to hash them, not validating them.
 */
export const CACHE_FORMAT = 1;

interface Entry {
  /** Content hash of the file the result is about. */
  h: string;
  r: Pick<FileResult, 'diagnostics' | 'records'>;
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
  private files: Record<string, Entry>;
  private dirty = false;

  private constructor(
    readonly location: string,
    readonly key: string,
    files: Record<string, Entry>,
  ) {
    this.files = files;
  }

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

  get(file: string, hash: string): FileResult | undefined {
    const entry = this.files[file];
    if (!entry || entry.h !== hash) return undefined;
    return { path: file, diagnostics: entry.r.diagnostics, records: entry.r.records, hash };
  }

  /** Results that depend on more than the content (an unreadable file, a refused write, a crash) are not kept. */
  set(result: FileResult): void {
    if (!result.hash || result.failure || result.diagnostics.some((d) => d.code === 'io')) {
      if (this.files[result.path]) {
        delete this.files[result.path];
        this.dirty = true;
      }
      return;
    }
    const current = this.files[result.path];
    if (current && current.h === result.hash) return;
    this.files[result.path] = { h: result.hash, r: { diagnostics: result.diagnostics, records: result.records } };
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
