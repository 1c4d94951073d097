import { fixAll } from '../core/fixes';
import { stripBom } from '../core/text';
import type { ValidateOptions, Validator } from '../core/validate';
import { atomicWrite, FileChangedError, ReadOnlyFileError, type AtomicWriteOptions } from './atomicWrite';
import { hashBytes, ioMessage, type ReadText } from './readText';
import type { CliDiagnostic } from './result';

export interface FixOutcome {
  /** The text now on disk (the fixed text, or the original when nothing was written). */
  text: string;
  hash: string;
  /** Fixes written to the file. */
  applied: number;
  /** Why the fixes were not written, as an error in the file's entry. */
  problem?: CliDiagnostic;
}

/**
 * `--fix` for one file: the core's safe fixes (alias → canonical name,
 * duplicate entry removed) applied as text edits, so comments, quoting, key
 * order, blank lines, line endings and a BOM survive; then one atomic write
 * that refuses a file changed since it was read.
 */
export function fixFile(
  file: string,
  read: ReadText,
  validator: Validator,
  options: ValidateOptions,
  writeOptions: Pick<AtomicWriteOptions, 'beforeCommit'> = {},
): FixOutcome {
  const unchanged: FixOutcome = { text: read.text, hash: read.hash, applied: 0 };
  const body = stripBom(read.text);
  const bom = body.length !== read.text.length ? '\uFEFF' : '';
  const result = fixAll(validator, body, options);
  if (result.applied === 0 || result.text === body) return unchanged;
  const text = bom + result.text;
  const bytes = Buffer.from(text, 'utf8');
  try {
    atomicWrite(file, bytes, { ...writeOptions, expect: { stamp: read.stat, hash: read.hash } });
  } catch (error) {
    const reason = error instanceof FileChangedError || error instanceof ReadOnlyFileError ? error.message : ioMessage(error).replace(/^Cannot read the file/, 'cannot write the file');
    return { ...unchanged, problem: notFixed(`Not fixed: ${reason} (${result.applied} fix${result.applied === 1 ? '' : 'es'} not written)`) };
  }
  return { text, hash: hashBytes(bytes), applied: result.applied };
}

function notFixed(message: string): CliDiagnostic {
  return { code: 'io', severity: 'error', message, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };
}
