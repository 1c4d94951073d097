import * as l10n from '@vscode/l10n';
import { resolvedEntry, type CatalogIndex, type DocumentEntry, type PartyEntry } from '../catalog';
import type { Problem } from '../problems';
import { isDict, partyPaths } from '../rules';
import { editDistance, foldName, LineIndex } from '../text';
import { readSeries } from '../timeline';
import type { Span, ValuePath } from '../types';
import { readArticle, tokensIn, type Token } from './article';
import { ALL_MEMBERS } from './assemble';
import { findDates, type DateMention } from './dates';
import { findDocuments } from './documents';
import { Gazetteer, type PartyMatch, type PlaceMatch } from './gazetteer';
import { PLACES } from './places';

/**
 * Grounding, the way back from a record to its article: which of the
 * record's parties, dates and documents the article supports, and with
 * which sentence. Drafting and grounding read the article with the same
 * extractors (sentences, the catalog as gazetteer, dates, documents), so a
 * drafted value is always supported by the words it came from. A value is
 * supported when the article names it:
 *
 * - a party: by any of its catalog names (an alias the catalog calls
 *   ambiguous only as written there; a long one-word name also misspelt by
 *   one letter); a meeting's country also by a city in it or, failing that,
 *   by the catalog's place for the record's `series`; an ASEAN member among
 *   the participants by "10 nước ASEAN";
 * - a date: by a mention that covers that day (a range does), with the same
 *   year when the mention writes one; a month (`follow_up[].date: 2018-11`)
 *   by a mention of that month;
 * - a document: by its title or an alias as the drafter finds documents, else
 *   by one sentence that holds every word of its title or of one alias
 *   (enumerations share words: "các văn kiện về … thành phố thông minh, chống
 *   khủng bố" names two documents).
 *
 * Lenient on purpose: the `not-in-article` rule is about what the article
 * does not say at all, not about how it says it. Pure: text in, spans out.
 */

export type GroundedKind = 'party' | 'date' | 'document';

export interface Grounding {
  /** The value's path in the record: ['partners', 2], ['date'], ['documents', 0, 'title']. */
  path: ValuePath;
  kind: GroundedKind;
  value: string;
  supported: boolean;
  /** The sentence that supports the value or, when none does, the nearest one; absent when nothing in the article comes near. */
  sentence?: Span;
  /** The words that support the value, inside `sentence`. */
  quote?: Span;
  /** Supported from outside the article, and by what ("the catalog: AMM-51 was held in Singapore"). */
  via?: string;
}

/** An article read once for grounding any number of records against it. */
export interface ArticleIndex {
  text: string;
  sentences: SentenceWords[];
  parties: PartyMatch[];
  places: PlaceMatch[];
  documents: DocumentSpan[];
  dates: DateMention[];
  /** "đại diện 10 nước ASEAN": every member state took part. */
  allMembers: Span[];
  /** The sentences (indexes into `sentences`) each folded word is in: names are compared with sentences by their words. */
  sentencesWith: ReadonlyMap<string, readonly number[]>;
}

interface SentenceWords extends Span {
  tokens: Token[];
  /** The folded words of the sentence, for names the gazetteer does not find whole. */
  words: ReadonlySet<string>;
}

interface DocumentSpan extends Span {
  entry?: DocumentEntry;
  folded: string;
}

export function prepareArticle(text: string, catalog: CatalogIndex): ArticleIndex {
  const article = readArticle(text);
  const names = new Gazetteer(catalog).find(text, article.tokens);
  const sentences = article.sentences.map((s): SentenceWords => {
    const tokens = tokensIn(article.tokens, s);
    return { start: s.start, end: s.end, tokens, words: new Set(tokens.map((t) => t.folded)) };
  });
  // Only what stands in a sentence is evidence: the page furniture after "(Nguồn …)" is not the report.
  const inSentence = (span: Span): boolean => sentences.some((s) => s.start <= span.start && span.end <= s.end);
  const sentencesWith = new Map<string, number[]>();
  sentences.forEach((s, i) => {
    for (const word of s.words) (sentencesWith.get(word) ?? sentencesWith.set(word, []).get(word))?.push(i);
  });
  const allMembers: Span[] = [];
  for (const s of article.sentences) {
    const match = ALL_MEMBERS.exec(s.text);
    if (match) allMembers.push({ start: s.start + match.index, end: s.start + match.index + match[0].length });
  }
  return {
    text,
    sentences,
    parties: names.allParties.filter(inSentence),
    places: names.places.filter(inSentence),
    documents: article.sentences.flatMap((s) => findDocuments(s, names, text)).map((d) => ({ start: d.start, end: d.end, entry: d.entry, folded: foldName(d.title) })),
    dates: findDates(text).filter(inSentence),
    allMembers,
    sentencesWith,
  };
}

/** Every party, date and document of a record, each with its support in the article (or the sentence nearest to it). */
export function groundRecord(record: unknown, article: string | ArticleIndex, catalog: CatalogIndex): Grounding[] {
  if (!isDict(record)) return [];
  const index = typeof article === 'string' ? prepareArticle(article, catalog) : article;
  const anchor = anchorOf(record, index);
  return [...groundParties(record, index, catalog, anchor), ...groundDates(record, index, anchor), ...groundDocuments(record, index, catalog, anchor)];
}

type Dict = Record<string, unknown>;

/**
 * Where the article reports this record's meeting: the sentence most like its
 * title (drafted titles are the article's words), else the first mention of
 * its date. A name the article mentions many times is shown where it is
 * nearest to that report: in an article of four sessions, Japan's.
 */
function anchorOf(record: Dict, index: ArticleIndex): Span | undefined {
  if (typeof record.title === 'string') {
    const best = nearestByWords(index, [record.title], undefined);
    if (best && best.coverage >= 0.6) return best.sentence;
  }
  const date = typeof record.date === 'string' ? dayOf(record.date) : undefined;
  return date && index.dates.find((m) => covers(m, date));
}

function groundParties(record: Dict, index: ArticleIndex, catalog: CatalogIndex, anchor: Span | undefined): Grounding[] {
  const out: Grounding[] = [];
  for (const { path, value } of partyPaths(record)) {
    // A document's parties come from the catalog's entry for it, not from the report of the meeting.
    if (path[0] === 'documents' || typeof value !== 'string') continue;
    const entry = resolvedEntry(catalog.resolveParty(value));
    // Unknown and ambiguous names have rules of their own; what they stand for cannot be looked up.
    if (!entry) continue;
    const spans = partySpans(entry, path, index);
    const via = spans.length === 0 && path[0] === 'location' ? seriesPlace(record, entry, catalog) : undefined;
    if (via) out.push({ path, kind: 'party', value, supported: true, via });
    else out.push(judged(path, 'party', value, spans, index, anchor, () => undefined));
  }
  // A party missing from a list would stand where the article lists the others (its names share no words with any sentence).
  for (const g of out) {
    if (g.supported || typeof g.path[1] !== 'number') continue;
    const siblings = out.filter((o) => o.supported && o.path[0] === g.path[0] && o.quote).map((o) => o.quote as Span);
    g.sentence = sentenceWithMost(index, siblings) ?? g.sentence;
  }
  return out;
}

function sentenceWithMost(index: ArticleIndex, spans: readonly Span[]): Span | undefined {
  let best: { sentence: Span; count: number } | undefined;
  for (const span of spans) {
    const sentence = sentenceOf(index, span);
    if (!sentence) continue;
    const count = spans.filter((s) => sentence.start <= s.start && s.end <= sentence.end).length;
    if (!best || count > best.count) best = { sentence, count };
  }
  return best?.sentence;
}

/** Where the article names the party, as its place in the record allows (see the module comment). */
function partySpans(entry: PartyEntry, path: ValuePath, index: ArticleIndex): Span[] {
  const spans: Span[] = index.parties.filter((m) => m.entry === entry);
  if (path[0] === 'location') spans.push(...index.places.filter((p) => p.entry.country === entry.name));
  if (path[0] === 'participants' && entry.kind === 'asean-member') spans.push(...index.allMembers);
  if (spans.length > 0) return spans;
  // The gazetteer never guesses a fold two entries share ("Mỹ" and Malaysia's code "MY"); the catalog lets such an alias stand when written exactly.
  for (const alias of entry.ambiguous_aliases ?? []) spans.push(...exactly(index, alias));
  return spans.length > 0 ? spans : misspelt(index, partyNames(entry));
}

function exactly(index: ArticleIndex, words: string): Span[] {
  const escaped = words.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'gu');
  const out: Span[] = [];
  for (const sentence of index.sentences) {
    for (const match of index.text.slice(sentence.start, sentence.end).matchAll(pattern)) {
      out.push({ start: sentence.start + match.index, end: sentence.start + match.index + match[0].length });
    }
  }
  return out;
}

/** Names of one long word are misspelt in news too ("Malasia"): a capitalised word one letter off is the name. */
const MISSPELT_MIN_LENGTH = 6;

function misspelt(index: ArticleIndex, names: readonly string[]): Span[] {
  const long = names.map(foldName).filter((n) => n.length >= MISSPELT_MIN_LENGTH && !n.includes(' '));
  if (long.length === 0) return [];
  const named = (t: Token): boolean => index.parties.some((m) => m.start <= t.start && t.end <= m.end);
  // The bounded edit distance first: it rules out almost every word at once, the look-up among the names only a few.
  return index.sentences.flatMap((s) => s.tokens.filter((t) => t.capital && long.some((n) => editDistance(t.folded, n, 1) === 1) && !named(t)));
}

/**
 * A meeting's country the article leaves out but the catalog's table of
 * numbered meetings gives for the record's series (AMM-51 was held in
 * Singapore): grounded in the catalog, which says where its fact is from.
 */
function seriesPlace(record: Dict, entry: PartyEntry, catalog: CatalogIndex): string | undefined {
  if (typeof record.series !== 'string') return undefined;
  const place = readSeries(record.series, catalog)?.held.place;
  if (!place) return undefined;
  const city = PLACES.find((p) => p.name === place || p.aliases.includes(place));
  const country = city?.country ?? resolvedEntry(catalog.resolveParty(place))?.name;
  return country === entry.name ? `the catalog: ${record.series} was held in ${place}` : undefined;
}

function partyNames(entry: PartyEntry): string[] {
  return [entry.name, ...(entry.name_vi ? [entry.name_vi] : []), ...(entry.aliases ?? [])];
}

interface Day {
  year: number;
  month: number;
  /** Absent for a month (`2018-11`). */
  day?: number;
}

function dayOf(value: string): Day | undefined {
  const match = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(value);
  if (!match) return undefined;
  return { year: Number(match[1]), month: Number(match[2]), day: match[3] === undefined ? undefined : Number(match[3]) };
}

function groundDates(record: Dict, index: ArticleIndex, anchor: Span | undefined): Grounding[] {
  const places: Array<{ path: ValuePath; value: unknown }> = [
    { path: ['date'], value: record.date },
    { path: ['end_date'], value: record.end_date },
  ];
  if (Array.isArray(record.follow_up)) record.follow_up.forEach((f, i) => isDict(f) && places.push({ path: ['follow_up', i, 'date'], value: f.date }));
  const out: Grounding[] = [];
  for (const { path, value } of places) {
    // A malformed date is the schema's finding; only a real day or month can be looked for.
    const day = typeof value === 'string' ? dayOf(value) : undefined;
    if (!day || typeof value !== 'string') continue;
    const spans = index.dates.filter((m) => covers(m, day));
    out.push(judged(path, 'date', value, spans, index, anchor, () => nearestDate(index, day)));
  }
  return out;
}

/** The mention covers the day: its day, or a day of its range; a year it writes must be the day's. */
function covers(mention: DateMention, want: Day): boolean {
  const years = [mention.year, mention.endYear].filter((y): y is number => y !== undefined);
  if (years.length > 0 && !years.includes(want.year)) return false;
  if (want.day === undefined) return mention.month === want.month || mention.endMonth === want.month;
  if (mention.day === undefined) return false;
  const start = mention.month * 100 + mention.day;
  const end = (mention.endMonth ?? mention.month) * 100 + (mention.endDay ?? mention.day);
  const at = want.month * 100 + want.day;
  // "từ ngày 30/12 đến 2/1" runs across the new year.
  return end >= start ? start <= at && at <= end : at >= start || at <= end;
}

/** The sentence of the date mention closest in the calendar (the year aside: articles often leave it out). */
function nearestDate(index: ArticleIndex, want: Day): Span | undefined {
  const at = want.month * 31 + (want.day ?? 15);
  let best: { distance: number; mention: DateMention } | undefined;
  for (const mention of index.dates) {
    const distance = Math.abs(mention.month * 31 + (mention.day ?? 15) - at);
    if (!best || distance < best.distance) best = { distance, mention };
  }
  return best && sentenceOf(index, best.mention);
}

function groundDocuments(record: Dict, index: ArticleIndex, catalog: CatalogIndex, anchor: Span | undefined): Grounding[] {
  const out: Grounding[] = [];
  if (!Array.isArray(record.documents)) return out;
  record.documents.forEach((doc: unknown, i) => {
    if (!isDict(doc) || typeof doc.title !== 'string' || doc.title.trim() === '') return;
    const entry = resolvedEntry(catalog.resolveDocument(doc.title));
    const names = entry ? [entry.title, ...(entry.aliases ?? [])] : [doc.title];
    const folded = new Set(names.map(foldName));
    const spans: Span[] = index.documents.filter((d) => (entry !== undefined && d.entry === entry) || folded.has(d.folded));
    if (spans.length === 0) spans.push(...sentencesWithAllWords(index, names));
    out.push(judged(['documents', i, 'title'], 'document', doc.title, spans, index, anchor, () => nearestByWords(index, names, anchor)?.sentence));
  });
  return out;
}

/** Supported where a span is (the one nearest the meeting's report), else unsupported with the nearest sentence. */
function judged(path: ValuePath, kind: GroundedKind, value: string, spans: readonly Span[], index: ArticleIndex, anchor: Span | undefined, nearest: () => Span | undefined): Grounding {
  if (spans.length === 0) {
    // Nothing alike in the article: the sentence that reports the meeting is where the value would be.
    const sentence = nearest() ?? anchorSentence(index, anchor);
    return sentence ? { path, kind, value, supported: false, sentence } : { path, kind, value, supported: false };
  }
  const quote = closestTo(spans, anchor);
  return { path, kind, value, supported: true, quote, sentence: sentenceOf(index, quote) ?? quote };
}

function closestTo(spans: readonly Span[], anchor: Span | undefined): Span {
  if (!anchor) return spans[0];
  return spans.reduce((best, s) => (Math.abs(s.start - anchor.start) < Math.abs(best.start - anchor.start) ? s : best));
}

function sentenceOf(index: ArticleIndex, span: Span): Span | undefined {
  const sentence = index.sentences.find((s) => s.start <= span.start && span.end <= s.end);
  return sentence && { start: sentence.start, end: sentence.end };
}

function anchorSentence(index: ArticleIndex, anchor: Span | undefined): Span | undefined {
  return anchor && (sentenceOf(index, anchor) ?? anchor);
}

/** A name's distinct folded words. */
function wordsOf(name: string): string[] {
  return [...new Set(foldName(name).split(' ').filter((w) => w !== ''))];
}

/** Sentences that hold every word of one of the names, each as the shortest stretch of it that does. */
function sentencesWithAllWords(index: ArticleIndex, names: readonly string[]): Span[] {
  const out: Span[] = [];
  for (const words of names.map(wordsOf).filter((w) => w.length > 0)) {
    for (const i of index.sentencesWith.get(words[0]) ?? []) {
      const sentence = index.sentences[i];
      if (words.every((w) => sentence.words.has(w))) out.push(shortestWindow(sentence.tokens, new Set(words)));
    }
  }
  return out;
}

/** The shortest run of tokens holding every one of `words` (they are all there): two pointers over the tokens. */
function shortestWindow(tokens: readonly Token[], words: ReadonlySet<string>): Span {
  const seen = new Map<string, number>();
  let best: Span | undefined;
  let from = 0;
  for (let to = 0; to < tokens.length; to++) {
    const word = tokens[to].folded;
    if (words.has(word)) seen.set(word, (seen.get(word) ?? 0) + 1);
    while (seen.size === words.size) {
      const span = { start: tokens[from].start, end: tokens[to].end };
      if (!best || span.end - span.start < best.end - best.start) best = span;
      const first = tokens[from++].folded;
      const count = seen.get(first);
      if (count === 1) seen.delete(first);
      else if (count !== undefined) seen.set(first, count - 1);
    }
  }
  return best ?? { start: tokens[0].start, end: tokens[tokens.length - 1].end };
}

/** The sentence sharing the largest part of one name's words (ties: the one nearest the meeting's report). */
function nearestByWords(index: ArticleIndex, names: readonly string[], anchor: Span | undefined): { sentence: Span; coverage: number } | undefined {
  let best: { at: number; coverage: number; distance: number } | undefined;
  for (const words of names.map(wordsOf).filter((w) => w.length > 0)) {
    // Only the sentences that share a word with the name, counted through the index: every record's title is compared so.
    const shared = new Map<number, number>();
    for (const word of words) for (const i of index.sentencesWith.get(word) ?? []) shared.set(i, (shared.get(i) ?? 0) + 1);
    for (const [at, count] of shared) {
      const coverage = count / words.length;
      const distance = anchor ? Math.abs(index.sentences[at].start - anchor.start) : 0;
      const better = !best || coverage > best.coverage || (coverage === best.coverage && (distance < best.distance || (distance === best.distance && at < best.at)));
      if (better) best = { at, coverage, distance };
    }
  }
  if (!best) return undefined;
  const { start, end } = index.sentences[best.at];
  return { sentence: { start, end }, coverage: best.coverage };
}

// ---------------------------------------------------------------- the rule

/** The article a record names, as the caller found it: `file` for related locations, `name` for messages. */
export interface GroundingArticle {
  file: string;
  name: string;
  text: string;
}

/** Characters of a sentence a message quotes; the related location shows all of it. */
const QUOTE_LENGTH = 140;

/** `not-in-article`: one problem per value the article does not support, with the nearest sentence. */
export function notInArticle(groundings: readonly Grounding[], article: GroundingArticle): Problem[] {
  let lines: LineIndex | undefined;
  return groundings
    .filter((g) => !g.supported)
    .map((g): Problem => {
      const missing =
        g.kind === 'date'
          ? /^\d{4}-\d{2}$/.test(g.value)
            ? l10n.t('The article {0} does not give the month {1}', article.name, g.value)
            : l10n.t('The article {0} does not give the date {1}', article.name, g.value)
          : g.kind === 'document'
            ? l10n.t("The article {0} does not mention the document '{1}'", article.name, g.value)
            : l10n.t("The article {0} does not mention '{1}'", article.name, g.value);
      const message = g.sentence ? l10n.t('{0}; nearest sentence: "{1}"', missing, quoteOf(article.text, g.sentence)) : missing;
      const problem: Problem = { code: 'not-in-article', message, path: g.path, target: 'value' };
      if (g.sentence) {
        lines ??= new LineIndex(article.text);
        problem.related = [{ file: article.file, range: lines.rangeOf(g.sentence), message: l10n.t('The nearest sentence of the article') }];
      }
      return problem;
    });
}

/** A sentence on one line, shortened to QUOTE_LENGTH characters. */
export function quoteOf(text: string, span: Span, max = QUOTE_LENGTH): string {
  const flat = text.slice(span.start, span.end).replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}
