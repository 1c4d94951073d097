import type { CatalogIndex, PartyEntry } from '../catalog';
import { foldName } from '../text';
import type { Span } from '../types';
import { analyseArticle, isoOf, type Fact, type Meeting } from './assemble';
import type { DateMention } from './dates';

/**
 * Drafting a record from a news article: `draftRecords(text, catalog)` gives
 * one record per ASEAN meeting the article reports and, for every value
 * drafted, the span of the article it came from. Pure: text in, data out.
 * What the article does not say is left out; nothing is made up (the id and
 * the notes, which say how a year was inferred, are the only words of our own).
 */

export interface Evidence {
  /** Index of the record in `records`. */
  record: number;
  /** The value's path in the record: "partners[0]", "delegations[1].head", "location.city". */
  path: string;
  start: number;
  end: number;
  /** Exactly `article.slice(start, end)`. */
  quote: string;
}

export type DraftedRecord = Record<string, unknown>;

export interface DraftResult {
  records: DraftedRecord[];
  evidence: Evidence[];
}

export interface DraftOptions {
  /** File name of the article, for `source.article`. */
  articleName?: string;
}

export function draftRecords(text: string, catalog: CatalogIndex, options: DraftOptions = {}): DraftResult {
  const { article, meetings } = analyseArticle(text, catalog);
  const records: DraftedRecord[] = [];
  const evidence: Evidence[] = [];
  const ids = new Set<string>();
  for (const meeting of meetings) {
    const index = records.length;
    const cite = (path: string, spans: readonly Span[]): void => {
      for (const span of spans) {
        if (span.end > span.start && !evidence.some((e) => e.record === index && e.path === path && e.start === span.start && e.end === span.end)) {
          evidence.push({ record: index, path, start: span.start, end: span.end, quote: text.slice(span.start, span.end) });
        }
      }
    };
    const record = recordOf(meeting, cite, text, catalog);
    const source: Record<string, string> = {};
    if (article.url) {
      source.url = text.slice(article.url.start, article.url.end);
      cite('source.url', [article.url]);
    }
    const publisher = publisherOf(text, article.url);
    if (publisher) {
      source.publisher = publisher.value;
      cite('source.publisher', publisher.spans);
    }
    if (article.published) {
      source.published = article.published.date;
      cite('source.published', [article.published]);
    }
    source.language = 'vi';
    if (options.articleName) source.article = options.articleName;
    record.source = source;
    record.id = uniqueId(idOf(record, meeting), ids);
    records.push(orderKeys(record));
  }
  return { records, evidence };
}

type Cite = (path: string, spans: readonly Span[]) => void;

function recordOf(meeting: Meeting, cite: Cite, text: string, catalog: CatalogIndex): DraftedRecord {
  const record: DraftedRecord = { version: 1 };
  const put = <T>(path: string, fact: Fact<T> | undefined, value: unknown = fact?.value): void => {
    if (!fact) return;
    setPath(record, path, value);
    cite(path, fact.spans);
  };
  put('title', meeting.title);
  put('mechanism', meeting.mechanism, meeting.mechanism?.value.name);
  put('level', meeting.level);
  const year = meeting.year?.year;
  if (meeting.date && year !== undefined) {
    const date = isoOf(meeting.date, year);
    if (date) {
      record.date = date;
      cite('date', [meeting.date]);
      if (meeting.year && meeting.year.because !== 'the article gives it') cite('date', [meeting.year]);
      const end = isoOf(meeting.date, year, true);
      if (end && end > date) {
        record.end_date = end;
        cite('end_date', [meeting.date]);
      }
    }
  }
  // A series the date contradicts is not drafted: the article would disagree with itself.
  if (meeting.series && (year === undefined || meeting.series.year === year)) put('series', meeting.series);
  put('format', meeting.format);
  put('location.city', meeting.city);
  put('location.country', meeting.country);
  put('location.venue', meeting.venue);
  put('chair', meeting.chair);
  const partners = meeting.partners.filter((p) => p.value.kind !== 'asean-member');
  for (const head of meeting.heads) {
    if (head.party.entry.kind !== 'asean-member' && !head.party.entry.name.startsWith('ASEAN') && !partners.some((p) => p.value === head.party.entry)) {
      partners.push({ value: head.party.entry, spans: [head.party] });
    }
  }
  partyList(record, 'partners', partners, cite);
  const participants = [...meeting.participants];
  if (meeting.allMembers && record.date) {
    for (const member of catalog.parties.filter((p) => p.kind === 'asean-member' && joinedBy(p, String(record.date)))) {
      if (!participants.some((p) => p.value === member)) participants.push({ value: member, spans: [meeting.allMembers] });
    }
  }
  if (participants.some((p) => p.value.kind === 'asean-member')) partyList(record, 'participants', participants, cite);
  meeting.heads.forEach((head, i) => {
    setPath(record, `delegations[${i}].party`, head.party.entry.name);
    cite(`delegations[${i}].party`, [head.party]);
    setPath(record, `delegations[${i}].head`, head.person.name.text);
    cite(`delegations[${i}].head`, [head.person.name]);
    if (head.person.role) {
      setPath(record, `delegations[${i}].role`, head.person.role.text);
      cite(`delegations[${i}].role`, [head.person.role]);
    }
  });
  const documents = meeting.documents.filter((d) => !pastDocument(d, meeting, text));
  documents.forEach((doc, i) => {
    setPath(record, `documents[${i}].title`, doc.title);
    cite(`documents[${i}].title`, [doc]);
    setPath(record, `documents[${i}].type`, doc.type);
    setPath(record, `documents[${i}].status`, doc.status);
    if (doc.statusSpan) cite(`documents[${i}].status`, [doc.statusSpan]);
    if (doc.period) setPath(record, `documents[${i}].period`, doc.period);
    const parties = doc.entry?.parties;
    if (parties && parties.length > 0) setPath(record, `documents[${i}].parties`, [...parties]);
  });
  meeting.followUps.forEach((followUp, i) => {
    setPath(record, `follow_up[${i}].title`, followUp.title.value);
    cite(`follow_up[${i}].title`, followUp.title.spans);
    const mention = followUp.date?.spans[0] as DateMention | undefined;
    const date = mention && followUpDate(mention, meeting, year);
    if (date && mention) {
      setPath(record, `follow_up[${i}].date`, date);
      cite(`follow_up[${i}].date`, [mention]);
    }
    if (followUp.mechanism) {
      setPath(record, `follow_up[${i}].mechanism`, followUp.mechanism.value);
      cite(`follow_up[${i}].mechanism`, followUp.mechanism.spans);
    }
  });
  if (meeting.year && meeting.date && meeting.year.because !== 'the article gives it') {
    record.notes = `The article dates the meeting ${dayMonth(meeting.date)} without a year; ${meeting.year.year} is inferred: ${meeting.year.because}.`;
  }
  return record;
}

function partyList(record: DraftedRecord, key: string, list: ReadonlyArray<Fact<PartyEntry>>, cite: Cite): void {
  if (list.length === 0) return;
  record[key] = list.map((p) => p.value.name);
  list.forEach((p, i) => cite(`${key}[${i}]`, p.spans));
}

function joinedBy(party: PartyEntry, date: string): boolean {
  const joined = party.joined === undefined ? undefined : String(party.joined);
  return joined === undefined || joined <= date;
}

/** A document the sentence places in an earlier year ("đạt được trong năm 2020 thông qua …") was not dealt with at this meeting. */
function pastDocument(doc: { start: number; end: number }, meeting: Meeting, text: string): boolean {
  const year = meeting.year?.year;
  if (year === undefined) return false;
  const sentence = meeting.sentences.find((s) => s.start <= doc.start && doc.end <= s.end);
  if (!sentence) return false;
  const titles = meeting.documents.filter((d) => d.start >= sentence.start && d.end <= sentence.end);
  for (const match of sentence.text.matchAll(/(?<![\d/.\-–])((?:19|20)\d{2})(?![\d/\-–])/g)) {
    const at = sentence.start + (match.index ?? 0);
    if (titles.some((d) => d.start <= at && at < d.end)) continue;
    if (Number(match[1]) < year) return true;
  }
  void text;
  return false;
}

function followUpDate(mention: DateMention, meeting: Meeting, year: number | undefined): string | undefined {
  const y = mention.year ?? (year === undefined ? undefined : meeting.date && mention.month < meeting.date.month ? year + 1 : year);
  if (y === undefined) return undefined;
  const month = String(mention.month).padStart(2, '0');
  return mention.day !== undefined ? isoOf(mention, y) : `${y}-${month}`;
}

function dayMonth(date: DateMention): string {
  return date.day !== undefined ? `${date.day}/${date.month}` : `${date.month}`;
}

/** "(VOV5) -", "(QĐND) -", "TGVN.", "Theo phóng viên TTXVN", "(Nguồn http://asean.mofa.gov.vn/)", else the URL's site. */
function publisherOf(text: string, url: Span | undefined): Fact<string> | undefined {
  const patterns = [
    /(?:^|\n)\s*\(([^()\n]{2,30})\)\s*[-–—]/u,
    /(?:^|\n)\s*([A-ZĐ]{2,8})\.\s+\p{Lu}/u,
    /(?<!\p{L})Theo phóng viên\s+([A-ZĐ]{2,10})(?!\p{L})/u,
    /\(Nguồn:?\s*((?:https?:\/\/)?[^\s()]+)\s*\)/u,
  ];
  for (const pattern of patterns) {
    const match = pattern.exec(text);
    if (!match) continue;
    const start = (match.index ?? 0) + match[0].indexOf(match[1]);
    const value = match[1].replace(/^https?:\/\//, '').replace(/\/$/, '');
    return { value, spans: [{ start, end: start + match[1].length }] };
  }
  if (url) {
    const host = /^https?:\/\/(?:www\.)?([^/]+)/.exec(text.slice(url.start, url.end));
    if (host) {
      const start = url.start + text.slice(url.start, url.end).indexOf(host[1]);
      return { value: host[1], spans: [{ start, end: start + host[1].length }] };
    }
  }
  return undefined;
}

function idOf(record: DraftedRecord, meeting: Meeting): string {
  const parts: string[] = [typeof record.date === 'string' ? record.date : 'draft'];
  if (typeof record.series === 'string') parts.push(record.series.replace('-', ''));
  if (meeting.mechanism) parts.push(meeting.mechanism.value.name.replace(/\+/g, ' plus '));
  const partners = Array.isArray(record.partners) ? record.partners : [];
  if (partners.length === 1) parts.push(String(partners[0]));
  return slug(parts.join(' ')).slice(0, 90).replace(/-+$/, '');
}

function slug(text: string): string {
  return foldName(text).replace(/\+/g, ' plus ').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}

function uniqueId(id: string, taken: Set<string>): string {
  let candidate = id.length >= 3 ? id : `draft-${id}`;
  for (let n = 2; taken.has(candidate); n++) candidate = `${id}-${n}`;
  taken.add(candidate);
  return candidate;
}

/** `a.b[2].c` into nested objects and arrays. */
function setPath(record: DraftedRecord, path: string, value: unknown): void {
  const keys = path.split(/\.|\[(\d+)\]/).filter((k) => k !== undefined && k !== '');
  let node: Record<string, unknown> | unknown[] = record;
  keys.forEach((key, i) => {
    const last = i === keys.length - 1;
    const nextIsIndex = !last && /^\d+$/.test(keys[i + 1]);
    const slot = /^\d+$/.test(key) ? Number(key) : key;
    const container = node as Record<string | number, unknown>;
    if (last) container[slot] = value;
    else {
      container[slot] ??= nextIsIndex ? [] : {};
      node = container[slot] as Record<string, unknown> | unknown[];
    }
  });
}

const KEY_ORDER = ['version', 'id', 'title', 'title_en', 'mechanism', 'level', 'series', 'date', 'end_date', 'format', 'location', 'chair', 'partners', 'participants', 'delegations', 'topics', 'documents', 'initiatives', 'outcomes', 'follow_up', 'source', 'notes'];

function orderKeys(record: DraftedRecord): DraftedRecord {
  const ordered: DraftedRecord = {};
  for (const key of KEY_ORDER) if (record[key] !== undefined) ordered[key] = record[key];
  return ordered;
}

// The extractors, for their unit tests and for the grounding rule.
export { analyseArticle } from './assemble';
export { readArticle, tokenize } from './article';
export { findDates, type DateMention } from './dates';
export { findDocuments } from './documents';
export { Gazetteer } from './gazetteer';
export { findPeople, findHeads, PartyRegistry } from './people';
export { findPhrases } from './meetings';
export { draftToYaml, DRAFT_HEADER } from './yaml';
export { groundRecord, notInArticle, prepareArticle, quoteOf, type ArticleIndex, type GroundedKind, type Grounding, type GroundingArticle } from './grounding';
