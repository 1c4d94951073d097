// Issue 8, promise 1 (server side): every hostile file of hostile.mjs is
// opened in the real server (`node dist/server.js --stdio`) as an editor would
// send it. Each must get its diagnostics published in bounded time, placed
// inside the document; every feature must still answer on that document; the
// server must log no handler failure, stay alive and keep its memory bounded.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { CASES, INTERNAL, RECORD } from './hostile.mjs';
import { rangeChecker, startServer } from './lsp.mjs';
import { SERVER, requireBuilt, scratch } from './paths.mjs';

const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};

/** Hang guards: past these an answer counts as never coming. Times are reported with t.diagnostic, not asserted. */
const PUBLISH_BOUND_MS = 20_000;
const REQUEST_BOUND_MS = 10_000;
/** Resident memory of the server after a case, MB (it starts near 100 MB; the 10 MB document is held as text). */
const MEMORY_BOUND_MB = 500;

const SEVERITY = { 1: 'error', 2: 'warning', 3: 'information', 4: 'hint' };
const fromLsp = (d) => ({ severity: SEVERITY[d.severity], code: d.code, message: d.message, range: d.range });
const lenient = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });
const slug = (name) => name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

/** Every request an editor sends about an open document; each must answer in time (any result, no error). */
async function exerciseFeatures(server, uri, text, diagnostics) {
  const lines = text.split(/\r\n|\r|\n/);
  const middle = Math.floor(lines.length / 2);
  const last = { line: lines.length - 1, character: lines[lines.length - 1].length };
  const somewhere = { line: middle, character: Math.min(3, lines[middle].length) };
  const doc = { textDocument: { uri } };
  const answers = {};
  for (const [method, params] of [
    ['textDocument/documentSymbol', doc],
    ['textDocument/hover', { ...doc, position: somewhere }],
    ['textDocument/hover', { ...doc, position: { line: 0, character: 0 } }],
    ['textDocument/completion', { ...doc, position: last }],
    ['textDocument/completion', { ...doc, position: somewhere }],
    ['textDocument/foldingRange', doc],
    ['textDocument/definition', { ...doc, position: somewhere }],
    ['textDocument/references', { ...doc, position: somewhere, context: { includeDeclaration: true } }],
    // The lightbulb asks for the line under the cursor, with the diagnostics there.
    ['textDocument/codeAction', { ...doc, range: { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } }, context: { diagnostics: diagnostics.filter((d) => d.range.start.line === 0) } }],
    ['meetingRecords/renderPreview', { uri, cspSource: 'vscode-resource:', nonce: 'safetynonce' }],
  ]) {
    // The timeout only tells a hang from an answer; how fast it answers is the benchmarks' business.
    answers[method] = await server.request(method, params, REQUEST_BOUND_MS);
  }
  return answers;
}

/** Fails (and stops the server) as soon as its resident memory passes twice the bound, rather than letting it take the machine. */
async function withMemoryWatch(server, promise) {
  let timer;
  const watch = new Promise((_, reject) => {
    timer = setInterval(() => {
      const { rssMb } = server.memory();
      if (rssMb > MEMORY_BOUND_MB * 2) {
        server.child.kill('SIGKILL');
        reject(new Error(`the server's resident memory passed ${Math.round(rssMb)} MB before it published; stopped`));
      }
    }, 50);
  });
  try {
    return await Promise.race([promise, watch]);
  } finally {
    clearInterval(timer);
  }
}

describe('server on hostile documents (didOpen, publishDiagnostics, every feature)', () => {
  let server;
  before(async () => {
    requireBuilt(SERVER);
    server = await startServer();
  });
  after(async () => {
    await server?.stop();
  });
  /** A crash fails its own case; the next case gets a fresh server so each promise is judged alone. */
  async function liveServer() {
    if (server.dead) {
      await server.stop();
      server = await startServer();
    }
    return server;
  }

  for (const c of CASES.filter((x) => !x.cliOnly)) {
    // A heavy case gets a server of its own, so its memory is measured alone and never
    // charged to the cases after it.
    test(`${c.name}: diagnostics inside the document in bounded time, features answer, no failure logged`, async (t) => {
      const s = c.heavy ? await startServer() : await liveServer();
      if (c.heavy) t.after(() => s.stop());
      const errorsBefore = s.errorLogs().length;
      const text = lenient.decode(c.bytes());
      const uri = `file:///safety/hostile/${slug(c.name)}.meeting.yaml`;
      const started = Date.now();
      const published = await withMemoryWatch(s, s.open(uri, text, { timeoutMs: PUBLISH_BOUND_MS * 2 }));
      const ms = Date.now() - started;
      const diags = published.map(fromLsp);
      const inside = rangeChecker(text);
      for (const d of diags) {
        assert.ok(inside(d.range), `range outside the document: ${JSON.stringify(d)}`);
        assert.doesNotMatch(d.message, INTERNAL, `internal failure in a message: ${d.message}`);
      }
      c.check(diags, text, assert, 'server');
      await exerciseFeatures(s, uri, text, published);
      s.close(uri);
      const memory = s.memory();
      t.diagnostic(`published in ${ms} ms; RSS ${Math.round(memory.rssMb)} MB (peak ${Math.round(memory.peakMb)} MB)`);
      assert.equal(s.exit, undefined, `the server exited: ${JSON.stringify(s.exit)}\n${s.stderr}`);
      assert.deepEqual(s.errorLogs().slice(errorsBefore), [], 'no handler failed on this document');
      assert.ok(memory.rssMb < MEMORY_BOUND_MB, `RSS ${memory.rssMb} MB`);
    });
  }

  test('after the alias bomb the server holds no expansion: resident memory stays near its start', async () => {
    const s = await startServer();
    try {
      const baseline = s.memory().rssMb;
      const bomb = CASES.find((x) => x.name.startsWith('billion laughs'));
      const uri = 'file:///safety/hostile/bomb-memory.meeting.yaml';
      await s.open(uri, lenient.decode(bomb.bytes()));
      await exerciseFeatures(s, uri, lenient.decode(bomb.bytes()), []);
      const { rssMb, peakMb } = s.memory();
      assert.ok(peakMb - baseline < 100, `peak ${peakMb} MB against a start of ${baseline} MB`);
      assert.ok(rssMb < 250, `RSS ${rssMb} MB`);
    } finally {
      await s.stop();
    }
  });

  test('a workspace folder full of hostile files on disk (and pipes, loops, broken links, unreadable files) is indexed in bounded time', async (t) => {
    const dir = scratch(t);
    // The heavy case has its own test above; here the subject is what a walk of the disk meets.
    CASES.filter((c) => !c.heavy).forEach((c, i) => writeFileSync(join(dir, `${String(i).padStart(2, '0')}-${slug(c.name)}.meeting.yaml`), c.bytes()));
    writeFileSync(join(dir, 'ok.meeting.yaml'), RECORD);
    mkdirSync(join(dir, 'loops'));
    symlinkSync('..', join(dir, 'loops/up'));
    symlinkSync('.', join(dir, 'loops/here'));
    symlinkSync('missing.yaml', join(dir, 'dangling.meeting.yaml'));
    symlinkSync('self.meeting.yaml', join(dir, 'self.meeting.yaml'));
    execFileSync('mkfifo', [join(dir, 'pipe.meeting.yaml')]);
    execFileSync('mkfifo', [join(dir, 'pipe.catalog.yaml')]);
    writeFileSync(join(dir, 'locked.meeting.yaml'), RECORD);
    chmodSync(join(dir, 'locked.meeting.yaml'), 0o000);
    mkdirSync(join(dir, 'closed'));
    chmodSync(join(dir, 'closed'), 0o000);
    const s = await startServer({ workspace: dir, ...asUser });
    try {
      const started = Date.now();
      const result = await withMemoryWatch(s, s.request('meetingRecords/validateWorkspace', null, PUBLISH_BOUND_MS * 3));
      const ms = Date.now() - started;
      t.diagnostic(`indexed ${JSON.stringify(result)} in ${ms} ms; RSS ${Math.round(s.memory().rssMb)} MB`);
      assert.ok(result.files >= CASES.length - 1, JSON.stringify(result));
      const list = await s.request('meetingRecords/listRecords', {}, REQUEST_BOUND_MS);
      assert.ok(list.records.some((r) => r.id === '2024-07-26-safety-base'), 'the ordinary record is indexed');
      await s.request('workspace/symbol', { query: 'safety' }, REQUEST_BOUND_MS);
      assert.equal(s.dead, false);
      assert.ok(s.memory().rssMb < MEMORY_BOUND_MB * 2, `RSS ${s.memory().rssMb} MB`);
    } finally {
      await s.stop();
      chmodSync(join(dir, 'closed'), 0o755);
    }
  });

  test('after every hostile document, an ordinary record is still validated and answered', async () => {
    const s = await liveServer();
    const uri = 'file:///safety/hostile/after.meeting.yaml';
    const text = RECORD.replace('level: ministerial', 'level: nope');
    const diags = await s.open(uri, text);
    assert.deepEqual(
      diags.map((d) => [d.code, d.range.start.line]),
      [['schema', 4]],
    );
    const hover = await s.request('textDocument/hover', { textDocument: { uri }, position: { line: 3, character: 12 } });
    assert.ok(hover, 'hover on the mechanism answers');
    assert.equal(s.exit, undefined);
  });
});
