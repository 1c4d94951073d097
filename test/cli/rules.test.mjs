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
