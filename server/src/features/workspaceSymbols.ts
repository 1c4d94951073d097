import { SymbolKind, type SymbolInformation } from 'vscode-languageserver';
import { foldName } from '../core/text';
import type { IndexedFile } from './workspaceIndex';

const MAX_RESULTS = 500;

/**
 * Records by id and title. The symbol's name carries both, so the editor's
 * own fuzzy filter finds a record whichever the user types; matching here is
 * accent-insensitive (`hoi nghi` finds "Hội nghị").
 */
export function workspaceSymbols(query: string, files: Iterable<IndexedFile>): SymbolInformation[] {
  const folded = foldName(query).replace(/\s+/g, '');
  const scored: Array<{ symbol: SymbolInformation; score: number }> = [];
  for (const file of files) {
    for (const record of file.records) {
      if (!record.id && !record.title) continue;
      const name = record.title && record.id ? `${record.title} (${record.id})` : (record.title ?? record.id ?? '');
      const score = folded ? matchScore(folded, foldName(`${record.id ?? ''} ${record.title ?? ''}`).replace(/\s+/g, '')) : 0;
      if (score < 0) continue;
      scored.push({
        score,
        symbol: {
          name,
          kind: SymbolKind.Event,
          containerName: [record.date, record.mechanism].filter(Boolean).join(' · ') || undefined,
          location: { uri: file.uri, range: record.range },
        },
      });
    }
  }
  scored.sort((a, b) => a.score - b.score || a.symbol.name.localeCompare(b.symbol.name));
  return scored.slice(0, MAX_RESULTS).map((s) => s.symbol);
}

/** 0 for a substring match, 1 for an in-order subsequence, -1 for no match. */
function matchScore(query: string, target: string): number {
  if (target.includes(query)) return 0;
  let j = 0;
  for (let i = 0; i < target.length && j < query.length; i++) if (target[i] === query[j]) j++;
  return j === query.length ? 1 : -1;
}
