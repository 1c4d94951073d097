import { SymbolKind, type SymbolInformation } from 'vscode-languageserver';
import { foldName } from '../core/text';
import type { IndexedRecord } from '../corpus/result';
import type { IndexedFile } from '../state/recordIndex';

/** Enough for every record of a large workspace; the editor filters further as the user types. */
const MAX_RESULTS = 20_000;

/**
 * Records by id and title, matched accent-insensitively (`hoi nghi` finds
 * "Hội nghị"). The editor filters the answer by each symbol's name, so the
 * name is whichever of id and title the query matched (the id when both or
 * neither did), and the container shows the other.
 */
export function workspaceSymbols(query: string, files: Iterable<IndexedFile>): SymbolInformation[] {
  const folded = compact(query);
  const scored: Array<{ symbol: SymbolInformation; score: number }> = [];
  for (const file of files) {
    for (const record of file.records) {
      if (!record.id && !record.title) continue;
      const keys = foldedKeys(record);
      const idScore = folded ? matchScore(folded, keys.id) : 0;
      const titleScore = folded ? matchScore(folded, keys.title) : -1;
      if (idScore < 0 && titleScore < 0) continue;
      const byTitle = record.title !== undefined && (record.id === undefined || (titleScore >= 0 && (idScore < 0 || titleScore < idScore)));
      const name = (byTitle ? record.title : record.id) ?? '';
      const container = byTitle ? record.id : record.title;
      scored.push({
        score: Math.min(...[idScore, titleScore].filter((s) => s >= 0)),
        symbol: { name, kind: SymbolKind.Event, containerName: container, location: { uri: file.uri, range: record.range } },
      });
    }
  }
  scored.sort((a, b) => a.score - b.score || a.symbol.name.localeCompare(b.symbol.name));
  return scored.slice(0, MAX_RESULTS).map((s) => s.symbol);
}

const keyCache = new WeakMap<IndexedRecord, { id: string; title: string }>();
function foldedKeys(record: IndexedRecord): { id: string; title: string } {
  let keys = keyCache.get(record);
  if (!keys) {
    keys = { id: compact(record.id ?? ''), title: compact(record.title ?? '') };
    keyCache.set(record, keys);
  }
  return keys;
}

function compact(text: string): string {
  return foldName(text).replace(/\s+/g, '');
}

/** 0 for a substring match, 1 for an in-order subsequence, -1 for no match. */
function matchScore(query: string, target: string): number {
  if (!target) return -1;
  if (target.includes(query)) return 0;
  let j = 0;
  for (let i = 0; i < target.length && j < query.length; i++) if (target[i] === query[j]) j++;
  return j === query.length ? 1 : -1;
}
