import * as l10n from '@vscode/l10n';
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

/** A `series` value read against the catalog: the mechanism it numbers, the number, and when that meeting was held. */
export interface SeriesReading {
  series: string;
  mechanism: MechanismEntry;
  number: number;
  held: HeldMeeting;
}

/** `EAS-3` → the EAS, meeting 3, held 2007-11-21 in Singapore; undefined for a value the catalog cannot number. */
export function readSeries(series: unknown, catalog: CatalogIndex): SeriesReading | undefined {
  if (typeof series !== 'string') return undefined;
  const match = /^(.+)-(\d{1,3})$/.exec(series.trim());
  if (!match) return undefined;
  const mechanism = catalog.mechanismForSeriesPrefix(match[1]);
  if (!mechanism) return undefined;
  const number = Number(match[2]);
  const held = heldMeeting(mechanism, number);
  return held ? { series: series.trim(), mechanism, number, held } : undefined;
}

/** "held on 2007-11-21 in Singapore", "held from 2018-07-30 to 2018-08-04", or, by the yearly rule, "due in 2024". */
export function heldText(held: HeldMeeting): string {
  if (!held.known) return l10n.t('due in {0} by the yearly numbering', held.date);
  const days = held.end_date
    ? l10n.t('from {0} to {1}', held.date, held.end_date)
    : held.date.length > 4
      ? l10n.t('on {0}', held.date)
      : l10n.t('in {0}', held.date);
  return held.place ? l10n.t('held {0} in {1}', days, held.place) : l10n.t('held {0}', days);
}

/** Every mechanism that lists the party among its members, with the dates of its membership. */
export function membershipsOf(party: PartyEntry, mechanisms: readonly MechanismEntry[]): Array<{ mechanism: MechanismEntry; membership: Membership }> {
  return mechanisms.flatMap((mechanism) => memberships(mechanism).filter((m) => m.name === party.name).map((membership) => ({ mechanism, membership })));
}

/** "Russia (since 2011)", "X (2001 to 2010)", or the plain name. */
export function membershipText(m: Membership): string {
  const since = catalogDate(m.since);
  const until = catalogDate(m.until);
  if (since && until) return l10n.t('{0} ({1} to {2})', m.name, since, until);
  if (since) return l10n.t('{0} (since {1})', m.name, since);
  if (until) return l10n.t('{0} (until {1})', m.name, until);
  return m.name;
}
