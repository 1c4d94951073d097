import { resolvedEntry, type CatalogIndex, type MechanismEntry, type PartyEntry } from '../catalog';
import { foldName } from '../text';
import type { Span } from '../types';
import type { Sentence } from './article';
import { findYears, type DateMention } from './dates';
import type { NameIndex } from './gazetteer';

/**
 * The year of a meeting the article dates only by day and month. Sources,
 * most trusted first: an explicit year on the date; the series number
 * ("lần thứ 57" of a numbered series, through `seriesMeeting`); an
 * anniversary ("kỷ niệm 45 năm" quan hệ with Japan, through the partner's
 * `dialogue_since`; "25 năm thành lập ASEM", through `founded`); the
 * publication date; a later meeting the same report dates with a year
 * ("vào tháng 11/2018"); a year written elsewhere in the same report.
 */

export interface YearSource extends Span {
  year: number;
  /** How the year was found, for the record's `notes`. */
  because: string;
}

/** What the catalog knows of meeting N of a numbered series. */
export interface SeriesMeeting {
  series: string;
  year: number;
}

/**
 * Meeting N of a mechanism's numbered series. Today the catalog knows only
 * the numbering rule (`series_prefix`, `first_year`: AMM-57 is in 1967 + 57);
 * a per-series table of known meetings (place and days) can answer here
 * without anything else changing.
 */
export function seriesMeeting(catalog: CatalogIndex, mechanism: MechanismEntry, n: number): SeriesMeeting | undefined {
  const rule = resolvedEntry(catalog.resolveMechanism(mechanism.name)) ?? mechanism;
  if (!rule.series_prefix || rule.first_year === undefined || !Number.isInteger(n) || n < 1) return undefined;
  return { series: `${rule.series_prefix}-${n}`, year: rule.first_year + n };
}

export function yearOf(value: string | number | undefined): number | undefined {
  if (value === undefined) return undefined;
  const match = /^(\d{4})/.exec(String(value));
  return match ? Number(match[1]) : undefined;
}

/** Anniversaries in one sentence: "kỷ niệm 45 năm … quan hệ đối tác đối thoại" with a partner, "25 năm thành lập ASEM". */
export function anniversaryYears(sentence: Sentence, names: NameIndex): YearSource[] {
  const found: YearSource[] = [];
  const pattern = /(?<!\p{L})(kỷ niệm|tròn|sau|đánh dấu)\s+(\d{1,3})\s+năm(?!\p{L})([^.;,]{0,90})/gu;
  for (const match of sentence.text.matchAll(pattern)) {
    const start = sentence.start + (match.index ?? 0);
    const years = Number(match[2]);
    const tail = match[3];
    const tailStart = start + match[0].length - tail.length;
    const tailSpan = { start: tailStart, end: tailStart + tail.length };
    // "quan hệ đối tác chiến lược", "Nga tham gia Hiệp ước": not the start of the relationship.
    if (/chiến lược|toàn diện|tham gia|gia nhập/u.test(tail)) continue;
    const relation = /quan hệ|đối thoại/u.test(tail);
    const founding = /thành lập|lịch sử|ra đời|thiết lập diễn đàn/u.test(tail);
    if (!relation && !founding) continue;
    const clause = { start: sentence.start + Math.max(0, sentence.text.lastIndexOf(';', start - sentence.start) + 1), end: start };
    const base = relation ? relationBase(names, tailSpan, sentence) : foundingBase(names, tailSpan, clause);
    if (!base) continue;
    found.push({ start, end: start + match[0].length, year: base.year + years, because: `${years} years after ${base.what} (${base.year})` });
  }
  return found;
}

function relationBase(names: NameIndex, tail: Span, sentence: Sentence): { year: number; what: string } | undefined {
  const candidates = [...names.partiesIn(tail), ...names.partiesIn(sentence)].map((p) => p.entry).filter((p: PartyEntry) => p.dialogue_since !== undefined);
  const party = candidates[0];
  const year = yearOf(party?.dialogue_since);
  return party && year ? { year, what: `the start of ASEAN-${party.name} relations` } : undefined;
}

/** What was founded: named after the words ("25 năm thành lập ASEM"), else the nearest name before them in the clause. */
function foundingBase(names: NameIndex, tail: Span, before: Span): { year: number; what: string } | undefined {
  const founded = (span: Span, nearestLast: boolean): { year: number; what: string } | undefined => {
    const entries: Array<{ name: string; founded?: string | number; start: number }> = [
      ...names.mechanismsIn(span).map((m) => ({ name: m.entry.name, founded: m.entry.founded, start: m.start })),
      ...names.partiesIn(span).map((p) => ({ name: p.entry.name, founded: p.entry.founded, start: p.start })),
    ].filter((e) => yearOf(e.founded) !== undefined);
    entries.sort((a, b) => (nearestLast ? b.start - a.start : a.start - b.start));
    const entry = entries[0];
    return entry ? { year: yearOf(entry.founded) as number, what: `the founding of ${entry.name}` } : undefined;
  };
  return founded(tail, false) ?? founded(before, true);
}

/** The year of a day and month, given a date known to be on or after it (a publication date). */
export function yearBefore(mention: Pick<DateMention, 'month' | 'day'>, after: string): number {
  const year = Number(after.slice(0, 4));
  const monthDay = `${String(mention.month).padStart(2, '0')}-${String(mention.day ?? 1).padStart(2, '0')}`;
  return monthDay <= after.slice(5) ? year : year - 1;
}

/** Years written alone in these sentences, outside document titles: the report's own year when they agree. */
export function writtenYears(sentences: readonly Sentence[], names: NameIndex): Array<Span & { year: number }> {
  const out: Array<Span & { year: number }> = [];
  for (const sentence of sentences) {
    for (const year of findYears(sentence.text, sentence.start)) {
      if (names.documents.some((d) => d.start <= year.start && year.end <= d.end)) continue;
      out.push(year);
    }
  }
  return out;
}

export function sameName(a: string, b: string): boolean {
  return foldName(a) === foldName(b);
}
