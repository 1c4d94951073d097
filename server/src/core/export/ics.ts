/**
 * iCalendar (RFC 5545) through ical-generator, which escapes text, folds
 * long lines at 75 octets and writes the CRLF line ends: one all-day VEVENT
 * per meeting, with a UID made from the record's id, so re-importing an
 * updated export updates the events instead of duplicating them.
 */
import ical from 'ical-generator';
import { humanize } from '../render/values';
import { dayAfter, lastDay, type Meeting } from './meeting';

export interface IcsOptions {
  /** DTSTAMP of every event: when this calendar was made. */
  generatedAt: Date;
}

/** What follows the id in every UID: RFC 5545 wants UIDs unique beyond this calendar. */
export const UID_SUFFIX = '@meeting-records';

export function toIcs(meetings: readonly Meeting[], options: IcsOptions): string {
  const calendar = ical({
    name: 'Meeting records',
    prodId: { company: 'Meeting Records', product: 'meeting-records export', language: 'EN' },
  });
  for (const meeting of meetings) {
    const location = [meeting.venue, meeting.city, meeting.country?.name].filter(Boolean).join(', ');
    calendar.createEvent({
      id: `${meeting.id}${UID_SUFFIX}`,
      allDay: true,
      start: utcMidnight(meeting.date),
      // An all-day event ends on the day after its last day (DTEND is exclusive).
      end: utcMidnight(dayAfter(lastDay(meeting))),
      stamp: options.generatedAt,
      summary: meeting.titleEn ?? meeting.title,
      location: location || null,
      description: describe(meeting),
      url: meeting.source.url ? uriValue(meeting.source.url) : null,
      categories: meeting.mechanism ? [{ name: meeting.mechanism }] : [],
    });
  }
  return calendar.toString();
}

/**
 * Midnight UTC of a day: with no calendar time zone, ical-generator writes
 * a VALUE=DATE from the date's UTC fields, so the day is the same wherever
 * the export runs.
 */
function utcMidnight(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}

/**
 * A URL as an iCalendar URI value. ical-generator backslash-escapes URL as
 * if it were TEXT (`?a=1\,2`), but RFC 5545 (3.3.13) gives URI values no
 * escaping, so readers (ical.js, calendar apps) keep the backslash and the
 * link breaks. Percent-encoding the characters it would escape, as RFC 3986
 * allows for data in a URI, leaves it nothing to escape.
 */
function uriValue(url: string): string {
  return url.replace(/[\\;,]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/** The event's notes: what a calendar reader wants to know at a glance. */
function describe(meeting: Meeting): string {
  const lines: string[] = [];
  if (meeting.titleEn) lines.push(meeting.title);
  if (meeting.mechanism) lines.push(`Mechanism: ${meeting.mechanism}`);
  if (meeting.level) lines.push(`Level: ${humanize(meeting.level)}`);
  if (meeting.series) lines.push(`Series: ${meeting.series}`);
  if (meeting.chair) lines.push(`Chair: ${meeting.chair.name}`);
  if (meeting.partners.length > 0) lines.push(`Partners: ${meeting.partners.map((p) => p.name).join(', ')}`);
  if (meeting.documents.length > 0) {
    lines.push('Documents:');
    for (const d of meeting.documents) {
      const facts = [d.type, d.status].filter(Boolean).join(', ');
      lines.push(`- ${d.title}${facts ? ` (${facts})` : ''}`);
    }
  }
  if (meeting.source.publisher) lines.push(`Source: ${meeting.source.publisher}`);
  return lines.join('\n');
}
