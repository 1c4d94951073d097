/**
 * Which records an export may publish: only those without errors. A record
 * with an error of its own, or one placed on it by another file (a
 * duplicate id), is left out and named, and a file whose records could not
 * be read at all (unreadable, not UTF-8, too large) is named too: nothing
 * goes missing from an export without the user being told.
 */
import type { Diagnostic, Position, Range, RuleCode } from '../types';
import type { RecordInfo } from '../validate';
import type { ExportRecord } from './meeting';

export interface ExportSourceFile {
  /** The file as the user knows it. */
  file: string;
  records: ReadonlyArray<Pick<RecordInfo, 'value' | 'range' | 'errors' | 'id'>>;
  /** Every diagnostic of the file: its own and the cross-file ones. */
  diagnostics: ReadonlyArray<Pick<Diagnostic, 'code' | 'severity' | 'range'>>;
}

export interface SkippedRecord {
  file: string;
  /** 1-based line of the record's first key. */
  line: number;
  id?: string;
}

export interface ExportSelection {
  records: ExportRecord[];
  /** Records left out because they have errors. */
  skipped: SkippedRecord[];
  /** Files whose records could not be read at all. */
  unread: string[];
}

/** Problems that stop a whole file from being read into records. */
const UNREAD_CODES: ReadonlySet<RuleCode> = new Set(['io', 'encoding', 'file-too-large']);

/** Whether a diagnostic says its file could not be read into records at all, whatever its severity. */
export function isUnreadProblem(d: Pick<Diagnostic, 'code'>): boolean {
  return UNREAD_CODES.has(d.code);
}

export function selectExportable(files: readonly ExportSourceFile[]): ExportSelection {
  const selection: ExportSelection = { records: [], skipped: [], unread: [] };
  for (const { file, records, diagnostics } of files) {
    if (diagnostics.some(isUnreadProblem)) selection.unread.push(file);
    const errors = diagnostics.filter((d) => d.severity === 'error');
    for (const record of records) {
      const line = record.range.start.line + 1;
      if (record.errors > 0 || errors.some((d) => within(d.range.start, record.range))) {
        selection.skipped.push(record.id === undefined ? { file, line } : { file, line, id: record.id });
      } else {
        selection.records.push({ file, line, value: record.value });
      }
    }
  }
  return selection;
}

/** Whether anything would be missing from an export of this selection. */
export function isIncomplete(selection: ExportSelection): boolean {
  return selection.skipped.length > 0 || selection.unread.length > 0;
}

function within(position: Position, range: Range): boolean {
  return !before(position, range.start) && !before(range.end, position);
}

function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}
