// CI smoke run of the benchmark: small sizes, no thresholds. It checks only
// that `run.mjs --smoke` printed one well-formed JSON object with every
// section present and that each of our measurements is a finite positive
// number. Speed targets are reported by `npm run bench`, never asserted here.
// Needs a fresh build (npm run build) first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

function positive(value, where) {
  assert.equal(typeof value, 'number', `${where} should be a number, got ${JSON.stringify(value)}`);
  assert.ok(Number.isFinite(value) && value > 0, `${where} should be finite and positive, got ${value}`);
}

function summary(stats, where) {
  assert.ok(stats && typeof stats === 'object', `${where} is missing`);
  assert.ok(stats.n >= 1, `${where}.n should be at least 1`);
  for (const field of ['median', 'p95', 'min', 'max']) positive(stats[field], `${where}.${field}`);
}

test('the smoke benchmark prints one complete JSON report', { timeout: 300_000 }, () => {
  const run = spawnSync(process.execPath, [join(ROOT, 'test/bench/run.mjs'), '--smoke'], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  assert.equal(run.status, 0, `run.mjs --smoke exited with ${run.status}\n${run.stderr.slice(-4000)}`);
  let report;
  assert.doesNotThrow(() => {
    report = JSON.parse(run.stdout);
  }, `stdout is not one JSON object:\n${run.stdout.slice(0, 2000)}`);
  assert.equal(report.mode, 'smoke');

  for (const section of ['machine', 'versions', 'config', 'editor', 'workspace', 'cli', 'targets']) {
    assert.ok(report[section] && typeof report[section] === 'object', `section '${section}' is missing`);
  }
  positive(report.machine.nproc, 'machine.nproc');
  assert.equal(typeof report.machine.cpu, 'string');
  positive(report.machine.ramBytes, 'machine.ramBytes');

  // 1–2. Editor latency: every input, every measurement.
  const { editor } = report;
  assert.equal(editor.ours?.error, undefined, `our server failed: ${editor.ours?.error}`);
  const keys = Object.keys(editor.inputs);
  assert.ok(keys.some((k) => k.startsWith('lines')), 'no single-record input');
  assert.ok(keys.some((k) => k.startsWith('records')), 'no multi-record input');
  for (const key of keys) {
    for (const measure of ['editToDiagnostics', 'completion', 'hover', 'completionAfterEdit']) {
      summary(editor.ours[measure]?.[key], `editor.ours.${measure}.${key}`);
    }
  }
  assert.ok(editor.yamlLanguageServer && typeof editor.yamlLanguageServer === 'object', 'editor.yamlLanguageServer is missing');

  // 3. Workspace start-up.
  const { workspace } = report;
  assert.equal(workspace.error, undefined, `workspace start-up failed: ${workspace.error}`);
  positive(workspace.files, 'workspace.files');
  positive(workspace.indexMs, 'workspace.indexMs');
  positive(workspace.rssBytes, 'workspace.rssBytes');
  positive(workspace.idsFoundByWorkspaceSymbol, 'workspace.idsFoundByWorkspaceSymbol');

  // 4. CLI, cold and warm.
  const { cli } = report;
  assert.equal(cli.ours?.error, undefined, `our CLI failed: ${cli.ours?.error}`);
  summary(cli.ours.cold, 'cli.ours.cold');
  summary(cli.ours.warm, 'cli.ours.warm');
  positive(cli.ours.results.files, 'cli.ours.results.files');
  assert.ok(cli.ajvCli && typeof cli.ajvCli === 'object', 'cli.ajvCli is missing');

  // Targets are reported as fields, never asserted: each has a description and a pass field.
  for (const [name, t] of Object.entries(report.targets)) {
    assert.equal(typeof t.target, 'string', `targets.${name}.target`);
    assert.ok('pass' in t, `targets.${name}.pass`);
  }
});
