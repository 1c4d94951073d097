import type { CatalogIndex } from '../core/catalog';
import { EXPORT_FORMATS, exportRecords, isExportFormat, selectExportable, type ExportFormat, type ExportSourceFile } from '../core/export';
import type { ExportRecordsParams, ExportRecordsResult } from '../protocol';

/** One record file as the export reads it, with the URI the client knows it by. */
export interface ExportSource extends ExportSourceFile {
  uri: string;
}

export interface ExportInput {
  format: ExportFormat;
  /** The files, in the order the export lists them. */
  sources: readonly ExportSource[];
  catalog: CatalogIndex;
  generatedAt: Date;
}

/**
 * The "Export Records…" answer: the same selection and exporters as
 * `meeting-records export` (core/export), with the records left out named
 * by URI so the client can show where they are.
 */
export function exportSources({ format, sources, catalog, generatedAt }: ExportInput): ExportRecordsResult {
  // File by file, so each record left out keeps its own URI even where two folders hold the same relative name.
  const selections = sources.map((source) => ({ uri: source.uri, selection: selectExportable([source]) }));
  const records = selections.flatMap(({ selection }) => selection.records);
  return {
    text: exportRecords(format, records, { catalog, generatedAt }),
    records: records.length,
    files: sources.length,
    errors: sources.reduce((n, s) => n + s.diagnostics.filter((d) => d.severity === 'error').length, 0),
    skipped: selections.flatMap(({ uri, selection }) => selection.skipped.map(({ line, id }) => (id === undefined ? { uri, line } : { uri, line, id }))),
    unread: selections.filter(({ selection }) => selection.unread.length > 0).map(({ uri }) => uri),
  };
}

/** What answering the request needs of the server. */
export interface ExportRequestHost {
  /** The files to export (Workspace.exportSources); undefined when cancelled. */
  sources(uris: readonly string[] | undefined, onProgress: (done: number, total: number) => void, isCancelled: () => boolean): Promise<ExportSource[] | undefined>;
  catalog(): CatalogIndex;
  progress: { begin(title: string, percentage?: number, message?: string, cancellable?: boolean): void; report(percentage: number, message?: string): void; done(): void };
  isCancelled(): boolean;
  now(): Date;
}

/** How often progress is reported at most: a message per file would flood the connection. */
const PROGRESS_INTERVAL_MS = 150;

/**
 * `meetingRecords/export`: checks what a client sent (anything may arrive),
 * judges the files with progress, and exports. Undefined when cancelled.
 */
export async function answerExport(params: ExportRecordsParams, host: ExportRequestHost): Promise<ExportRecordsResult | undefined> {
  const format: unknown = params.format;
  if (!isExportFormat(format)) throw new InvalidExportParams(`format must be one of ${EXPORT_FORMATS.join(', ')}, not ${JSON.stringify(format)}`);
  const uris: unknown = params.uris;
  if (uris !== undefined && !(Array.isArray(uris) && uris.every((u) => typeof u === 'string'))) throw new InvalidExportParams('uris must be a list of URIs');
  host.progress.begin('Exporting meeting records', 0, undefined, true);
  try {
    let last = 0;
    const report = (done: number, total: number): void => {
      const now = Date.now();
      if (now - last < PROGRESS_INTERVAL_MS && done < total) return;
      last = now;
      host.progress.report(Math.floor((done / total) * 100), `${done} of ${total} files`);
    };
    const sources = await host.sources(uris, report, () => host.isCancelled());
    if (!sources) return undefined;
    return exportSources({ format, sources, catalog: host.catalog(), generatedAt: host.now() });
  } finally {
    host.progress.done();
  }
}

/** The client asked for something that is not an export: answered as InvalidParams, not as an internal failure. */
export class InvalidExportParams extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidExportParams';
  }
}
