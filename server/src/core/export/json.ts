/**
 * Plain JSON for scripts and notebooks: an array with one entry per record,
 * `{ "file", "line", "record" }`, the record exactly as the YAML says (no
 * name made canonical, no field left out), so `pandas.json_normalize` or
 * `jq '.[].record.id'` see what the editors wrote.
 */
import type { ExportRecord } from './meeting';

export function toJson(records: readonly ExportRecord[]): string {
  return `${JSON.stringify(records.map((r) => ({ file: r.file, line: r.line, record: r.value })), null, 2)}\n`;
}
