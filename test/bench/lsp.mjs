// A minimal LSP client over a child's stdio, for timing language servers the
// way an editor drives them: didOpen/didChange, then wait for the
// publishDiagnostics that answers that version.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { createProtocolConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-languageserver-protocol/node');

const CLIENT_CAPABILITIES = {
  workspace: {
    configuration: true,
    workspaceFolders: true,
    didChangeConfiguration: { dynamicRegistration: true },
    symbol: { dynamicRegistration: false },
    workspaceEdit: { documentChanges: true },
  },
  textDocument: {
    synchronization: { dynamicRegistration: false, didSave: true, willSave: false },
    publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
    completion: {
      completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'], insertReplaceSupport: true, labelDetailsSupport: true },
      contextSupport: true,
    },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } } },
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
  },
  window: { workDoneProgress: true, showMessage: {} },
  general: { positionEncodings: ['utf-16'] },
};

function section(settings, name) {
  if (!name) return settings;
  if (Object.prototype.hasOwnProperty.call(settings, name)) return settings[name];
  let node = settings;
  for (const part of name.split('.')) {
    if (node === null || typeof node !== 'object' || !(part in node)) return null;
    node = node[part];
  }
  return node;
}

/** Reads the child's resident set size in bytes from /proc (Linux). */
export function rssBytes(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1];
    return kb ? Number(kb) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** CPU time (user + system, ms) the process has used so far, all threads included (Linux). */
export function cpuMs(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15; the slice starts at field 3.
    return (Number(fields[14 - 3]) + Number(fields[15 - 3])) * 10;
  } catch {
    return undefined;
  }
}

/**
 * Starts a server and initializes it.
 * @param {{ name: string, command: string, args: string[], cwd: string, workspace: string, settings: object, initializationOptions?: object }} options
 */
export async function startServer({ name, command = process.execPath, args, cwd, workspace, settings = {}, initializationOptions, env }) {
  const spawnedAt = performance.now();
  const child = spawn(command, args, { cwd, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  let stderr = '';
  child.stderr.on('data', (d) => {
    stderr += d;
    if (stderr.length > 200_000) stderr = stderr.slice(-100_000);
  });
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const rootUri = pathToFileURL(workspace).href;
  const workspaceFolders = [{ uri: rootUri, name: 'bench' }];

  const diagnosticWaiters = new Set();
  const progressListeners = new Set();
  const lastDiagnostics = new Map();
  const progressLog = [];

  connection.onRequest('workspace/configuration', (params) => params.items.map((item) => section(settings, item.section) ?? null));
  connection.onRequest('workspace/workspaceFolders', () => workspaceFolders);
  connection.onRequest('window/workDoneProgress/create', (params) => {
    progressLog.push({ at: performance.now(), kind: 'create', token: params.token });
    return null;
  });
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('client/unregisterCapability', () => null);
  connection.onRequest('window/showMessageRequest', () => null);
  connection.onRequest('workspace/applyEdit', () => ({ applied: false }));
  // Anything else (refresh requests and the like): answer null rather than leave the server waiting.
  connection.onRequest((method) => null);

  // Once a server has published a versioned diagnostic, only a matching version answers an edit.
  let versioned = false;
  connection.onNotification('textDocument/publishDiagnostics', (params) => {
    const at = performance.now();
    if (typeof params.version === 'number') versioned = true;
    lastDiagnostics.set(params.uri, params);
    for (const waiter of [...diagnosticWaiters]) {
      if (waiter.match(params)) {
        diagnosticWaiters.delete(waiter);
        waiter.resolve({ at, params });
      }
    }
  });
  connection.onNotification('$/progress', (params) => {
    const entry = { at: performance.now(), token: params.token, kind: params.value?.kind, title: params.value?.title, message: params.value?.message };
    progressLog.push(entry);
    for (const listener of progressListeners) listener(entry);
  });
  connection.onNotification(() => {});
  connection.onError(() => {});
  connection.onClose(() => {
    for (const waiter of diagnosticWaiters) waiter.reject(new Error(`${name} closed the connection\n${stderr.slice(-2000)}`));
  });
  connection.listen();

  const initializeStart = performance.now();
  const died = exited.then(({ code, signal }) => {
    throw new Error(`${name} exited (code ${code}, signal ${signal}) before answering initialize\n${stderr.slice(-2000)}`);
  });
  const initResult = await Promise.race([died, connection.sendRequest('initialize', {
    processId: process.pid,
    clientInfo: { name: 'meeting-records-bench' },
    rootUri,
    rootPath: workspace,
    workspaceFolders,
    capabilities: CLIENT_CAPABILITIES,
    initializationOptions,
    locale: 'en',
  })]);
  died.catch(() => {});
  const initializedAt = performance.now();
  connection.sendNotification('initialized', {});
  connection.sendNotification('workspace/didChangeConfiguration', { settings });

  const syncKind = typeof initResult.capabilities.textDocumentSync === 'number'
    ? initResult.capabilities.textDocumentSync
    : initResult.capabilities.textDocumentSync?.change ?? 1;

  const server = {
    name,
    child,
    connection,
    initResult,
    syncKind,
    spawnedAt,
    initializeStart,
    initializedAt,
    progressLog,
    lastDiagnostics,
    get stderr() {
      return stderr;
    },
    rss: () => rssBytes(child.pid),
    cpuMs: () => cpuMs(child.pid),

    /** Resolves with the first publishDiagnostics for `uri` that satisfies `match` (after now). */
    waitForDiagnostics(uri, match = () => true, timeoutMs = 60_000) {
      return new Promise((resolve, reject) => {
        const waiter = { match: (p) => p.uri === uri && match(p), resolve, reject };
        const timer = setTimeout(() => {
          diagnosticWaiters.delete(waiter);
          reject(new Error(`${name}: no diagnostics for ${uri} within ${timeoutMs} ms\n${stderr.slice(-2000)}`));
        }, timeoutMs);
        waiter.resolve = (v) => {
          clearTimeout(timer);
          resolve(v);
        };
        waiter.reject = (e) => {
          clearTimeout(timer);
          reject(e);
        };
        diagnosticWaiters.add(waiter);
      });
    },

    onProgress(listener) {
      progressListeners.add(listener);
      return () => progressListeners.delete(listener);
    },

    /** Whether a publishDiagnostics answers a change to `version`: the same version, or any for a server that never sends versions. */
    answers(params, version) {
      return params.version === version || (!versioned && (params.version === undefined || params.version === null));
    },

    /** Opens a document and waits for its first diagnostics; returns the time that took. */
    async open(uri, text, languageId = 'yaml', version = 1) {
      const waiting = server.waitForDiagnostics(uri, (p) => server.answers(p, version));
      const t0 = performance.now();
      connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
      const { at, params } = await waiting;
      return { ms: at - t0, diagnostics: params.diagnostics };
    },

    /**
     * Sends one change and waits for the diagnostics of that version (or, for a
     * server that publishes without versions, the next diagnostics for the uri).
     */
    async change(uri, version, change, fullText) {
      const waiting = server.waitForDiagnostics(uri, (p) => server.answers(p, version));
      const contentChanges = syncKind === 2 ? [change] : [{ text: fullText }];
      const t0 = performance.now();
      connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
      const { at, params } = await waiting;
      return { ms: at - t0, diagnostics: params.diagnostics, versioned: typeof params.version === 'number' };
    },

    async timeRequest(method, params) {
      const t0 = performance.now();
      const result = await connection.sendRequest(method, params);
      return { ms: performance.now() - t0, result };
    },

    close(uri) {
      connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    },

    async stop() {
      try {
        await Promise.race([connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 3000))]);
        connection.sendNotification('exit');
      } catch {
        // already gone
      }
      const done = await Promise.race([exited, new Promise((r) => setTimeout(() => r(undefined), 3000))]);
      if (!done) child.kill('SIGKILL');
      connection.dispose();
    },
  };
  return server;
}
