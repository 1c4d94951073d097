import type { Location } from 'vscode-languageserver';
import type { CatalogIndex } from '../core/catalog';
import type { MentionKind } from '../core/rules';
import type { Position } from '../core/types';
import type { FileAnalysis } from '../core/validate';
import { entryOf, type EntryLocator } from './definition';
import { mentionAt } from './hover';

export interface ReferencesInput {
  analysis: FileAnalysis;
  position: Position;
  catalog: CatalogIndex;
  includeDeclaration: boolean;
  locate: EntryLocator;
  /** Every place in the workspace's records where a name (canonical) of a kind is mentioned. */
  mentions: (kind: MentionKind, name: string) => Location[];
}

/** Every record that mentions the party, mechanism or document under the cursor, whatever spelling it used. */
export function references(input: ReferencesInput): Location[] {
  const mention = mentionAt(input.analysis, input.position);
  if (!mention) return [];
  const entry = entryOf(input.catalog, mention);
  const name = entry ? ('title' in entry && mention.kind === 'document' ? entry.title : (entry as { name: string }).name) : mention.name;
  const locations = input.mentions(mention.kind, name);
  if (input.includeDeclaration && entry) {
    const place = input.locate(entry);
    if (place) locations.unshift({ uri: place.uri, range: { start: { line: place.line, character: 0 }, end: { line: place.line, character: 0 } } });
  }
  return locations;
}
