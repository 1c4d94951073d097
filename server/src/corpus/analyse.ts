import type { CatalogIndex } from '../core/catalog';
import type { Locale } from '../core/l10n';
import { buildCatalog, parseCatalogFile } from '../core/catalogFile';
import { Validator, type FileAnalysis, type SeverityOverrides, type ValidateOptions } from '../core/validate';
import { ArticleShelf } from './articles';
import { readText, type ReadOutcome, type ReadText } from './read';
import {
  applySeverity,
  failureDiagnostic,
  indexedRecords,
  recordFacts,
  toFileDiagnostic,
  valuedRecords,
  type FileDiagnostic,
  type FileVerdict,
  type IndexedRecord,
  type RecordFacts,
  type ValuedRecord,
} from './result';

/**
 * What a verdict holds. `verdict`: diagnostics and each record's id and line
 * (the CLI), which lets the validator take its shortcuts. `index`: also each
 * record's title, date, mechanism and placed mentions (the server's index).
 * `values`: each record's parsed value, range and error count (export); a
 * clean file may be answered from plain values too, its records placed by
 * their first line (see valuedRecords).
 */
export type Detail = 'verdict' | 'index' | 'values';

export type RecordsOf<D extends Detail> = D extends 'index' ? IndexedRecord : D extends 'values' ? ValuedRecord : RecordFacts;

/** Everything a thread needs to judge files exactly alike. Plain data: it is sent to worker threads. */
export interface AnalyseSettings<D extends Detail = Detail> {
  /** Workspace and extra catalog files, merged over the bundled catalog in this order. */
  catalogs: ReadonlyArray<{ file: string; text: string }>;
  detail: D;
  /** Take the validator's `verdict` shortcuts (off only to compare both paths: MEETING_RECORDS_FAST_PATH=0). */
  fastPath: boolean;
  /** Hash file contents (for the CLI's cache and `--fix`). */
  hashes: boolean;
  /** How messages name the file-size limit's knob. */
  maxFileSizeName: string;
  /** The language of the messages (core/l10n.ts); a worker thread switches to it before judging. English when absent. */
  locale?: Locale;
}

/** One file to judge, with the settings of the folder it is in. */
export interface FileJob {
  path: string;
  maxFileSize: number;
  severity: SeverityOverrides;
  /** Judge without shortcuts (a record whose id turned out duplicated needs its id's range). */
  precise?: boolean;
  /** The folder beyond which no source article is looked for (corpus/articles.ts): the workspace folder, the CLI's current folder. */
  articleRoot?: string;
}

/**
 * `--fix` (cli/fix.ts) between reading and judging: it may rewrite the file
 * and returns the text now on disk. Only the thread that owns the run fixes.
 */
export type Fixer = (job: FileJob, read: ReadText, validator: Validator, options: ValidateOptions) => FixOutcome;

export interface FixOutcome {
  text: string;
  hash: string;
  /** Fixes written to the file. */
  applied: number;
  stamp?: FileVerdict['stamp'];
  /** Why the fixes were not written, as an error in the file's verdict. */
  problem?: FileDiagnostic;
}

/**
 * Judges one file from disk to a verdict: read (one descriptor, size cap,
 * encoding check), validate, shape. The only function that does so: the CLI,
 * the server's index and every worker thread call it, which is what makes
 * their verdicts identical. It never throws: a bug in the validator becomes
 * the file's `failure` (and an `internal-error` diagnostic).
 */
export class FileAnalyzer<D extends Detail = Detail> {
  private catalog: CatalogIndex | undefined;

  /** `catalog`: one already built from `settings.catalogs` (the server's), so this thread does not build another. */
  constructor(
    readonly settings: AnalyseSettings<D>,
    private readonly fixer?: Fixer,
    catalog?: CatalogIndex,
  ) {
    this.catalog = catalog;
  }

  analyse(job: FileJob): FileVerdict<RecordsOf<D>> {
    try {
      const read = this.read(job);
      if (read.kind === 'problem') {
        const verdict: FileVerdict<RecordsOf<D>> = { path: job.path, diagnostics: applySeverity([read.diagnostic], job.severity), records: [] };
        if (read.hash) verdict.hash = read.hash;
        if (read.gone) verdict.gone = true;
        return verdict;
      }
      return this.judge(job, read);
    } catch (error) {
      const failure = error instanceof Error ? error.message : String(error);
      return { path: job.path, diagnostics: [failureDiagnostic(failure)], records: [], failure };
    }
  }

  private read(job: FileJob): ReadOutcome {
    return readText(job.path, { maxFileSize: job.maxFileSize, maxFileSizeName: this.settings.maxFileSizeName, hash: this.settings.hashes || this.fixer !== undefined });
  }

  private judge(job: FileJob, read: ReadText): FileVerdict<RecordsOf<D>> {
    const { detail, fastPath, maxFileSizeName } = this.settings;
    const validator = this.validator();
    const shortcuts = (detail === 'verdict' || detail === 'values') && fastPath && !job.precise && !this.fixer;
    const options: ValidateOptions = { maxFileSize: job.maxFileSize, maxFileSizeName, severity: job.severity, detail: shortcuts ? 'verdict' : 'full' };
    const fix = this.fixer?.(job, read, validator, options);
    const analysis = validator.validate(fix ? fix.text : read.text, options);
    const grounded = this.articles.diagnose(job.path, analysis, this.getCatalog(), { root: job.articleRoot, maxFileSize: job.maxFileSize, severity: job.severity });
    const found = [...analysis.diagnostics, ...grounded.diagnostics].map(toFileDiagnostic);
    if (fix?.problem) found.unshift(fix.problem);
    const verdict: FileVerdict<RecordsOf<D>> = {
      path: job.path,
      // The core applies overrides to its rules, not to what it says about the file itself (too large, too many problems).
      diagnostics: found.length > 0 ? applySeverity(found, job.severity) : found,
      records: this.recordsOf(analysis),
    };
    if (analysis.skipped !== undefined) verdict.skipped = analysis.skipped;
    const hash = fix ? fix.hash : read.hash;
    if (hash) verdict.hash = hash;
    const stamp = fix && fix.applied > 0 ? fix.stamp : read.stat;
    if (stamp) verdict.stamp = stamp;
    if (fix && fix.applied > 0) verdict.fixed = fix.applied;
    if (analysis.partial === 'values') verdict.partial = true;
    if (grounded.dependencies.length > 0) verdict.articles = grounded.dependencies;
    return verdict;
  }

  private recordsOf(analysis: FileAnalysis): Array<RecordsOf<D>> {
    // The settings' detail decides the element type; TypeScript cannot follow a conditional type through a branch.
    const { detail } = this.settings;
    return (detail === 'index' ? indexedRecords(analysis) : detail === 'values' ? valuedRecords(analysis) : recordFacts(analysis)) as Array<RecordsOf<D>>;
  }

  /**
   * One validator without a cache for judging: its per-document cache pays
   * off for editing, but across thousands of distinct files it only keeps
   * parsed documents alive for the garbage collector to trace. `--fix`
   * validates each file again after every round of fixes: a fresh validator
   * with a cache per file.
   */
  private validator(): Validator {
    if (this.fixer) return new Validator(this.getCatalog());
    this.uncachedValidator ??= new Validator(this.getCatalog(), 0);
    return this.uncachedValidator;
  }

  private uncachedValidator: Validator | undefined;
  /** Articles read once per thread, however many records name them. */
  private readonly articles = new ArticleShelf();

  private getCatalog(): CatalogIndex {
    this.catalog ??= buildCatalog(this.settings.catalogs.map((c) => parseCatalogFile(c.text, c.file)));
    return this.catalog;
  }
}
