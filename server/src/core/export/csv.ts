/**
 * CSV (RFC 4180) through csv-stringify: a header row, one row per meeting,
 * CRLF line ends, quoting wherever a field needs it, and a UTF-8 byte order
 * mark so Excel reads Vietnamese titles as UTF-8 rather than a local code
 * page. A field that starts like a formula (`=`, `+`, `-`, `@`) is prefixed
 * with `'`, so a spreadsheet never runs what a record says.
 */
import { stringify } from 'csv-stringify/sync';
import { CSV_COLUMNS } from './formats';
import type { Meeting } from './meeting';

type CsvRow = Record<(typeof CSV_COLUMNS)[number], string | number>;

/** How several parties share one cell. */
export const CSV_LIST_SEPARATOR = '; ';

export function toCsv(meetings: readonly Meeting[]): string {
  return stringify(meetings.map(rowOf), {
    bom: true,
    header: true,
    columns: [...CSV_COLUMNS],
    record_delimiter: 'windows',
    // A lone LF or CR in a title is a line break to Excel too: quote it as RFC 4180 quotes CRLF.
    quote_record_delimiter: true,
    escape_formulas: true,
  });
}

function rowOf(m: Meeting): CsvRow {
  return {
    id: m.id,
    date: m.date,
    end_date: m.endDate ?? '',
    mechanism: m.mechanism ?? '',
    level: m.level ?? '',
    series: m.series ?? '',
    title: m.title,
    title_en: m.titleEn ?? '',
    city: m.city ?? '',
    country: m.country?.name ?? '',
    chair: m.chair?.name ?? '',
    partners: m.partners.map((p) => p.name).join(CSV_LIST_SEPARATOR),
    documents: m.documents.length,
    source_url: m.source.url ?? '',
    file: m.file,
    line: m.line,
  };
}
