import * as fs from 'node:fs';
import type { CatalogIndex } from '../core/catalog';
import { stripBom } from '../core/text';
import { Validator, type FileAnalysis, type RecordInfo, type SeverityOverrides, type ValidateOptions } from '../core/validate';
import { buildCliCatalog } from './catalog';
import { applySeverity, toCliDiagnostic } from './diagnostics';
import { fastRead } from './fastPath';
import { fixFile } from './fix';
import { readText, type ReadOutcome, type ReadProblem, type ReadText } from './readText';
import type { CliDiagnostic, FileResult, RecordSummary } from './result';

/** Everything a process (main or worker) needs to validate files exactly alike. Plain data: it is sent to workers. */
export interface AnalyzeSettings {
  /** Extra catalog files, merged over the bundled catalog in this order. */
  catalogs: ReadonlyArray<{ file: string; text: string }>;
  maxFileSize: number;
  severity: SeverityOverrides;
  fix: boolean;
  /** Answer clean files from the fast path (fastPath.ts); off only to compare the two paths. */
  fastPath: boolean;
  /** Hash file contents (for the cache); --fix always hashes, to refuse a file changed meanwhile. */
  hashes: boolean;
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
    const read = this.read(file);
    if (read.kind === 'problem') return this.problemResult(file, read);
    return this.quickResult(file, read) ?? this.preciseResult(file, read);
  }

  /**
   * The file's result when reading it or the fast path settles it; undefined
   * when it needs the precise path. Worker threads answer this way and leave
   * the precise path to the main thread (pool.ts): that path runs `yaml` over
   * whole files, whose code each thread must warm up, and the few files that
   * need it do not make it worth warming twice.
   */
  analyzeQuickly(file: string): FileResult | undefined {
    const read = this.read(file);
    return read.kind === 'problem' ? this.problemResult(file, read) : this.quickResult(file, read);
  }

  /** For a file analyzeQuickly left over: the fast path would only fail again. */
  analyzePrecisely(file: string): FileResult {
    const read = this.read(file);
    return read.kind === 'problem' ? this.problemResult(file, read) : this.preciseResult(file, read);
  }

  private read(file: string): ReadOutcome {
    return readText(file, this.settings.maxFileSize, this.settings.hashes || this.settings.fix);
  }

  private problemResult(file: string, read: ReadProblem): FileResult {
    return { path: file, diagnostics: applySeverity([read.diagnostic], this.settings.severity), records: [], hash: read.hash };
  }

  /**
   * The fast path's answer: a clean file at once; a record with problems
   * placed by validateKnownRecord (`yaml` over the sections concerned only).
   * Undefined for the precise path, and always with --fix, whose rounds
   * rewrite the file.
   */
  private quickResult(file: string, read: ReadText): FileResult | undefined {
    const { fastPath, fix, maxFileSize, severity } = this.settings;
    if (!fastPath) return undefined;
    const body = stripBom(read.text);
    const reading = body.length <= maxFileSize ? fastRead(body, this.getCatalog()) : undefined;
    if (reading?.kind === 'clean') return { path: file, diagnostics: [], records: reading.records, hash: read.hash || undefined, stamp: read.stat, fast: true };
    if (reading?.kind !== 'flawed' || fix) return undefined;
    const analysis = this.getValidator().validateKnownRecord(read.text, reading.record, { maxFileSize, severity });
    return analysis && this.resultOf(file, analysis, { hash: read.hash, stamp: read.stat });
  }

  private preciseResult(file: string, read: ReadText): FileResult {
    const { maxFileSize, severity } = this.settings;
    const options: ValidateOptions = { maxFileSize, severity };
    const validator = this.getValidator();
    let text = read.text;
    let hash = read.hash;
    let fixed: number | undefined;
    let stamp: FileResult['stamp'] = read.stat;
    const extra: CliDiagnostic[] = [];
    if (this.settings.fix) {
      const outcome = fixFile(file, read, validator, options);
      text = outcome.text;
      hash = outcome.hash;
      if (outcome.applied > 0) {
        fixed = outcome.applied;
        stamp = statOf(file);
      }
      if (outcome.problem) extra.push(outcome.problem);
    }
    return this.resultOf(file, validator.validate(text, options), { hash, stamp, fixed, extra });
  }

  /** A file's result from its analysis, the same whichever way the analysis was made. */
  private resultOf(
    file: string,
    analysis: Pick<FileAnalysis, 'chunks' | 'lineIndex' | 'diagnostics'> & { records: ReadonlyArray<Pick<RecordInfo, 'id' | 'idRange' | 'range'>> },
    outcome: { hash: string; stamp: FileResult['stamp']; fixed?: number; extra?: CliDiagnostic[] },
  ): FileResult {
    const diagnostics = applySeverity([...(outcome.extra ?? []), ...analysis.diagnostics.map(toCliDiagnostic)], this.settings.severity);
    // Records belong to the documents with content, in order; each starts on its document's first line.
    const starts = analysis.chunks.filter((c) => c.hasContent).map((c) => analysis.lineIndex.positionAt(c.offset).line);
    const records = analysis.records.map((r, i): RecordSummary => {
      const summary: RecordSummary = { line: starts[i] ?? r.range.start.line };
      if (r.id !== undefined) summary.id = r.id;
      if (r.idRange !== undefined) summary.idRange = r.idRange;
      return summary;
    });
    const result: FileResult = { path: file, diagnostics, records };
    if (outcome.hash) result.hash = outcome.hash;
    if (outcome.stamp) result.stamp = outcome.stamp;
    if (outcome.fixed !== undefined) result.fixed = outcome.fixed;
    return result;
  }

  /**
   * A fresh validator per file over one shared catalog: the validator's
   * per-document cache pays off for editing and for --fix's rounds, but
   * across thousands of distinct files it only keeps parsed documents
   * alive for the garbage collector to trace.
   */
  private getValidator(): Validator {
    return new Validator(this.getCatalog());
  }

  private getCatalog(): CatalogIndex {
    this.catalog ??= buildCliCatalog(this.settings.catalogs);
    return this.catalog;
  }
}

function statOf(file: string): FileResult['stamp'] {
  try {
    const stat = fs.statSync(file);
    return { size: stat.size, mtimeMs: stat.mtimeMs };
  } catch {
    return undefined;
  }
}
