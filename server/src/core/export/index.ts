/**
 * Records out: pure functions from records (with their file and line) to
 * the text of an export. The CLI (`meeting-records export`) and the
 * language server (the "Export Records…" command) both call `exportRecords`
 * after `selectExportable`, so both publish the same thing.
 */
import type { CatalogIndex } from '../catalog';
import { toCsv } from './csv';
import type { ExportFormat } from './formats';
import { toIcs } from './ics';
import { toJson } from './json';
import { toJsonLd } from './jsonld';
import { readMeetings, type ExportRecord } from './meeting';

export * from './formats';
export * from './select';
export { CSV_LIST_SEPARATOR } from './csv';
export { UID_SUFFIX } from './ics';
export { SCHEMA_ORG_CONTEXT } from './jsonld';
export type { ExportRecord, Meeting, Party } from './meeting';

export interface ExportOptions {
  /** Party and mechanism names are published by their canonical catalog names. */
  catalog: CatalogIndex;
  /** When the export is made: the iCalendar DTSTAMP. */
  generatedAt: Date;
}

export function exportRecords(format: ExportFormat, records: readonly ExportRecord[], options: ExportOptions): string {
  switch (format) {
    case 'json':
      return toJson(records);
    case 'ics':
      return toIcs(readMeetings(records, options.catalog), { generatedAt: options.generatedAt });
    case 'csv':
      return toCsv(readMeetings(records, options.catalog));
    case 'jsonld':
      return toJsonLd(readMeetings(records, options.catalog));
  }
}
