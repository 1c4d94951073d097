import * as l10n from '@vscode/l10n';
import { MarkupKind, type Hover } from 'vscode-languageserver';
import { resolvedEntry, type CatalogIndex } from '../core/catalog';
import type { MentionKind } from '../core/rules';
import type { Position, Range } from '../core/types';
import type { FileAnalysis, LocatedMention } from '../core/validate';
import { readSeries } from '../core/timeline';
import { documentCard, escapeMarkdown, mechanismCard, partyCard, recordLinks, seriesCard, type RecordLink } from './cards';
import { evidenceMarkdown, type EvidenceHit } from './evidence';
import { describeKey, enumValues, schemaAt } from './schemaInfo';
import { nodeAt } from './yamlTree';

export interface HoverInput {
  analysis: FileAnalysis;
  /** Position in the analysed text. */
  position: Position;
  catalog: CatalogIndex;
  /** Records in the workspace that mention a name (canonical) of a kind. */
  recordsMentioning: (kind: MentionKind, name: string) => RecordLink[];
  toEditor?: (range: Range) => Range;
  /** The value's evidence in the record's source article, when there is some (features/evidence.ts). */
  evidence?: EvidenceHit;
}

/** The catalog name mentioned at a position, if any. */
export function mentionAt(analysis: FileAnalysis, position: Position): LocatedMention | undefined {
  for (const record of analysis.records) {
    if (!contains(record.range, position)) continue;
    for (const mention of record.mentions) if (contains(mention.range, position)) return mention;
  }
  return undefined;
}

export function contains(range: Range, p: Position): boolean {
  const afterStart = p.line > range.start.line || (p.line === range.start.line && p.character >= range.start.character);
  const beforeEnd = p.line < range.end.line || (p.line === range.end.line && p.character <= range.end.character);
  return afterStart && beforeEnd;
}

/**
 * The value's evidence in its article, then the catalog card, key
 * description or enum value under the cursor. Evidence first: a long party
 * card would push the sentence out of the hover's view, and checking a
 * drafted value against its article is what the hover is for then.
 */
export function hover(input: HoverInput): Hover | null {
  const map = input.toEditor ?? ((r: Range) => r);
  const card = cardAt(input);
  const evidence = input.evidence && { value: evidenceMarkdown(input.evidence), range: input.analysis.lineIndex.rangeOf(input.evidence.span) };
  const parts = [evidence, card].filter((p): p is HoverPart => p !== undefined);
  if (parts.length === 0) return null;
  return { contents: { kind: MarkupKind.Markdown, value: parts.map((p) => p.value).join('\n\n---\n\n') }, range: map(parts[0].range) };
}

interface HoverPart {
  value: string;
  range: Range;
}

function cardAt(input: HoverInput): HoverPart | undefined {
  const mention = mentionAt(input.analysis, input.position);
  if (mention) {
    const value = mentionCard(input, mention);
    return value ? { value, range: mention.range } : undefined;
  }
  const offset = input.analysis.lineIndex.offsetAt(input.position);
  const hit = nodeAt(input.analysis, offset);
  if (!hit) return undefined;
  const range = input.analysis.lineIndex.rangeOf(hit.span);
  if (hit.isKey) {
    const description = describeKey(hit.path);
    return description ? { value: `**${escapeMarkdown(String(hit.path[hit.path.length - 1]))}**\n\n${description}`, range } : undefined;
  }
  const series = hit.path.length === 1 && hit.path[0] === 'series' ? readSeries(hit.value, input.catalog) : undefined;
  if (series) return { value: seriesCard(series), range };
  const values = enumValues(schemaAt(hit.path));
  const match = values.find((v) => v.value === String(hit.value));
  if (match && values.length > 1) return { value: `**${escapeMarkdown(match.value)}**${match.description ? `\n\n${match.description}` : ''}`, range };
  return undefined;
}

function mentionCard(input: HoverInput, mention: LocatedMention): string | undefined {
  const { catalog } = input;
  if (mention.kind === 'party') {
    const resolution = catalog.resolveParty(mention.name);
    if (resolution.kind === 'unknown') return unknownCard('party', mention.name, resolution.suggestions);
    if (resolution.kind === 'ambiguous') return ambiguousCard(mention.name, resolution.candidates.map((c) => c.name));
    const links = input.recordsMentioning('party', resolution.entry.name);
    return `${partyCard(resolution.entry, catalog)}\n\n---\n\n${recordLinks(l10n.t('Mentioned in'), links)}`;
  }
  if (mention.kind === 'mechanism') {
    const resolution = catalog.resolveMechanism(mention.name);
    if (resolution.kind === 'unknown') return unknownCard('mechanism', mention.name, resolution.suggestions);
    if (resolution.kind === 'ambiguous') return ambiguousCard(mention.name, resolution.candidates.map((c) => c.name));
    const links = input.recordsMentioning('mechanism', resolution.entry.name);
    return `${mechanismCard(resolution.entry, catalog)}\n\n---\n\n${recordLinks(l10n.t('Used by'), links)}`;
  }
  const document = resolvedEntry(catalog.resolveDocument(mention.name));
  const links = input.recordsMentioning('document', document ? document.title : mention.name);
  const card = document ? documentCard(document) : `**${escapeMarkdown(mention.name)}**\n\n${l10n.t('Document not in the catalog.')}`;
  return `${card}\n\n---\n\n${recordLinks(l10n.t('Cited by'), links)}`;
}

function ambiguousCard(name: string, candidates: readonly string[]): string {
  const list = candidates.map((c) => `**${escapeMarkdown(c)}**`).join(` ${l10n.t('or')} `);
  return `**${escapeMarkdown(name)}**\n\n${l10n.t('Ambiguous: this could be {0}. Write the canonical name of the one you mean.', list)}`;
}

function unknownCard(kind: string, name: string, suggestions: readonly string[]): string {
  const hint = suggestions.length ? `\n\n${l10n.t('Did you mean {0}?', suggestions.map((s) => `**${escapeMarkdown(s)}**`).join(', '))}` : '';
  const unknown = kind === 'party' ? l10n.t('Unknown party: not in the catalog.') : l10n.t('Unknown mechanism: not in the catalog.');
  return `**${escapeMarkdown(name)}**\n\n${unknown}${hint}`;
}
