// Reading an export back with parsers that share no code with the exporters
// (ical.js for iCalendar, csv-parse for CSV, JSON.parse and schema.org's own
// domains and ranges for JSON-LD), and what each record should have become,
// worked out from the YAML with `yaml`. Shared by the unit, CLI and LSP tests.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import ICAL from 'ical.js';
import { parse as parseCsv } from 'csv-parse/sync';
import { parseAllDocuments } from 'yaml';

export const UID_SUFFIX = '@meeting-records';
export const CSV_HEADER = ['id', 'date', 'end_date', 'mechanism', 'level', 'series', 'title', 'title_en', 'city', 'country', 'chair', 'partners', 'documents', 'source_url', 'file', 'line'];

/** Every record of the files, as `yaml` reads them (core schema: dates stay strings), with its 1-based first-key line. */
export function recordsOf(files, root) {
  const out = [];
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
    const starts = lineStarts(text);
    for (const doc of parseAllDocuments(text)) {
      const value = doc.toJS();
      if (value === null || typeof value !== 'object') continue;
      const firstKey = doc.contents.items[0].key.range[0];
      out.push({ file: path.relative(root, file).split(path.sep).join('/'), line: lineOf(starts, firstKey), value });
    }
  }
  return out;
}

function lineStarts(text) {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function lineOf(starts, offset) {
  let line = 0;
  while (line + 1 < starts.length && starts[line + 1] <= offset) line++;
  return line + 1;
}

export function recordFiles(dir) {
  return fs
    .readdirSync(dir)
    .filter((n) => /\.meeting\.ya?ml$/.test(n))
    .sort()
    .map((n) => path.join(dir, n));
}

function dayAfter(day) {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** Parses an iCalendar text with ical.js: the events by UID. */
export function readIcs(text) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  assert.equal(calendar.name, 'vcalendar');
  assert.equal(calendar.getFirstPropertyValue('version'), '2.0');
  assert.ok(calendar.getFirstPropertyValue('prodid'), 'PRODID is required (RFC 5545 3.6)');
  assert.ok(/\r\n/.test(text) && !/[^\r]\n/.test(text), 'content lines end in CRLF (RFC 5545 3.1)');
  for (const line of text.split('\r\n')) assert.ok(Buffer.byteLength(line) <= 75, `a line longer than 75 octets: ${line}`);
  const events = new Map();
  for (const component of calendar.getAllSubcomponents('vevent')) {
    const event = new ICAL.Event(component);
    assert.ok(!events.has(event.uid), `UID ${event.uid} twice`);
    events.set(event.uid, { event, component });
  }
  return events;
}

/** Each record is one all-day event with the fields the issue lists. */
export function checkIcs(text, records) {
  const events = readIcs(text);
  assert.equal(events.size, records.length);
  for (const { value } of records) {
    const found = events.get(`${value.id}${UID_SUFFIX}`);
    assert.ok(found, `no event for ${value.id}`);
    const { event, component } = found;
    assert.equal(event.startDate.isDate, true, 'DTSTART is a DATE (all-day)');
    assert.equal(event.startDate.toString(), value.date);
    assert.equal(event.endDate.isDate, true, 'DTEND is a DATE');
    assert.equal(event.endDate.toString(), dayAfter(value.end_date ?? value.date), 'DTEND is the day after the last day');
    assert.equal(event.summary, value.title_en ?? value.title);
    assert.deepEqual(component.getAllProperties('categories').flatMap((p) => p.getValues()), [value.mechanism]);
    assert.equal(component.getFirstPropertyValue('url') ?? undefined, value.source?.url);
    assert.ok(component.getFirstPropertyValue('dtstamp'), 'DTSTAMP is required');
    const description = event.description;
    assert.ok(description.includes(`Mechanism: ${value.mechanism}`));
    assert.ok(description.includes('Level: '));
    for (const d of value.documents ?? []) assert.ok(description.includes(d.title), `document ${d.title} in the description`);
    const location = event.location ?? '';
    for (const part of [value.location?.venue, value.location?.city]) if (part) assert.ok(location.includes(part), `${part} in LOCATION`);
  }
  return events;
}

/** Parses a CSV text with csv-parse: the header and the rows as objects. */
export function readCsv(text) {
  assert.equal(text.charCodeAt(0), 0xfeff, 'UTF-8 with a BOM, for Excel');
  const rows = parseCsv(text, { bom: true, relax_column_count: false });
  assert.ok(text.endsWith('\r\n'), 'records end in CRLF (RFC 4180)');
  const [header, ...body] = rows;
  return { header, rows: body.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]]))) };
}

/** One row per record, in order, with the columns the issue lists. `canonical` maps aliases the catalog resolves. */
export function checkCsv(text, records, canonical = (name) => name) {
  const { header, rows } = readCsv(text);
  assert.deepEqual(header, CSV_HEADER);
  assert.equal(rows.length, records.length);
  records.forEach(({ value, file, line }, i) => {
    const row = rows[i];
    assert.equal(row.id, value.id);
    assert.equal(row.date, value.date);
    assert.equal(row.end_date, value.end_date && value.end_date !== value.date ? value.end_date : '');
    assert.equal(row.mechanism, canonical(value.mechanism));
    assert.equal(row.level, value.level);
    assert.equal(row.series, value.series ?? '');
    assert.equal(row.title, value.title);
    assert.equal(row.title_en, value.title_en ?? '');
    assert.equal(row.city, value.location?.city ?? '');
    assert.equal(row.country, value.location?.country ? canonical(value.location.country) : '');
    assert.equal(row.chair, value.chair ? canonical(value.chair) : '');
    assert.equal(row.partners, (value.partners ?? []).map(canonical).join('; '));
    assert.equal(row.documents, String((value.documents ?? []).length));
    assert.equal(row.source_url, value.source?.url ?? '');
    assert.equal(row.file, file);
    assert.equal(row.line, String(line));
  });
  return rows;
}

/** The JSON export: the records exactly as written, with file and line. */
export function checkJson(text, records) {
  const parsed = JSON.parse(text);
  assert.deepEqual(parsed, records.map(({ file, line, value }) => ({ file, line, record: value })));
  return parsed;
}

/**
 * schema.org's expectations for the properties an export uses: the types a
 * property may appear on (domainIncludes) and the types its values may have
 * (rangeIncludes), from https://schema.org/<property>, and the part of the
 * type hierarchy they need. A value of a subtype is expected where its
 * supertype is.
 */
const SUPERTYPE = {
  GovernmentOrganization: 'Organization',
  Organization: 'Thing',
  Country: 'AdministrativeArea',
  AdministrativeArea: 'Place',
  Place: 'Thing',
  PostalAddress: 'ContactPoint',
  ContactPoint: 'StructuredValue',
  StructuredValue: 'Intangible',
  Intangible: 'Thing',
  Event: 'Thing',
  NewsArticle: 'Article',
  Article: 'CreativeWork',
  CreativeWork: 'Thing',
};
const PROPERTIES = {
  name: { domain: ['Thing'], range: ['Text'] },
  alternateName: { domain: ['Thing'], range: ['Text'] },
  identifier: { domain: ['Thing'], range: ['Text', 'URL', 'PropertyValue'] },
  url: { domain: ['Thing'], range: ['URL'] },
  sameAs: { domain: ['Thing'], range: ['URL'] },
  startDate: { domain: ['Event'], range: ['Date', 'DateTime'] },
  endDate: { domain: ['Event'], range: ['Date', 'DateTime'] },
  eventAttendanceMode: { domain: ['Event'], range: ['EventAttendanceModeEnumeration'] },
  location: { domain: ['Event'], range: ['Place', 'PostalAddress', 'Text', 'VirtualLocation'] },
  organizer: { domain: ['Event'], range: ['Organization', 'Person'] },
  attendee: { domain: ['Event'], range: ['Organization', 'Person'] },
  superEvent: { domain: ['Event'], range: ['Event'] },
  subEvent: { domain: ['Event'], range: ['Event'] },
  subjectOf: { domain: ['Thing'], range: ['CreativeWork', 'Event'] },
  address: { domain: ['Place', 'Organization'], range: ['PostalAddress', 'Text'] },
  addressLocality: { domain: ['PostalAddress'], range: ['Text'] },
  addressCountry: { domain: ['PostalAddress'], range: ['Country', 'Text'] },
  areaServed: { domain: ['Organization'], range: ['AdministrativeArea', 'GeoShape', 'Place', 'Text'] },
  publisher: { domain: ['CreativeWork'], range: ['Organization', 'Person'] },
  datePublished: { domain: ['CreativeWork'], range: ['Date', 'DateTime'] },
  inLanguage: { domain: ['CreativeWork', 'Event'], range: ['Language', 'Text'] },
};
const ATTENDANCE_MODES = ['https://schema.org/OfflineEventAttendanceMode', 'https://schema.org/OnlineEventAttendanceMode', 'https://schema.org/MixedEventAttendanceMode'];

function isA(type, expected) {
  for (let t = type; t; t = SUPERTYPE[t]) if (t === expected) return true;
  return false;
}

function checkLiteral(value, range, where) {
  assert.equal(typeof value, 'string', `${where}: a literal is a string`);
  const ok = range.some((r) => {
    if (r === 'Text' || r === 'Language') return true;
    if (r === 'URL') return /^https?:\/\/\S+$/.test(value);
    if (r === 'Date') return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value));
    if (r === 'EventAttendanceModeEnumeration') return ATTENDANCE_MODES.includes(value);
    return false;
  });
  assert.ok(ok, `${where}: '${value}' is not one of ${range.join(', ')}`);
}

/** Every property on a type schema.org allows it on, every value of a type the property expects. */
export function checkSchemaOrgNode(node, where = 'node') {
  const type = node['@type'];
  assert.equal(typeof type, 'string', `${where} has an @type`);
  assert.ok(type in SUPERTYPE, `${where}: unexpected @type ${type}`);
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith('@')) continue;
    const property = PROPERTIES[key];
    assert.ok(property, `${where}: '${key}' is not a property this check knows of schema.org`);
    assert.ok(property.domain.some((d) => isA(type, d)), `${where}: '${key}' is not a property of ${type}`);
    for (const [i, item] of (Array.isArray(value) ? value : [value]).entries()) {
      const at = `${where}.${key}${Array.isArray(value) ? `[${i}]` : ''}`;
      assert.notEqual(item, null, `${at} is null`);
      if (typeof item === 'object') {
        assert.ok(property.range.some((r) => isA(item['@type'], r)), `${at}: a ${item['@type']} where schema.org expects ${property.range.join(' or ')}`);
        checkSchemaOrgNode(item, at);
      } else {
        checkLiteral(item, property.range, at);
      }
    }
  }
}

/** One @graph of schema.org Events, one per record, in order. */
export function checkJsonLd(text, records, canonical = (name) => name) {
  const doc = JSON.parse(text);
  assert.equal(doc['@context'], 'https://schema.org');
  assert.ok(Array.isArray(doc['@graph']));
  assert.equal(doc['@graph'].length, records.length);
  records.forEach(({ value }, i) => {
    const event = doc['@graph'][i];
    assert.equal(event['@type'], 'Event');
    checkSchemaOrgNode(event, `@graph[${i}]`);
    assert.equal(event.identifier, value.id);
    assert.equal(event.name, value.title_en ?? value.title);
    assert.equal(event.startDate, value.date);
    assert.equal(event.endDate, value.end_date ?? value.date);
    const mode = { 'in-person': 'Offline', online: 'Online', hybrid: 'Mixed' }[value.format ?? 'in-person'];
    assert.equal(event.eventAttendanceMode, `https://schema.org/${mode}EventAttendanceMode`);
    if (value.location) {
      assert.equal(event.location['@type'], 'Place');
      assert.equal(event.location.name, value.location.venue);
      assert.equal(event.location.address['@type'], 'PostalAddress');
      assert.equal(event.location.address.addressLocality, value.location.city);
    } else {
      assert.equal(event.location, undefined);
    }
    if (value.chair) assert.equal(event.organizer.name, canonical(value.chair));
    const attendees = (event.attendee ?? []).map((a) => a.name);
    for (const p of value.partners ?? []) assert.ok(attendees.includes(canonical(p)), `${p} attends ${value.id}`);
    if (value.series) {
      assert.equal(event.superEvent['@type'], 'Event');
      assert.equal(event.superEvent.name, value.series);
      assert.match(event.superEvent['@id'], /^_:/);
    } else {
      assert.equal(event.superEvent, undefined);
    }
    assert.equal(event.url, value.source?.url);
  });
  return doc;
}
