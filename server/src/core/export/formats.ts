/**
 * The export formats, for the CLI's `--format`, the editor's quick pick and
 * the save dialog's filters alike. Plain data: the client imports it too.
 */
export const EXPORT_FORMATS = ['ics', 'csv', 'jsonld', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportFormatInfo {
  /** What the quick pick and the save dialog call it. */
  label: string;
  /** What it is for, in a few words. */
  detail: string;
  /** File name extension, without the dot. */
  extension: string;
}

export const EXPORT_FORMAT_INFO: Readonly<Record<ExportFormat, ExportFormatInfo>> = {
  ics: { label: 'iCalendar', detail: 'calendar apps: one all-day event per meeting', extension: 'ics' },
  csv: { label: 'CSV', detail: 'spreadsheets: one row per meeting, UTF-8 with BOM', extension: 'csv' },
  jsonld: { label: 'JSON-LD (schema.org)', detail: 'the web: schema.org Event objects in one @graph', extension: 'jsonld' },
  json: { label: 'JSON', detail: 'scripts and notebooks: the records as written, with file and line', extension: 'json' },
};

export function isExportFormat(value: unknown): value is ExportFormat {
  return typeof value === 'string' && (EXPORT_FORMATS as readonly string[]).includes(value);
}

/** The format a file name's extension stands for (`calendar.ics` → ics), if any. */
export function exportFormatOfFile(fileName: string): ExportFormat | undefined {
  const extension = /\.([A-Za-z]+)$/.exec(fileName)?.[1]?.toLowerCase();
  return EXPORT_FORMATS.find((f) => EXPORT_FORMAT_INFO[f].extension === extension);
}

/** The columns, in order; the header row spells them as written here. */
export const CSV_COLUMNS = [
  'id',
  'date',
  'end_date',
  'mechanism',
  'level',
  'series',
  'title',
  'title_en',
  'city',
  'country',
  'chair',
  'partners',
  'documents',
  'source_url',
  'file',
  'line',
] as const;
