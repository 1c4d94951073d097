// The server never dies on a request: cancellation, garbage parameters, the IPC transport.
import assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import { createRequire } from 'node:module';
import { after, before, describe, test } from 'node:test';
import { clientCapabilities, positionOf, record, SERVER, startInWorkspace, stopInWorkspace } from './harness.mjs';

const require = createRequire(import.meta.url);
const protocol = require('vscode-languageserver-protocol/node');

const REQUEST_CANCELLED = -32800;

describe('robustness', () => {
  let client;
  let ws;
  let uri;
  const text = record().replace('  - Republic of Korea', '  - Republic of Korea\n  - ');
  before(async () => {
    ({ ws, client } = await startInWorkspace());
    uri = ws.uri('r.meeting.yaml');
    await client.open(uri, text);
  });
  after(() => stopInWorkspace({ ws, client }));

  test('a stale completion request cancelled right away is answered with RequestCancelled (or its result), never a crash', async () => {
    const position = positionOf(text, '  - \n', { delta: 4 });
    const outcomes = [];
    for (let i = 0; i < 10; i++) {
      const source = new protocol.CancellationTokenSource();
      const pending = client.request('textDocument/completion', { textDocument: { uri }, position }, source.token);
      source.cancel();
      try {
        const result = await pending;
        outcomes.push(Array.isArray(result.items) ? 'result' : 'other');
      } catch (error) {
        outcomes.push(error.code === REQUEST_CANCELLED ? 'cancelled' : `error ${error.code}`);
      }
    }
    assert.ok(outcomes.every((o) => o === 'cancelled' || o === 'result'), outcomes.join(', '));
    assert.ok(outcomes.includes('cancelled'), 'a request cancelled before it ran is not worked on');
    // A stale edit's diagnostics never arrive after the newer version's.
    const list = await client.request('textDocument/completion', { textDocument: { uri }, position });
    assert.ok(list.items.some((i) => i.label === 'Japan'));
  });

  test('garbage parameters and weird positions: an empty answer, an error in the log, the server keeps answering', async () => {
    const since = client.mark();
    assert.equal(await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 10_000, character: 10_000 } }), null);
    assert.equal(await client.request('textDocument/hover', { textDocument: { uri }, position: { line: -3, character: -1 } }), null);
    assert.equal(await client.request('textDocument/hover', { textDocument: { uri: 'file:///nowhere/x.meeting.yaml' }, position: { line: 0, character: 0 } }), null);
    // A handler that throws (no textDocument at all) is answered with the empty result.
    assert.equal(await client.request('textDocument/hover', { position: { line: 0, character: 0 } }), null);
    assert.deepEqual(await client.request('textDocument/documentSymbol', { textDocument: null }), []);
    const list = await client.request('textDocument/completion', { textDocument: { uri }, position: { line: 'x', character: {} } });
    assert.deepEqual(list.items, []);
    assert.deepEqual(await client.request('textDocument/codeAction', { textDocument: { uri }, range: null, context: {} }), []);
    assert.deepEqual(await client.request('workspace/symbol', { query: 42 }), []);
    const logged = await client.waitFor((e) => e.type === 'log' && e.params.type === 1 && /hover/.test(e.params.message), { since });
    assert.match(logged.params.message, /hover/);
    // Still alive and right.
    const hover = await client.request('textDocument/hover', { textDocument: { uri }, position: positionOf(text, 'Republic of Korea', { delta: 1 }) });
    assert.match(hover.contents.value, /Republic of Korea/);
    const diagnostics = await client.replace(uri, record().replace('level: ministerial', 'level: x'));
    assert.equal(diagnostics[0].code, 'schema');
    assert.equal(client.exit, undefined);
  });

  test('notifications for documents never opened and watcher events for odd paths do not disturb it', async () => {
    client.notify('textDocument/didChange', { textDocument: { uri: 'file:///never/opened.meeting.yaml', version: 3 }, contentChanges: [{ text: 'x' }] });
    client.notify('textDocument/didClose', { textDocument: { uri: 'file:///never/opened.meeting.yaml' } });
    client.filesChanged([{ uri: 'untitled:Untitled-1', type: 2 }, { uri: 'file:///does/not/exist.meeting.yaml', type: 1 }, { uri: 'file:///', type: 3 }]);
    const symbols = await client.request('textDocument/documentSymbol', { textDocument: { uri } });
    assert.equal(symbols.length, 1);
  });
});

test('the IPC transport (--node-ipc) that the VS Code client uses', async () => {
  const child = fork(SERVER, ['--node-ipc'], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  const connection = protocol.createProtocolConnection(new protocol.IPCMessageReader(child), new protocol.IPCMessageWriter(child));
  const published = new Promise((resolve) => connection.onNotification('textDocument/publishDiagnostics', resolve));
  connection.onRequest(() => null);
  connection.listen();
  try {
    const init = await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, workspaceFolders: null, capabilities: clientCapabilities() });
    assert.equal(init.capabilities.hoverProvider, true);
    connection.sendNotification('initialized', {});
    connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri: 'untitled:Untitled-1', languageId: 'meeting-record', version: 1, text: record().replace('  - Republic of Korea', '  - Nga') },
    });
    const diagnostics = await published;
    assert.equal(diagnostics.uri, 'untitled:Untitled-1');
    assert.deepEqual(diagnostics.diagnostics.map((d) => d.code), ['non-canonical-name']);
    await connection.sendRequest('shutdown');
    connection.sendNotification('exit');
  } finally {
    await new Promise((resolve) => {
      if (child.exitCode !== null) resolve();
      else child.on('exit', resolve);
      setTimeout(() => child.kill('SIGKILL'), 3000).unref();
    });
    connection.dispose();
  }
});
