import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { threadId } from 'node:worker_threads';
import { hashBytes, type FileStamp } from '../corpus/read';

/** What the file must still be, right before it is replaced. */
export interface WriteExpectation {
  stamp: FileStamp;
  /** Content hash of the bytes that were read (see readText.hashBytes). */
  hash: string;
}

export interface AtomicWriteOptions {
  /** Refuse to replace the file when it no longer matches (someone saved it meanwhile). */
  expect?: WriteExpectation;
  /** Test hook: runs after the temporary file is complete, before the check and the rename. */
  beforeCommit?: () => void;
}

/** The file changed on disk after it was read: writing would lose someone's edit. */
export class FileChangedError extends Error {
  constructor(readonly file: string) {
    super('the file changed on disk since it was read; not overwritten');
    this.name = 'FileChangedError';
  }
}

/** The file is marked read-only: replacing it through a rename would bypass that. */
export class ReadOnlyFileError extends Error {
  constructor(readonly file: string) {
    super('the file is read-only; not overwritten');
    this.name = 'ReadOnlyFileError';
  }
}

/** Write permission for this process; root passes access(2), so it also needs some write bit set. */
function canWrite(file: string, stats: fs.Stats): boolean {
  try {
    fs.accessSync(file, fs.constants.W_OK);
  } catch {
    return false;
  }
  return (stats.mode & 0o222) !== 0;
}

/**
 * Replaces a file's content without ever leaving it half-written: the new
 * bytes go to a temporary file in the same folder (same file system), are
 * flushed, then renamed over the original. A symlink is resolved first so
 * the link stays a link. On any failure the temporary file is removed and
 * the original is left exactly as it was.
 *
 * The change check runs immediately before the rename; a write that lands in
 * the microseconds between the two cannot be detected without locks, which
 * editors do not take.
 */
export function atomicWrite(file: string, data: string | Uint8Array, options: AtomicWriteOptions = {}): void {
  const target = resolveTarget(file);
  const dir = path.dirname(target);
  const tmp = path.join(dir, `.${path.basename(target)}.${process.pid}-${threadId}-${randomBytes(4).toString('hex')}.tmp`);
  let original: fs.Stats | undefined;
  try {
    original = fs.statSync(target);
  } catch {
    original = undefined;
  }
  // A rename only needs the folder to be writable; honour the file's own read-only mark as an editor would.
  if (original && !canWrite(target, original)) throw new ReadOnlyFileError(target);
  try {
    const fd = fs.openSync(tmp, 'wx', original ? original.mode & 0o7777 : 0o666);
    try {
      const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
      let written = 0;
      while (written < bytes.length) written += fs.writeSync(fd, bytes, written, bytes.length - written);
      fs.fsyncSync(fd);
      if (original) {
        try {
          fs.fchownSync(fd, original.uid, original.gid);
        } catch {
          // Not permitted (not root): the new file belongs to whoever runs the fix, as any editor save would.
        }
      }
    } finally {
      fs.closeSync(fd);
    }
    options.beforeCommit?.();
    if (options.expect) assertUnchanged(target, options.expect);
    fs.renameSync(tmp, target);
  } catch (error) {
    try {
      fs.unlinkSync(tmp);
    } catch {
      // Already gone (renamed, or never created).
    }
    throw error;
  }
  syncFolder(dir);
}

function resolveTarget(file: string): string {
  try {
    return fs.realpathSync(file);
  } catch {
    return path.resolve(file);
  }
}

function assertUnchanged(file: string, expect: WriteExpectation): void {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new FileChangedError(file);
  }
  if (stat.size !== expect.stamp.size || stat.mtimeMs !== expect.stamp.mtimeMs) throw new FileChangedError(file);
  // Same size and time can still hide an edit made within the clock's resolution: compare the bytes too.
  if (hashBytes(fs.readFileSync(file)) !== expect.hash) throw new FileChangedError(file);
}

/** Makes the rename itself durable; not every platform lets a folder be opened for that. */
function syncFolder(dir: string): void {
  try {
    const fd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // Best effort.
  }
}
