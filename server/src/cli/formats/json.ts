import type { ReportedFile } from '../result';
import { terminalSafeJson } from '../visible';

/**
 * The fixed interface of record-format.md section 5: one JSON array, one
 * entry per file (clean ones too), 1-based lines and UTF-16 columns.
 */
export function formatJson(files: readonly ReportedFile[]): string {
  const entries = files.map((f) => ({
    file: f.file,
    diagnostics: f.diagnostics.map((d) => ({
      severity: d.severity,
      code: d.code,
      message: d.message,
      line: d.range.start.line + 1,
      column: d.range.start.character + 1,
      endLine: d.range.end.line + 1,
      endColumn: d.range.end.character + 1,
    })),
  }));
  return `${terminalSafeJson(JSON.stringify(entries))}\n`;
}
