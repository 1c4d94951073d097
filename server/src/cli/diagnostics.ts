import type { Diagnostic } from '../core/types';
import type { SeverityOverrides } from '../core/validate';
import type { CliDiagnostic } from './result';

/** Light helpers on diagnostics, kept apart from the validator so a cached run never loads it. */
export function toCliDiagnostic(d: Diagnostic): CliDiagnostic {
  const out: CliDiagnostic = { code: d.code, severity: d.severity, message: cliMessage(d), range: d.range };
  if (d.related) out.related = d.related;
  if (d.fixes?.some((f) => f.safe)) out.fixable = true;
  return out;
}

/** The core names the editor setting; on the command line the flag is what a person can change. */
function cliMessage(d: Diagnostic): string {
  return d.code === 'file-too-large' ? d.message.replace('(setting meetingRecords.maxFileSize)', '(--max-file-size)') : d.message;
}

/** `--severity` for every code, including the ones the core does not produce (io, encoding). Idempotent. */
export function applySeverity(diagnostics: CliDiagnostic[], overrides: SeverityOverrides): CliDiagnostic[] {
  const out: CliDiagnostic[] = [];
  for (const d of diagnostics) {
    const level = overrides[d.code];
    if (level === 'off') continue;
    out.push(level && level !== d.severity ? { ...d, severity: level } : d);
  }
  return out;
}

export function ioDiagnostic(message: string): CliDiagnostic {
  return { code: 'io', severity: 'error', message, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };
}
