import * as l10n from '@vscode/l10n';
import type { RecordInfo, SeverityOverrides } from './validate';
import type { Diagnostic, Range } from './types';

/** One file's records as the cross-file rules see them. */
export interface FileRecords {
  file: string;
  records: ReadonlyArray<Pick<RecordInfo, 'id' | 'idRange'>>;
}

/**
 * `duplicate-id`: every record whose id is used elsewhere, in this file or
 * another, gets an error on its id, pointing at all the other places.
 */
export function duplicateIdDiagnostics(files: readonly FileRecords[], overrides: SeverityOverrides = {}): Map<string, Diagnostic[]> {
  const severity = overrides['duplicate-id'] ?? 'error';
  if (severity === 'off') return new Map();
  const byId = new Map<string, Array<{ file: string; range: Range }>>();
  for (const { file, records } of files) {
    for (const record of records) {
      if (!record.id || !record.idRange) continue;
      const places = byId.get(record.id) ?? [];
      places.push({ file, range: record.idRange });
      byId.set(record.id, places);
    }
  }
  const result = new Map<string, Diagnostic[]>();
  for (const [id, places] of byId) {
    if (places.length < 2) continue;
    for (const place of places) {
      const count = places.length - 1;
      const named = otherPlaces(places, place, MAX_NAMED_PLACES);
      const more = count - named.length;
      const list = result.get(place.file) ?? [];
      list.push({
        code: 'duplicate-id',
        severity,
        message: duplicateIdMessage(id, count, named.map((o) => `${o.file}:${o.range.start.line + 1}`).join(', '), more),
        range: place.range,
        related: named.map((o) => ({ file: o.file, range: o.range, message: l10n.t("'{0}' is also used here", id) })),
      });
      result.set(place.file, list);
    }
  }
  return result;
}

function duplicateIdMessage(id: string, count: number, places: string, more: number): string {
  const where = more > 0 ? l10n.t('{0}, and {1} more', places, more) : places;
  return count === 1
    ? l10n.t("Duplicate id '{0}': also used by another record ({1})", id, where)
    : l10n.t("Duplicate id '{0}': also used by {1} other records ({2})", id, count, where);
}

/**
 * Other places named in one duplicate-id diagnostic. Naming every one made
 * 1,400 records sharing an id write two million places (a 250 MB report
 * that ran the CLI out of memory); a few are enough to find the rest.
 */
export const MAX_NAMED_PLACES = 20;

function otherPlaces<T>(places: readonly T[], self: T, limit: number): T[] {
  const others: T[] = [];
  for (const p of places) {
    if (others.length >= limit) break;
    if (p !== self) others.push(p);
  }
  return others;
}
