import * as l10n from '@vscode/l10n';
import * as fs from 'node:fs';
import { fixAll } from '../core/fixes';
import { stripBom } from '../core/text';
import type { ValidateOptions, Validator } from '../core/validate';
import type { FileJob, FixOutcome } from '../corpus/analyse';
import { hashBytes, ioMessage, type ReadText } from '../corpus/read';
import { ioDiagnostic } from '../corpus/result';
import { atomicWrite, WriteRefusedError, type AtomicWriteOptions } from './atomicWrite';

/**
 * `--fix` for one file: the core's safe fixes (alias → canonical name,
 * duplicate entry removed) applied as text edits, so comments, quoting, key
 * order, blank lines, line endings and a BOM survive; then one atomic write
 * that refuses a file changed since it was read.
 */
export function fixFile(
  { path: file }: Pick<FileJob, 'path'>,
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
    const reason = error instanceof WriteRefusedError ? error.message : ioMessage(error, 'write-file');
    const message = result.applied === 1 ? l10n.t('Not fixed: {0} (1 fix not written)', reason) : l10n.t('Not fixed: {0} ({1} fixes not written)', reason, result.applied);
    return { ...unchanged, problem: notFixed(message) };
  }
  return { text, hash: hashBytes(bytes), applied: result.applied, stamp: stampOf(file) };
}

const notFixed = ioDiagnostic;

/** Size and time of the file just written, so the cache and a later --fix know it as it now is. */
function stampOf(file: string): FixOutcome['stamp'] {
  try {
    const stat = fs.statSync(file);
    return { size: stat.size, mtimeMs: stat.mtimeMs };
  } catch {
    return undefined;
  }
}
