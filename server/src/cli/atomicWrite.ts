import * as l10n from '@vscode/l10n';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { threadId } from 'node:worker_threads';
import { hashBytes, type FileStamp } from '../corpus/read';

/** What the file must still be, right before it is replaced. */
export interface WriteExpectation {
  stamp: FileStamp;
  /** Content hash of the bytes that were read (see read.ts hashBytes). */
  hash: string;
}

export interface AtomicWriteOptions {
  /**
   * The files the command read. A target that is one of them (the same file
   * by device and inode, whatever path or link leads to it) is refused:
   * `render a.meeting.yaml -o a.meeting.yaml` must not replace the record.
   */
  inputs?: readonly string[];
  /**
   * A symbolic link at the path: `follow` (the default) writes to the file
   * it points to and the link stays a link, as vim, `cp`, shell redirection
   * and ESLint's `--fix` do; a link to nothing is refused, as `cp` does.
   * `refuse` refuses any link, for files written where a user does not look
   * (the cache): a link planted there must not lead the write elsewhere.
   */
  symlinks?: 'follow' | 'refuse';
  /**
   * An existing file is replaced only when this says it is ours, given its
   * first {@link HEAD_BYTES} bytes (the cache replaces only a cache).
   */
  replaceOnly?: (head: Buffer) => boolean;
  /** Refuse to replace the file when it no longer matches (someone saved it meanwhile). */
  expect?: WriteExpectation;
  /** Test hook: runs after the new content is safe on disk, before the check and the commit. */
  beforeCommit?: () => void;
}

/** How much of an existing file `replaceOnly` is shown. */
export const HEAD_BYTES = 256;

/** Why a write was refused, in one line a user reads after the file's name ("…: the file is read-only; not overwritten"). */
export class WriteRefusedError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(message);
    this.name = 'WriteRefusedError';
  }
}

/** The file changed on disk after it was read: writing would lose someone's edit. */
export class FileChangedError extends WriteRefusedError {
  constructor(file: string) {
    super(file, 'the file changed on disk since it was read; not overwritten');
    this.name = 'FileChangedError';
  }
}

/** The file is marked read-only: replacing it through a rename would bypass that. */
export class ReadOnlyFileError extends WriteRefusedError {
  constructor(file: string) {
    super(file, 'the file is read-only; not overwritten');
    this.name = 'ReadOnlyFileError';
  }
}

/**
 * The one way the CLI writes a file (`--fix`, `render -o`, the cache). The
 * new bytes never replace anything half-written, nothing that is not a
 * regular file, and nothing that is not the caller's to replace:
 *
 * - The path is resolved first: a symlink is followed (or refused, see
 *   {@link AtomicWriteOptions.symlinks}), so the link stays a link.
 * - An existing target must be a regular file (never a device, FIFO, socket
 *   or folder: renaming over `/dev/full` as root replaced the device), not
 *   one of the inputs, writable (its read-only mark is honoured, as an
 *   editor does, though a rename would only need the folder), and ours when
 *   the caller asks.
 * - The new bytes go to a temporary file in the same folder, are flushed,
 *   given the original's mode (not the umask's) and owner, then renamed over
 *   the original. The temporary name fits NAME_MAX whatever the file's name.
 * - Where a rename would change what the file is (more than one hard link,
 *   or an owner this process cannot give the new file), it is written in
 *   place instead, as vim's `backupcopy=auto` does: the old bytes are copied
 *   to a temporary file first, the file is overwritten and truncated, and on
 *   any failure the copy is written back. The inode, links, mode and owner
 *   are then the file's own.
 *
 * On any failure the temporary file is removed and the original is left as
 * it was. The change check ({@link AtomicWriteOptions.expect}) runs right
 * before the commit; a write landing in the microseconds between the two
 * cannot be detected without locks, which editors do not take.
 */
export function atomicWrite(file: string, data: string | Uint8Array, options: AtomicWriteOptions = {}): void {
  const target = resolveTarget(file, options.symlinks ?? 'follow');
  const original = existing(target);
  if (original) assertReplaceable(target, original, options);
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  if (original && (original.nlink > 1 || !canKeepOwner(original))) writeInPlace(target, bytes, original, options);
  else replaceByRename(target, bytes, original, options);
  syncFolder(path.dirname(target));
}

/** The file to write: the path itself, or what a symlink there points to. */
function resolveTarget(file: string, symlinks: 'follow' | 'refuse'): string {
  const resolved = path.resolve(file);
  let link: fs.Stats;
  try {
    link = fs.lstatSync(resolved);
  } catch {
    return resolved; // Nothing there yet: a new file.
  }
  if (!link.isSymbolicLink()) return resolved;
  if (symlinks === 'refuse') throw new WriteRefusedError(resolved, l10n.t('it is a symbolic link, and this file is never written through one; not written'));
  try {
    return fs.realpathSync(resolved);
  } catch {
    throw new WriteRefusedError(resolved, l10n.t('it is a symbolic link to a file that does not exist; not written'));
  }
}

function existing(target: string): fs.Stats | undefined {
  try {
    return fs.statSync(target);
  } catch {
    return undefined;
  }
}

function assertReplaceable(target: string, original: fs.Stats, options: AtomicWriteOptions): void {
  if (!original.isFile()) throw new WriteRefusedError(target, l10n.t('it is {0}, not a regular file; not replaced', kindOf(original)));
  if (options.inputs?.some((input) => sameFile(input, original))) throw new WriteRefusedError(target, l10n.t('it is one of the input files; not overwritten'));
  if (!canWrite(target, original)) throw new ReadOnlyFileError(target);
  if (options.replaceOnly && !options.replaceOnly(headOf(target))) throw new WriteRefusedError(target, l10n.t('it is not a file this command wrote; not overwritten'));
}

function kindOf(stats: fs.Stats): string {
  if (stats.isDirectory()) return l10n.t('a folder');
  if (stats.isFIFO()) return l10n.t('a pipe (FIFO)');
  if (stats.isSocket()) return l10n.t('a socket');
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return l10n.t('a device');
  return l10n.t('a special file');
}

function sameFile(input: string, target: fs.Stats): boolean {
  try {
    const stats = fs.statSync(input);
    return stats.dev === target.dev && stats.ino === target.ino;
  } catch {
    return false;
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

/** A renamed-in file belongs to whoever wrote it: only root (or the owner, for a group it is in) can give it the original's. */
function canKeepOwner(original: fs.Stats): boolean {
  const uid = process.getuid?.();
  if (uid === undefined || uid === 0) return true;
  return original.uid === uid && (original.gid === process.getgid?.() || (process.getgroups?.() ?? []).includes(original.gid));
}

function headOf(target: string): Buffer {
  const fd = fs.openSync(target, fs.constants.O_RDONLY | NONBLOCK | NOFOLLOW);
  try {
    if (!fs.fstatSync(fd).isFile()) throw new WriteRefusedError(target, l10n.t('it is not a regular file; not replaced'));
    const head = Buffer.alloc(HEAD_BYTES);
    return head.subarray(0, fs.readSync(fd, head, 0, HEAD_BYTES, 0));
  } finally {
    fs.closeSync(fd);
  }
}

const NONBLOCK = fs.constants.O_NONBLOCK ?? 0;
const NOFOLLOW = fs.constants.O_NOFOLLOW ?? 0;

/** The usual path: a complete temporary file, renamed over the original in one step. */
function replaceByRename(target: string, bytes: Uint8Array, original: fs.Stats | undefined, options: AtomicWriteOptions): void {
  const tmp = temporaryPath(target);
  try {
    // A new file is created as any would be (0666 less the umask); a replacement starts private.
    const fd = fs.openSync(tmp, 'wx', original ? 0o600 : 0o666);
    try {
      writeAll(fd, bytes, 0);
      if (original) {
        // The original's owner, then its mode exactly (the umask must not narrow it); chown clears set-id bits, chmod restores them.
        fs.fchownSync(fd, original.uid, original.gid);
        fs.fchmodSync(fd, original.mode & 0o7777);
      }
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    options.beforeCommit?.();
    if (options.expect) assertUnchanged(target, options.expect);
    assertStillReplaceable(target);
    fs.renameSync(tmp, target);
  } catch (error) {
    removeQuietly(tmp);
    throw error;
  }
}

/**
 * In place, after a safe copy: the file keeps its inode, so every hard link
 * sees the new text and owner, group and mode stay as they are. Not atomic
 * for a reader, but never lossy: the copy is written back on any failure.
 */
function writeInPlace(target: string, bytes: Uint8Array, original: fs.Stats, options: AtomicWriteOptions): void {
  const backup = temporaryPath(target);
  let keepBackup = false;
  try {
    fs.copyFileSync(target, backup, fs.constants.COPYFILE_EXCL);
    fs.chmodSync(backup, 0o600);
    syncFile(backup);
    options.beforeCommit?.();
    if (options.expect) assertUnchanged(target, options.expect);
    const fd = fs.openSync(target, fs.constants.O_WRONLY | NOFOLLOW);
    try {
      const now = fs.fstatSync(fd);
      if (now.ino !== original.ino || now.dev !== original.dev) throw new FileChangedError(target);
      try {
        overwrite(fd, bytes);
      } catch (error) {
        keepBackup = !restore(fd, backup);
        if (keepBackup) throw new WriteRefusedError(target, l10n.t('writing it failed ({0}) and so did putting the old text back; the old text is in {1}', messageOf(error), backup));
        throw error;
      }
    } finally {
      fs.closeSync(fd);
    }
  } finally {
    if (!keepBackup) removeQuietly(backup);
  }
}

function restore(fd: number, backup: string): boolean {
  try {
    overwrite(fd, fs.readFileSync(backup));
    return true;
  } catch {
    return false;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function overwrite(fd: number, bytes: Uint8Array): void {
  writeAll(fd, bytes, 0);
  fs.ftruncateSync(fd, bytes.length);
  fs.fsyncSync(fd);
}

function writeAll(fd: number, bytes: Uint8Array, position: number): void {
  let written = 0;
  while (written < bytes.length) written += fs.writeSync(fd, bytes, written, bytes.length - written, position + written);
}

/** The longest file name most file systems take (ext4, XFS, Btrfs, tmpfs: 255 bytes). */
const NAME_MAX = 255;

/**
 * `.<name>.<pid>-<thread>-<random>.tmp` beside the target, the name cut (at a
 * character boundary) so that the whole fits NAME_MAX: a 253-byte record
 * name must still be fixable. Dot-first and `.tmp`-last, so it is hidden and
 * ignored like an editor's swap file should one ever be left behind.
 */
export function temporaryPath(target: string): string {
  const suffix = `.${process.pid}-${threadId}-${randomBytes(4).toString('hex')}.tmp`;
  const room = NAME_MAX - 1 - Buffer.byteLength(suffix);
  return path.join(path.dirname(target), `.${cutToBytes(path.basename(target), room)}${suffix}`);
}

function cutToBytes(name: string, bytes: number): string {
  if (Buffer.byteLength(name) <= bytes) return name;
  let out = '';
  let used = 0;
  for (const character of name) {
    const size = Buffer.byteLength(character);
    if (used + size > bytes) break;
    out += character;
    used += size;
  }
  return out;
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

/** Right before the rename: whatever is there now is still a regular file (not a device or FIFO swapped in meanwhile). */
function assertStillReplaceable(target: string): void {
  const now = existing(target);
  if (now && !now.isFile()) throw new WriteRefusedError(target, l10n.t('it is {0}, not a regular file; not replaced', kindOf(now)));
}

function syncFile(file: string): void {
  const fd = fs.openSync(file, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function removeQuietly(file: string): void {
  try {
    fs.unlinkSync(file);
  } catch {
    // Already gone (renamed, or never created).
  }
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
