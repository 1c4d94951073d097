// Issue 8, promise 4: no network access, ever, by the server or the CLI.
// Each runs under `node --require test/safety/no-network.cjs`, which records
// and refuses every connection, name lookup and process spawn, in the main
// thread and in worker threads. A full session must record none; the guard
// itself is first shown to catch each kind of attempt, so a silent pass means
// something.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { before, describe, test } from 'node:test';
import { describeRun, runCli } from './cli.mjs';
import { startServer } from './lsp.mjs';
import { CLI, NO_NETWORK, SEEDS, SERVER, requireBuilt, scratch } from './paths.mjs';

function readLog(file) {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
}

/**
 * A workspace that invites network use: records whose source URLs, schema
 * modelines and notes name remote places, a workspace catalog pointing at a
 * remote schema, and enough files (400+) for the server and the CLI to start
 * worker threads.
 */
function tempting(dir) {
  const records = join(dir, 'records');
  mkdirSync(records);
  for (const f of readdirSync(SEEDS)) cpSync(join(SEEDS, f), join(records, f));
  const remote = [
    '# yaml-language-server: $schema=https://json.schemastore.org/github-workflow.json',
    '$schema: https://example.com/meeting-record.schema.json',
    'version: 1',
    'id: 2024-07-26-safety-remote',
    'title: A record full of links',
    'mechanism: ASEAN+3',
    'level: ministerial',
    'date: 2024-07-26',
    'partners: [Japan, https://example.com/party]',
    'notes: see http://127.0.0.1:9/ and https://asean.org/ and //example.org/x',
    'source:',
    '  url: https://asean.org/chairmans-statement',
    '  publisher: ASEAN Secretariat',
    '',
  ].join('\n');
  writeFileSync(join(records, 'remote.meeting.yaml'), remote);
  writeFileSync(
    join(dir, 'workspace.catalog.yaml'),
    ['# yaml-language-server: $schema=https://example.com/catalog.schema.json', 'parties:', '  - name: Atlantis', '    aliases: [https://example.com/atlantis]', '    kind: other', '    source: https://example.com/atlantis', ''].join('\n'),
  );
  const bulk = join(dir, 'bulk');
  mkdirSync(bulk);
  for (let i = 0; i < 420; i++) {
    writeFileSync(
      join(bulk, `r${i}.meeting.yaml`),
      `version: 1\nid: 2024-01-01-bulk-${i}\ntitle: Bulk ${i}\nmechanism: ASEAN+3\nlevel: ministerial\ndate: 2024-01-01\nsource:\n  url: https://example.com/${i}\n  publisher: VOV\n`,
    );
  }
  return { remoteFile: join(records, 'remote.meeting.yaml'), remoteText: remote };
}

before(() => requireBuilt(SERVER, CLI));

describe('no network access', () => {
  test('the guard records and refuses every kind of attempt (so a clean log means something)', (t) => {
    const dir = scratch(t);
    const log = join(dir, 'network.log');
    const script = `
      const tries = [
        () => fetch('https://example.com/'),
        () => require('node:https').get('https://example.com/'),
        () => require('node:http').request({ host: 'example.com', path: '/' }),
        () => require('node:net').connect(80, 'example.com'),
        () => new (require('node:net').Socket)().connect(80, '127.0.0.1'),
        () => require('node:tls').connect(443, 'example.com'),
        () => require('node:dns').lookup('example.com', () => {}),
        () => require('node:dns').promises.resolve4('example.com'),
        () => require('node:dgram').createSocket('udp4'),
        () => require('node:child_process').execFileSync('curl', ['https://example.com/']),
      ];
      let refused = 0;
      for (const attempt of tries) { try { attempt(); } catch { refused++; } }
      new (require('node:worker_threads').Worker)("try { fetch('https://example.com/') } catch {}", { eval: true })
        .on('exit', () => console.log(refused));
    `;
    const out = execFileSync(process.execPath, ['--require', NO_NETWORK, '-e', script], { env: { ...process.env, SAFETY_NETWORK_LOG: log }, encoding: 'utf8' });
    assert.equal(out.trim(), '10', 'every attempt threw');
    const entries = readLog(log);
    const attempts = entries.filter((e) => e.event === 'attempt');
    assert.deepEqual(
      attempts.filter((e) => e.thread === 0).map((e) => e.api),
      ['fetch', 'https.get', 'http.request', 'net.connect', 'net.Socket.connect', 'tls.connect', 'dns.lookup', 'dns.promises.resolve4', 'dgram.createSocket', 'child_process.execFileSync'],
    );
    assert.ok(attempts.some((e) => e.thread !== 0 && e.api === 'fetch'), 'worker threads are guarded too');
  });

  test('a full server session (workspace folder, index, open, edit, complete, hover, navigate, validate the folder) makes no network access', async (t) => {
    const dir = scratch(t);
    const { remoteFile, remoteText } = tempting(dir);
    const log = join(dir, 'network.log');
    const server = await startServer({
      workspace: dir,
      nodeArgs: ['--require', NO_NETWORK],
      env: { SAFETY_NETWORK_LOG: log },
      settings: { meetingRecords: { catalogPaths: ['https://example.com/catalog.yaml', 'http://127.0.0.1:9/c.catalog.yaml'] } },
      initializationOptions: { workspaceTrusted: true },
    });
    try {
      const validated = await server.request('meetingRecords/validateWorkspace', null, 60_000);
      assert.ok(validated.files >= 420, JSON.stringify(validated));
      const uri = pathToFileURL(remoteFile).href;
      await server.open(uri, remoteText);
      const doc = { textDocument: { uri } };
      const lines = remoteText.split('\n');
      const at = (needle, delta = 0) => {
        const line = lines.findIndex((l) => l.includes(needle));
        return { line, character: lines[line].indexOf(needle) + delta };
      };
      const requests = [
        ['textDocument/completion', { ...doc, position: at('ASEAN+3', 2) }],
        ['textDocument/completion', { ...doc, position: at('Japan', 1) }],
        ['textDocument/completion', { ...doc, position: { line: lines.length - 1, character: 0 } }],
        ['textDocument/hover', { ...doc, position: at('ASEAN+3', 1) }],
        ['textDocument/hover', { ...doc, position: at('https://asean.org/chairmans', 10) }],
        ['textDocument/hover', { ...doc, position: at('$schema', 1) }],
        ['textDocument/definition', { ...doc, position: at('Japan', 1) }],
        ['textDocument/references', { ...doc, position: at('ASEAN+3', 1), context: { includeDeclaration: true } }],
        ['textDocument/documentSymbol', doc],
        ['textDocument/foldingRange', doc],
        ['textDocument/codeAction', { ...doc, range: { start: { line: 0, character: 0 }, end: { line: lines.length - 1, character: 0 } }, context: { diagnostics: [] } }],
        ['workspace/symbol', { query: 'asean' }],
        ['meetingRecords/renderPreview', { uri, cspSource: 'vscode-resource:', nonce: 'n0nce' }],
        ['meetingRecords/listRecords', {}],
        ['meetingRecords/export', { format: 'jsonld' }],
        ['meetingRecords/export', { format: 'ics' }],
      ];
      for (const [method, params] of requests) await server.request(method, params, 20_000);
      await server.change(uri, 2, [{ range: { start: at('source:'), end: at('source:') }, text: 'chair: https://example.com/chair\n' }]);
      server.notify('textDocument/didSave', doc);
      await server.request('meetingRecords/validateWorkspace', null, 60_000);
      server.close(uri);
      await server.request('workspace/symbol', { query: 'bulk' }, 20_000);
    } finally {
      await server.stop();
    }
    const entries = readLog(log);
    assert.ok(entries.some((e) => e.event === 'loaded' && e.thread === 0), 'the guard was active in the server');
    t.diagnostic(`guarded threads: ${new Set(entries.filter((e) => e.event === 'loaded').map((e) => `${e.pid}/${e.thread}`)).size}`);
    assert.deepEqual(entries.filter((e) => e.event === 'attempt'), [], 'network attempts by the server');
    assert.deepEqual(server.errorLogs(), []);
  });

  test('CLI runs (validate a folder with workers, --catalog, --fix, every format, render, export) make no network access', async (t) => {
    const dir = scratch(t);
    tempting(dir);
    const log = join(dir, 'network.log');
    const env = { SAFETY_NETWORK_LOG: log, MEETING_RECORDS_THREADS: '2' };
    const nodeArgs = ['--require', NO_NETWORK];
    const runs = [
      ['validate', '.', '--format', 'json'],
      ['validate', 'records', '--catalog', 'workspace.catalog.yaml', '--format', 'sarif'],
      ['validate', 'records/**/*.meeting.yaml', '--format', 'junit'],
      ['validate', 'bulk', '--format', 'github', '--cache', '--cache-location', join(dir, '.cache')],
      ['validate', 'records', '--fix'],
      ['render', 'records/remote.meeting.yaml', '-o', join(dir, 'remote.html')],
      // URLs in records become links in an export, never requests.
      ['export', '.', '--format', 'jsonld', '--allow-errors', '-o', join(dir, 'all.jsonld')],
      ['export', 'bulk', '--format', 'ics', '--allow-errors'],
    ];
    for (const args of runs) {
      const run = await runCli(args, { cwd: dir, env, nodeArgs });
      assert.ok(run.code === 0 || run.code === 1, `${args.join(' ')}: ${describeRun(run)}`);
    }
    const entries = readLog(log);
    const loaded = entries.filter((e) => e.event === 'loaded');
    assert.ok(loaded.some((e) => e.thread === 0), 'the guard was active in the CLI');
    assert.ok(loaded.some((e) => e.thread !== 0), 'and in its worker threads');
    assert.deepEqual(entries.filter((e) => e.event === 'attempt'), [], 'network attempts by the CLI');
  });
});
