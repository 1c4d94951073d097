// Issue 8, promise 1 (CLI side): every hostile file of hostile.mjs goes
// through `node dist/cli.js validate FILE --format json` as a process. Each
// run must end on its own within the time bound (no hang), with exit 0 or 1
// (never 2, never a signal), one JSON entry with a clear diagnostic placed
// inside the file, no stack trace, and bounded peak memory.
import assert from 'node:assert/strict';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test, before } from 'node:test';
import { describeRun, fromCli, runCli } from './cli.mjs';
import { CASES, INTERNAL } from './hostile.mjs';
import { rangeChecker } from './lsp.mjs';
import { CLI, requireBuilt, scratch } from './paths.mjs';

/** After this a run counts as hung (killed at twice it); times are reported, not asserted: speed is the benchmarks' business. */
const TIME_BOUND_MS = 20_000;
/** Peak RSS of the whole CLI process, MB (a bare run is ~60 MB; an expanded bomb would be gigabytes). */
const MEMORY_BOUND_MB = 400;

const lenient = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });
const cliText = (bytes) => lenient.decode(bytes).replace(/^\uFEFF/, '');

before(() => requireBuilt(CLI));

describe('CLI on hostile files (validate FILE --format json)', () => {
  for (const c of CASES) {
    test(`${c.name}: answers in bounded time and memory with exit ${c.cliExit} and a clear diagnostic`, async (t) => {
      const dir = scratch(t);
      const bytes = c.bytes();
      const file = join(dir, 'hostile.meeting.yaml');
      writeFileSync(file, bytes);
      const run = await runCli(['validate', file, '--format', 'json'], { cwd: dir, timeoutMs: TIME_BOUND_MS * 2, killAboveMb: MEMORY_BOUND_MB * 2 });
      t.diagnostic(`${run.ms} ms, peak RSS ${Math.round(run.peakRssMb)} MB`);
      assert.equal(run.memoryExceeded, false, `runaway memory: ${describeRun(run)}`);
      assert.equal(run.timedOut, false, `hung: ${describeRun(run)}`);
      assert.equal(run.signal, null, describeRun(run));
      assert.equal(run.code, c.cliExit, describeRun(run));
      assert.doesNotMatch(run.stderr, /\n\s+at |internal error/, 'no stack trace or internal error');
      assert.ok(Array.isArray(run.json) && run.json.length === 1, `one JSON entry: ${run.stdout.slice(0, 500)}`);
      assert.ok(run.peakRssMb < MEMORY_BOUND_MB, `peak RSS ${run.peakRssMb} MB`);
      const text = cliText(bytes);
      const diags = run.json[0].diagnostics.map(fromCli);
      const inside = rangeChecker(text);
      for (const d of diags) {
        assert.ok(inside(d.range), `range outside the file: ${JSON.stringify(d)}`);
        assert.doesNotMatch(d.message, INTERNAL, `internal failure in a message: ${d.message}`);
        assert.ok(d.message.length > 0 && d.message.length < 1000, 'a readable message');
      }
      c.check(diags, text, assert, 'cli');
    });
  }

  test('custom tags are never executed: no file the tags ask for appears', async (t) => {
    const markers = ['/tmp/mr-safety-pwned-python', '/tmp/mr-safety-pwned-js'];
    for (const m of markers) rmSync(m, { force: true });
    const dir = scratch(t);
    const c = CASES.find((x) => x.name.startsWith('custom tags'));
    writeFileSync(join(dir, 'tags.meeting.yaml'), c.bytes());
    // --fix and render exercise the write and render paths over the same tags.
    for (const args of [['validate', '.', '--format', 'json'], ['validate', '.', '--fix', '--format', 'json'], ['render', 'tags.meeting.yaml', '-o', join(dir, 'out.html')]]) {
      const run = await runCli(args, { cwd: dir });
      assert.ok(run.code === 0 || run.code === 1, `${args.join(' ')}: ${describeRun(run)}`);
    }
    for (const m of markers) assert.equal(existsSync(m), false, `${m} was created: a tag ran`);
  });

  test('a file with 160,000 problems in the default (stylish) format: the first 20,000 listed, the rest counted, exit 1, not an internal error', async (t) => {
    const dir = scratch(t);
    writeFileSync(join(dir, 'many.meeting.yaml'), 'a: 1\n---\n'.repeat(20_000));
    const run = await runCli(['validate', 'many.meeting.yaml'], { cwd: dir });
    assert.equal(run.code, 1, describeRun(run));
    assert.doesNotMatch(run.stderr, /internal error|call stack/i);
    assert.match(run.stdout, /140,000 more problems in this file are not listed \(at most 20,000 are shown\)\s+too-many-problems/);
    assert.match(run.stdout, /20,?001 problems \(20,?000 errors/);
  });

  test('2,000 files sharing one id, as SARIF: one duplicate-id per record naming a few others, in bounded memory', async (t) => {
    const dir = scratch(t);
    for (let i = 0; i < 2_000; i++) writeFileSync(join(dir, `r${i}.meeting.yaml`), 'id: the-same-id\n');
    const run = await runCli(['validate', '.', '--format', 'sarif'], { cwd: dir, timeoutMs: TIME_BOUND_MS * 2, killAboveMb: MEMORY_BOUND_MB * 2 });
    t.diagnostic(`${run.ms} ms, peak RSS ${Math.round(run.peakRssMb)} MB, ${run.stdout.length} characters`);
    assert.equal(run.code, 1, describeRun(run));
    assert.ok(run.peakRssMb < MEMORY_BOUND_MB, `peak RSS ${run.peakRssMb} MB`);
    const duplicates = JSON.parse(run.stdout).runs[0].results.filter((r) => r.ruleId === 'duplicate-id');
    assert.equal(duplicates.length, 2_000);
    assert.match(duplicates[0].message.text, /also used by 1999 other records \(.*, and 1979 more\)/);
    assert.ok(duplicates.every((r) => r.relatedLocations.length <= 20));
  });
});
