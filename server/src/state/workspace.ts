import * as l10n from '@vscode/l10n';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Diagnostic as LspDiagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { MentionKind } from '../core/rules';
import type { Diagnostic, Range } from '../core/types';
import type { FileAnalysis } from '../core/validate';
import { ArticleShelf } from '../corpus/articles';
import { readText } from '../corpus/read';
import { applySeverity, type FileDiagnostic } from '../corpus/result';
import type { RecordLink } from '../features/cards';
import type { ExportSource } from '../features/export';
import type { EvidenceSource } from '../features/evidence';
import { countBySeverity, toLspDiagnostics } from '../features/diagnostics';
import { formatError, type Logger } from '../features/runner';
import type { DocumentStateParams, MeetingRecordsSettings, RecordSummary, ValidateWorkspaceResult } from '../protocol';
import { CatalogSet } from './catalogs';
import { DocView, DocumentAnalyses } from './documents';
import { Indexer, maxFileSizeSetting, slicer, type ProgressReporter } from './indexer';
import { WorkspacePaths } from './paths';
import { Publisher } from './publisher';
import { listRecords, mentionLocations, recordsMentioning } from './queries';
import { fromOpenAnalysis, RecordIndex } from './recordIndex';
import { SettingsStore, type ConfigurationFetcher } from './settings';
import { keyOf, pathToUri, uriToPath } from './uris';

export type { ProgressReporter } from './indexer';

/**
 * The server's state and its one rule: what the user is typing is validated
 * first and published at once; everything else (indexing, other files'
 * cross-file diagnostics, catalog rebuilds) happens in small slices around it.
 * The index itself is the Indexer's (walk → pool → index, the CLI's route);
 * publishing is the Publisher's; this class ties them to the open documents.
 */

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
  /** The worker entry (dist/worker.js) for indexing on threads; in-process indexing when absent. */
  workerScript?: string;
}

const CATALOG_REINDEX_DELAY_MS = 300;
/**
 * A document whose last validation took longer than this waits a few
 * milliseconds before the next one, so a request sent right behind a
 * keystroke, such as the completion the keystroke triggers, is answered
 * first instead of after it. Documents that validate quickly (most, and a
 * large multi-record file, whose untouched records come from the cache)
 * are validated at once.
 */
const SLOW_VALIDATION_MS = 8;
const SLOW_DOCUMENT_DELAY_MS = 4;

async function isDirectory(file: string): Promise<boolean> {
  try {
    return (await fs.stat(file)).isDirectory();
  } catch {
    return false;
  }
}

export class Workspace {
  readonly settings: SettingsStore;
  readonly catalogs: CatalogSet;
  readonly index = new RecordIndex();
  readonly analyses = new DocumentAnalyses();
  readonly paths = new WorkspacePaths();
  private readonly indexer: Indexer;
  private readonly publisher: Publisher;
  /** Validate Workspace was asked for: closed files' diagnostics are published too, and kept fresh. */
  private workspaceDiagnostics = false;
  private readonly timers = new Map<string, () => void>();
  /** The analysis each open document's index entry was made from (for its ranges). */
  private readonly openIndexed = new Map<string, DocView>();
  private readonly lineCache = new Map<string, { lines: string[]; bomShift: 0 | 1; version: number; length: number }>();
  /** How long each open document's last validation took, in milliseconds. */
  private readonly validationMs = new Map<string, number>();
  /** Source articles of records, read once while they are unchanged (the index's threads have their own). */
  private readonly articles = new ArticleShelf();
  /** Each analysis's diagnostics with the grounding rule's: publishing, pulling and the preview ask for them again. */
  private readonly grounded = new WeakMap<FileAnalysis, Diagnostic[]>();

  constructor(
    private readonly host: ServerHost,
    private readonly options: WorkspaceOptions,
    fetcher: ConfigurationFetcher | undefined,
  ) {
    this.settings = new SettingsStore(fetcher);
    this.catalogs = new CatalogSet(options.bundleDir);
    this.publisher = new Publisher(
      { ...host, formatError },
      (key) => this.publishFile(key),
      (key) => options.pullDiagnostics && this.host.getDocument(this.uriOf(key)) !== undefined,
    );
    this.indexer = new Indexer(
      {
        log: host.log,
        createProgress: () => host.createProgress(),
        republish: (keys) => this.publisher.republish(keys),
        catalogsRebuilt: () => this.revalidateOpen(),
        openKeys: () => host.allDocuments().map((d) => keyOf(d.uri)),
        formatError,
      },
      { trusted: options.trusted, workerScript: options.workerScript },
      this.paths,
      this.settings,
      this.catalogs,
      this.index,
    );
  }

  // ------------------------------------------------------------ names

  get folders(): readonly string[] {
    return this.paths.folders;
  }

  uriOf(key: string): string {
    return this.paths.uriOf(key);
  }

  isCatalogUri(uri: string): boolean {
    return this.paths.isCatalogUri(uri);
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
    this.paths.rememberLatest(key, doc.uri);
    if (this.isCatalogUri(doc.uri)) {
      if (this.options.trusted) this.schedule(doc.uri, 0, () => this.catalogDocumentChanged(doc.uri));
      return;
    }
    const slow = (this.validationMs.get(doc.uri) ?? 0) > SLOW_VALIDATION_MS;
    this.schedule(doc.uri, slow ? SLOW_DOCUMENT_DELAY_MS : 0, () => this.validateOpen(doc.uri));
  }

  closed(uri: string): void {
    this.cancel(uri);
    this.analyses.delete(uri);
    this.settings.forget(uri);
    const key = keyOf(uri);
    if (this.isCatalogUri(uri)) {
      if (this.catalogs.delete(key, 'open')) this.catalogsChanged();
      this.publisher.clear(uri);
      return;
    }
    this.openIndexed.delete(key);
    this.lineCache.delete(uri);
    this.validationMs.delete(uri);
    this.publisher.republish(this.index.delete(key, 'open'));
    // The file on disk takes the editor's place in the index (when the walk takes it), and is published from there.
    void this.indexer.reload([key]).then(() => this.publishFile(key));
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

  /** A file's view whether open or not: a closed file is read from disk (as the index reads it) and analysed once. */
  async viewOrRead(uri: string): Promise<DocView | undefined> {
    const open = await this.view(uri);
    if (open) return open;
    const file = uriToPath(uri);
    if (!file) return undefined;
    const settings = await this.settings.get(uri);
    const read = readText(file, { maxFileSize: settings.maxFileSize, maxFileSizeName: maxFileSizeSetting(), hash: false });
    if (read.kind === 'problem') return undefined;
    const analysis = this.catalogs.validator.validate(read.text, this.validateOptions(settings));
    return new DocView(uri, -1, analysis, read.text.charCodeAt(0) === 0xfeff ? 1 : 0);
  }

  /** Every diagnostic of an analysed document, cross-file ones included, as published. */
  async diagnosticsOf(view: DocView): Promise<Diagnostic[]> {
    const settings = await this.settings.get(view.uri);
    return this.fileDiagnostics(keyOf(view.uri), this.viewDiagnostics(view, settings), settings);
  }

  /**
   * One record of a view grounded in its source article (hover, Go to
   * evidence): the article as found beside the record within its workspace
   * folder, and each party's, date's and document's support in it.
   */
  async evidenceOf(view: DocView, record: number): Promise<EvidenceSource | undefined> {
    const file = uriToPath(view.uri);
    const value = view.analysis.records[record]?.value;
    if (!file || value === undefined) return undefined;
    const settings = await this.settings.get(view.uri);
    const found = this.articles.ground(file, value, this.catalogs.catalog, { root: this.paths.folderOf(keyOf(view.uri)), maxFileSize: settings.maxFileSize });
    if (!found) return undefined;
    const { article, groundings } = found;
    return { uri: pathToUri(article.file), name: path.basename(article.file), text: article.text, groundings };
  }

  /** A view's own diagnostics: the validator's and the grounding rule's (which reads the records' articles: once per analysis). */
  private viewDiagnostics(view: DocView, settings: MeetingRecordsSettings): Diagnostic[] {
    const known = this.grounded.get(view.analysis);
    if (known) return known;
    const file = uriToPath(view.uri);
    const grounded = file
      ? this.articles.diagnose(file, view.analysis, this.catalogs.catalog, { root: this.paths.folderOf(keyOf(view.uri)), maxFileSize: settings.maxFileSize, severity: settings.severity }).diagnostics
      : [];
    const all = grounded.length > 0 ? [...view.analysis.diagnostics, ...grounded] : view.analysis.diagnostics;
    this.grounded.set(view.analysis, all);
    return all;
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

  private validateOptions(settings: MeetingRecordsSettings): { maxFileSize: number; severity: MeetingRecordsSettings['severity'] } {
    return { maxFileSize: settings.maxFileSize, severity: settings.severity };
  }

  private viewOf(doc: TextDocument, settings: MeetingRecordsSettings): DocView {
    return this.analyses.get(doc.uri, doc.version, doc.getText(), this.catalogs.validator, this.catalogs.generation, this.validateOptions(settings));
  }

  private async validateOpen(uri: string): Promise<void> {
    const doc = this.host.getDocument(uri);
    if (!doc) return;
    const settings = await this.settings.get(uri);
    const current = this.host.getDocument(uri);
    // A newer version arrived while settings were fetched: its own run publishes.
    if (!current || current.version !== doc.version) return;
    const started = performance.now();
    const view = this.viewOf(current, settings);
    this.validationMs.set(uri, performance.now() - started);
    this.updateOpenIndex(current.uri, view);
    this.publishOpen(current, view, settings);
  }

  private updateOpenIndex(uri: string, view: DocView): void {
    const key = keyOf(uri);
    if (this.openIndexed.get(key) === view) return;
    this.openIndexed.set(key, view);
    this.publisher.republish(this.index.set(fromOpenAnalysis(key, uri, view.analysis), 'open'));
  }

  /** All diagnostics of a record file: its own and the cross-file ones. */
  private fileDiagnostics(key: string, own: readonly Diagnostic[], settings: MeetingRecordsSettings): Diagnostic[] {
    if (!settings.validate.enable) return [];
    return [...own, ...this.index.duplicateDiagnostics(key, settings.severity, this.paths.nameOf)];
  }

  private publishOpen(doc: TextDocument, view: DocView, settings: MeetingRecordsSettings): void {
    const diagnostics = this.fileDiagnostics(keyOf(doc.uri), this.viewDiagnostics(view, settings), settings);
    if (this.options.pullDiagnostics) this.publisher.clear(doc.uri);
    else this.publisher.push(doc.uri, doc.version, this.toLsp(doc.uri, diagnostics, view));
    const counts = countBySeverity(diagnostics);
    this.host.sendDocumentState({
      uri: doc.uri,
      version: doc.version,
      records: view.analysis.records.length,
      errors: counts.errors,
      warnings: counts.warnings,
      skipped: !settings.validate.enable ? l10n.t('Validation is turned off (meetingRecords.validate.enable)') : view.analysis.skipped,
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
    if (this.isCatalogUri(uri)) return this.toLsp(uri, this.catalogs.diagnosticsOf(key));
    const view = this.viewOf(current, settings);
    this.updateOpenIndex(uri, view);
    return this.toLsp(uri, this.fileDiagnostics(key, this.viewDiagnostics(view, settings), settings), view);
  }

  /**
   * Publishes a file's diagnostics again: an open one from its analysis; a
   * closed one from the index, or from what the walk or the catalog read
   * found wrong with its path, once Validate Workspace was asked for.
   */
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
    const settings = await this.settings.get(this.paths.scopeOf(key));
    const own = this.closedDiagnostics(key, settings);
    if (!own || !this.workspaceDiagnostics || !settings.validate.enable) {
      this.publisher.clear(uri);
      return;
    }
    this.publisher.push(uri, undefined, this.toLsp(uri, own));
  }

  /** A closed file's diagnostics as the CLI reports them: a record's (with duplicate ids), a catalog's, an unreadable path's. */
  private closedDiagnostics(key: string, settings: MeetingRecordsSettings): Diagnostic[] | undefined {
    const record = this.index.get(key);
    if (record) return this.fileDiagnostics(key, record.diagnostics, settings);
    const problems = this.indexer.problemsAt(key) ?? this.closedCatalogDiagnostics(key);
    return problems && applySeverity(problems, settings.severity);
  }

  private closedCatalogDiagnostics(key: string): FileDiagnostic[] | undefined {
    const diagnostics = this.catalogs.diagnosticsOf(key);
    return diagnostics.length > 0 ? diagnostics : undefined;
  }

  // ------------------------------------------------------------ the workspace index

  setFolders(folders: readonly string[]): void {
    this.paths.setFolders(folders);
  }

  indexWorkspace(): Promise<void> {
    return this.indexer.indexWorkspace();
  }

  whenIndexed(): Promise<void> {
    return this.indexer.whenIndexed();
  }

  /** `workspace/didChangeWatchedFiles`: files created, changed or deleted on disk. */
  watchedFilesChanged(changes: ReadonlyArray<{ uri: string; type: 1 | 2 | 3 }>): Promise<void> {
    return this.indexer.watchedFilesChanged(changes, isDirectory);
  }

  private async catalogDocumentChanged(uri: string): Promise<void> {
    const doc = this.host.getDocument(uri);
    if (!doc) return;
    this.catalogs.set(keyOf(uri), uri, doc.getText(), 'open');
    this.catalogsChanged();
    if (!this.options.pullDiagnostics) this.publisher.push(uri, doc.version, this.toLsp(uri, this.catalogs.diagnosticsOf(keyOf(uri))));
  }

  /** The catalog changed: open records are validated again now, closed ones re-indexed shortly. */
  private catalogsChanged(): void {
    this.catalogs.rebuild();
    this.revalidateOpen();
    this.indexer.scheduleReindex(CATALOG_REINDEX_DELAY_MS);
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
    this.indexer.scheduleReindex(0);
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

  /**
   * "Validate Workspace": waits for the index, then publishes every file the
   * CLI would report from the workspace folder — records, catalogs with
   * problems, unreadable paths — and keeps them fresh.
   */
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
      const settings = await this.settings.get(doc ? uri : this.paths.scopeOf(file.key));
      const own = doc && !this.isCatalogUri(uri) ? this.viewDiagnostics(this.viewOf(doc, settings), settings) : file.diagnostics;
      const counts = countBySeverity(this.fileDiagnostics(file.key, own, settings));
      errors += counts.errors;
      warnings += counts.warnings;
    }
    const others = [...this.indexer.problemPaths(), ...this.catalogs.diskKeys()].filter((k) => !this.index.get(k));
    for (const key of new Set(others)) {
      const counts = countBySeverity(this.closedDiagnostics(key, await this.settings.get(this.paths.scopeOf(key))) ?? []);
      errors += counts.errors;
      warnings += counts.warnings;
      keys.push(key);
    }
    for (const key of keys) await this.publishFile(key);
    return { files, errors, warnings };
  }

  /**
   * The record files of the workspace, or those at or under `uris`, as an
   * export reads them: an open document as the editor has it, a closed one
   * judged again from disk (the index keeps no values); each with every
   * diagnostic, cross-file ones included. In name order, judged in slices
   * so the editor's requests are answered meanwhile. Undefined when
   * cancelled.
   */
  async exportSources(uris: readonly string[] | undefined, onProgress: (done: number, total: number) => void, isCancelled: () => boolean): Promise<ExportSource[] | undefined> {
    await this.whenIndexed();
    const roots = uris?.map(keyOf);
    const wanted = (key: string): boolean => !roots || roots.some((root) => key === root || key.startsWith(root.endsWith(path.sep) ? root : root + path.sep));
    const files = [...this.index.files()]
      .filter((f) => wanted(f.key))
      .map((f) => ({ key: f.key, name: this.paths.nameOf(f.key) }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const judged = new Map<string, { records: ExportSource['records']; diagnostics: readonly Diagnostic[] }>();
    const pause = slicer();
    for (const { key } of files) {
      const doc = this.host.getDocument(this.uriOf(key));
      if (!doc) continue;
      if (isCancelled()) return undefined;
      judged.set(key, this.viewOf(doc, await this.settings.get(doc.uri)).analysis);
      onProgress(judged.size, files.length);
      await pause();
    }
    const closed = files.filter((f) => !judged.has(f.key)).map((f) => f.key);
    const complete = await this.indexer.judgeValues(closed, isCancelled, (key, verdict) => {
      judged.set(key, verdict);
      onProgress(judged.size, files.length);
    });
    if (!complete) return undefined;
    const sources: ExportSource[] = [];
    for (const { key, name } of files) {
      const found = judged.get(key);
      if (!found) continue;
      const uri = this.uriOf(key);
      const settings = await this.settings.get(this.host.getDocument(uri) ? uri : this.paths.scopeOf(key));
      sources.push({ uri, file: name, records: found.records, diagnostics: this.fileDiagnostics(key, found.diagnostics, settings) });
    }
    return sources;
  }

  /** Forgets timers so the process can exit. */
  dispose(): void {
    for (const cancel of this.timers.values()) cancel();
    this.timers.clear();
    this.indexer.dispose();
    this.publisher.dispose();
  }
}
