// A small LSP client for tests: spawns the bundled server (`node dist/server.js
// --stdio`), speaks LSP with vscode-languageserver-protocol's client side, and
// waits for conditions (a publishDiagnostics for a uri and version, a progress
// end, a log line), never for fixed sleeps. Timeouts only bound a failure.
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync, unlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const { createProtocolConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-languageserver-protocol/node');

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SERVER = path.join(ROOT, 'dist', 'server.js');
export const SEEDS = path.join(ROOT, 'seeds', 'records');

/** What VS Code 1.9x declares, minus what the server does not use. */
export function clientCapabilities({ pull = false } = {}) {
  return {
    workspace: {
      configuration: true,
      workspaceFolders: true,
      didChangeConfiguration: { dynamicRegistration: true },
      didChangeWatchedFiles: { dynamicRegistration: true, relativePatternSupport: true },
      workspaceEdit: { documentChanges: true },
      symbol: { dynamicRegistration: false },
      ...(pull ? { diagnostics: { refreshSupport: true } } : {}),
    },
    textDocument: {
      synchronization: { dynamicRegistration: false, didSave: true },
      publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
      completion: {
        completionItem: {
          snippetSupport: true,
          documentationFormat: ['markdown', 'plaintext'],
          insertReplaceSupport: true,
          labelDetailsSupport: true,
          insertTextModeSupport: { valueSet: [1, 2] },
        },
        contextSupport: true,
      },
      hover: { contentFormat: ['markdown', 'plaintext'] },
      codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } }, isPreferredSupport: true },
      documentSymbol: { hierarchicalDocumentSymbolSupport: true },
      foldingRange: { lineFoldingOnly: true },
      definition: { linkSupport: false },
      references: {},
      ...(pull ? { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } } : {}),
    },
    window: { workDoneProgress: true },
    general: { positionEncodings: ['utf-16'] },
  };
}

function lookUp(settings, section) {
  if (!section) return settings;
  let node = settings;
  for (const part of section.split('.')) {
    if (node === null || typeof node !== 'object' || !(part in node)) return null;
    node = node[part];
  }
  return node;
}

/**
 * Starts and initializes a server.
 * @param {{ folders?: string[], settings?: object, pull?: boolean, capabilities?: object, initializationOptions?: object, locale?: string }} [options]
 */
export async function startServer(options = {}) {
  const { folders = [], pull = false, initializationOptions } = options;
  let settings = options.settings ?? { meetingRecords: {} };
  const child = spawn(process.execPath, [SERVER, '--stdio'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => {
    stderr = (stderr + d).slice(-50_000);
  });
  let exit;
  const exited = new Promise((resolve) =>
    child.on('exit', (code, signal) => {
      exit = { code, signal };
      resolve(exit);
    }),
  );
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));

  /** Every message from the server, in order, for waiting on conditions. */
  const events = [];
  const waiters = new Set();
  const record = (event) => {
    events.push(event);
    for (const waiter of [...waiters]) {
      if (waiter.match(event)) {
        waiters.delete(waiter);
        clearTimeout(waiter.timer);
        waiter.resolve(event);
      }
    }
  };

  connection.onRequest('workspace/configuration', (params) => {
    record({ type: 'configuration', params });
    return params.items.map((item) => lookUp(settings, item.section));
  });
  connection.onRequest('window/workDoneProgress/create', (params) => {
    record({ type: 'progress-create', params });
    return null;
  });
  connection.onRequest('client/registerCapability', (params) => {
    record({ type: 'register', params });
    return null;
  });
  connection.onRequest('workspace/diagnostic/refresh', () => {
    record({ type: 'refresh' });
    return null;
  });
  connection.onRequest((method, params) => {
    record({ type: 'request', method, params });
    return null;
  });
  connection.onNotification('textDocument/publishDiagnostics', (params) => record({ type: 'diagnostics', params }));
  connection.onNotification('$/progress', (params) => record({ type: 'progress', params }));
  connection.onNotification('window/logMessage', (params) => record({ type: 'log', params }));
  connection.onNotification('meetingRecords/documentState', (params) => record({ type: 'state', params }));
  connection.onNotification((method, params) => record({ type: 'notification', method, params }));
  connection.onError(() => {});
  connection.listen();

  const workspaceFolders = folders.map((folder, i) => ({ uri: pathToFileURL(folder).href, name: `folder${i}` }));
  const init = await Promise.race([
    connection.sendRequest('initialize', {
      processId: process.pid,
      clientInfo: { name: 'meeting-records-tests' },
      rootUri: workspaceFolders[0]?.uri ?? null,
      workspaceFolders: workspaceFolders.length ? workspaceFolders : null,
      capabilities: options.capabilities ?? clientCapabilities({ pull }),
      initializationOptions,
      // What VS Code sends: its display language (English unless a test asks for another).
      locale: options.locale ?? 'en',
    }),
    exited.then((e) => {
      throw new Error(`server exited before initialize: ${JSON.stringify(e)}\n${stderr}`);
    }),
  ]);
  connection.sendNotification('initialized', {});

  const versions = new Map();

  const client = {
    connection,
    child,
    init,
    events,
    get stderr() {
      return stderr;
    },
    get exit() {
      return exit;
    },

    /** Resolves with the first event (past or future) that matches; rejects after `timeout` ms. */
    waitFor(match, { timeout = 10_000, since = 0, what = 'event' } = {}) {
      const past = events.slice(since).find(match);
      if (past) return Promise.resolve(past);
      return new Promise((resolve, reject) => {
        const waiter = { match, resolve };
        waiter.timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`timed out after ${timeout} ms waiting for ${what}\nexit: ${JSON.stringify(exit)}\nstderr: ${stderr.slice(-2000)}`));
        }, timeout);
        waiters.add(waiter);
      });
    },

    /** Index into `events` to wait only for what happens after now. */
    mark() {
      return events.length;
    },

    /** The diagnostics published for `uri` (and `version`, when given) after `since`. */
    async diagnostics(uri, { version, since = 0, match = () => true, timeout } = {}) {
      const event = await client.waitFor(
        (e) => e.type === 'diagnostics' && e.params.uri === uri && (version === undefined || e.params.version === version) && match(e.params.diagnostics),
        { since, timeout, what: `diagnostics for ${uri}${version !== undefined ? ` v${version}` : ''}` },
      );
      return event.params.diagnostics;
    },

    /** The latest diagnostics published for `uri`, or undefined. */
    lastDiagnostics(uri) {
      for (let i = events.length - 1; i >= 0; i--) {
        const e = events[i];
        if (e.type === 'diagnostics' && e.params.uri === uri) return e.params;
      }
      return undefined;
    },

    /** didOpen; resolves with the diagnostics published for that version. */
    async open(uri, text, { languageId = 'meeting-record', version = 1, wait = true } = {}) {
      const since = client.mark();
      versions.set(uri, version);
      connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
      return wait ? client.diagnostics(uri, { version, since }) : undefined;
    },

    /** didChange with the whole new text; resolves with the diagnostics for the new version. */
    async replace(uri, text, { wait = true } = {}) {
      return client.edit(uri, [{ text }], { wait });
    },

    /** didChange with content changes (ranges or full text). */
    async edit(uri, contentChanges, { wait = true } = {}) {
      const version = (versions.get(uri) ?? 0) + 1;
      versions.set(uri, version);
      const since = client.mark();
      connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
      return wait ? client.diagnostics(uri, { version, since }) : version;
    },

    version(uri) {
      return versions.get(uri);
    },

    close(uri) {
      versions.delete(uri);
      connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    },

    request(method, params, token) {
      return token ? connection.sendRequest(method, params, token) : connection.sendRequest(method, params);
    },

    notify(method, params) {
      connection.sendNotification(method, params);
    },

    /** Tells the server files changed on disk, as a client's file watcher does. 1 created, 2 changed, 3 deleted. */
    filesChanged(changes) {
      connection.sendNotification('workspace/didChangeWatchedFiles', { changes });
    },

    setSettings(next) {
      settings = next;
      connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    },

    /** Resolves when the server has reported the end of a work-done progress (the initial indexing). */
    indexed({ since = 0, timeout = 20_000 } = {}) {
      return client.waitFor((e) => e.type === 'progress' && e.params.value?.kind === 'end', { since, timeout, what: 'indexing to end' });
    },

    async shutdown() {
      if (exit) return exit;
      try {
        await Promise.race([connection.sendRequest('shutdown'), exited]);
        connection.sendNotification('exit');
      } catch {
        // already gone
      }
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      const result = await exited;
      clearTimeout(timer);
      connection.dispose();
      return result;
    },
  };
  return client;
}

/** A temporary workspace folder with files; `uri(rel)` and `path(rel)` name them. */
export function makeWorkspace(files = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), 'mr-lsp-'));
  const ws = {
    dir,
    path: (rel) => path.join(dir, rel),
    uri: (rel) => pathToFileURL(path.join(dir, rel)).href,
    write(rel, text) {
      mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      writeFileSync(path.join(dir, rel), text);
      return ws.uri(rel);
    },
    remove(rel) {
      unlinkSync(path.join(dir, rel));
      return ws.uri(rel);
    },
    cleanup() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
  for (const [rel, text] of Object.entries(files)) ws.write(rel, text);
  return ws;
}

/** A workspace of `files` on disk with a server started on it, indexed first when asked: what most suites begin with. */
export async function startInWorkspace(files = {}, { indexed = false, locale, initializationOptions } = {}) {
  const ws = makeWorkspace(files);
  const client = await startServer({ folders: [ws.dir], locale, initializationOptions });
  if (indexed) await client.indexed();
  return { ws, client };
}

/** Shuts down what startInWorkspace started and removes its folder. */
export async function stopInWorkspace({ ws, client }) {
  await client?.shutdown();
  ws?.cleanup();
}

/** A seed record file's text. */
export function seed(name) {
  return readFileSync(path.join(SEEDS, name), 'utf8');
}

/** LSP position of the `occurrence`-th `needle` in `text`, plus `delta` characters. */
export function positionOf(text, needle, { delta = 0, occurrence = 1 } = {}) {
  let index = -1;
  for (let i = 0; i < occurrence; i++) {
    index = text.indexOf(needle, index + 1);
    if (index < 0) throw new Error(`'${needle}' (occurrence ${occurrence}) not found`);
  }
  index += delta;
  const before = text.slice(0, index);
  const lines = before.split(/\r\n|\r|\n/);
  return { line: lines.length - 1, character: lines[lines.length - 1].length };
}

/** The text a range covers (LSP positions over `text`). */
export function textAt(text, range) {
  const lines = text.split(/(?<=\r\n|\r(?!\n)|\n)/);
  const offset = (p) => lines.slice(0, p.line).reduce((n, l) => n + l.length, 0) + p.character;
  return text.slice(offset(range.start), offset(range.end));
}

/** Applies LSP text edits to a text (non-overlapping, any order). */
export function applyEdits(text, edits) {
  const lines = text.split(/(?<=\r\n|\r(?!\n)|\n)/);
  const offset = (p) => lines.slice(0, p.line).reduce((n, l) => n + l.length, 0) + p.character;
  const sorted = edits.map((e) => ({ start: offset(e.range.start), end: offset(e.range.end), text: e.newText })).sort((a, b) => b.start - a.start);
  let result = text;
  for (const e of sorted) result = result.slice(0, e.start) + e.text + result.slice(e.end);
  return result;
}

/** A minimal valid record. */
export function record({ id = '2024-07-26-amm57-asean-korea', title = 'Hội nghị Bộ trưởng Ngoại giao ASEAN-Hàn Quốc', extra = '' } = {}) {
  return `version: 1
id: ${id}
title: ${title}
mechanism: ASEAN+1
level: ministerial
series: AMM-57
date: 2024-07-26
location:
  city: Vientiane
  country: Lao PDR
partners:
  - Republic of Korea
${extra}source:
  publisher: VnExpress
  url: https://vnexpress.net/a
`;
}
