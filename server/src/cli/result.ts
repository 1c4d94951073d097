import type { Diagnostic, Range } from '../core/types';

/**
 * What the CLI keeps of one file's validation. Plain data only: it crosses
 * the worker-thread boundary and is stored in the result cache as JSON.
 */
export interface CliDiagnostic extends Omit<Diagnostic, 'fixes'> {
  /** The diagnostic has a safe fix that `--fix` would apply. */
  fixable?: boolean;
}

export interface RecordSummary {
  id?: string;
  idRange?: Range;
  /** 0-based line where the record's YAML document starts (its `---` line, or 0), to group diagnostics per record. */
  line: number;
}

export interface FileResult {
  /** Absolute path. */
  path: string;
  diagnostics: CliDiagnostic[];
  records: RecordSummary[];
  /** How many fixes `--fix` applied and wrote to this file. */
  fixed?: number;
  /** Content hash of the text the diagnostics are about; absent when the file could not be read. */
  hash?: string;
  /** Size and modification time of the file the diagnostics are about, for the cache's quick check. */
  stamp?: { size: number; mtimeMs: number };
  /** Answered by the fast path: clean, but records carry no idRange (see fastPath.ts). */
  fast?: boolean;
  /** An internal error while validating this file (a bug): the run reports it and exits 2. */
  failure?: string;
}

/** A result as it leaves the run: the path the user sees, diagnostics sorted and filtered. */
export interface ReportedFile extends FileResult {
  /** Path relative to the working folder (forward slashes), or absolute when outside it. */
  file: string;
}

export interface RunSummary {
  files: number;
  errors: number;
  warnings: number;
  infos: number;
  fixable: number;
  fixed: number;
}

export function compareDiagnostics(a: CliDiagnostic, b: CliDiagnostic): number {
  return (
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character ||
    a.range.end.line - b.range.end.line ||
    a.range.end.character - b.range.end.character ||
    (a.code < b.code ? -1 : a.code > b.code ? 1 : 0) ||
    (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)
  );
}

export function summarize(files: readonly ReportedFile[]): RunSummary {
  const summary: RunSummary = { files: files.length, errors: 0, warnings: 0, infos: 0, fixable: 0, fixed: 0 };
  for (const file of files) {
    summary.fixed += file.fixed ?? 0;
    for (const d of file.diagnostics) {
      if (d.severity === 'error') summary.errors++;
      else if (d.severity === 'warning') summary.warnings++;
      else summary.infos++;
      if (d.fixable) summary.fixable++;
    }
  }
  return summary;
}
