import { RULE_CODES, type Range } from '../core/types';
import type { ArticleDependency } from '../corpus/articles';
import type { FileDiagnostic, FileVerdict, RecordFacts } from '../corpus/result';

/** One file's cached result, as the cache file stores it. */
export interface CacheEntry {
  /** Content hash of the file the result is about. */
  h: string;
  /** Size in bytes and mtime when the hash was taken; m = 0: always hash. */
  s: number;
  m: number;
  r: Pick<FileVerdict, 'diagnostics' | 'records' | 'partial'>;
  /** The source articles the result's grounding depended on (FileVerdict.articles). */
  a?: ArticleDependency[];
}

/**
 * Whether a value read from the cache file is an entry every later step can
 * use as it is: the formatters, the duplicate-id check and `--fix` read
 * every field below without checking it again. The cache file is anyone's
 * to edit (or damage), so an entry that fails here is a miss, never a crash.
 */
export function isCacheEntry(value: unknown): value is CacheEntry {
  if (!isObject(value) || typeof value.h !== 'string' || !isNumber(value.s) || !isNumber(value.m) || !isObject(value.r)) return false;
  if (value.a !== undefined && !(Array.isArray(value.a) && value.a.every(isArticleDependency))) return false;
  const { diagnostics, records, partial } = value.r;
  return (
    (partial === undefined || typeof partial === 'boolean') &&
    Array.isArray(diagnostics) &&
    diagnostics.every(isFileDiagnostic) &&
    Array.isArray(records) &&
    records.every(isRecordFacts)
  );
}

const CODES: ReadonlySet<unknown> = new Set(RULE_CODES);
const SEVERITIES: ReadonlySet<unknown> = new Set(['error', 'warning', 'information', 'hint']);

function isFileDiagnostic(value: unknown): value is FileDiagnostic {
  return (
    isObject(value) &&
    CODES.has(value.code) &&
    SEVERITIES.has(value.severity) &&
    typeof value.message === 'string' &&
    isRange(value.range) &&
    (value.fixable === undefined || typeof value.fixable === 'boolean') &&
    (value.related === undefined || (Array.isArray(value.related) && value.related.every(isRelated)))
  );
}

function isArticleDependency(value: unknown): value is ArticleDependency {
  if (!isObject(value) || typeof value.name !== 'string' || (value.file !== undefined && typeof value.file !== 'string')) return false;
  return value.stamp === undefined || (isObject(value.stamp) && isNumber(value.stamp.size) && isNumber(value.stamp.mtimeMs));
}

function isRelated(value: unknown): boolean {
  return isObject(value) && (value.file === undefined || typeof value.file === 'string') && typeof value.message === 'string' && isRange(value.range);
}

function isRecordFacts(value: unknown): value is RecordFacts {
  return isObject(value) && isCount(value.line) && (value.id === undefined || typeof value.id === 'string') && (value.idRange === undefined || isRange(value.idRange));
}

function isRange(value: unknown): value is Range {
  return isObject(value) && isPosition(value.start) && isPosition(value.end);
}

function isPosition(value: unknown): boolean {
  return isObject(value) && isCount(value.line) && isCount(value.character);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function isCount(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 0;
}
