/**
 * schema.org JSON-LD: one `Event` per meeting in a single `@graph`. Typed
 * with schema-dts (Google's typings of the schema.org vocabulary), so a
 * property on the wrong type or a value outside a property's expected types
 * does not compile.
 *
 * schema.org expects an Organization or a Person as `organizer` and
 * `attendee`, and a Country is a Place: a state (a catalog party with an
 * ISO code) is its government, a `GovernmentOrganization` serving that
 * `Country`; any other party is an `Organization`.
 */
import type { Event, EventAttendanceModeEnumeration, Graph, NewsArticle, Organization, Place } from 'schema-dts';
import { attendingParties, lastDay, type Meeting, type Party } from './meeting';

export const SCHEMA_ORG_CONTEXT = 'https://schema.org';

const ATTENDANCE_MODES: Readonly<Record<string, EventAttendanceModeEnumeration>> = {
  'in-person': 'https://schema.org/OfflineEventAttendanceMode',
  online: 'https://schema.org/OnlineEventAttendanceMode',
  hybrid: 'https://schema.org/MixedEventAttendanceMode',
};

export function toJsonLd(meetings: readonly Meeting[]): string {
  const graph: Graph = { '@context': SCHEMA_ORG_CONTEXT, '@graph': meetings.map(eventOf) };
  return `${JSON.stringify(graph, null, 2)}\n`;
}

function eventOf(m: Meeting): Event {
  const attendees = attendingParties(m);
  return {
    '@type': 'Event',
    identifier: m.id,
    name: m.titleEn ?? m.title,
    alternateName: m.titleEn ? m.title : undefined,
    startDate: m.date,
    endDate: lastDay(m),
    // The format's default is in-person (record-format.md); an unknown value says nothing.
    eventAttendanceMode: ATTENDANCE_MODES[m.format ?? 'in-person'],
    location: placeOf(m),
    organizer: m.chair && agentOf(m.chair),
    attendee: attendees.length > 0 ? attendees.map(agentOf) : undefined,
    superEvent: m.series ? seriesOf(m.series) : undefined,
    url: m.source.url,
    subjectOf: articleOf(m),
  };
}

function placeOf(m: Meeting): Place | undefined {
  if (!m.venue && !m.city && !m.country) return undefined;
  return {
    '@type': 'Place',
    name: m.venue,
    address: {
      '@type': 'PostalAddress',
      addressLocality: m.city,
      // schema.org prefers the ISO 3166-1 alpha-2 code; a party the catalog has no code for keeps its name.
      addressCountry: m.country && (m.country.iso ?? m.country.name),
    },
  };
}

function agentOf(party: Party): Organization {
  if (!party.iso) return { '@type': 'Organization', name: party.name };
  return {
    '@type': 'GovernmentOrganization',
    name: party.name,
    areaServed: { '@type': 'Country', name: party.name, identifier: party.iso },
  };
}

/**
 * The numbered umbrella event (`AMM-57`). Every meeting of the same series
 * names the same blank node, so a JSON-LD processor merges them into one
 * event with many sub-events. `+` (in `ASEAN+3-21`) may not appear in a
 * blank node label, `_` never appears in a series, so the label stays unique.
 */
function seriesOf(series: string): Event {
  return { '@type': 'Event', '@id': `_:series-${series.replace(/\+/g, '_')}`, name: series, identifier: series };
}

/** The news article the record was derived from. */
function articleOf(m: Meeting): NewsArticle | undefined {
  const { url, publisher, published, language } = m.source;
  if (!url && !publisher) return undefined;
  return {
    '@type': 'NewsArticle',
    url,
    publisher: publisher ? { '@type': 'Organization', name: publisher } : undefined,
    datePublished: published,
    inLanguage: language,
  };
}
