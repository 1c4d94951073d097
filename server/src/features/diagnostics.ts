import { DiagnosticSeverity, type Diagnostic as LspDiagnostic } from 'vscode-languageserver';
import type { Diagnostic, Range, Severity } from '../core/types';

/** Each rule's documentation is a section of the README, anchored `#rule-<code>`. */
export const RULE_DOCS_URL = 'https://github.com/meeting-records/meeting-records#rule-';
export const DIAGNOSTIC_SOURCE = 'meeting-records';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export interface ConversionContext {
  /** URI of the document the diagnostics belong to. */
  uri: string;
  /** Turns a related location's `file` (an index key) into a URI. */
  uriOf: (file: string) => string;
  /** Maps an analysis range to the editor's (BOM shift); identity by default. */
  toEditor?: (range: Range) => Range;
}

export function toLspDiagnostic(d: Diagnostic, context: ConversionContext): LspDiagnostic {
  const map = context.toEditor ?? ((r: Range) => r);
  const diagnostic: LspDiagnostic = {
    range: map(d.range),
    severity: SEVERITY[d.severity],
    code: d.code,
    codeDescription: { href: `${RULE_DOCS_URL}${d.code}` },
    source: DIAGNOSTIC_SOURCE,
    message: d.message,
  };
  if (d.related && d.related.length > 0) {
    diagnostic.relatedInformation = d.related.map((r) => {
      const uri = r.file === undefined ? context.uri : context.uriOf(r.file);
      return { location: { uri, range: uri === context.uri ? map(r.range) : r.range }, message: r.message };
    });
  }
  return diagnostic;
}

export function toLspDiagnostics(diagnostics: readonly Diagnostic[], context: ConversionContext): LspDiagnostic[] {
  return diagnostics.map((d) => toLspDiagnostic(d, context));
}

export function countBySeverity(diagnostics: readonly Diagnostic[]): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const d of diagnostics) {
    if (d.severity === 'error') errors++;
    else if (d.severity === 'warning') warnings++;
  }
  return { errors, warnings };
}

/** Two diagnostics are the same finding when code, message and range agree. */
export function sameFinding(a: { code?: unknown; message: unknown; range: Range }, b: Diagnostic): boolean {
  return (
    a.code === b.code &&
    a.message === b.message &&
    a.range.start.line === b.range.start.line &&
    a.range.start.character === b.range.start.character &&
    a.range.end.line === b.range.end.line &&
    a.range.end.character === b.range.end.character
  );
}
