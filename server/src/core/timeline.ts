import type { CatalogIndex, MechanismEntry, Membership, PartyEntry, SeriesMeeting } from './catalog';

/**
 * When things held: memberships with their dates, parties that came into
 * being or joined ASEAN at a date, and the numbered meetings of a series.
 * Catalog dates are as precise as their sources: a year (2011), a month
 * ('2021-08') or a day ('2025-10-26'); a record's date is compared with one
 * at that precision, so "since 2011" takes in every 2011 meeting.
 */

/** A catalog date as 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'; undefined when it is none of these. */
export function catalogDate(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return String(value).padStart(4, '0');
  if (typeof value === 'string' && /^\d{4}(-\d{2}(-\d{2})?)?$/.test(value)) return value;
  return undefined;
}

/** Whether `date` ('YYYY-MM-DD') falls before `boundary` at the boundary's own precision. */
export function isBefore(date: string, boundary: unknown): boolean {
  const b = catalogDate(boundary);
  return b !== undefined && date.slice(0, b.length) < b;
}

/** Whether `date` falls on or after `boundary` at the boundary's own precision (an `until` is the first day no longer in). */
export function isOnOrAfter(date: string, boundary: unknown): boolean {
  const b = catalogDate(boundary);
  return b !== undefined && date.slice(0, b.length) >= b;
}

/** A mechanism's members besides ASEAN, each with its dates (plain names have none). */
export function memberships(mechanism: MechanismEntry): Membership[] {
  return (mechanism.members ?? []).flatMap((m): Membership[] => {
    if (typeof m === 'string') return [{ name: m }];
    return m && typeof m === 'object' && typeof m.name === 'string' ? [m] : [];
  });
}

export type MembershipAt =
  | { member: true }
  | { member: false; reason: 'never' }
  | { member: false; reason: 'not-yet'; since: string }
  | { member: false; reason: 'no-longer'; until: string };

/**
 * Whether a party took part in a mechanism of fixed membership at a date:
 * ASEAN member states from the day they joined ASEAN (Timor-Leste from
 * 2025-10-26), the others as `members` lists them, with their dates.
 */
export function membershipAt(mechanism: MechanismEntry, party: PartyEntry, date: string | undefined): MembershipAt {
  const listed = memberships(mechanism).find((m) => m.name === party.name);
  if (listed) return within(listed.since, listed.until, date);
  if (party.kind === 'asean-member') return within(party.joined, undefined, date);
  return { member: false, reason: 'never' };
}

function within(since: unknown, until: unknown, date: string | undefined): MembershipAt {
  if (date !== undefined && isBefore(date, since)) return { member: false, reason: 'not-yet', since: catalogDate(since) as string };
  if (date !== undefined && isOnOrAfter(date, until)) return { member: false, reason: 'no-longer', until: catalogDate(until) as string };
  return { member: true };
}

/** When a numbered meeting was held: from the series table where it is known, else by the yearly rule. */
export interface HeldMeeting {
  /** 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'. */
  date: string;
  end_date?: string;
  place?: string;
  /** True when the date comes from the table of known meetings, false when from `first_year + N`. */
  known: boolean;
  meeting?: SeriesMeeting;
}

export function heldMeeting(mechanism: MechanismEntry, number: number): HeldMeeting | undefined {
  const meeting = (mechanism.meetings ?? []).find((m) => m && m.number === number);
  const date = catalogDate(meeting?.date);
  if (meeting && date) return { date, end_date: catalogDate(meeting.end_date), place: typeof meeting.place === 'string' ? meeting.place : undefined, known: true, meeting };
  if (typeof mechanism.first_year !== 'number') return undefined;
  return { date: String(mechanism.first_year + number), known: false };
}

/** The numbered meeting a record's `series` names ('AMM-51'), when the catalog numbers that series. */
export function seriesHeld(series: string, catalog: CatalogIndex): { mechanism: MechanismEntry; held: HeldMeeting } | undefined {
  const match = /^(.+)-(\d{1,3})$/.exec(series);
  const mechanism = match ? catalog.mechanismForSeriesPrefix(match[1]) : undefined;
  const held = match && mechanism ? heldMeeting(mechanism, Number(match[2])) : undefined;
  return mechanism && held ? { mechanism, held } : undefined;
}

/**
 * Whether a record dated `date` can belong to that meeting: the same year
 * (or one of the years of a meeting that spanned two). A series names the
 * umbrella event, whose related meetings (a SOM the day before, an ASEAN+1
 * session the day after) carry the same number, so the rule checks the year
 * and leaves the days to the author.
 */
export function matchesHeld(held: HeldMeeting, date: string): boolean {
  const year = date.slice(0, 4);
  return year >= held.date.slice(0, 4) && year <= (held.end_date ?? held.date).slice(0, 4);
}
