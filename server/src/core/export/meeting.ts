/**
 * One record as the exporters read it: the fields they publish, with party
 * and mechanism names made canonical through the catalog (an alias such as
 * `Nhật Bản` is published as `Japan`, the name other datasets use). Values
 * are read defensively: a record reaches an exporter only when it has no
 * errors (select.ts), but nothing here trusts that.
 */
import { resolvedEntry, type CatalogIndex } from '../catalog';
import { parseCalendarDate } from '../render/dates';
import { field, isDict, listOf, textOf } from '../render/values';

/** A record to export: its value as parsed, and where it was found. */
export interface ExportRecord {
  /** The file as the user knows it (relative to the working or workspace folder). */
  file: string;
  /** 1-based line of the record's first key. */
  line: number;
  value: unknown;
}

/** A party by its canonical name; `iso` (ISO 3166 alpha-2) when the catalog says it is a state. */
export interface Party {
  name: string;
  iso?: string;
}

export interface MeetingDocument {
  title: string;
  type?: string;
  status?: string;
}

export interface Meeting {
  id: string;
  title: string;
  titleEn?: string;
  mechanism?: string;
  level?: string;
  series?: string;
  /** `YYYY-MM-DD`, a real calendar day. */
  date: string;
  /** `YYYY-MM-DD`; absent for a one-day meeting. */
  endDate?: string;
  format?: string;
  venue?: string;
  city?: string;
  country?: Party;
  chair?: Party;
  partners: Party[];
  participants: Party[];
  /** The parties of `delegations`, in order. */
  delegations: Party[];
  documents: MeetingDocument[];
  source: { url?: string; publisher?: string; published?: string; language?: string };
  file: string;
  line: number;
}

/** The meeting a record describes; undefined when it lacks an id, a title or a valid date. */
export function readMeeting(record: ExportRecord, catalog: CatalogIndex): Meeting | undefined {
  const value = record.value;
  const id = textOf(field(value, 'id'));
  const title = textOf(field(value, 'title'));
  const date = calendarDay(field(value, 'date'));
  if (!id || !title || !date) return undefined;
  const party = (name: unknown): Party | undefined => canonicalParty(textOf(name), catalog);
  const parties = (list: unknown): Party[] => listOf(list).map(party).filter((p): p is Party => p !== undefined);
  const location = field(value, 'location');
  const source = field(value, 'source');
  const endDate = calendarDay(field(value, 'end_date'));
  const mechanism = textOf(field(value, 'mechanism'));
  return {
    id,
    title,
    titleEn: textOf(field(value, 'title_en')),
    mechanism: mechanism && canonicalMechanism(mechanism, catalog),
    level: textOf(field(value, 'level')),
    series: textOf(field(value, 'series')),
    date,
    endDate: endDate && endDate !== date ? endDate : undefined,
    format: textOf(field(value, 'format')),
    venue: textOf(field(location, 'venue')),
    city: textOf(field(location, 'city')),
    country: party(field(location, 'country')),
    chair: party(field(value, 'chair')),
    partners: parties(field(value, 'partners')),
    participants: parties(field(value, 'participants')),
    delegations: parties(listOf(field(value, 'delegations')).map((d) => field(d, 'party'))),
    documents: listOf(field(value, 'documents')).filter(isDict).flatMap((d) => {
      const documentTitle = textOf(field(d, 'title'));
      return documentTitle ? [{ title: documentTitle, type: textOf(field(d, 'type')), status: textOf(field(d, 'status')) }] : [];
    }),
    source: {
      url: textOf(field(source, 'url')),
      publisher: textOf(field(source, 'publisher')),
      published: calendarDay(field(source, 'published')),
      language: textOf(field(source, 'language')),
    },
    file: record.file,
    line: record.line,
  };
}

/** The meetings of the records, in order; records that are not meetings are left out. */
export function readMeetings(records: readonly ExportRecord[], catalog: CatalogIndex): Meeting[] {
  return records.map((r) => readMeeting(r, catalog)).filter((m): m is Meeting => m !== undefined);
}

/** The day after a `YYYY-MM-DD` day: all-day calendar events end there (the end is exclusive). */
export function dayAfter(day: string): string {
  const [year, month, date] = day.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, date + 1)).toISOString().slice(0, 10);
}

/** The meeting's last day. */
export function lastDay(meeting: Meeting): string {
  return meeting.endDate ?? meeting.date;
}

/** Everyone the record names as taking part, each once: participants, partners, then heads of delegation. */
export function attendingParties(meeting: Meeting): Party[] {
  const seen = new Set<string>();
  return [...meeting.participants, ...meeting.partners, ...meeting.delegations].filter((p) => !seen.has(p.name) && seen.add(p.name));
}

function calendarDay(value: unknown): string | undefined {
  const text = textOf(value)?.trim();
  return text && parseCalendarDate(text)?.day !== undefined ? text : undefined;
}

function canonicalParty(name: string | undefined, catalog: CatalogIndex): Party | undefined {
  if (!name) return undefined;
  const found = resolvedEntry(catalog.resolveParty(name));
  if (!found) return { name };
  return found.iso ? { name: found.name, iso: found.iso } : { name: found.name };
}

function canonicalMechanism(name: string, catalog: CatalogIndex): string {
  return resolvedEntry(catalog.resolveMechanism(name))?.name ?? name;
}
