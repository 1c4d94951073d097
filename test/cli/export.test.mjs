// `meeting-records export`: every format read back by an independent parser
// on the seed records and on the rule fixtures; files with errors stop the
// export unless --allow-errors; --out is atomic and never replaces an input.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FIXTURES, ROOT, SEEDS, runCli, runJson, scratch } from './helpers.mjs';
import { checkCsv, checkIcs, checkJson, checkJsonLd, readCsv, readIcs, recordFiles, recordsOf } from '../export/formats.mjs';

const RULES = path.join(FIXTURES, 'rules');
const SEED_RECORDS = recordsOf(recordFiles(SEEDS), ROOT);
/** The rule fixtures `validate` finds no error in: the only ones an export may publish. */
/** The rule fixtures validate passes with warnings at most: exactly what export may publish (one record per fixture). */
const CLEAN_RULES = runJson(['validate', path.relative(ROOT, RULES)])
  .json.filter((entry) => !entry.diagnostics.some((d) => d.severity === 'error'))
  .map((entry) => path.join(ROOT, entry.file))
  .sort();
const RULE_RECORDS = recordsOf(CLEAN_RULES, ROOT);
/** The aliases the rule fixtures use, as the catalog resolves them. */
const CANONICAL = { 'Nhật Bản': 'Japan' };
const canonical = (name) => CANONICAL[name] ?? name;
const EPOCH = { SOURCE_DATE_EPOCH: '1700000000' };

function exportOk(args, options) {
  const result = runCli(['export', ...args], options);
  assert.equal(result.code, 0, result.stderr);
  return result;
}

describe('export of the seed records, read back', () => {
  test('ics: ical.js reads one all-day event per record, UID from the id', () => {
    const { stdout, stderr } = exportOk(['--format', 'ics', 'seeds/records'], { env: EPOCH });
    assert.equal(stderr, '');
    const events = checkIcs(stdout, SEED_RECORDS);
    assert.ok(SEED_RECORDS.length >= 10);
    // DTSTAMP is SOURCE_DATE_EPOCH: the same records give the same bytes.
    for (const { component } of events.values()) assert.equal(component.getFirstPropertyValue('dtstamp').toString(), '2023-11-14T22:13:20Z');
    assert.equal(exportOk(['--format', 'ics', 'seeds/records'], { env: EPOCH }).stdout, stdout);
  });

  test('a meeting of several days ends on the day after its end_date; online and hybrid say so', () => {
    const dir = scratch('mr-export-');
    const base = fs.readFileSync(path.join(RULES, 'clean.meeting.yaml'), 'utf8');
    const file = path.join(dir, 'days.meeting.yaml');
    fs.writeFileSync(
      file,
      [
        base.replace('fixture-clean', 'three-days').replace('date: 2024-07-26', 'date: 2024-12-30\nend_date: 2025-01-01\nformat: online'),
        base.replace('fixture-clean', 'one-day').replace('date: 2024-07-26', 'date: 2024-02-28\nend_date: 2024-02-28\nformat: hybrid'),
      ].join('---\n'),
    );
    const records = recordsOf([file], dir);
    const events = checkIcs(exportOk(['-f', 'ics', '.'], { cwd: dir }).stdout, records);
    assert.equal(events.get('three-days@meeting-records').event.endDate.toString(), '2025-01-02');
    assert.equal(events.get('one-day@meeting-records').event.endDate.toString(), '2024-02-29');
    checkCsv(exportOk(['-f', 'csv', '.'], { cwd: dir }).stdout, records);
    checkJsonLd(exportOk(['-f', 'jsonld', '.'], { cwd: dir }).stdout, records);
  });

  test('csv: csv-parse reads a header row and one row per record, Vietnamese intact', () => {
    const { stdout } = exportOk(['--format', 'csv', 'seeds/records']);
    const rows = checkCsv(stdout, SEED_RECORDS);
    assert.ok(rows.some((r) => /[ạảấầẩẫậắằẳẵặđệộ]/.test(r.title)), 'a Vietnamese title');
  });

  test('jsonld: one @graph of schema.org Events, every property and value as schema.org expects', () => {
    checkJsonLd(exportOk(['--format', 'jsonld', 'seeds/records']).stdout, SEED_RECORDS);
  });

  test('jsonld: meetings of one series share one superEvent node', () => {
    const doc = JSON.parse(exportOk(['--format', 'jsonld', 'seeds/records']).stdout);
    const bySeries = new Map();
    for (const e of doc['@graph']) if (e.superEvent) bySeries.set(e.superEvent.name, [...(bySeries.get(e.superEvent.name) ?? []), e.superEvent['@id']]);
    const shared = [...bySeries.values()].find((ids) => ids.length > 1);
    assert.ok(shared, 'the seeds have a series of several meetings');
    assert.equal(new Set(shared).size, 1);
  });

  test('json: the records exactly as written, with their file and first line', () => {
    checkJson(exportOk(['--format', 'json', 'seeds/records']).stdout, SEED_RECORDS);
  });
});

describe('export of the rule fixtures', () => {
  test('the files without errors, in every format, names made canonical except in json', () => {
    const args = CLEAN_RULES.map((f) => path.relative(ROOT, f));
    checkIcs(exportOk(['-f', 'ics', ...args]).stdout, RULE_RECORDS.map((r) => ({ ...r, value: { ...r.value, mechanism: canonical(r.value.mechanism) } })));
    const rows = checkCsv(exportOk(['-f', 'csv', ...args]).stdout, RULE_RECORDS, canonical);
    assert.ok(rows.some((r) => r.partners === 'China; Japan'), "'Nhật Bản' is published as Japan");
    checkJsonLd(exportOk(['-f', 'jsonld', ...args]).stdout, RULE_RECORDS, canonical);
    const json = checkJson(exportOk(['-f', 'json', ...args]).stdout, RULE_RECORDS);
    assert.ok(json.some((r) => r.record.partners?.includes('Nhật Bản')), 'json keeps what the record says');
  });

  test('a folder with errors: problems on stderr as validate shows them, nothing on stdout, exit 1', () => {
    const result = runCli(['export', '--format', 'csv', 'test/fixtures/cli/rules']);
    assert.equal(result.code, 1);
    assert.equal(result.stdout, '');
    const validate = runCli(['validate', '--quiet', 'test/fixtures/cli/rules']);
    // The same problems, in the same words, as validate --quiet prints them.
    assert.ok(result.stderr.startsWith(validate.stdout), result.stderr);
    assert.match(result.stderr, /nothing exported: 11 errors \(10 records affected\)/);
    assert.match(result.stderr, new RegExp(`--allow-errors to export the ${CLEAN_RULES.length} records without errors`));
  });

  test('--allow-errors: the records without errors, the others named on stderr, exit 0', () => {
    const result = runCli(['export', '--format', 'csv', '--allow-errors', 'test/fixtures/cli/rules']);
    assert.equal(result.code, 0, result.stderr);
    checkCsv(result.stdout, RULE_RECORDS, canonical);
    assert.match(result.stderr, /left out 10 records with errors: test\/fixtures\/cli\/rules\/date-order\.meeting\.yaml:1 \(fixture-date-order\)/);
    // Both records sharing an id are left out: neither is the real one.
    assert.match(result.stderr, /duplicate-id-a\.meeting\.yaml:1 \(fixture-duplicate-id\), test\/fixtures\/cli\/rules\/duplicate-id-b\.meeting\.yaml:2/);
  });

  test('--severity makes an error a warning, and the record is exported', () => {
    const result = runCli(['export', '-f', 'json', '--severity', 'unknown-party=warning', 'test/fixtures/cli/rules/unknown-party.meeting.yaml']);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(JSON.parse(result.stdout)[0].record.id, 'fixture-unknown-party');
  });

  test('a file that cannot be read stops the export too', () => {
    const dir = scratch('mr-export-');
    fs.copyFileSync(path.join(RULES, 'clean.meeting.yaml'), path.join(dir, 'a.meeting.yaml'));
    fs.writeFileSync(path.join(dir, 'b.meeting.yaml'), Buffer.from([0x69, 0x64, 0x3a, 0x20, 0xff, 0xfe, 0x0a]));
    const blocked = runCli(['export', '-f', 'json', dir], { cwd: dir });
    assert.equal(blocked.code, 1);
    assert.match(blocked.stderr, /b\.meeting\.yaml/);
    const allowed = runCli(['export', '-f', 'json', '--allow-errors', '.'], { cwd: dir });
    assert.equal(allowed.code, 0, allowed.stderr);
    assert.equal(JSON.parse(allowed.stdout).length, 1);
    assert.match(allowed.stderr, /b\.meeting\.yaml/);
  });
});

describe('export: the shortcut for clean files', () => {
  test('exports the same bytes as the full analysis, record lines included, however documents begin', () => {
    const dir = scratch('mr-export-');
    const clean = fs.readFileSync(path.join(RULES, 'clean.meeting.yaml'), 'utf8');
    const variant = (id) => clean.replace('fixture-clean', id);
    fs.writeFileSync(
      path.join(dir, 'documents.meeting.yaml'),
      `# a comment first\n\n${variant('first')}---\n# between\n\n${variant('second')}--- # a comment on the marker\n${variant('third')}...\n---\n\n  \n${variant('fourth')}`,
    );
    fs.writeFileSync(path.join(dir, 'flow.meeting.yaml'), `--- {version: 1, id: flow-one, title: "T", mechanism: AMM, level: other, date: 2024-01-01, source: {publisher: X}}\n`);
    fs.writeFileSync(path.join(dir, 'twin.meeting.yaml'), `# shares an id with documents.meeting.yaml\n${variant('second')}`);
    for (const args of [['-f', 'json', '--allow-errors', dir, 'seeds/records', 'test/fixtures/cli/rules'], ['-f', 'csv', '--allow-errors', dir]]) {
      const fast = runCli(['export', ...args]);
      const full = runCli(['export', ...args], { env: { MEETING_RECORDS_FAST_PATH: '0' } });
      assert.equal(fast.code, 0, fast.stderr);
      assert.equal(fast.stdout, full.stdout);
      assert.equal(fast.stderr, full.stderr);
    }
    const json = JSON.parse(runCli(['export', '-f', 'json', '--allow-errors', dir]).stdout);
    assert.deepEqual(json.map((r) => [r.file.split('/').pop(), r.line, r.record.id]), [
      ['documents.meeting.yaml', 3, 'first'],
      ['documents.meeting.yaml', 23, 'third'],
      ['documents.meeting.yaml', 35, 'fourth'],
      ['flow.meeting.yaml', 1, 'flow-one'],
    ]);
    // Both records that share the id 'second' are left out, found though both files are clean on their own.
    assert.match(runCli(['export', '-f', 'json', '--allow-errors', dir]).stderr, /left out 2 records with errors: .*documents\.meeting\.yaml:\d+ \(second\), .*twin\.meeting\.yaml:2 \(second\)/);
  });
  test('worker threads export what one thread exports', () => {
    const args = ['export', '-f', 'json', '--allow-errors', 'seeds/records', 'test/fixtures/cli/rules'];
    const one = runCli(args, { env: { MEETING_RECORDS_THREADS: '0' } });
    const two = runCli(args, { env: { MEETING_RECORDS_THREADS: '2' } });
    assert.equal(two.code, 0, two.stderr);
    assert.equal(two.stdout, one.stdout);
    assert.equal(two.stderr, one.stderr);
  });
});

describe('export --out', () => {
  test('writes the file stdout would get; the format may come from its extension', () => {
    const dir = scratch('mr-export-');
    const out = path.join(dir, 'meetings.ics');
    const result = exportOk(['seeds/records', '--out', out], { env: EPOCH });
    assert.equal(result.stdout, '');
    assert.equal(fs.readFileSync(out, 'utf8'), exportOk(['-f', 'ics', 'seeds/records'], { env: EPOCH }).stdout);
    readIcs(fs.readFileSync(out, 'utf8'));
    // An existing export is replaced, as render -o replaces its page.
    exportOk(['seeds/records', '-f', 'csv', '-o', out]);
    readCsv(fs.readFileSync(out, 'utf8'));
    assert.deepEqual(fs.readdirSync(dir), ['meetings.ics'], 'no temporary file left behind');
  });

  test('refuses to write over an input, directly or through a link, and leaves it as it was', () => {
    const dir = scratch('mr-export-');
    const record = path.join(dir, 'a.meeting.yaml');
    fs.copyFileSync(path.join(RULES, 'clean.meeting.yaml'), record);
    const before = fs.readFileSync(record, 'utf8');
    fs.symlinkSync(record, path.join(dir, 'link.json'));
    for (const out of ['a.meeting.yaml', 'link.json']) {
      const result = runCli(['export', '-f', 'json', '.', '--out', out], { cwd: dir });
      assert.equal(result.code, 2, result.stderr);
      assert.match(result.stderr, /cannot write .*: it is one of the input files; not overwritten/);
      assert.equal(fs.readFileSync(record, 'utf8'), before);
    }
  });

  test('refuses a folder and a link to nothing; nothing is written when the export is stopped', () => {
    const dir = scratch('mr-export-');
    fs.mkdirSync(path.join(dir, 'folder.json'));
    fs.symlinkSync(path.join(dir, 'missing.json'), path.join(dir, 'dangling.json'));
    assert.match(runCli(['export', 'seeds/records', '-o', path.join(dir, 'folder.json')]).stderr, /not a regular file/);
    assert.match(runCli(['export', 'seeds/records', '-o', path.join(dir, 'dangling.json')]).stderr, /link to a file that does not exist/);
    const stopped = runCli(['export', 'test/fixtures/cli/rules', '-o', path.join(dir, 'new.csv')]);
    assert.equal(stopped.code, 1);
    assert.equal(fs.existsSync(path.join(dir, 'new.csv')), false);
  });
});

describe('export usage', () => {
  test('bad usage exits 2 with one line on stderr', () => {
    for (const [args, message] of [
      [['export', 'seeds/records'], /--format ics\|csv\|jsonld\|json is needed/],
      [['export', '-f', 'xml', 'seeds/records'], /--format must be one of ics, csv, jsonld, json, not 'xml'/],
      [['export', '-f', 'icss', 'seeds/records'], /did you mean 'ics'/],
      [['export', '-o', 'out.txt', 'seeds/records'], /the name 'out.txt' does not say which/],
      [['export', '-f', 'csv', '--allow-error', 'seeds/records'], /unknown option '--allow-error' \(did you mean '--allow-errors'\?\)/],
      [['export', '-f', 'csv', 'no-such-folder'], /no such file or folder/],
    ]) {
      const result = runCli(args);
      assert.equal(result.code, 2, `${args.join(' ')}: ${result.stderr}`);
      assert.match(result.stderr, message);
      assert.equal(result.stderr.trim().split('\n').length, 1);
      assert.equal(result.stdout, '');
    }
  });

  test('--help and help export describe the command', () => {
    const help = exportOk(['--help']).stdout;
    assert.match(help, /^Usage: meeting-records export/);
    assert.match(help, /--allow-errors/);
    assert.equal(runCli(['help', 'export']).stdout, help);
    assert.match(runCli(['--help']).stdout, /meeting-records export/);
  });
});
