import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Diagnostic as LspDiagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CatalogFile } from '../core/catalogFile';
import type { MentionKind } from '../core/rules';
import type { Diagnostic, Range } from '../core/types';
import type { DocumentStateParams, MeetingRecordsSettings, RecordSummary, ValidateWorkspaceResult } from '../protocol';
import type { RecordLink } from './cards';
import { CatalogSet } from './catalogs';
import { countBySeverity, toLspDiagnostics } from './diagnostics';
import { DocView, DocumentAnalyses } from './documents';
import { indexInWorkers } from './indexPool';
import type { IndexJob } from './indexWorker';
import { formatError, type Logger } from './runner';
import { SettingsStore, type ConfigurationFetcher } from './settings';
import { displayName, keyOf, pathToUri, uriToPath } from './uris';
import { FileMatcher, findFiles, readText, RecordIndex, summarize } from './workspaceIndex';
import { listRecords, mentionLocations, recordsMentioning } from './workspaceQueries';

/**
 * The server's state and its one rule: what the user is typing is validated
 * first and published at once; everything else (indexing, other files'
 * cross-file diagnostics, catalog rebuilds) happens in small slices around it.
 */

export interface ProgressReporter {
  begin(title: string, percentage?: number, message?: string): void;
  report(percentage: number, message?: string): void;
  done(): void;
}

export interface ServerHost {
  log: Logger & { info(message: string): void };
  getDocument(uri: string): TextDocument | undefined;
  allDocuments(): TextDocument[];
  publishDiagnostics(uri: string, version: number | undefined, diagnostics: LspDiagnostic[]): void;
  sendDocumentState(params: DocumentStateParams): void;
  /** Asks a pull-diagnostics client to pull again (cross-file changes). */
  refreshPullDiagnostics?(): void;
  createProgress(): Promise<ProgressReporter | undefined>;
}

export interface WorkspaceOptions {
  /** Folder of the server bundle: the bundled catalog files live at `../seeds/catalog/`. */
  bundleDir: string;
  /** The client pulls diagnostics (`textDocument/diagnostic`); nothing is pushed for open documents. */
  pullDiagnostics: boolean;
  /** Untrusted workspace: workspace catalog files are ignored. */
  trusted: boolean;
  /** Script that runs as an index worker thread (the server bundle); in-process indexing when absent. */
  workerScript?: string;
}

const INDEX_SLICE_MS = 10;
const READ_BATCH = 64;
/** Below this many files, starting worker threads costs more than it saves. */
const WORKER_THRESHOLD = 400;
const CATALOG_REINDEX_DELAY_MS = 300;
const CATALOG_PATTERN = /\.catalog\.ya?ml$/i;

async function isDirectory(file: string): Promise<boolean> {
  try {
    return (await fs.stat(file)).isDirectory();
  } catch {
    return false;
  }
}

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export class Workspace {
  readonly settings: SettingsStore;
  readonly catalogs: CatalogSet;
  readonly index = new RecordIndex();
  readonly analyses = new DocumentAnalyses();
  folders: string[] = [];
  private matchers: FileMatcher[] = [];
  private workspaceDiagnostics = false;
  private readonly pushed = new Set<string>();
  private readonly timers = new Map<string, () => void>();
  private readonly uriByKey = new Map<string, string>();
  private indexGeneration = 0;
  private indexing: Promise<void> = Promise.resolve();
  private reindexTimer: NodeJS.Timeout | undefined;
  private refreshTimer: NodeJS.Timeout | undefined;
  private readonly republishQueue = new Set<string>();
  private republishScheduled = false;

  constructor(
    private readonly host: ServerHost,
    private readonly options: WorkspaceOptions,
    fetcher: ConfigurationFetcher | undefined,
  ) {
    this.settings = new SettingsStore(fetcher);
    this.catalogs = new CatalogSet(options.bundleDir);
  }

  // ------------------------------------------------------------ names

  uriOf(key: string): string {
    return this.uriByKey.get(key) ?? (path.isAbsolute(key) ? pathToUri(key) : key);
  }

  nameOf(key: string): string {
    return displayName(key, this.folders);
  }

  isCatalogUri(uri: string): boolean {
    const file = uriToPath(uri);
    if (!file) return false;
    return CATALOG_PATTERN.test(file) || this.matchers.some((m) => m.kindOf(file) === 'catalog');
  }

  private scopeOf(key: string): string | undefined {
    const folder = this.folders.find((f) => key === f || key.startsWith(f + path.sep));
    return folder ? pathToUri(folder) : undefined;
  }

  // ------------------------------------------------------------ open documents

  /**
   * Text changed (or the document opened): validate as soon as the messages
   * already received are handled. JSON-RPC handles one message per turn of the
   * event loop, and validation waits two turns, so a burst of changes (all the
   * keystrokes that arrived while the last validation ran) costs one
   * validation, while the first keystroke after a pause is validated at once.
   */
  changed(doc: TextDocument): void {
    const key = keyOf(doc.uri);
    this.uriByKey.set(key, doc.uri);
    if (this.isCatalogUri(doc.uri)) {
      if (this.options.trusted) this.schedule(doc.uri, 0, () => this.catalogDocumentChanged(doc.uri));
      return;
    }
    this.schedule(doc.uri, 0, () => this.validateOpen(doc.uri));
  }

  closed(uri: string): void {
    this.cancel(uri);
    this.analyses.delete(uri);
    this.settings.forget(uri);
    const key = keyOf(uri);
    if (this.isCatalogUri(uri)) {
      if (this.catalogs.delete(key, 'open')) this.catalogsChanged();
      this.clearPushed(uri);
      return;
    }
    this.openIndexed.delete(key);
    this.lineCache.delete(uri);
    const affected = this.index.delete(key, 'open');
    this.queueRepublish(affected);
    void this.reloadFromDisk([key]).then(() => this.publishFile(key));
  }

  private schedule(uri: string, delay: number, work: () => Promise<void> | void): void {
    this.cancel(uri);
    const run = (): void => {
      this.timers.delete(uri);
      Promise.resolve()
        .then(work)
        .catch((error: unknown) => this.host.log.error(formatError(`Validating ${uri}`, error)));
    };
    if (delay <= 0) {
      let handle = setImmediate(() => {
        handle = setImmediate(run);
      });
      this.timers.set(uri, () => clearImmediate(handle));
    } else {
      const handle = setTimeout(run, delay);
      this.timers.set(uri, () => clearTimeout(handle));
    }
  }

  private cancel(uri: string): void {
    this.timers.get(uri)?.();
    this.timers.delete(uri);
  }

  /** The analysed current version of an open record document. */
  async view(uri: string): Promise<DocView | undefined> {
    const doc = this.host.getDocument(uri);
    if (!doc) return undefined;
    const settings = await this.settings.get(uri);
    const current = this.host.getDocument(uri) ?? doc;
    return this.viewOf(current, settings);
  }

  /** A file's view whether open or not: a closed file is read from disk and analysed once. */
  async viewOrRead(uri: string): Promise<DocView | undefined> {
    const open = await this.view(uri);
    if (open) return open;
    const file = uriToPath(uri);
    const text = file ? await readText(file) : undefined;
    if (text === undefined) return undefined;
    const settings = await this.settings.get(uri);
    const analysis = this.catalogs.validator.validate(text, { maxFileSize: settings.maxFileSize, severity: settings.severity });
    return new DocView(uri, -1, analysis, text.charCodeAt(0) === 0xfeff ? 1 : 0);
  }

  /** Every diagnostic of an analysed document, cross-file ones included, as published. */
  async diagnosticsOf(view: DocView): Promise<Diagnostic[]> {
    const settings = await this.settings.get(view.uri);
    return this.fileDiagnostics(keyOf(view.uri), view.analysis.diagnostics, settings);
  }

  /** Lines of an open document without validating it (completion needs only text), BOM removed. */
  linesOf(uri: string): { lines: string[]; bomShift: 0 | 1; version: number; length: number } | undefined {
    const doc = this.host.getDocument(uri);
    if (!doc) return undefined;
    const cached = this.lineCache.get(uri);
    if (cached && cached.version === doc.version) return cached;
    const text = doc.getText();
    const bomShift: 0 | 1 = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    const entry = { lines: (bomShift ? text.slice(1) : text).split(/\r\n|\r|\n/), bomShift, version: doc.version, length: text.length };
    this.lineCache.set(uri, entry);
    return entry;
  }

  private readonly lineCache = new Map<string, { lines: string[]; bomShift: 0 | 1; version: number; length: number }>();

  private viewOf(doc: TextDocument, settings: MeetingRecordsSettings): DocView {
    return this.analyses.get(doc.uri, doc.version, doc.getText(), this.catalogs.validator, this.catalogs.generation, {
      maxFileSize: settings.maxFileSize,
      severity: settings.severity,
    });
  }

  private async validateOpen(uri: string): Promise<void> {
    const doc = this.host.getDocument(uri);
    if (!doc) return;
    const settings = await this.settings.get(uri);
    const current = this.host.getDocument(uri);
    // A newer version arrived while settings were fetched: its own run publishes.
    if (!current || current.version !== doc.version) return;
    const view = this.viewOf(current, settings);
    this.updateOpenIndex(current.uri, view);
    this.publishOpen(current, view, settings);
  }

  private updateOpenIndex(uri: string, view: DocView): void {
    const key = keyOf(uri);
    if (this.openIndexed.get(key) === view) return;
    this.openIndexed.set(key, view);
    this.queueRepublish(this.index.set(summarize(key, uri, view.analysis, false), 'open'));
  }

  /** The analysis each open document's index entry was made from (for its ranges). */
  private readonly openIndexed = new Map<string, DocView>();

  /** All diagnostics of a record file: its own and the cross-file ones. */
  private fileDiagnostics(key: string, own: readonly Diagnostic[], settings: MeetingRecordsSettings): Diagnostic[] {
    if (!settings.validate.enable) return [];
    return [...own, ...this.index.duplicateDiagnostics(key, settings.severity, (k) => this.nameOf(k))];
  }

  private publishOpen(doc: TextDocument, view: DocView, settings: MeetingRecordsSettings): void {
    const key = keyOf(doc.uri);
    const diagnostics = this.fileDiagnostics(key, view.analysis.diagnostics, settings);
    if (this.options.pullDiagnostics) {
      this.clearPushed(doc.uri);
    } else {
      this.host.publishDiagnostics(doc.uri, doc.version, this.toLsp(doc.uri, diagnostics, view));
      this.pushed.add(doc.uri);
    }
    const counts = countBySeverity(diagnostics);
    this.host.sendDocumentState({
      uri: doc.uri,
      version: doc.version,
      records: view.analysis.records.length,
      errors: counts.errors,
      warnings: counts.warnings,
      skipped: !settings.validate.enable ? 'Validation is turned off (meetingRecords.validate.enable)' : view.analysis.skipped,
    });
  }

  toLsp(uri: string, diagnostics: readonly Diagnostic[], view?: DocView): LspDiagnostic[] {
    return toLspDiagnostics(diagnostics, { uri, uriOf: (k) => this.uriOf(k), toEditor: view ? (r: Range) => view.toEditor(r) : undefined });
  }

  /** `textDocument/diagnostic`: the current version's diagnostics, computed now if need be. */
  async pullDiagnostics(uri: string): Promise<LspDiagnostic[]> {
    const doc = this.host.getDocument(uri);
    if (!doc) return [];
    const settings = await this.settings.get(uri);
    const current = this.host.getDocument(uri) ?? doc;
    const key = keyOf(uri);
    if (this.isCatalogUri(uri)) {
      const file = this.catalogs.get(key);
      return file ? this.toLsp(uri, file.diagnostics) : [];
    }
    const view = this.viewOf(current, settings);
    this.updateOpenIndex(uri, view);
    return this.toLsp(uri, this.fileDiagnostics(key, view.analysis.diagnostics, settings), view);
  }

  private clearPushed(uri: string): void {
    if (this.pushed.delete(uri)) this.host.publishDiagnostics(uri, undefined, []);
  }

  // ------------------------------------------------------------ republishing other files

  private queueRepublish(keys: Iterable<string>): void {
    let any = false;
    for (const key of keys) {
      this.republishQueue.add(key);
      any = true;
    }
    if (!any || this.republishScheduled) return;
    this.republishScheduled = true;
    setImmediate(() => {
      this.republishScheduled = false;
      const keys = [...this.republishQueue];
      this.republishQueue.clear();
      for (const key of keys) void this.publishFile(key).catch((e: unknown) => this.host.log.error(formatError('Publishing', e)));
      if (this.options.pullDiagnostics && keys.some((k) => this.host.getDocument(this.uriOf(k)))) this.refreshSoon();
    });
  }

  private refreshSoon(): void {
    if (this.refreshTimer || !this.host.refreshPullDiagnostics) return;
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      this.host.refreshPullDiagnostics?.();
    }, 20);
  }

  /** Publishes a file's diagnostics again: an open one from its analysis, a closed one from the index. */
  private async publishFile(key: string): Promise<void> {
    const uri = this.uriOf(key);
    const doc = this.host.getDocument(uri);
    if (doc) {
      if (this.isCatalogUri(uri)) return;
      const settings = await this.settings.get(uri);
      const current = this.host.getDocument(uri);
      if (!current) return;
      // The analysis of the current version under the current catalog and settings (cached when unchanged).
      const view = this.viewOf(current, settings);
      this.updateOpenIndex(uri, view);
      this.publishOpen(current, view, settings);
      return;
    }
    const file = this.index.get(key);
    const settings = await this.settings.get(this.scopeOf(key));
    if (!file || !this.workspaceDiagnostics || !settings.validate.enable) {
      this.clearPushed(uri);
      return;
    }
    this.host.publishDiagnostics(uri, undefined, this.toLsp(uri, this.fileDiagnostics(key, file.diagnostics, settings)));
    this.pushed.add(uri);
  }

  // ------------------------------------------------------------ the workspace index

  setFolders(folders: string[]): void {
    this.folders = [...new Set(folders.map((f) => path.normalize(f)))];
  }

  /** (Re)indexes every folder. A newer call supersedes a running one at its next slice. */
  indexWorkspace(): Promise<void> {
    const generation = ++this.indexGeneration;
    const run = this.indexing.catch(() => undefined).then(() => this.runIndex(generation));
    this.indexing = run.catch((error: unknown) => this.host.log.error(formatError('Indexing the workspace', error)));
    return this.indexing;
  }

  /** Resolves when no indexing is running or queued. */
  async whenIndexed(): Promise<void> {
    if (this.reindexTimer) {
      // A re-index is waiting for typing in a catalog to pause: whoever needs the index now runs it now.
      clearTimeout(this.reindexTimer);
      this.reindexTimer = undefined;
      void this.indexWorkspace();
    }
    let seen: Promise<void> | undefined;
    while (seen !== this.indexing) {
      seen = this.indexing;
      await seen;
    }
  }

  private async runIndex(generation: number): Promise<void> {
    const superseded = (): boolean => generation !== this.indexGeneration;
    if (superseded()) return;
    const started = performance.now();
    const progress = this.folders.length > 0 ? await this.host.createProgress() : undefined;
    progress?.begin('Indexing meeting records', 0, 'Looking for record files…');
    try {
      const matchers: FileMatcher[] = [];
      for (const folder of this.folders) {
        const settings = await this.settings.get(pathToUri(folder));
        const globs = settings.recordGlobs;
        matchers.push(new FileMatcher(folder, globs, this.options.trusted ? settings.catalogPaths : []));
      }
      this.matchers = matchers;
      const found = await Promise.all(matchers.map((m) => findFiles(m, superseded)));
      if (superseded()) return;
      await this.loadCatalogs(this.options.trusted ? [...new Set(found.flatMap((f) => f.catalogs))].sort() : []);
      const records = [...new Set(found.flatMap((f) => f.records))];
      const wanted = new Set(records);
      const affected = new Set<string>();
      for (const key of this.index.diskKeys()) if (!wanted.has(key)) for (const k of this.index.delete(key, 'disk')) affected.add(k);
      let done = 0;
      let lastReport = performance.now();
      const report = (): void => {
        if (progress && performance.now() - lastReport > 200) {
          lastReport = performance.now();
          progress.report(Math.floor((done / records.length) * 100), `${done} of ${records.length} files`);
        }
      };
      const jobs: IndexJob[] = [];
      for (const key of records) {
        const settings = await this.settings.get(this.scopeOf(key));
        jobs.push({ key, uri: this.uriOf(key), maxFileSize: settings.maxFileSize, severity: settings.severity });
      }
      let remaining: IndexJob[] = jobs;
      if (this.options.workerScript && jobs.length >= WORKER_THRESHOLD) {
        const threads = Math.max(1, Math.min(4, os.availableParallelism()));
        remaining = await indexInWorkers(this.options.workerScript, threads, this.catalogs.workspaceTexts(), jobs, (results) => {
          if (superseded()) return;
          for (const { key, file } of results) {
            for (const k of file ? this.index.set(file, 'disk') : this.index.delete(key, 'disk')) affected.add(k);
          }
          done += results.length;
          report();
        }, superseded);
      }
      let sliceStart = performance.now();
      for (let i = 0; i < remaining.length; i += READ_BATCH) {
        if (superseded()) return;
        const batch = remaining.slice(i, i + READ_BATCH);
        const texts = await Promise.all(batch.map((job) => readText(job.key)));
        for (let j = 0; j < batch.length; j++) {
          if (superseded()) return;
          const key = batch[j].key;
          const text = texts[j];
          if (text === undefined) {
            for (const k of this.index.delete(key, 'disk')) affected.add(k);
          } else {
            for (const k of await this.indexText(key, text)) affected.add(k);
          }
          done++;
          if (performance.now() - sliceStart > INDEX_SLICE_MS) {
            await yieldToEventLoop();
            sliceStart = performance.now();
          }
        }
        report();
      }
      if (superseded()) return;
      this.host.log.info(`Indexed ${records.length} record files in ${Math.round(performance.now() - started)} ms (heap ${Math.round(process.memoryUsage().heapUsed / 2 ** 20)} MB)`);
      // Every open document and every published file may have gained or lost a duplicate id.
      for (const doc of this.host.allDocuments()) affected.add(keyOf(doc.uri));
      if (this.workspaceDiagnostics) for (const file of this.index.files()) affected.add(file.key);
      this.queueRepublish(affected);
    } finally {
      progress?.done();
    }
  }

  /** Validates a closed file's text into the disk layer of the index. */
  private async indexText(key: string, text: string): Promise<Set<string>> {
    const settings = await this.settings.get(this.scopeOf(key));
    const analysis = this.catalogs.indexValidator.validate(text, { maxFileSize: settings.maxFileSize, severity: settings.severity });
    return this.index.set(summarize(key, this.uriOf(key), analysis), 'disk');
  }

  private async loadCatalogs(files: string[]): Promise<void> {
    this.catalogs.clearDisk();
    const texts = await Promise.all(files.map((f) => readText(f)));
    files.forEach((file, i) => {
      const text = texts[i];
      if (text !== undefined) this.catalogs.set(file, this.uriOf(file), text, 'disk');
    });
    this.catalogs.rebuild();
    this.revalidateOpen();
  }

  /** Re-reads files from disk into the index (after a watcher event or a close). */
  private async reloadFromDisk(keys: string[]): Promise<void> {
    const affected = new Set<string>();
    for (const key of keys) {
      const file = uriToPath(this.uriOf(key));
      if (!file) continue;
      const kind = this.kindOf(file);
      const text = kind === 'record' ? await readText(file) : undefined;
      const changed = text === undefined ? this.index.delete(key, 'disk') : await this.indexText(key, text);
      for (const k of changed) affected.add(k);
      affected.add(key);
    }
    this.queueRepublish(affected);
  }

  private kindOf(file: string): 'record' | 'catalog' | undefined {
    for (const matcher of this.matchers) {
      const kind = matcher.kindOf(file);
      if (kind) return kind;
    }
    // Outside every folder (or before indexing): go by the file name.
    if (CATALOG_PATTERN.test(file)) return 'catalog';
    if (/\.meeting\.ya?ml$/i.test(file)) return 'record';
    return undefined;
  }

  /** `workspace/didChangeWatchedFiles`: files created, changed or deleted on disk. */
  async watchedFilesChanged(changes: ReadonlyArray<{ uri: string; type: 1 | 2 | 3 }>): Promise<void> {
    const reload = new Set<string>();
    let catalogChanged = false;
    const affected = new Set<string>();
    for (const change of changes) {
      const file = uriToPath(change.uri);
      if (!file) continue;
      this.uriByKey.set(file, this.uriByKey.get(file) ?? change.uri);
      if (change.type === 3) {
        // Deleted: the file, or a whole folder with everything under it.
        const prefix = file + path.sep;
        for (const key of this.index.diskKeys()) {
          if (key === file || key.startsWith(prefix)) {
            for (const k of this.index.delete(key, 'disk')) affected.add(k);
            affected.add(key);
          }
        }
        if (this.catalogs.delete(file, 'disk')) catalogChanged = true;
        continue;
      }
      const kind = this.kindOf(file);
      if (kind === 'catalog' && this.options.trusted) catalogChanged = true;
      else if (kind === 'record') reload.add(file);
      else if (change.type === 1 && (await isDirectory(file))) catalogChanged = true; // a folder appeared: index it all again
    }
    this.queueRepublish(affected);
    if (catalogChanged) {
      this.scheduleReindex(0);
      return;
    }
    await this.reloadFromDisk([...reload]);
  }

  private async catalogDocumentChanged(uri: string): Promise<void> {
    const doc = this.host.getDocument(uri);
    if (!doc) return;
    const key = keyOf(uri);
    const file: CatalogFile = this.catalogs.set(key, uri, doc.getText(), 'open');
    if (!this.options.pullDiagnostics) {
      this.host.publishDiagnostics(uri, doc.version, this.toLsp(uri, file.diagnostics));
      this.pushed.add(uri);
    }
    this.catalogsChanged();
  }

  /** The catalog changed: open records are validated again now, closed ones re-indexed shortly. */
  private catalogsChanged(): void {
    this.catalogs.rebuild();
    this.revalidateOpen();
    this.scheduleReindex(CATALOG_REINDEX_DELAY_MS);
  }

  private scheduleReindex(delay: number): void {
    if (this.reindexTimer) clearTimeout(this.reindexTimer);
    this.indexGeneration++; // stop a running pass at its next slice
    this.reindexTimer = setTimeout(() => {
      this.reindexTimer = undefined;
      void this.indexWorkspace();
    }, delay);
  }

  private revalidateOpen(): void {
    for (const doc of this.host.allDocuments()) {
      if (!this.isCatalogUri(doc.uri)) this.schedule(doc.uri, 0, () => this.validateOpen(doc.uri));
    }
  }

  /** `didChangeConfiguration`: settings are fetched again, open documents re-validated, the workspace re-indexed. */
  configurationChanged(pushedSection: unknown): void {
    this.settings.changed(pushedSection);
    this.revalidateOpen();
    this.scheduleReindex(0);
  }

  // ------------------------------------------------------------ queries over the index

  /** Records that mention a catalog name, as links for hover cards. */
  recordsMentioning(kind: MentionKind, name: string): RecordLink[] {
    return recordsMentioning(this.index, kind, name, (key) => this.uriOf(key));
  }

  /** Every place a catalog name is mentioned, for references: ranges of open documents as their editors count. */
  mentionLocations(kind: MentionKind, name: string): Array<{ uri: string; range: Range }> {
    return mentionLocations(this.index, kind, name, (key) => ({ uri: this.uriOf(key), view: this.openIndexed.get(key) }));
  }

  listRecords(): RecordSummary[] {
    return listRecords(this.index, (key) => this.uriOf(key));
  }

  /** "Validate Workspace": waits for the index, then publishes every file's diagnostics and keeps them fresh. */
  async validateWorkspace(): Promise<ValidateWorkspaceResult> {
    await this.whenIndexed();
    this.workspaceDiagnostics = true;
    let errors = 0;
    let warnings = 0;
    let files = 0;
    const keys: string[] = [];
    for (const file of this.index.files()) {
      files++;
      keys.push(file.key);
      const uri = this.uriOf(file.key);
      const doc = this.host.getDocument(uri);
      const settings = await this.settings.get(doc ? uri : this.scopeOf(file.key));
      const own = doc && !this.isCatalogUri(uri) ? this.viewOf(doc, settings).analysis.diagnostics : file.diagnostics;
      const counts = countBySeverity(this.fileDiagnostics(file.key, own, settings));
      errors += counts.errors;
      warnings += counts.warnings;
    }
    for (const key of keys) await this.publishFile(key);
    return { files, errors, warnings };
  }

  /** Forgets timers so the process can exit. */
  dispose(): void {
    for (const cancel of this.timers.values()) cancel();
    this.timers.clear();
    if (this.reindexTimer) clearTimeout(this.reindexTimer);
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.indexGeneration++;
  }
}
