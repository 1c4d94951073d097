import type { Location } from 'vscode-languageserver';
import { resolvedEntry, type CatalogIndex, type DocumentEntry, type MechanismEntry, type PartyEntry } from '../core/catalog';
import type { Position } from '../core/types';
import type { FileAnalysis, LocatedMention } from '../core/validate';
import { mentionAt } from './hover';

export type EntryLocator = (entry: PartyEntry | MechanismEntry | DocumentEntry) => { uri: string; line: number } | undefined;

/** The catalog entry a mention resolves to, if it is known. */
export function entryOf(catalog: CatalogIndex, mention: LocatedMention): PartyEntry | MechanismEntry | DocumentEntry | undefined {
  const resolution =
    mention.kind === 'party' ? catalog.resolveParty(mention.name)
    : mention.kind === 'mechanism' ? catalog.resolveMechanism(mention.name)
    : catalog.resolveDocument(mention.name);
  return resolvedEntry<PartyEntry | MechanismEntry | DocumentEntry>(resolution);
}

export interface DefinitionInput {
  analysis: FileAnalysis;
  position: Position;
  catalog: CatalogIndex;
  locate: EntryLocator;
}

/** Party, mechanism or document → its entry in the catalog file that defines it. */
export function definition(input: DefinitionInput): Location | null {
  const mention = mentionAt(input.analysis, input.position);
  if (!mention) return null;
  const entry = entryOf(input.catalog, mention);
  const place = entry && input.locate(entry);
  if (!place) return null;
  const at = { line: place.line, character: 0 };
  return { uri: place.uri, range: { start: at, end: at } };
}
