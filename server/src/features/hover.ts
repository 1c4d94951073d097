import { MarkupKind, type Hover } from 'vscode-languageserver';
import { resolvedEntry, type CatalogIndex } from '../core/catalog';
import type { MentionKind } from '../core/rules';
import type { Position, Range } from '../core/types';
import type { FileAnalysis, LocatedMention } from '../core/validate';
import { readSeries } from '../core/timeline';
import { documentCard, escapeMarkdown, mechanismCard, partyCard, recordLinks, seriesCard, type RecordLink } from './cards';
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

export function hover(input: HoverInput): Hover | null {
  const map = input.toEditor ?? ((r: Range) => r);
  const mention = mentionAt(input.analysis, input.position);
  if (mention) {
    const value = mentionCard(input, mention);
    return value ? { contents: { kind: MarkupKind.Markdown, value }, range: map(mention.range) } : null;
  }
  const offset = input.analysis.lineIndex.offsetAt(input.position);
  const hit = nodeAt(input.analysis, offset);
  if (!hit) return null;
  const range = map(input.analysis.lineIndex.rangeOf(hit.span));
  if (hit.isKey) {
    const description = describeKey(hit.path);
    if (!description) return null;
    return { contents: { kind: MarkupKind.Markdown, value: `**${escapeMarkdown(String(hit.path[hit.path.length - 1]))}**\n\n${description}` }, range };
  }
  const series = hit.path.length === 1 && hit.path[0] === 'series' ? readSeries(hit.value, input.catalog) : undefined;
  if (series) return { contents: { kind: MarkupKind.Markdown, value: seriesCard(series) }, range };
  const values = enumValues(schemaAt(hit.path));
  const match = values.find((v) => v.value === String(hit.value));
  if (match && values.length > 1) {
    const text = `**${escapeMarkdown(match.value)}**${match.description ? `\n\n${match.description}` : ''}`;
    return { contents: { kind: MarkupKind.Markdown, value: text }, range };
  }
  return null;
}

function mentionCard(input: HoverInput, mention: LocatedMention): string | undefined {
  const { catalog } = input;
  if (mention.kind === 'party') {
    const resolution = catalog.resolveParty(mention.name);
    if (resolution.kind === 'unknown') return unknownCard('party', mention.name, resolution.suggestions);
    if (resolution.kind === 'ambiguous') return ambiguousCard(mention.name, resolution.candidates.map((c) => c.name));
    const links = input.recordsMentioning('party', resolution.entry.name);
    return `${partyCard(resolution.entry, catalog)}\n\n---\n\n${recordLinks('Mentioned in', links)}`;
  }
  if (mention.kind === 'mechanism') {
    const resolution = catalog.resolveMechanism(mention.name);
    if (resolution.kind === 'unknown') return unknownCard('mechanism', mention.name, resolution.suggestions);
    if (resolution.kind === 'ambiguous') return ambiguousCard(mention.name, resolution.candidates.map((c) => c.name));
    const links = input.recordsMentioning('mechanism', resolution.entry.name);
    return `${mechanismCard(resolution.entry, catalog)}\n\n---\n\n${recordLinks('Used by', links)}`;
  }
  const document = resolvedEntry(catalog.resolveDocument(mention.name));
  const links = input.recordsMentioning('document', document ? document.title : mention.name);
  const card = document ? documentCard(document) : `**${escapeMarkdown(mention.name)}**\n\nDocument not in the catalog.`;
  return `${card}\n\n---\n\n${recordLinks('Cited by', links)}`;
}

function ambiguousCard(name: string, candidates: readonly string[]): string {
  return `**${escapeMarkdown(name)}**\n\nAmbiguous: this could be ${candidates.map((c) => `**${escapeMarkdown(c)}**`).join(' or ')}. Write the canonical name of the one you mean.`;
}

function unknownCard(kind: string, name: string, suggestions: readonly string[]): string {
  const hint = suggestions.length ? `\n\nDid you mean ${suggestions.map((s) => `**${escapeMarkdown(s)}**`).join(', ')}?` : '';
  return `**${escapeMarkdown(name)}**\n\nUnknown ${kind}: not in the catalog.${hint}`;
}
