import type { CatalogIndex, DocumentEntry, MechanismEntry, PartyEntry } from '../catalog';
import { foldName } from '../text';
import type { Span } from '../types';
import type { Token } from './article';
import { PLACES, type Place } from './places';

/**
 * Finds catalog names in an article's words: parties, mechanisms, documents
 * (the catalog is the gazetteer) and cities. Names are compared token by
 * token with the catalog's own folding (`foldName`: case, accents and
 * punctuation ignored), so "ASEAN – Trung Quốc" finds "Trung Quốc" and
 * "ASEAN 3" finds ASEAN+3. Three guards keep it from guessing:
 *
 * - a folded name shared by two entries is ambiguous and never matched;
 * - short capitalised codes ("EU", "COC", "SOM") must match exactly, other
 *   capitalised names must start with a capital ("Nga", never "nga");
 * - a one-syllable name beside another capitalised word is part of a
 *   longer name ("Mỹ Latinh", "Nguyễn Thị Nga", "Đảng Lao động"), not a match.
 *
 * Overlapping matches of one kind keep the one that ends last, then the
 * longest: "Hội nghị Bộ trưởng Ngoại giao ASEAN 3" is ASEAN+3, not the AMM.
 */

export type NameKind = 'party' | 'mechanism' | 'document' | 'place';

export interface NameMatch<T = unknown> extends Span {
  kind: NameKind;
  entry: T;
  /** Index of the first and one past the last token. */
  first: number;
  last: number;
}

export type PartyMatch = NameMatch<PartyEntry>;
export type MechanismMatch = NameMatch<MechanismEntry>;
export type DocumentMatch = NameMatch<DocumentEntry>;
export type PlaceMatch = NameMatch<Place>;

interface Pattern<T> {
  tokens: string[];
  entry: T;
  /** Codes such as "EU" or "COC": the article must spell them exactly so. */
  exact?: string;
  /** The name starts with a capital, so the article's must. */
  capital: boolean;
  /** One short syllable ("Nga", "Anh", "Mỹ"): easily part of another name. */
  short: boolean;
}

class PatternSet<T> {
  private readonly byFirst = new Map<string, Array<Pattern<T>>>();

  constructor(entries: readonly T[], namesOf: (entry: T) => readonly string[]) {
    const owners = new Map<string, Set<T>>();
    const patterns: Array<Pattern<T>> = [];
    for (const entry of entries) {
      for (const name of namesOf(entry)) {
        if (typeof name !== 'string') continue;
        const folded = foldName(name);
        if (!folded) continue;
        (owners.get(folded) ?? owners.set(folded, new Set()).get(folded))?.add(entry);
        const tokens = folded.split(' ');
        const exact = /^[A-Z]{2,4}\+?$/.test(name) ? name : undefined;
        const first = name.charAt(0);
        patterns.push({ tokens, entry, exact, capital: first !== first.toLowerCase(), short: tokens.length === 1 && folded.length <= 4 });
      }
    }
    for (const pattern of patterns) {
      // A fold collision (two entries behind the same folded name) is never guessed.
      if ((owners.get(pattern.tokens.join(' '))?.size ?? 0) > 1) continue;
      const list = this.byFirst.get(pattern.tokens[0]) ?? [];
      if (!list.some((p) => p.tokens.join(' ') === pattern.tokens.join(' ') && p.exact === pattern.exact && p.capital === pattern.capital)) list.push(pattern);
      this.byFirst.set(pattern.tokens[0], list);
    }
  }

  candidates(first: string): ReadonlyArray<Pattern<T>> {
    return this.byFirst.get(first) ?? [];
  }
}

const INSTITUTION_BEFORE = /(?:Ban Điều hành|Ủy ban|Ban Thư ký|Hội đồng)\s+$/u;

/** Between two words of one name: spaces, dashes, brackets, quotes; never a comma, a full stop or a line break. */
const SOFT_GAP = /^[ \t\u00a0\-–—()/'’"“”]*$/u;

export class Gazetteer {
  private readonly parties: PatternSet<PartyEntry>;
  private readonly mechanisms: PatternSet<MechanismEntry>;
  private readonly documents: PatternSet<DocumentEntry>;
  private readonly places: PatternSet<Place>;

  constructor(readonly catalog: CatalogIndex) {
    this.parties = new PatternSet(catalog.parties, (p) => [p.name, ...(p.aliases ?? [])]);
    // A lower-case alias ("song phương") is a common noun in running text, not a name.
    this.mechanisms = new PatternSet(catalog.mechanisms, (m) => [m.name, ...(m.aliases ?? [])].filter((n) => n.charAt(0) !== n.charAt(0).toLowerCase() || /\d/.test(n)));
    this.documents = new PatternSet(catalog.documents, (d) => [d.title, ...(d.aliases ?? [])]);
    this.places = new PatternSet(PLACES, (p) => [p.name, ...p.aliases]);
  }

  /** Every name in the text, by kind; a party, mechanism or place inside a document title is left to the document. */
  find(text: string, tokens: readonly Token[]): NameIndex {
    // "Ban Điều hành Hiệp ước …", "Ủy ban …": the body of a treaty is named after it, and is no mention of the treaty.
    const documents = scan('document', this.documents, text, tokens).filter((d) => !INSTITUTION_BEFORE.test(text.slice(Math.max(0, d.start - 16), d.start)));
    const outside = <T>(list: Array<NameMatch<T>>): Array<NameMatch<T>> => list.filter((m) => !documents.some((d) => d.start <= m.start && m.end <= d.end));
    const parties = scan('party', this.parties, text, tokens);
    const mechanisms = scan('mechanism', this.mechanisms, text, tokens);
    const places = scan('place', this.places, text, tokens);
    const all = [...documents, ...parties, ...mechanisms, ...places];
    const parts = weakFilter([...parties, ...places], all, text, tokens);
    return new NameIndex(
      this.catalog.documents,
      outside(parts.filter((m): m is PartyMatch => m.kind === 'party')),
      outside(mechanisms),
      documents,
      outside(parts.filter((m): m is PlaceMatch => m.kind === 'place')),
      parties,
    );
  }
}

/** The names found in one article, in text order per kind. */
export class NameIndex {
  constructor(
    /** The catalog's documents, for short names found in running text. */
    readonly catalogDocuments: readonly DocumentEntry[],
    readonly parties: PartyMatch[],
    readonly mechanisms: MechanismMatch[],
    readonly documents: DocumentMatch[],
    readonly places: PlaceMatch[],
    /** Parties including those inside document titles. */
    readonly allParties: PartyMatch[],
  ) {}

  partiesIn(span: Span): PartyMatch[] {
    return this.parties.filter((m) => m.start >= span.start && m.end <= span.end);
  }
  mechanismsIn(span: Span): MechanismMatch[] {
    return this.mechanisms.filter((m) => m.start >= span.start && m.end <= span.end);
  }
  documentsIn(span: Span): DocumentMatch[] {
    return this.documents.filter((m) => m.start >= span.start && m.end <= span.end);
  }
  placesIn(span: Span): PlaceMatch[] {
    return this.places.filter((m) => m.start >= span.start && m.end <= span.end);
  }
  /** Any name of any kind covering this offset. */
  covers(offset: number): boolean {
    return [this.parties, this.mechanisms, this.documents, this.places].some((list) => list.some((m) => m.start <= offset && offset < m.end));
  }
}

function scan<T>(kind: NameKind, patterns: PatternSet<T>, text: string, tokens: readonly Token[]): Array<NameMatch<T>> {
  const found: Array<NameMatch<T>> = [];
  for (let i = 0; i < tokens.length; i++) {
    for (const pattern of patterns.candidates(tokens[i].folded)) {
      const last = i + pattern.tokens.length;
      if (last > tokens.length || !matchesAt(pattern, tokens, i, text)) continue;
      found.push({ kind, entry: pattern.entry, start: tokens[i].start, end: tokens[last - 1].end, first: i, last });
    }
  }
  // Overlaps: the match that ends last wins, then the longest.
  found.sort((a, b) => b.end - a.end || b.last - b.first - (a.last - a.first) || a.start - b.start);
  const kept: Array<NameMatch<T>> = [];
  for (const match of found) if (!kept.some((k) => k.start < match.end && match.start < k.end)) kept.push(match);
  return kept.sort((a, b) => a.start - b.start);
}

function matchesAt<T>(pattern: Pattern<T>, tokens: readonly Token[], i: number, text: string): boolean {
  for (let k = 0; k < pattern.tokens.length; k++) {
    if (tokens[i + k].folded !== pattern.tokens[k]) return false;
    if (k > 0 && !SOFT_GAP.test(text.slice(tokens[i + k - 1].end, tokens[i + k].start))) return false;
  }
  if (pattern.exact !== undefined) return text.slice(tokens[i].start, tokens[i + pattern.tokens.length - 1].end) === pattern.exact;
  return !pattern.capital || tokens[i].capital;
}

/** Drops one-syllable names that sit inside a longer capitalised name (see the class comment). */
function weakFilter(matches: NameMatch[], all: readonly NameMatch[], text: string, tokens: readonly Token[]): NameMatch[] {
  const inName = (index: number): boolean => all.some((m) => m.first <= index && index < m.last);
  const joined = (a: number, b: number): boolean => /^[ \u00a0]+$/.test(text.slice(tokens[a].end, tokens[b].start));
  return matches.filter((m) => {
    const isShort = m.last - m.first === 1 && tokens[m.first].folded.length <= 4;
    if (!isShort) return true;
    const before = m.first - 1;
    const after = m.last;
    if (before >= 0 && tokens[before].capital && joined(before, m.first) && !inName(before) && !sentenceStart(text, tokens[before].start)) return false;
    if (after < tokens.length && tokens[after].capital && joined(m.first, after) && !inName(after)) return false;
    return true;
  });
}

/** The word begins a sentence (a capital there says nothing about names). */
function sentenceStart(text: string, offset: number): boolean {
  const before = text.slice(Math.max(0, offset - 3), offset);
  return offset === 0 || /(?:^|[.!?:\n]\s*|\n)$/u.test(before) || /[.!?]\s+$/u.test(before);
}
