// Exit status 0 / 1 / 2 as the contract says, one-line messages for every
// usage mistake, never a stack trace; --help, --version, --quiet,
// --max-warnings and --severity.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { FIXTURES, ROOT, runCli, runJson } from './helpers.mjs';

const RULES = path.relative(ROOT, path.join(FIXTURES, 'rules')).split(path.sep).join('/');
const CLEAN = `${RULES}/clean.meeting.yaml`;
const WARN = `${RULES}/series-year.meeting.yaml`;
const ERROR = `${RULES}/unknown-party.meeting.yaml`;

function assertOneLine(run) {
  assert.equal(run.code, 2, run.stdout + run.stderr);
  assert.equal(run.stderr.trimEnd().split('\n').length, 1, `one line: ${run.stderr}`);
  assert.match(run.stderr, /^meeting-records: /);
  assert.doesNotMatch(run.stderr, /\n\s+at |Error:/, 'no stack trace');
}

describe('exit status', () => {
  test('0 when clean, and for warnings only', () => {
    assert.equal(runCli(['validate', CLEAN]).code, 0);
    assert.equal(runCli(['validate', WARN]).code, 0);
  });

  test('the seed records validate clean', () => {
    const run = runCli(['validate', 'seeds/records']);
    assert.equal(run.code, 0, run.stdout);
  });

  test('1 when any error', () => {
    assert.equal(runCli(['validate', ERROR]).code, 1);
  });

  test('--max-warnings: 1 above the limit, 0 at it; -1 means no limit', () => {
    const over = runCli(['validate', WARN, '--max-warnings', '0']);
    assert.equal(over.code, 1);
    assert.match(over.stderr, /1 warnings: more than --max-warnings 0/);
    assert.equal(runCli(['validate', WARN, '--max-warnings', '1']).code, 0);
    assert.equal(runCli(['validate', WARN, '--max-warnings', '-1']).code, 0);
  });

  test('--quiet shows and counts errors only', () => {
    const run = runJson(['validate', RULES, '--quiet', '--max-warnings', '0']);
    assert.equal(run.code, 1);
    const all = run.json.flatMap((e) => e.diagnostics);
    assert.ok(all.length > 0);
    assert.ok(all.every((d) => d.severity === 'error'));
    assert.equal(run.stderr, '', 'warnings are not counted against --max-warnings');
  });

  test('--severity changes levels (repeatable, comma-separated, off)', () => {
    const run = runJson(['validate', WARN, ERROR, '--severity', 'series-year=error', '--severity', 'unknown-party=off']);
    assert.equal(run.code, 1);
    const byFile = Object.fromEntries(run.json.map((e) => [e.file, e.diagnostics]));
    assert.equal(byFile[WARN][0].severity, 'error');
    assert.deepEqual(byFile[ERROR], []);
    assert.equal(runJson(['validate', ERROR, '--severity', 'unknown-party=warning,series-year=off']).code, 0);
  });

  test('2 and one line for every usage mistake', () => {
    assertOneLine(runCli(['validate', 'no/such/path']));
    assertOneLine(runCli(['validate', '--format', 'xml']));
    assertOneLine(runCli(['validate', '--formt', 'json']));
    assertOneLine(runCli(['validate', '--format']));
    assertOneLine(runCli(['validate', '--quiet=yes']));
    assertOneLine(runCli(['validate', '--max-warnings', 'many']));
    assertOneLine(runCli(['validate', '--max-file-size', '0']));
    assertOneLine(runCli(['validate', '--severity', 'nonsense=error']));
    assertOneLine(runCli(['validate', '--severity', 'schema=fatal']));
    assertOneLine(runCli(['validate', '--shard', '5/4']));
    assertOneLine(runCli(['validat']));
    assertOneLine(runCli(['--bogus']));
  });

  test('usage messages suggest the nearest name', () => {
    assert.match(runCli(['validat']).stderr, /did you mean 'validate'/);
    assert.match(runCli(['validate', '--formt', 'json']).stderr, /did you mean '--format'/);
    assert.match(runCli(['validate', '--format', 'sarf']).stderr, /did you mean 'sarif'/);
    assert.match(runCli(['validate', '--severity', 'unknown-partyy=off']).stderr, /did you mean 'unknown-party'/);
  });

  test('no command prints the help on stderr and exits 2', () => {
    const run = runCli([]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /Usage:/);
  });
});

describe('help and version', () => {
  test('--version prints the package version', () => {
    const { version } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    for (const args of [['--version'], ['validate', '--version']]) {
      const run = runCli(args);
      assert.equal(run.code, 0);
      assert.equal(run.stdout.trim(), version);
    }
  });

  test('validate --help documents every flag and the shard caveat', () => {
    const run = runCli(['validate', '--help']);
    assert.equal(run.code, 0);
    for (const flag of ['--format', '--max-warnings', '--quiet', '--catalog', '--fix', '--shard', '--cache', '--cache-location', '--max-file-size', '--severity', '--help', '--version']) {
      assert.ok(run.stdout.includes(flag), flag);
    }
    assert.match(run.stdout, /Duplicate ids are then\s+only found within the shard/);
  });

  test('--help and help list the commands, render included', () => {
    for (const args of [['--help'], ['help']]) {
      const run = runCli(args);
      assert.equal(run.code, 0);
      assert.match(run.stdout, /meeting-records validate/);
      assert.match(run.stdout, /meeting-records render/);
    }
  });
});
