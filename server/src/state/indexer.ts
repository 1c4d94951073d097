import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as l10n from '@vscode/l10n';
import { currentLocale, formatNumber } from '../core/l10n';
import { FileAnalyzer, type AnalyseSettings, type Detail, type FileJob, type RecordsOf } from '../corpus/analyse';
import { readCatalogFile } from '../corpus/catalogs';
import { judgeInPool } from '../corpus/pool';
import { ioDiagnostic, type FileDiagnostic, type FileVerdict, type IndexedRecord, type ValuedRecord } from '../corpus/result';
import { FileMatcher, FoundFiles, walkFolder } from '../corpus/walk';
import type { MeetingRecordsSettings } from '../protocol';
import type { CatalogSet } from './catalogs';
import type { WorkspacePaths } from './paths';
import { fromVerdict, type RecordIndex } from './recordIndex';
import type { SettingsStore } from './settings';
import { pathToUri, uriToPath } from './uris';

/** What the indexer needs of the server around it. */
export interface IndexerHost {
  log: { error(message: string): void; info(message: string): void };
  createProgress(): Promise<ProgressReporter | undefined>;
  /** Files whose published diagnostics may have changed. */
  republish(keys: Iterable<string>): void;
  /** The catalog changed: open records are validated again. */
  catalogsRebuilt(): void;
  /** Keys of the documents open in the editor (their text shadows the disk). */
  openKeys(): Iterable<string>;
  formatError(what: string, error: unknown): string;
}

export interface ProgressReporter {
  begin(title: string, percentage?: number, message?: string): void;
  report(percentage: number, message?: string): void;
  done(): void;
}

export interface IndexerOptions {
  /** Untrusted workspace: workspace catalog files and catalog paths are ignored. */
  trusted: boolean;
  /** The worker entry (dist/worker.js), shared with the CLI; in-process indexing when absent. */
  workerScript?: string;
}

/** How the editor's messages name the file-size limit. */
/** How a skipped file's message names the knob to raise (in the process's language). */
export function maxFileSizeSetting(): string {
  return l10n.t('setting {0}', 'meetingRecords.maxFileSize');
}
const SLICE_MS = 10;
/** Below this many files, starting worker threads costs more than it saves. */
const WORKER_THRESHOLD = 400;

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Yields to the event loop once the current slice of work has taken SLICE_MS, so the editor's requests are answered between slices. */
export function slicer(): () => Promise<void> | undefined {
  let sliceStart = performance.now();
  return () => {
    if (performance.now() - sliceStart <= SLICE_MS) return undefined;
    return yieldToEventLoop().then(() => {
      sliceStart = performance.now();
    });
  };
}

/**
 * The workspace index, kept from disk: walk (corpus/walk.ts, `.gitignore`
 * honoured unless `meetingRecords.useIgnoreFiles` is off) → verdicts on
 * worker threads or in slices of the main thread (corpus/analyse.ts, the
 * CLI's own) → the index. Every file is judged as `meeting-records
 * validate` judges it from the folder: the same files, reader, catalog and
 * rules.
 */
export class Indexer {
  private generation = 0;
  private running: Promise<void> = Promise.resolve();
  private reindexTimer: NodeJS.Timeout | undefined;
  /** Folders and broken links the last walk could not read, with the `io` problem to show on them. */
  private unreadablePaths = new Map<string, FileDiagnostic[]>();
  /** Catalog files that could not be read, with their problem. */
  private catalogProblems = new Map<string, FileDiagnostic[]>();
  private inProcess: { generation: number; analyzer: FileAnalyzer<'index'>; values?: FileAnalyzer<'values'> } | undefined;

  constructor(
    private readonly host: IndexerHost,
    private readonly options: IndexerOptions,
    private readonly paths: WorkspacePaths,
    private readonly settings: SettingsStore,
    private readonly catalogs: CatalogSet,
    private readonly index: RecordIndex,
  ) {}

  /** (Re)indexes every folder. A newer call supersedes a running one at its next slice. */
  indexWorkspace(): Promise<void> {
    const generation = ++this.generation;
    const run = this.running.catch(() => undefined).then(() => this.run(generation));
    this.running = run.catch((error: unknown) => this.host.log.error(this.host.formatError('Indexing the workspace', error)));
    return this.running;
  }

  /** Resolves when no indexing is running or queued (and the workspace was indexed at least once). */
  async whenIndexed(): Promise<void> {
    if (this.generation === 0) void this.indexWorkspace();
    if (this.reindexTimer) {
      // A re-index is waiting for typing in a catalog to pause: whoever needs the index now runs it now.
      clearTimeout(this.reindexTimer);
      this.reindexTimer = undefined;
      void this.indexWorkspace();
    }
    let seen: Promise<void> | undefined;
    while (seen !== this.running) {
      seen = this.running;
      await seen;
    }
  }

  /** Re-indexes soon (typing in a catalog); a running pass stops at its next slice. */
  scheduleReindex(delay: number): void {
    if (this.reindexTimer) clearTimeout(this.reindexTimer);
    this.generation++;
    this.reindexTimer = setTimeout(() => {
      this.reindexTimer = undefined;
      void this.indexWorkspace();
    }, delay);
  }

  /** What the walk or the catalog reads found wrong with a path (shown once Validate Workspace asks for every file). */
  problemsAt(path: string): FileDiagnostic[] | undefined {
    return this.unreadablePaths.get(path) ?? this.catalogProblems.get(path);
  }

  /** The paths with such problems. */
  problemPaths(): string[] {
    return [...this.unreadablePaths.keys(), ...this.catalogProblems.keys()];
  }

  private async run(generation: number): Promise<void> {
    const superseded = (): boolean => generation !== this.generation;
    if (superseded()) return;
    const started = performance.now();
    const progress = this.paths.folders.length > 0 ? await this.host.createProgress() : undefined;
    progress?.begin(l10n.t('Indexing meeting records'), 0, l10n.t('Looking for record files…'));
    try {
      const found = await this.walkFolders(superseded);
      if (!found || superseded()) return;
      await this.loadCatalogs(found.catalogs);
      const wanted = new Set(found.records);
      const affected = new Set<string>();
      const note = (keys: Iterable<string>): void => {
        for (const k of keys) affected.add(k);
      };
      for (const key of this.index.diskKeys()) if (!wanted.has(key)) note(this.index.delete(key, 'disk'));
      const jobs: FileJob[] = [];
      for (const key of found.records) jobs.push(this.jobOf(key, await this.settingsOf(key)));
      let done = 0;
      let lastReport = performance.now();
      const onVerdict = (job: FileJob, verdict: FileVerdict<IndexedRecord>): void => {
        note(this.store(job.path, verdict));
        done++;
        if (progress && performance.now() - lastReport > 200) {
          lastReport = performance.now();
          progress.report(Math.floor((done / jobs.length) * 100), l10n.t('{0} of {1} files', formatNumber(done), formatNumber(jobs.length)));
        }
      };
      if (!(await this.judge('index', jobs, superseded, onVerdict))) return;
      this.host.log.info(`Indexed ${jobs.length} record files in ${Math.round(performance.now() - started)} ms (heap ${Math.round(process.memoryUsage().heapUsed / 2 ** 20)} MB)`);
      // Every open document may have gained or lost a duplicate id, and every unreadable path changed.
      note(this.host.openKeys());
      note(this.problemPaths());
      this.host.republish(affected);
    } finally {
      progress?.done();
    }
  }

  /**
   * Judges files on worker threads when there are many (and a worker
   * script), the rest on this thread in slices, so the editor's requests are
   * answered between them. False when cancelled.
   */
  private async judge<D extends 'index' | 'values'>(
    detail: D,
    jobs: readonly FileJob[],
    cancelled: () => boolean,
    onVerdict: (job: FileJob, verdict: FileVerdict<RecordsOf<D>>) => void,
  ): Promise<boolean> {
    let left = jobs;
    if (this.options.workerScript && jobs.length >= WORKER_THRESHOLD) {
      const stats = await judgeInPool({
        script: this.options.workerScript,
        workers: Math.max(1, Math.min(4, os.availableParallelism())),
        settings: this.analyseSettings(detail),
        jobs,
        // Workers as small as they can be: the editor's own process pays for their memory.
        resourceLimits: { maxYoungGenerationSizeMb: 16 },
        isCancelled: cancelled,
        onVerdict: (index, verdict) => {
          // The workers ran these settings: their verdicts carry this detail's records.
          if (!cancelled()) onVerdict(jobs[index], verdict as FileVerdict<RecordsOf<D>>);
        },
      });
      left = stats.left.map((i) => jobs[i]);
    }
    const pause = slicer();
    for (const job of left) {
      if (cancelled()) return false;
      onVerdict(job, this.analyzerFor(detail).analyse(job));
      await pause();
    }
    return !cancelled();
  }

  /** Every folder's record and catalog files, walked in slices; undefined when superseded. */
  private async walkFolders(superseded: () => boolean): Promise<FoundFiles | undefined> {
    const found = new FoundFiles();
    const matchers: Array<{ matcher: FileMatcher; useIgnoreFiles: boolean }> = [];
    const pause = slicer();
    for (const folder of this.paths.folders) {
      const settings = await this.settings.get(pathToUri(folder));
      const matcher = new FileMatcher(folder, settings.recordGlobs, this.options.trusted ? settings.catalogPaths : []);
      matchers.push({ matcher, useIgnoreFiles: settings.useIgnoreFiles });
      for (const _folderRead of walkFolder(folder, matcher.rules(settings.useIgnoreFiles), found)) {
        if (superseded()) return undefined;
        await pause();
      }
      // Catalog files named in settings are read wherever they are, as a file given to the CLI is.
      for (const named of matcher.namedCatalogs) found.add('catalog', named, named);
    }
    this.paths.setMatchers(matchers);
    this.unreadablePaths = new Map(found.unreadable.map((u) => [u.path, [ioDiagnostic(u.message)]]));
    return found;
  }

  /** Stores one verdict; returns the other files whose cross-file diagnostics may change. */
  private store(key: string, verdict: FileVerdict<IndexedRecord>): Set<string> {
    if (verdict.failure) this.host.log.error(`Internal error while validating ${key}: ${verdict.failure}`);
    // A file that is gone has nothing to show; one that cannot be read shows why (as the CLI reports it).
    if (verdict.gone) return this.index.delete(key, 'disk');
    return this.index.set(fromVerdict(key, this.paths.uriOf(key), verdict), 'disk');
  }

  private async loadCatalogs(files: readonly string[]): Promise<void> {
    this.catalogs.clearDisk();
    this.catalogProblems = new Map();
    for (const file of this.options.trusted ? files : []) {
      const read = readCatalogFile(file);
      if (read.kind === 'problem') this.catalogProblems.set(file, [read.diagnostic]);
      else this.catalogs.set(file, this.paths.uriOf(file), read.text, 'disk');
      await yieldToEventLoop();
    }
    this.catalogs.rebuild();
    this.host.catalogsRebuilt();
  }

  /** Judges files again from disk (after a watcher event or a close); a file the walk would not take leaves the index. */
  async reload(keys: readonly string[]): Promise<void> {
    const affected = new Set<string>();
    for (const key of keys) {
      if (this.paths.takes(key) === 'record') {
        const settings = await this.settingsOf(key);
        for (const k of this.store(key, this.analyzer().analyse(this.jobOf(key, settings)))) affected.add(k);
      } else {
        for (const k of this.index.delete(key, 'disk')) affected.add(k);
      }
      affected.add(key);
    }
    this.host.republish(affected);
  }

  private jobOf(key: string, settings: MeetingRecordsSettings): FileJob {
    return { path: key, maxFileSize: settings.maxFileSize, severity: settings.severity, articleRoot: this.paths.folderOf(key) };
  }

  private settingsOf(key: string): Promise<MeetingRecordsSettings> {
    return this.settings.get(this.paths.scopeOf(key));
  }

  private analyseSettings<D extends Detail>(detail: D): AnalyseSettings<D> {
    return { catalogs: this.catalogs.workspaceTexts(), detail, fastPath: false, hashes: false, maxFileSizeName: maxFileSizeSetting(), locale: currentLocale() };
  }

  /** The in-process analyzers, over the catalog the server validates open documents against. */
  private current(): NonNullable<Indexer['inProcess']> {
    if (this.inProcess?.generation !== this.catalogs.generation) {
      this.inProcess = { generation: this.catalogs.generation, analyzer: new FileAnalyzer(this.analyseSettings('index'), undefined, this.catalogs.catalog) };
    }
    return this.inProcess;
  }

  private analyzer(): FileAnalyzer<'index'> {
    return this.current().analyzer;
  }

  private analyzerFor<D extends 'index' | 'values'>(detail: D): FileAnalyzer<D> {
    const current = this.current();
    if (detail === 'index') return current.analyzer as FileAnalyzer<D>;
    current.values ??= new FileAnalyzer(this.analyseSettings('values'), undefined, this.catalogs.catalog);
    // TypeScript cannot narrow D through the comparison above.
    return current.values as FileAnalyzer<D>;
  }

  /**
   * Closed files judged again from disk with their records' values (for an
   * export: the index keeps no values), by the reader, catalog and settings
   * their index entries were made with, on worker threads when there are
   * many. False when cancelled.
   */
  async judgeValues(keys: readonly string[], cancelled: () => boolean, onVerdict: (key: string, verdict: FileVerdict<ValuedRecord>) => void): Promise<boolean> {
    const jobs: FileJob[] = [];
    for (const key of keys) jobs.push(this.jobOf(key, await this.settingsOf(key)));
    return this.judge('values', jobs, cancelled, (job, verdict) => onVerdict(job.path, verdict));
  }

  /** `workspace/didChangeWatchedFiles`: files created, changed or deleted on disk. */
  async watchedFilesChanged(changes: ReadonlyArray<{ uri: string; type: 1 | 2 | 3 }>, isDirectory: (file: string) => Promise<boolean>): Promise<void> {
    const reload = new Set<string>();
    let reindex = false;
    const affected = new Set<string>();
    for (const change of changes) {
      const file = uriToPath(change.uri);
      if (!file) continue;
      this.paths.remember(file, change.uri);
      if (change.type === 3) {
        // Deleted: the file, or a whole folder with everything under it.
        const prefix = file + path.sep;
        for (const key of this.index.diskKeys()) {
          if (key === file || key.startsWith(prefix)) {
            for (const k of this.index.delete(key, 'disk')) affected.add(k);
            affected.add(key);
          }
        }
        if (this.catalogs.delete(file, 'disk')) reindex = true;
        continue;
      }
      const kind = this.paths.takes(file);
      if (kind === 'catalog' && this.options.trusted) reindex = true;
      else if (kind === 'record') reload.add(file);
      // A folder appeared, or a .gitignore changed what the walk takes: index it all again.
      else if (path.basename(file) === '.gitignore' || (change.type === 1 && (await isDirectory(file)))) reindex = true;
    }
    this.host.republish(affected);
    if (reindex) {
      this.scheduleReindex(0);
      return;
    }
    await this.reload([...reload]);
  }

  dispose(): void {
    if (this.reindexTimer) clearTimeout(this.reindexTimer);
    this.generation++;
  }
}
