import * as l10n from '@vscode/l10n';
import type { Severity } from '../core/types';
import type { SeverityOverrides } from '../core/validate';
import { duplicateIdDiagnostics } from '../core/workspace';
import { toFileDiagnostic, type FileDiagnostic, type FileVerdict } from '../corpus/result';

/** A result as it leaves the run: the path the user sees, diagnostics sorted and filtered. */
export interface ReportedFile extends FileVerdict {
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

export function compareDiagnostics(a: FileDiagnostic, b: FileDiagnostic): number {
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

/** How the human formats (stylish, JUnit's text) name a severity; JSON and SARIF keep their own fixed words. */
export function severityLabel(severity: Severity): string {
  switch (severity) {
    case 'error':
      return l10n.t('error');
    case 'warning':
      return l10n.t('warning');
    case 'information':
      return l10n.t('info');
    default:
      return l10n.t('hint');
  }
}
/** `duplicate-id` across every record of the run (of the shard, with --shard). */
export function addDuplicateIds(files: ReportedFile[], options: { severity: SeverityOverrides }): void {
  const byFile = duplicateIdDiagnostics(
    files.map((f) => ({ file: f.file, records: f.records })),
    options.severity,
  );
  if (byFile.size === 0) return;
  for (const f of files) {
    const extra = byFile.get(f.file);
    if (extra) f.diagnostics = [...f.diagnostics, ...extra.map(toFileDiagnostic)];
  }
}

/** Code-unit order: the same on every machine and locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
