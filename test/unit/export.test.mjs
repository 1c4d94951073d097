// The pure exporters (server/src/core/export) on records made to be awkward:
// commas, quotes and line breaks in titles, a title that looks like a
// formula, aliases, a record without optional fields, records that are not
// meetings; and which records an export may publish. Each read back with the
// independent parsers of test/export/formats.mjs.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { checkSchemaOrgNode, readCsv, readIcs } from '../export/formats.mjs';

const require = createRequire(import.meta.url);
const core = require('../../dist/core.js');
const catalog = core.loadBundledCatalog();
const GENERATED = new Date('2024-01-02T03:04:05Z');

const exportAs = (format, records) => core.exportRecords(format, records, { catalog, generatedAt: GENERATED });

const base = {
  version: 1,
  id: '2024-07-26-awkward',
  title: 'Hội nghị "ASEAN, Nhật Bản";\nphiên 2',
  title_en: '=HYPERLINK("http://evil.example","click")',
  mechanism: 'ASEAN 1',
  level: 'ministerial',
  date: '2024-07-26',
  location: { city: 'Viêng Chăn, Lào', country: 'Lào', venue: 'NCC; Hall A' },
  chair: 'Lào',
  partners: ['Nhật Bản', 'Hàn Quốc'],
  documents: [{ title: 'Tuyên bố chung', type: 'joint-statement', status: 'adopted' }],
  source: { url: 'https://example.org/a?b=1,2', publisher: 'TTXVN' },
};
const minimal = { version: 1, id: '2024-08-01-minimal', title: 'Tối thiểu', mechanism: 'AMM', level: 'other', date: '2024-08-01', source: { publisher: 'X' } };
const records = [
  { file: 'a b/awkward.meeting.yaml', line: 3, value: base },
  { file: 'minimal.meeting.yaml', line: 1, value: minimal },
];

describe('exporters on awkward records', () => {
  test('csv: quoting, line breaks and formulas survive a round trip through csv-parse; aliases become canonical names', () => {
    const { rows } = readCsv(exportAs('csv', records));
    assert.equal(rows.length, 2);
    assert.equal(rows[0].title, base.title, 'commas, quotes, semicolons and a line break inside one field');
    assert.equal(rows[0].title_en, `'${base.title_en}`, 'a formula is defused with a leading quote');
    assert.equal(rows[0].mechanism, 'ASEAN+1');
    assert.equal(rows[0].country, 'Lao PDR');
    assert.equal(rows[0].partners, 'Japan; Republic of Korea');
    assert.equal(rows[0].file, 'a b/awkward.meeting.yaml');
    assert.deepEqual([rows[1].end_date, rows[1].city, rows[1].chair, rows[1].partners, rows[1].documents, rows[1].source_url], ['', '', '', '', '0', '']);
  });

  test('ics: escaped text comes back as written; a record without a place has no LOCATION', () => {
    const events = readIcs(exportAs('ics', records));
    const awkward = events.get('2024-07-26-awkward@meeting-records');
    assert.equal(awkward.event.summary, base.title_en);
    assert.equal(awkward.event.location, 'NCC; Hall A, Viêng Chăn, Lào, Lao PDR');
    assert.ok(awkward.event.description.startsWith(`${base.title}\nMechanism: ASEAN+1`));
    assert.ok(awkward.event.description.includes('Partners: Japan, Republic of Korea'));
    // RFC 5545 gives a URI value no backslash escapes: the reserved characters are percent-encoded instead.
    assert.equal(awkward.component.getFirstPropertyValue('url'), 'https://example.org/a?b=1%2C2');
    assert.equal(awkward.component.getFirstPropertyValue('dtstamp').toString(), '2024-01-02T03:04:05Z');
    const plain = events.get('2024-08-01-minimal@meeting-records');
    assert.equal(plain.event.location, null);
    assert.equal(plain.event.summary, 'Tối thiểu');
    assert.equal(plain.event.endDate.toString(), '2024-08-02');
  });

  test('jsonld: states are government organisations serving a country with its ISO code; every node as schema.org expects', () => {
    const doc = JSON.parse(exportAs('jsonld', records));
    for (const [i, node] of doc['@graph'].entries()) checkSchemaOrgNode(node, `@graph[${i}]`);
    const [awkward, plain] = doc['@graph'];
    assert.deepEqual(awkward.organizer, { '@type': 'GovernmentOrganization', name: 'Lao PDR', areaServed: { '@type': 'Country', name: 'Lao PDR', identifier: 'LA' } });
    assert.deepEqual(awkward.attendee.map((a) => a.name), ['Japan', 'Republic of Korea']);
    assert.equal(awkward.location.address.addressCountry, 'LA');
    assert.equal(awkward.alternateName, base.title);
    assert.equal(plain.location, undefined);
    assert.equal(plain.eventAttendanceMode, 'https://schema.org/OfflineEventAttendanceMode');
  });

  test('json: the values exactly as given, with file and line', () => {
    assert.deepEqual(JSON.parse(exportAs('json', records)), records.map(({ file, line, value }) => ({ file, line, record: value })));
  });

  test('a record without an id, a title or a real date is not a meeting: left out of ics, csv and jsonld', () => {
    const odd = [{ file: 'x', line: 1, value: { ...minimal, date: '2024-02-30' } }, { file: 'y', line: 1, value: ['not', 'a', 'record'] }];
    assert.equal(readIcs(exportAs('ics', odd)).size, 0);
    assert.equal(readCsv(exportAs('csv', odd)).rows.length, 0);
    assert.deepEqual(JSON.parse(exportAs('jsonld', odd))['@graph'], []);
  });
});

describe('selectExportable', () => {
  const range = (from, to) => ({ start: { line: from, character: 0 }, end: { line: to, character: 0 } });
  const diagnostic = (line, severity = 'error', code = 'schema') => ({ code, severity, range: range(line, line) });

  test('a record with an error of its own or one placed on it is left out and named; warnings do not matter', () => {
    const selection = core.selectExportable([
      {
        file: 'f.meeting.yaml',
        records: [
          { value: { id: 'a' }, range: range(0, 4), errors: 0, id: 'a' },
          { value: { id: 'b' }, range: range(6, 9), errors: 1, id: 'b' },
          { value: { id: 'c' }, range: range(11, 14), errors: 0, id: 'c' },
          { value: {}, range: range(16, 18), errors: 0 },
        ],
        diagnostics: [diagnostic(2, 'warning'), diagnostic(12, 'error', 'duplicate-id')],
      },
    ]);
    assert.deepEqual(selection.records.map((r) => [r.value.id, r.line]), [['a', 1], [undefined, 17]]);
    assert.deepEqual(selection.skipped, [{ file: 'f.meeting.yaml', line: 7, id: 'b' }, { file: 'f.meeting.yaml', line: 12, id: 'c' }]);
    assert.deepEqual(selection.unread, []);
    assert.equal(core.isIncomplete(selection), true);
  });

  test('a file that could not be read is named, whatever the severity says', () => {
    const selection = core.selectExportable([{ file: 'big.meeting.yaml', records: [], diagnostics: [diagnostic(0, 'information', 'file-too-large')] }]);
    assert.deepEqual(selection.unread, ['big.meeting.yaml']);
    assert.equal(core.isIncomplete(selection), true);
  });
});

describe('formats', () => {
  test('the format of a file name, for --out and the save dialog', () => {
    assert.deepEqual(['a.ics', 'b.CSV', 'c.jsonld', 'd.json', 'e.txt', 'noext'].map((n) => core.exportFormatOfFile(n)), ['ics', 'csv', 'jsonld', 'json', undefined, undefined]);
    assert.deepEqual([...core.EXPORT_FORMATS], ['ics', 'csv', 'jsonld', 'json']);
    assert.equal(core.isExportFormat('xml'), false);
  });
});
