import * as l10n from '@vscode/l10n';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { formatNumber } from '../core/l10n';
import { LineIndex } from '../core/text';
import type { Range } from '../core/types';
import { ioDiagnostic, type FileDiagnostic } from './result';

/**
 * Reads a record file defensively. Every way a file can be unreadable becomes
 * a diagnostic in that file's entry (never an exception): permissions and
 * vanished files (`io`), binary content and invalid UTF-8 (`encoding`), and
 * files so large that reading them would be pointless (`file-too-large`).
 */
export type ReadOutcome = ReadText | ReadProblem;

export interface ReadText {
  kind: 'text';
  /** The decoded text, BOM included (the core strips it; `--fix` puts it back). */
  text: string;
  /** Content hash; empty when the caller did not ask for it (no cache, no --fix). */
  hash: string;
  stat: FileStamp;
}

export interface ReadProblem {
  kind: 'problem';
  diagnostic: FileDiagnostic;
  /** The file no longer exists (deleted after the walk found it). */
  gone?: true;
  /** Present when the bytes were read: the problem is a property of the content and may be cached. */
  hash?: string;
}

/** What `--fix` compares right before it replaces a file. */
export interface FileStamp {
  mtimeMs: number;
  size: number;
}

export function hashBytes(bytes: Uint8Array): string {
  return createHash('sha1').update(bytes).digest('base64url');
}

/** Files up to this size are read, so the core counts their characters and says how many there are. */
const ALWAYS_READ = 16 * 1024 * 1024;

/**
 * A file so large that it is reported from its size alone, without reading
 * it: past 16 MiB and surely more than `maxChars` UTF-16 units (a unit takes
 * at most 3 bytes in UTF-8, plus 3 for a BOM).
 */
export function surelyTooLarge(bytes: number, maxChars: number): boolean {
  return bytes > ALWAYS_READ && bytes > maxChars * 3 + 3;
}

/** How a read is bounded and what it keeps. */
export interface ReadLimits {
  /** Files surely longer than this many characters are reported from their size, unread. */
  maxFileSize: number;
  /** The knob a user turns to raise the limit, as messages name it (`--max-file-size`, a setting). */
  maxFileSizeName: string;
  /** Hash the bytes (for the CLI's cache and `--fix`). */
  hash: boolean;
}

export function readText(file: string, limits: ReadLimits): ReadOutcome {
  let stamp: FileStamp;
  let bytes: Buffer;
  let fd: number | undefined;
  try {
    // One open and an fstat of it: the path is looked up once, and what is read is what was checked.
    // Non-blocking, so opening a FIFO returns at once instead of waiting for a writer.
    fd = fs.openSync(file, fs.constants.O_RDONLY | NONBLOCK);
    const stat = fs.fstatSync(fd);
    if (stat.isDirectory()) return ioProblem(l10n.t('Cannot read: this is a folder, not a file'));
    // A FIFO or a device would block or never end: only regular files are read.
    if (!stat.isFile()) return ioProblem(l10n.t('Cannot read: not a regular file (a pipe, socket or device)'));
    if (surelyTooLarge(stat.size, limits.maxFileSize)) return tooLargeWithoutReading(file, stat.size, limits);
    stamp = { mtimeMs: stat.mtimeMs, size: stat.size };
    bytes = readAll(fd, stat.size);
  } catch (error) {
    const problem = ioProblem(ioMessage(error));
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') problem.gone = true;
    return problem;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
  const hash = limits.hash ? hashBytes(bytes) : '';
  const decoded = decodeUtf8(bytes);
  if (decoded.kind === 'problem') return { kind: 'problem', diagnostic: decoded.diagnostic, hash: hash || undefined };
  return { kind: 'text', text: decoded.text, hash, stat: stamp };
}

/** O_NONBLOCK where the platform has it (not on Windows, which has no FIFOs at a file path). */
const NONBLOCK = fs.constants.O_NONBLOCK ?? 0;

/** The file's bytes: `size` from fstat, read on until the end in case the file grew meanwhile. */
function readAll(fd: number, size: number): Buffer {
  let buffer = Buffer.allocUnsafe(size + 1);
  let length = 0;
  for (;;) {
    if (length === buffer.length) {
      const bigger = Buffer.allocUnsafe(buffer.length * 2);
      buffer.copy(bigger, 0, 0, length);
      buffer = bigger;
    }
    const read = fs.readSync(fd, buffer, length, buffer.length - length, length);
    if (read === 0) return buffer.subarray(0, length);
    length += read;
  }
}

const fatalDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const lenientDecoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

/** UTF-8 text, or an `encoding` diagnostic placed at the first offending byte. */
export function decodeUtf8(bytes: Uint8Array): { kind: 'text'; text: string } | { kind: 'problem'; diagnostic: FileDiagnostic } {
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
    const message = utf16
      ? l10n.t('The file is UTF-16 encoded: save it as UTF-8 to validate it')
      : l10n.t('Binary content (a NUL byte at byte {0}): a record must be UTF-8 text', nul + 1);
    return { kind: 'problem', diagnostic: encodingProblem(message, rangeAtByte(bytes, utf16 ? 0 : nul)) };
  }
  try {
    return { kind: 'text', text: fatalDecoder.decode(bytes) };
  } catch {
    const bad = firstInvalidUtf8(bytes);
    const hex = bad >= 0 ? bytes[bad].toString(16).toUpperCase().padStart(2, '0') : '??';
    return {
      kind: 'problem',
      diagnostic: encodingProblem(l10n.t('Invalid UTF-8 (byte 0x{0} at byte {1}): save the file as UTF-8', hex, bad + 1), rangeAtByte(bytes, Math.max(0, bad))),
    };
  }
}

/** Offset of the first byte that breaks UTF-8, or -1 when the bytes are valid. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let low = 0x80;
    let high = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) low = 0xa0;
      if (b === 0xed) high = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) low = 0x90;
      if (b === 0xf4) high = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined) return i;
      if (k === 1 ? c < low || c > high : c < 0x80 || c > 0xbf) return i;
    }
    i += need + 1;
  }
  return -1;
}

/** The position (after the BOM, in UTF-16 units) of a byte offset, one character wide. */
function rangeAtByte(bytes: Uint8Array, offset: number): Range {
  let prefix = lenientDecoder.decode(bytes.subarray(0, offset));
  if (prefix.charCodeAt(0) === 0xfeff) prefix = prefix.slice(1);
  const start = new LineIndex(prefix).positionAt(prefix.length);
  return { start, end: { line: start.line, character: start.character + 1 } };
}

function encodingProblem(message: string, range: Range): FileDiagnostic {
  return { code: 'encoding', severity: 'error', message, range };
}

function ioProblem(message: string): ReadProblem {
  return { kind: 'problem', diagnostic: ioDiagnostic(message) };
}

/** Why a file (or, for the walk, a folder; for --fix, a write) failed, in a person's words. */
export function ioMessage(error: unknown, doing: 'read-file' | 'read-folder' | 'write-file' = 'read-file'): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const why = ioReason(error, code);
  if (doing === 'read-folder') return l10n.t('Cannot read the folder: {0}', why);
  if (doing === 'write-file') return l10n.t('cannot write the file: {0}', why);
  return code === 'EISDIR' ? l10n.t('Cannot read: this is a folder, not a file') : l10n.t('Cannot read the file: {0}', why);
}

function ioReason(error: unknown, code: string | undefined): string {
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return l10n.t('permission denied');
    case 'ENOENT':
      return l10n.t('it disappeared before it could be read');
    case 'EISDIR':
      return l10n.t('this is a folder, not a file');
    case 'ELOOP':
      return l10n.t('too many levels of symbolic links');
    default: {
      const detail = (error instanceof Error ? error.message : String(error)).replace(/^[A-Z]+:\s*/, '').replace(/\s+/g, ' ');
      return code ? `${detail} (${code})` : detail;
    }
  }
}

/** A huge file: say so from its size and first line, without reading all of it. */
function tooLargeWithoutReading(file: string, size: number, { maxFileSize, maxFileSizeName }: ReadLimits): ReadProblem {
  let firstLineEnd = 0;
  try {
    const fd = fs.openSync(file, 'r');
    try {
      const head = Buffer.alloc(4096);
      const read = fs.readSync(fd, head, 0, head.length, 0);
      let text = lenientDecoder.decode(head.subarray(0, read));
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      const eol = text.search(/\r|\n/);
      firstLineEnd = eol < 0 ? Math.max(0, text.length - 1) : eol;
    } finally {
      fs.closeSync(fd);
    }
  } catch (error) {
    return ioProblem(ioMessage(error));
  }
  return {
    kind: 'problem',
    diagnostic: {
      code: 'file-too-large',
      severity: 'information',
      message: l10n.t('Not validated: the file has {0} bytes, more than the limit of {1} characters ({2})', formatNumber(size), formatNumber(maxFileSize), maxFileSizeName),
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: firstLineEnd } },
    },
  };
}
