// Issue 14, item 11: Validate Workspace over many records that share one id
// does work linear in their number, as the CLI does. Every file gets its one
// duplicate-id error, naming 20 other places and counting the rest. The
// times go to the test's output; only a generous failure bound is enforced
// (before the fix, 2,000 copies took 97 s and 10,000 never answered).
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { test } from 'node:test';
import { runCli } from './cli.mjs';
import { startServer } from './lsp.mjs';
import { SEEDS, scratch } from './paths.mjs';

const COPIES = 3000;

test(`Validate Workspace over ${COPIES.toLocaleString('en')} copies of one record answers, each copy flagged once`, async (t) => {
  const dir = scratch(t);
  const record = readFileSync(join(SEEDS, '000-asean-pacific-alliance-mexico.meeting.yaml'), 'utf8');
  for (let i = 0; i < COPIES; i++) {
    const folder = join(dir, `part-${String(i % 30).padStart(2, '0')}`);
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, `copy-${String(i).padStart(5, '0')}.meeting.yaml`), record);
  }
  const server = await startServer({ workspace: dir });
  try {
    const started = performance.now();
    const totals = await server.request('meetingRecords/validateWorkspace', {}, 120_000);
    const editorMs = Math.round(performance.now() - started);
    const cliStarted = performance.now();
    const cli = await runCli(['validate', '--format', 'json'], { cwd: dir, timeoutMs: 120_000 });
    const cliMs = Math.round(performance.now() - cliStarted);
    t.diagnostic(`Validate Workspace: ${editorMs} ms after indexing started; the CLI: ${cliMs} ms; server ${Math.round(server.memory().rssMb)} MB`);
    assert.equal(totals.files, COPIES);
    assert.equal(totals.errors, COPIES);
    assert.equal(server.published.size, COPIES);
    for (const { diagnostics } of server.published.values()) {
      assert.equal(diagnostics.length, 1);
      assert.equal(diagnostics[0].code, 'duplicate-id');
      assert.match(diagnostics[0].message, new RegExp(`by ${COPIES - 1} other records .*, and ${COPIES - 21} more\\)$`));
      assert.equal(diagnostics[0].relatedInformation.length, 20);
    }
    assert.equal(cli.code, 1);
    assert.equal(JSON.parse(cli.stdout).length, COPIES);
  } finally {
    await server.stop();
  }
});
