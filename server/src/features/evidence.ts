import { quoteOf, type Grounding } from '../core/draft';
import { LineIndex } from '../core/text';
import type { Position, Range, Span } from '../core/types';
import type { FileAnalysis } from '../core/validate';
import type { EvidenceResult } from '../protocol';
import { escapeMarkdown } from './cards';
import { chunkAt, nodeAt } from './yamlTree';

/**
 * Evidence in the editor: for a record whose source article was found, the
 * sentence of the article behind the party, date or document under the
 * cursor (hover), and where it is ("Go to evidence"). The groundings come
 * from the core (core/draft/grounding.ts) through the server's article shelf.
 */

/** One record's article and groundings, as the server found them. */
export interface EvidenceSource {
  /** The article's URI and file name. */
  uri: string;
  name: string;
  text: string;
  groundings: readonly Grounding[];
}

export type EvidenceOf = (record: number) => Promise<EvidenceSource | undefined> | EvidenceSource | undefined;

export interface EvidenceInput {
  analysis: FileAnalysis;
  /** Position in the analysed text. */
  position: Position;
  evidence: EvidenceOf;
}

export interface EvidenceHit {
  source: EvidenceSource;
  grounding: Grounding;
  /** The value's span in the record file. */
  span: Span;
}

/** The grounded value at a position, if the position is on one. */
export async function evidenceAt(input: EvidenceInput): Promise<EvidenceHit | undefined> {
  const offset = input.analysis.lineIndex.offsetAt(input.position);
  const hit = nodeAt(input.analysis, offset);
  const chunk = chunkAt(input.analysis, offset);
  if (!hit || hit.isKey || !chunk) return undefined;
  // Records are the documents with content, in order.
  const record = input.analysis.chunks.filter((c) => c.hasContent).indexOf(chunk);
  const source = record >= 0 ? await input.evidence(record) : undefined;
  const grounding = source?.groundings.find((g) => samePath(g.path, hit.path));
  return source && grounding ? { source, grounding, span: hit.span } : undefined;
}

function samePath(a: ReadonlyArray<string | number>, b: ReadonlyArray<string | number>): boolean {
  return a.length === b.length && a.every((segment, i) => segment === b[i]);
}

/** Characters of the sentence a hover shows around the supporting words. */
const EXCERPT_LENGTH = 320;

/** The hover section: the article's sentence with the supporting words in bold, and a link that reveals them. */
export function evidenceMarkdown({ source, grounding }: EvidenceHit): string {
  // A code span shows its text as it is (a backslash escape would show too): only backticks must go.
  const name = `\`${source.name.replace(/`/g, '')}\``;
  if (grounding.via) return `**Not in the article** ${name}; supported by ${escapeMarkdown(grounding.via)}.`;
  if (!grounding.sentence) return `**Not in the article** ${name}.`;
  const lines = new LineIndex(source.text);
  const target = grounding.quote ?? grounding.sentence;
  const line = lines.positionAt(target.start).line + 1;
  const link = `[${grounding.supported ? 'Go to evidence' : 'Go to the sentence'}](${revealUri(source.uri, lines.rangeOf(target))})`;
  const heading = grounding.supported ? `**In the article** ${name}, line ${line} (${link}):` : `**Not in the article** ${name}. The nearest sentence, line ${line} (${link}):`;
  return `${heading}\n\n> ${excerpt(source.text, grounding.sentence, grounding.quote)}`;
}

/** A file URI whose fragment selects the range (`#L12,5-L12,20`, 1-based): VS Code's opener reveals it. */
export function revealUri(uri: string, range: Range): string {
  const at = (p: Position): string => `L${p.line + 1},${p.character + 1}`;
  return `${uri.replace(/#.*$/, '')}#${at(range.start)}-${at(range.end)}`;
}

/** The sentence on one line, escaped, the quote in bold; a long one cut to a window around the quote. */
function excerpt(text: string, sentence: Span, quote: Span | undefined): string {
  if (!quote) return escapeMarkdown(quoteOf(text, sentence, EXCERPT_LENGTH));
  const room = Math.max(0, EXCERPT_LENGTH - (quote.end - quote.start));
  const from = Math.max(sentence.start, quote.start - Math.floor(room / 2));
  const to = Math.min(sentence.end, quote.end + (room - (quote.start - from)));
  const flat = (a: number, b: number): string => escapeMarkdown(text.slice(a, b).replace(/\s+/g, ' '));
  return `${from > sentence.start ? '…' : ''}${flat(from, quote.start)}**${flat(quote.start, quote.end).trim()}**${flat(quote.end, to)}${to < sentence.end ? '…' : ''}`.trim();
}

/** "Go to evidence": where the article supports the value, or its nearest sentence. */
export function evidenceLocation({ source, grounding }: EvidenceHit): EvidenceResult | null {
  const target = grounding.quote ?? grounding.sentence;
  if (!target) return null;
  const lines = new LineIndex(source.text);
  const message = grounding.supported ? `'${grounding.value}' in ${source.name}: "${quoteOf(source.text, target, 80)}"` : `${source.name} does not support '${grounding.value}'; the nearest sentence`;
  return { uri: source.uri, range: lines.rangeOf(target), supported: grounding.supported, message };
}
