import type { MentionKind } from '../core/rules';
import type { Range } from '../core/types';
import type { RecordSummary } from '../protocol';
import type { RecordLink } from '../features/cards';
import type { DocView } from './documents';
import type { RecordIndex } from './recordIndex';

/** Questions asked of the workspace index: pure functions of the index and how a key becomes a URI. */

/** Records that mention a catalog name, as links for hover cards, by id. */
export function recordsMentioning(index: RecordIndex, kind: MentionKind, name: string, uriOf: (key: string) => string): RecordLink[] {
  const links: RecordLink[] = [];
  for (const file of index.files()) {
    for (const record of file.records) {
      if (record.mentions.some((m) => m.kind === kind && m.name === name)) {
        links.push({ id: record.id, title: record.title, uri: uriOf(file.key), line: record.range.start.line });
      }
    }
  }
  return links.sort((a, b) => (a.id ?? '').localeCompare(b.id ?? ''));
}

/**
 * Every place a catalog name is mentioned. An open document's ranges go
 * through its view, which counts a BOM the way its editor does.
 */
export function mentionLocations(
  index: RecordIndex,
  kind: MentionKind,
  name: string,
  placeOf: (key: string) => { uri: string; view?: DocView },
): Array<{ uri: string; range: Range }> {
  const locations: Array<{ uri: string; range: Range }> = [];
  for (const file of index.files()) {
    const { uri, view } = placeOf(file.key);
    for (const record of file.records) {
      for (const m of record.mentions) {
        if (m.kind === kind && m.name === name) locations.push({ uri, range: view ? view.toEditor(m.range) : m.range });
      }
    }
  }
  return locations;
}

/** Every record of the workspace for the overview, newest first. */
export function listRecords(index: RecordIndex, uriOf: (key: string) => string): RecordSummary[] {
  const summaries: RecordSummary[] = [];
  for (const file of index.files()) {
    for (const record of file.records) {
      summaries.push({
        uri: uriOf(file.key),
        id: record.id ?? '',
        title: record.title ?? record.id ?? '',
        date: record.date,
        mechanism: record.mechanism,
        level: record.level,
        partners: record.partners,
        line: record.range.start.line,
        errors: record.errors,
        warnings: record.warnings,
      });
    }
  }
  return summaries.sort((a, b) => (b.date ?? '').localeCompare(a.date ?? '') || a.id.localeCompare(b.id));
}
