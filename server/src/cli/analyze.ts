import type { CatalogIndex } from '../core/catalog';
import { buildCatalog, parseCatalogFile } from '../core/catalogFile';
import type { Diagnostic } from '../core/types';
import { Validator, type SeverityOverrides, type ValidateOptions } from '../core/validate';
import { fixFile } from './fix';
import { readText } from './readText';
import type { CliDiagnostic, FileResult } from './result';

/** Everything a process (main or worker) needs to validate files exactly alike. Plain data: it is sent to workers. */
export interface AnalyzeSettings {
  /** Extra catalog files, merged over the bundled catalog in this order. */
  catalogs: ReadonlyArray<{ file: string; text: string }>;
  maxFileSize: number;
  severity: SeverityOverrides;
  fix: boolean;
}

/**
 * Validates one file from disk to a plain result. The only function that
 * does so: the in-process path and the worker threads both call it, which
 * is what makes their results identical.
 */
export class FileAnalyzer {
  private catalog: CatalogIndex | undefined;

  constructor(readonly settings: AnalyzeSettings) {}

  analyze(file: string): FileResult {
    const { maxFileSize, severity } = this.settings;
    const read = readText(file, maxFileSize);
    if (read.kind === 'problem') {
      return { path: file, diagnostics: applySeverity([read.diagnostic], severity), records: [], hash: read.hash };
    }
    const options: ValidateOptions = { maxFileSize, severity };
    const validator = this.getValidator();
    let text = read.text;
    let hash = read.hash;
    let fixed: number | undefined;
    const extra: CliDiagnostic[] = [];
    if (this.settings.fix) {
      const outcome = fixFile(file, read, validator, options);
      text = outcome.text;
      hash = outcome.hash;
      if (outcome.applied > 0) fixed = outcome.applied;
      if (outcome.problem) extra.push(outcome.problem);
    }
    const analysis = validator.validate(text, options);
    const diagnostics = applySeverity([...extra, ...analysis.diagnostics.map(toCliDiagnostic)], severity);
    const records = analysis.records.map((r) => ({ id: r.id, idRange: r.idRange, range: r.range }));
    const result: FileResult = { path: file, diagnostics, records, hash };
    if (fixed !== undefined) result.fixed = fixed;
    return result;
  }

  /**
   * A fresh validator per file over one shared catalog: the validator's
   * per-document cache pays off for editing and for --fix's rounds, but
   * across thousands of distinct files it only keeps parsed documents
   * alive for the garbage collector to trace.
   */
  private getValidator(): Validator {
    this.catalog ??= buildCatalog(this.settings.catalogs.map((c) => parseCatalogFile(c.text, c.file)));
    return new Validator(this.catalog);
  }
}

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
