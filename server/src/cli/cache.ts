import * as l10n from '@vscode/l10n';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { atomicWrite, HEAD_BYTES } from './atomicWrite';
import { isCacheEntry, type CacheEntry } from './cacheEntry';
import { UsageError } from './errors';
import { hashBytes } from '../corpus/read';
import { dependenciesHold } from '../corpus/articles';
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
 * A result that grounded records in their source articles (`not-in-article`)
 * also holds only while each article is where it was found, unchanged, and
 * no article turned up where none was found.
 */
export const CACHE_FORMAT = 5;

/**
 * The cache file's first field, so that it is recognisably ours: the cache
 * only ever replaces a file that starts so (or an earlier version's cache,
 * or an empty file), never a user's notes or a record named by mistake.
 */
const CACHE_TOOL = 'meeting-records validate --cache';
const OUR_CACHE = new RegExp(`^\\{"tool":${JSON.stringify(CACHE_TOOL)},|^\\{"format":[1-3],"key":"`);

/** Whether a file, from its first bytes, is a cache this tool wrote (or an empty file). */
export function isOurCache(head: Buffer): boolean {
  return head.length === 0 || OUR_CACHE.test(head.toString('latin1'));
}

/** Modification times this recent, relative to the read, are not trusted to reveal a later edit. */
const RACY_MS = 2000;

interface CacheFile {
  tool: string;
  format: number;
  key: string;
  files: Record<string, unknown>;
}

export function defaultCacheLocation(cwd: string): string {
  return path.join(cwd, 'node_modules', '.cache', 'meeting-records', 'validate-cache.json');
}

/** Where the cache is and how the user named it, for messages. */
export interface CacheLocation {
  path: string;
  /** `--cache-location 'x'`, or `--cache: the cache file 'node_modules/…'`. */
  named: string;
}

/** `--cache-location`: a folder (existing, or written with a trailing slash) gets the default file name inside it. */
export function resolveCacheLocation(value: string | undefined, cwd: string): CacheLocation {
  if (value === undefined) {
    const at = defaultCacheLocation(cwd);
    return { path: at, named: l10n.t("--cache: the cache file '{0}'", path.relative(cwd, at)) };
  }
  const resolved = path.resolve(cwd, value);
  let isDir = /[\\/]$/.test(value);
  try {
    isDir ||= fs.statSync(resolved).isDirectory();
  } catch {
    // Does not exist yet: a file path.
  }
  return isDir ? { path: path.join(resolved, 'validate-cache.json'), named: `--cache-location: '${path.join(value, 'validate-cache.json')}'` } : { path: resolved, named: `--cache-location: '${value}'` };
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
    private readonly files: Record<string, unknown>,
  ) {}

  /**
   * Opens the cache. A location the cache may not use is a usage error (exit
   * 2), before anything is read: a device or FIFO (reading /dev/zero grew
   * without end, a FIFO blocked), a symbolic link (a link planted at the
   * default path would lead the write anywhere), or a file that is not
   * recognisably a cache (a user's notes, a record). A missing, unreadable,
   * corrupt or stale cache of ours is an empty cache.
   */
  static open(location: CacheLocation, key: string): ResultCache {
    const bytes = readOwnCache(location);
    const empty = new ResultCache(location.path, key, Object.create(null) as Record<string, unknown>);
    if (bytes === undefined) return empty;
    try {
      const data = JSON.parse(bytes.toString('utf8')) as Partial<CacheFile>;
      if (data.tool === CACHE_TOOL && data.format === CACHE_FORMAT && data.key === key && isRecord(data.files)) {
        return new ResultCache(location.path, key, data.files);
      }
    } catch {
      // Not JSON (yet it starts like ours): start afresh.
    }
    // Whatever it held is replaced on save, even when nothing else changes.
    empty.dirty = true;
    return empty;
  }

  /**
   * The stored result when the file is unchanged: a stat when its time can be trusted, else one read and a hash;
   * and its articles as they were (`articleRoot` as the job has it).
   */
  lookup(file: string, readLimit: number, articleRoot?: string): FileVerdict | undefined {
    const entry = Object.hasOwn(this.files, file) ? this.files[file] : undefined;
    if (entry === undefined) return undefined;
    if (!isCacheEntry(entry)) {
      // Damaged (edited by hand, another tool): a miss, and the entry is written anew.
      delete this.files[file];
      this.dirty = true;
      return undefined;
    }
    let stat: fs.Stats;
    try {
      stat = fs.statSync(file);
    } catch {
      return undefined;
    }
    if (entry.a && !dependenciesHold(file, entry.a, articleRoot)) return undefined;
    const hit = (): FileVerdict => {
      const result: FileVerdict = { path: file, diagnostics: entry.r.diagnostics, records: entry.r.records, hash: entry.h };
      if (entry.r.partial) result.partial = true;
      if (entry.a) result.articles = entry.a;
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
    // An article changed within the clock's tick of its reading could change again unseen, as a file could.
    const racyArticle = result.articles?.some((a) => a.stamp !== undefined && trustedTime(a.stamp.mtimeMs) === 0);
    if (!result.hash || result.failure || racyArticle || result.diagnostics.some((d) => d.code === 'io')) {
      if (this.files[result.path]) {
        delete this.files[result.path];
        this.dirty = true;
      }
      return;
    }
    const s = result.stamp?.size ?? -1;
    const m = result.stamp ? trustedTime(result.stamp.mtimeMs) : 0;
    const stored = this.files[result.path];
    const current = isCacheEntry(stored) ? stored : undefined;
    const sameArticles = JSON.stringify(current?.a) === JSON.stringify(result.articles);
    if (current && current.h === result.hash && current.s === s && current.m === m && current.r.partial === result.partial && sameArticles) return;
    const r: CacheEntry['r'] = { diagnostics: result.diagnostics, records: result.records };
    if (result.partial) r.partial = true;
    const entry: CacheEntry = { h: result.hash, s, m, r };
    if (result.articles) entry.a = result.articles;
    this.files[result.path] = entry;
    this.dirty = true;
  }

  /** Writes the cache when it changed. Returns a warning when it could not be written; the run goes on. */
  save(): string | undefined {
    if (!this.dirty) return undefined;
    // `tool` first: it is what makes the file recognisably ours (isOurCache).
    const data: CacheFile = { tool: CACHE_TOOL, format: CACHE_FORMAT, key: this.key, files: this.files };
    try {
      fs.mkdirSync(path.dirname(this.location), { recursive: true });
      atomicWrite(this.location, JSON.stringify(data), { symlinks: 'refuse', replaceOnly: isOurCache });
      this.dirty = false;
      return undefined;
    } catch (error) {
      return l10n.t('could not write the cache {0}: {1}', this.location, error instanceof Error ? error.message : String(error));
    }
  }
}

/**
 * The cache file's bytes, undefined when there is none; a UsageError when
 * the location is not one the cache may read and replace. Opened once,
 * without following a link and without blocking, and checked through the
 * descriptor: what is read is what was checked.
 */
function readOwnCache(location: CacheLocation): Buffer | undefined {
  let link: fs.Stats;
  try {
    link = fs.lstatSync(location.path);
  } catch {
    return undefined;
  }
  if (link.isSymbolicLink()) throw new UsageError(l10n.t('{0} is a symbolic link; the cache is never written through one (remove the link, or choose another --cache-location)', location.named));
  if (!link.isFile()) throw new UsageError(l10n.t('{0} is not a regular file (a device, pipe, socket or folder); the cache must be a file of its own', location.named));
  let fd: number;
  try {
    fd = fs.openSync(location.path, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0) | (fs.constants.O_NOFOLLOW ?? 0));
  } catch {
    return undefined; // Unreadable: an empty cache; the write will say why it fails, if it does.
  }
  try {
    if (!fs.fstatSync(fd).isFile()) throw new UsageError(l10n.t('{0} is not a regular file; the cache must be a file of its own', location.named));
    const bytes = fs.readFileSync(fd);
    if (!isOurCache(bytes.subarray(0, HEAD_BYTES))) {
      throw new UsageError(l10n.t('{0} is not a meeting-records cache, and only a cache is ever overwritten (delete it, or choose another --cache-location)', location.named));
    }
    return bytes;
  } finally {
    fs.closeSync(fd);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** 0 (hash next time) when the time is too recent to prove a later edit would change it. */
function trustedTime(mtimeMs: number): number {
  return Date.now() - mtimeMs < RACY_MS ? 0 : mtimeMs;
}
