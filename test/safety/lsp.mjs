// A small LSP client for the safety tests: spawns `node dist/server.js --stdio`
// (optionally with preloads), initializes it, and exposes what the tests need
// to assert what an editor user would notice: does the server still answer,
// what did it publish, did it log errors, did it die, how much memory it holds.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { SERVER, ROOT, reachable } from './paths.mjs';

const require = createRequire(import.meta.url);
const { createProtocolConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-languageserver-protocol/node');

const CAPABILITIES = {
  workspace: {
    configuration: true,
    workspaceFolders: true,
    didChangeConfiguration: { dynamicRegistration: false },
    symbol: { dynamicRegistration: false },
    workspaceEdit: { documentChanges: true },
  },
  textDocument: {
    synchronization: { dynamicRegistration: false, didSave: true },
    publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true },
    completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] }, contextSupport: true },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } } },
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
    definition: {},
    references: {},
    foldingRange: {},
  },
  window: { workDoneProgress: false },
  general: { positionEncodings: ['utf-16'] },
};

/** VmRSS (current) and VmHWM (peak) of a process, in MB, from /proc. */
export function memoryOf(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (name) => Number(new RegExp(`${name}:\\s+(\\d+)\\s+kB`).exec(status)?.[1] ?? NaN);
    return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
  } catch {
    return { rssMb: NaN, peakMb: NaN };
  }
}

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/**
 * Starts and initializes a server.
 * @param {{ workspace?: string, settings?: object, initializationOptions?: object, nodeArgs?: string[], env?: object, cwd?: string, uid?: number, gid?: number }} [options]
 */
export async function startServer(options = {}) {
  const { workspace, settings = {}, initializationOptions, nodeArgs = [], env = {}, uid, gid } = options;
  // Another user runs a copy it can reach (a checkout may sit in a private folder).
  const where = uid === undefined ? { root: ROOT, server: SERVER } : reachable();
  const cwd = options.cwd ?? where.root;
  const child = spawn(process.execPath, [...nodeArgs, where.server, '--stdio'], {
    cwd,
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
    ...(uid === undefined ? {} : { uid, gid }),
  });
  let stderr = '';
  child.stderr.on('data', (d) => {
    stderr = (stderr + d).slice(-50_000);
  });
  let exit;
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve((exit = { code, signal }))));
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));

  const published = new Map(); // uri -> latest params
  const waiters = new Set();
  const logs = []; // window/logMessage and window/showMessage
  const workspaceFolders = workspace ? [{ uri: pathToFileURL(workspace).href, name: 'workspace' }] : null;

  const section = (name) => {
    if (!name) return settings;
    let node = settings;
    for (const part of name.split('.')) {
      if (node === null || typeof node !== 'object' || !(part in node)) return null;
      node = node[part];
    }
    return node;
  };
  connection.onRequest('workspace/configuration', (params) => params.items.map((item) => section(item.section)));
  connection.onRequest('workspace/workspaceFolders', () => workspaceFolders);
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('client/unregisterCapability', () => null);
  connection.onRequest('workspace/applyEdit', () => ({ applied: false }));
  connection.onRequest(() => null);
  connection.onNotification('textDocument/publishDiagnostics', (params) => {
    published.set(params.uri, params);
    for (const w of [...waiters]) {
      if (w.match(params)) {
        waiters.delete(w);
        w.resolve(params);
      }
    }
  });
  connection.onNotification('window/logMessage', (p) => logs.push(p));
  connection.onNotification('window/showMessage', (p) => logs.push(p));
  connection.onNotification(() => {});
  connection.onError(() => {});
  connection.onClose(() => {
    for (const w of waiters) w.reject(new Error(`server closed the connection (exit ${JSON.stringify(exit)})\n${stderr.slice(-2000)}`));
    waiters.clear();
  });
  connection.listen();

  const rootUri = workspaceFolders?.[0].uri ?? null;
  const init = await withTimeout(
    Promise.race([
      connection.sendRequest('initialize', {
        // A server running as another user cannot signal this process, would take it for dead and exit: no parent check then.
        processId: uid === undefined ? process.pid : null,
        clientInfo: { name: 'safety-tests' },
        rootUri,
        workspaceFolders,
        capabilities: CAPABILITIES,
        initializationOptions,
        locale: 'en',
      }),
      exited.then((e) => {
        throw new Error(`server exited before initialize: ${JSON.stringify(e)}\n${stderr}`);
      }),
    ]),
    20_000,
    'initialize',
  );
  connection.sendNotification('initialized', {});
  connection.sendNotification('workspace/didChangeConfiguration', { settings });

  const sync = init.capabilities.textDocumentSync;
  const server = {
    child,
    connection,
    capabilities: init.capabilities,
    syncKind: typeof sync === 'number' ? sync : sync?.change,
    logs,
    published,
    get stderr() {
      return stderr;
    },
    get exit() {
      return exit;
    },
    /** Exited, or killed by a test (its exit event may still be on its way). */
    get dead() {
      return exit !== undefined || child.killed;
    },
    exited,
    memory: () => memoryOf(child.pid),
    /** Errors the server logged (MessageType.Error): a handler failed on our input. */
    errorLogs: () => logs.filter((l) => l.type === 1),

    request(method, params, timeoutMs = 10_000) {
      if (exit) return Promise.reject(new Error(`server is dead: ${JSON.stringify(exit)}\n${stderr.slice(-2000)}`));
      const died = exited.then((e) => {
        throw new Error(`${method}: the server exited (${JSON.stringify(e)}) before answering\n${stderr.slice(-2000)}`);
      });
      return withTimeout(Promise.race([connection.sendRequest(method, params), died]), timeoutMs, method);
    },
    notify(method, params) {
      connection.sendNotification(method, params);
    },
    /** The next publishDiagnostics for `uri` that `match` accepts. */
    waitForDiagnostics(uri, match = () => true, timeoutMs = 15_000) {
      return new Promise((resolve, reject) => {
        const w = { match: (p) => p.uri === uri && match(p) };
        const timer = setTimeout(() => {
          waiters.delete(w);
          reject(new Error(`no diagnostics for ${uri} within ${timeoutMs} ms (exit ${JSON.stringify(exit)})\n${stderr.slice(-2000)}`));
        }, timeoutMs);
        w.resolve = (p) => {
          clearTimeout(timer);
          resolve(p);
        };
        w.reject = (e) => {
          clearTimeout(timer);
          reject(e);
        };
        waiters.add(w);
      });
    },
    /** didOpen, then the diagnostics published for that version. */
    async open(uri, text, { version = 1, languageId = 'meeting-record', timeoutMs } = {}) {
      const waiting = server.waitForDiagnostics(uri, (p) => p.version === undefined || p.version === null || p.version === version, timeoutMs);
      server.notify('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
      return (await waiting).diagnostics;
    },
    /** didChange with the given content changes; resolves with the diagnostics published for `version`. */
    async change(uri, version, contentChanges, { timeoutMs, strictVersion = false } = {}) {
      const waiting = server.waitForDiagnostics(
        uri,
        (p) => p.version === version || (!strictVersion && (p.version === undefined || p.version === null)),
        timeoutMs,
      );
      server.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
      return (await waiting).diagnostics;
    },
    close(uri) {
      server.notify('textDocument/didClose', { textDocument: { uri } });
    },
    /** A cheap request that proves the server still answers. */
    async ping(uri) {
      return server.request('textDocument/documentSymbol', { textDocument: { uri } });
    },
    async stop() {
      if (!exit) {
        try {
          await withTimeout(connection.sendRequest('shutdown'), 5_000, 'shutdown');
          connection.sendNotification('exit');
        } catch {
          // fall through to kill
        }
        const done = await Promise.race([exited, new Promise((r) => setTimeout(() => r(undefined), 3_000))]);
        if (!done) child.kill('SIGKILL');
      }
      connection.dispose();
      await exited;
      return exit;
    },
  };
  return server;
}

/**
 * A test for ranges inside `text` (LSP positions; a line's end is its last
 * valid character). Lines are split once: files with 100,000s of
 * diagnostics are among the inputs.
 */
export function rangeChecker(text) {
  const lengths = text.split(/\r\n|\r|\n/).map((l) => l.length);
  const ok = (p) => Number.isInteger(p?.line) && Number.isInteger(p?.character) && p.line >= 0 && p.character >= 0 && p.line < lengths.length && p.character <= lengths[p.line];
  return (range) => {
    const ordered = range.start.line < range.end.line || (range.start.line === range.end.line && range.start.character <= range.end.character);
    return ok(range.start) && ok(range.end) && ordered;
  };
}

export function rangeInside(range, text) {
  return rangeChecker(text)(range);
}

export function fileUri(path) {
  return pathToFileURL(path).href;
}
