/**
 * Catalog facts as hover text for chips and badges. Catalog files can come
 * from a workspace, so their fields are read as defensively as records.
 */
import * as l10n from '@vscode/l10n';
import { partyKindLabel, relationshipLevel, summaryOf, type CatalogIndex, type MechanismEntry, type PartyEntry, type Resolution } from '../catalog';
import { formatDate } from './dates';
import { quoteList } from '../text';
import { humanize, textOf } from './values';

/** Names longer than this are not looked up: no real party is named so, and it bounds the work on hostile input. */
const MAX_NAME_LENGTH = 200;

export function lookUpParty(catalog: CatalogIndex, name: string): Resolution<PartyEntry> {
  return safeLookUp(name, (n) => catalog.resolveParty(n));
}

export function lookUpMechanism(catalog: CatalogIndex, name: string): Resolution<MechanismEntry> {
  return safeLookUp(name, (n) => catalog.resolveMechanism(n));
}

function safeLookUp<T>(name: string, resolve: (name: string) => Resolution<T>): Resolution<T> {
  if (name.length > MAX_NAME_LENGTH) return { kind: 'unknown', suggestions: [] };
  try {
    return resolve(name);
  } catch {
    // A broken workspace catalog must not take the preview down with it.
    return { kind: 'unknown', suggestions: [] };
  }
}

/**
 * "Japan · Nhật Bản", kind, dialogue partner since, relationship — one fact a
 * line, the way the editor's hover shows them.
 */
export function partyHoverText(entry: PartyEntry): string {
  const vietnamese = textOf(entry.name_vi);
  const kind = textOf(entry.kind);
  const joined = textOf(entry.joined);
  const since = textOf(entry.dialogue_since);
  const relationship = relationshipText(entry.relationship);
  const summary = summaryOf(entry);
  return [
    vietnamese ? `${textOf(entry.name) ?? ''} · ${vietnamese}` : textOf(entry.name),
    kind && (partyKindLabel(kind) ?? humanize(kind)),
    joined && l10n.t('ASEAN member since {0}', formatDate(joined)),
    since && l10n.t('Dialogue partner since {0}', since),
    relationship && l10n.t('Relationship: {0}', relationship),
    summary,
  ]
    .filter((line): line is string => Boolean(line))
    .join('\n');
}

function relationshipText(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return textOf(value);
  const { level, since, date } = value as { level?: unknown; since?: unknown; date?: unknown };
  const text = textOf(level);
  const when = textOf(since) ?? textOf(date);
  if (!text) return undefined;
  const name = relationshipLevel(text);
  return when ? l10n.t('{0} (since {1})', name, when) : name;
}

export function mechanismHoverText(entry: MechanismEntry): string {
  const founded = textOf(entry.founded);
  return [textOf(entry.full_name), textOf(entry.full_name_vi), founded && l10n.t('Founded {0}', founded), summaryOf(entry)]
    .filter((line): line is string => Boolean(line))
    .join('\n');
}

/** The hover for a name that the catalog does not know, with its nearest names. */
export function unknownHoverText(kind: 'party' | 'mechanism', suggestions: readonly string[]): string {
  const first = kind === 'party' ? l10n.t('Not in the catalog: unknown party.') : l10n.t('Not in the catalog: unknown mechanism.');
  return suggestions.length ? `${first}\n${l10n.t('Did you mean {0}?', suggestions.map((s) => `'${s}'`).join(', '))}` : first;
}

/** The hover for a name that folds like several catalog names: which ones, for the author to choose. */
export function ambiguousHoverText(candidates: readonly string[]): string {
  return l10n.t('Ambiguous: this could be {0}. Write the canonical name of the one you mean.', quoteList(candidates));
}
