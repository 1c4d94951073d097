// One fixture per rule code, run through the real CLI: each asserts the
// code, the 1-based line and column, and the gist of the message.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { before, describe, test } from 'node:test';
import { FIXTURES, ROOT, runJson, scratch } from './helpers.mjs';

const RULES = path.join(FIXTURES, 'rules');
const rel = (name) => path.relative(ROOT, path.join(RULES, name)).split(path.sep).join('/');

describe('one fixture per rule code', () => {
  let byFile;
  let run;
  before(() => {
    run = runJson(['validate', rel('')]);
    byFile = new Map(run.json.map((entry) => [entry.file, entry.diagnostics]));
  });

  /** Exactly these diagnostics (code, line, column), in order. */
  function expectOnly(name, expected) {
    const diagnostics = byFile.get(rel(name));
    assert.ok(diagnostics, `no entry for ${name}; files: ${[...byFile.keys()].join(', ')}`);
    assert.deepEqual(
      diagnostics.map((d) => ({ code: d.code, line: d.line, column: d.column })),
      expected.map(({ code, line, column }) => ({ code, line, column })),
    );
    expected.forEach((e, i) => {
      if (e.message) assert.match(diagnostics[i].message, e.message);
      if (e.severity) assert.equal(diagnostics[i].severity, e.severity);
    });
    return diagnostics;
  }

  test('exit 1 because the folder has errors; every file has an entry, clean ones too', () => {
    assert.equal(run.code, 1);
    assert.deepEqual(byFile.get(rel('clean.meeting.yaml')), []);
    const names = fs.readdirSync(RULES).filter((n) => n.endsWith('.meeting.yaml'));
    assert.equal(run.json.length, names.length);
  });

  test('yaml-syntax: an unclosed flow sequence', () => {
    expectOnly('yaml-syntax.meeting.yaml', [{ code: 'yaml-syntax', line: 5, column: 1, severity: 'error', message: /Flow sequence/ }]);
  });

  test('schema: a missing field is reported on the record\'s first key', () => {
    expectOnly('schema-missing-field.meeting.yaml', [{ code: 'schema', line: 2, column: 1, message: /Missing required field 'date'/ }]);
  });

  test('schema: an unknown field, with did-you-mean, on the key', () => {
    expectOnly('schema-unknown-field.meeting.yaml', [
      { code: 'schema', line: 1, column: 1, message: /Missing required field 'title'/ },
      { code: 'schema', line: 3, column: 1, message: /Unknown field 'titel' \(did you mean 'title'\?\)/ },
    ]);
  });

  test('schema: an enum value, on the value', () => {
    const [d] = expectOnly('schema-enum.meeting.yaml', [{ code: 'schema', line: 5, column: 8, message: /'level' must be one of: summit, ministerial/ }]);
    assert.equal(d.endColumn, 8 + 'ministeral'.length);
  });

  test('schema: an impossible date stays a string and is rejected as a date', () => {
    expectOnly('schema-date.meeting.yaml', [{ code: 'schema', line: 6, column: 7, message: /real date written YYYY-MM-DD/ }]);
  });

  test('unknown-party with did-you-mean', () => {
    expectOnly('unknown-party.meeting.yaml', [{ code: 'unknown-party', line: 9, column: 8, severity: 'error', message: /Unknown party 'Japn' \(did you mean 'Japan'\?\)/ }]);
  });

  test('unknown-mechanism with suggestions', () => {
    expectOnly('unknown-mechanism.meeting.yaml', [{ code: 'unknown-mechanism', line: 4, column: 12, message: /Unknown mechanism 'ASEAN\+9'.*did you mean/ }]);
  });

  test('non-canonical-name: an alias in a flow list, UTF-16 columns', () => {
    const [d] = expectOnly('non-canonical-name.meeting.yaml', [{ code: 'non-canonical-name', line: 9, column: 19, severity: 'warning', message: /'Nhật Bản' is an alias.*'Japan'/ }]);
    assert.equal(d.endColumn, 19 + 'Nhật Bản'.length);
  });

  test('duplicate-entry: on the second occurrence', () => {
    expectOnly('duplicate-entry.meeting.yaml', [{ code: 'duplicate-entry', line: 12, column: 5, severity: 'warning', message: /'China' is already listed/ }]);
  });

  test('date-order: on end_date\'s value', () => {
    expectOnly('date-order.meeting.yaml', [{ code: 'date-order', line: 9, column: 11, message: /before 'date'/ }]);
  });

  test('duplicate-id: across two files, on the id in each, naming the other place', () => {
    const [a] = expectOnly('duplicate-id-a.meeting.yaml', [{ code: 'duplicate-id', line: 2, column: 5 }]);
    const [b] = expectOnly('duplicate-id-b.meeting.yaml', [{ code: 'duplicate-id', line: 3, column: 5 }]);
    assert.match(a.message, /duplicate-id-b\.meeting\.yaml:3/);
    assert.match(b.message, /duplicate-id-a\.meeting\.yaml:2/);
  });

  test('mechanism-membership: India in an ASEAN+3 record', () => {
    expectOnly('mechanism-membership.meeting.yaml', [{ code: 'mechanism-membership', line: 9, column: 19, severity: 'warning', message: /'India' is not a member of ASEAN\+3/ }]);
  });

  test('series-year: AMM-57 dated 2023', () => {
    expectOnly('series-year.meeting.yaml', [{ code: 'series-year', line: 9, column: 9, severity: 'warning', message: /2024/ }]);
  });

  test('mechanism-membership in time: Russia at a 2007 EAS, before it joined in 2011', () => {
    expectOnly('membership-in-time.meeting.yaml', [{ code: 'mechanism-membership', line: 9, column: 12, message: /'Russia' has been a member of EAS only since 2011; this meeting is dated 2007-11-21/ }]);
  });

  test('ambiguous-name: \'my\' folds to Malaysia and to the United States; both are offered, neither is applied', () => {
    expectOnly('ambiguous-name.meeting.yaml', [{ code: 'ambiguous-name', line: 10, column: 8, severity: 'warning', message: /'my' could be the party 'Malaysia' or 'United States'/ }]);
  });

  test('member-as-partner: Thailand among the partners of ASEAN+3', () => {
    expectOnly('member-as-partner.meeting.yaml', [{ code: 'member-as-partner', line: 9, column: 26, message: /'Thailand' is an ASEAN member state.*'participants'/ }]);
  });

  test('chair-not-member: Japan chairing an ASEAN+1 meeting', () => {
    expectOnly('chair-not-member.meeting.yaml', [{ code: 'chair-not-member', line: 10, column: 8, message: /chaired by an ASEAN member state.*'Japan'/ }]);
  });

  test('follow-up-date: a follow-up announced for before the meeting', () => {
    expectOnly('follow-up-date.meeting.yaml', [{ code: 'follow-up-date', line: 12, column: 11, message: /dated 2024-05, before the meeting that announced it \(2024-07-26\)/ }]);
  });

  test('document-mismatch: type, parties and year against the catalog entry, each on its value', () => {
    expectOnly('document-mismatch.meeting.yaml', [
      { code: 'document-mismatch', line: 11, column: 11, message: /is a work-plan in the catalog, not a declaration/ },
      { code: 'document-mismatch', line: 12, column: 13, message: /dates from 2017 in the catalog, after this meeting \(2015\)/ },
      { code: 'document-mismatch', line: 13, column: 29, message: /'India' is not a party to/ },
    ]);
  });

  test('party-not-yet: Timor-Leste at a 2018 ASEAN+3 meeting, before it joined ASEAN', () => {
    expectOnly('party-not-yet.meeting.yaml', [{ code: 'party-not-yet', line: 10, column: 26, message: /'Timor-Leste' was not yet an ASEAN member on 2018-08-02: it joined on 2025-10-26/ }]);
  });

  test('partners-participants: a partner missing from the participants listed', () => {
    expectOnly('partners-participants.meeting.yaml', [{ code: 'partners-participants', line: 9, column: 26, message: /'Republic of Korea' is a partner of this meeting but is not among its 'participants'/ }]);
  });
});

/** The record text for a case of the time-aware and naming rules. */
function meeting({ id, mechanism = 'ASEAN+3', level = 'ministerial', date, extra = '' }) {
  return `version: 1\nid: ${id}\ntitle: Hội nghị\nmechanism: ${mechanism}\nlevel: ${level}\ndate: ${date}\nsource:\n  publisher: TTXVN\n${extra}`;
}

describe('domain judgement in time: both directions of every case', () => {
  const CASES = [
    { name: 'eas-2018-russia-us', mechanism: 'EAS', level: 'summit', date: '2018-11-15', extra: 'partners: [Russia, United States, China]\n', codes: [] },
    { name: 'eas-2007-russia', mechanism: 'EAS', level: 'summit', date: '2007-11-21', extra: 'partners: [Russia]\n', codes: ['mechanism-membership'] },
    { name: 'eas-2010-us', mechanism: 'EAS', level: 'summit', date: '2010-10-30', extra: 'partners: [United States]\n', codes: ['mechanism-membership'] },
    { name: 'apt-2018-timor', date: '2018-08-02', extra: 'participants: [Timor-Leste]\n', codes: ['party-not-yet'] },
    { name: 'apt-2026-timor', date: '2026-07-20', extra: 'participants: [Timor-Leste]\n', codes: [] },
    { name: 'eas-1-2005', mechanism: 'EAS', level: 'summit', date: '2005-12-14', extra: 'series: EAS-1\n', codes: [] },
    { name: 'eas-2-2007', mechanism: 'EAS', level: 'summit', date: '2007-01-15', extra: 'series: EAS-2\n', codes: [] },
    { name: 'eas-3-2007', mechanism: 'EAS', level: 'summit', date: '2007-11-21', extra: 'series: EAS-3\n', codes: [] },
    { name: 'eas-4-2009', mechanism: 'EAS', level: 'summit', date: '2009-10-25', extra: 'series: EAS-4\n', codes: [] },
    { name: 'eas-3-2008', mechanism: 'EAS', level: 'summit', date: '2008-11-21', extra: 'series: EAS-3\n', codes: ['series-year'] },
    { name: 'amm-1-1967', mechanism: 'AMM', date: '1967-08-08', extra: 'series: AMM-1\n', codes: [] },
    { name: 'uk-2019', mechanism: 'ASEAN+1', date: '2019-08-01', extra: 'partners: [United Kingdom]\n', codes: ['party-not-yet'] },
    { name: 'uk-2022', mechanism: 'ASEAN+1', date: '2022-08-04', extra: 'partners: [United Kingdom]\n', codes: [] },
    { name: 'malaysia-code', date: '2024-07-26', extra: 'chair: MY\n', codes: ['non-canonical-name'] },
    { name: 'mỹ', date: '2024-07-26', mechanism: 'EAS', level: 'summit', extra: 'partners: [Mỹ]\n', codes: ['non-canonical-name'] },
  ];
  let byFile;
  let dir;
  before(() => {
    dir = scratch();
    for (const c of CASES) fs.writeFileSync(path.join(dir, `${c.name}.meeting.yaml`), meeting({ id: `case-${CASES.indexOf(c)}`, ...c }));
    byFile = new Map(runJson(['validate', '.'], { cwd: dir }).json.map((entry) => [entry.file, entry.diagnostics]));
  });
  for (const c of CASES) {
    test(`${c.name}: ${c.codes.length ? c.codes.join(', ') : 'passes'}`, () => {
      assert.deepEqual(byFile.get(`${c.name}.meeting.yaml`).map((d) => d.code), c.codes, JSON.stringify(byFile.get(`${c.name}.meeting.yaml`)));
    });
  }

  test('an alias resolves to the entry it names exactly: MY is Malaysia, Mỹ is the United States', () => {
    assert.match(byFile.get('malaysia-code.meeting.yaml')[0].message, /'Malaysia'/);
    assert.match(byFile.get('mỹ.meeting.yaml')[0].message, /'United States'/);
  });

  test('--fix rewrites exact aliases and never an ambiguous fold', () => {
    const file = path.join(dir, 'fix.meeting.yaml');
    fs.writeFileSync(file, meeting({ id: 'case-fix', mechanism: 'EAS', level: 'summit', date: '2024-10-11', extra: 'partners: [Mỹ, China]\nchair: my\nlocation:\n  city: Vientiane\n  country: Lào\n' }));
    const run = runJson(['validate', '--fix', 'fix.meeting.yaml'], { cwd: dir });
    const text = fs.readFileSync(file, 'utf8');
    assert.match(text, /partners: \[United States, China\]/);
    assert.match(text, /chair: my$/m, 'the ambiguous chair is left for the author');
    assert.deepEqual(run.json[0].diagnostics.map((d) => d.code), ['ambiguous-name']);
  });
});

describe('input safety codes', () => {
  let dir;
  let byFile;
  before(() => {
    dir = scratch();
    fs.writeFileSync(path.join(dir, 'binary.meeting.yaml'), Buffer.from('version: 1\nid: a\u0000b\n', 'latin1'));
    fs.writeFileSync(path.join(dir, 'latin1.meeting.yaml'), Buffer.from('version: 1\ntitle: caf\xe9\n', 'latin1'));
    fs.writeFileSync(path.join(dir, 'utf16.meeting.yaml'), Buffer.from('\ufeffversion: 1\n', 'utf16le'));
    // A BOM and CRLF line ends: columns count from after the BOM.
    fs.writeFileSync(
      path.join(dir, 'bom-crlf.meeting.yaml'),
      '\ufeffversion: 1\r\nid: fixture-bom\r\ntitle: x\r\nmechanism: ASEAN+3\r\nlevel: ministerial\r\ndate: 2024-07-26\r\nsource:\r\n  publisher: TTXVN\r\nchair: Japn\r\n',
    );
    const run = runJson(['validate', '.'], { cwd: dir });
    assert.equal(run.code, 1);
    byFile = new Map(run.json.map((entry) => [entry.file, entry.diagnostics]));
  });

  test('encoding: binary content (a NUL byte) is an error at that byte', () => {
    const [d] = byFile.get('binary.meeting.yaml');
    assert.deepEqual({ code: d.code, severity: d.severity, line: d.line, column: d.column }, { code: 'encoding', severity: 'error', line: 2, column: 6 });
    assert.match(d.message, /NUL byte/);
  });

  test('encoding: invalid UTF-8 is an error at the first bad byte', () => {
    const [d] = byFile.get('latin1.meeting.yaml');
    assert.deepEqual({ code: d.code, line: d.line, column: d.column }, { code: 'encoding', line: 2, column: 11 });
    assert.match(d.message, /Invalid UTF-8 \(byte 0xE9/);
  });

  test('encoding: UTF-16 is named as such', () => {
    const [d] = byFile.get('utf16.meeting.yaml');
    assert.equal(d.code, 'encoding');
    assert.match(d.message, /UTF-16/);
  });

  test('a BOM is stripped and CRLF lines count right', () => {
    assert.deepEqual(
      byFile.get('bom-crlf.meeting.yaml').map((d) => [d.code, d.line, d.column, d.endColumn]),
      [['unknown-party', 9, 8, 12]],
    );
  });

  test('file-too-large: one information diagnostic, nothing else, exit 0', () => {
    const run = runJson(['validate', rel('unknown-party.meeting.yaml'), '--max-file-size', '50']);
    assert.equal(run.code, 0);
    const [entry] = run.json;
    assert.equal(entry.diagnostics.length, 1);
    const [d] = entry.diagnostics;
    assert.deepEqual({ code: d.code, severity: d.severity, line: d.line, column: d.column }, { code: 'file-too-large', severity: 'information', line: 1, column: 1 });
    assert.match(d.message, /Not validated.*--max-file-size/);
  });

  test('io: an unreadable file is an error in its own entry, exit 1', () => {
    let target;
    if (process.platform === 'linux' && fs.existsSync('/proc/self/mem')) {
      target = '/proc/self/mem'; // Unreadable even for root: reading it fails with EIO.
    } else if (process.getuid?.() !== 0) {
      target = path.join(scratch(), 'locked.meeting.yaml');
      fs.writeFileSync(target, 'version: 1\n');
      fs.chmodSync(target, 0o000);
    } else {
      return;
    }
    const run = runJson(['validate', target]);
    assert.equal(run.code, 1);
    assert.equal(run.json.length, 1);
    assert.equal(run.json[0].diagnostics[0].code, 'io');
    assert.equal(run.json[0].diagnostics[0].severity, 'error');
    assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
  });

  test('io: a named pipe is reported, not read (reading it would block forever)', (t) => {
    const fifo = path.join(scratch(), 'pipe.meeting.yaml');
    if (spawnSync('mkfifo', [fifo]).status !== 0) {
      t.skip('mkfifo is not available');
      return;
    }
    const run = runJson(['validate', fifo]);
    assert.equal(run.code, 1);
    assert.equal(run.json[0].diagnostics[0].code, 'io');
    assert.match(run.json[0].diagnostics[0].message, /not a regular file/);
  });
});
