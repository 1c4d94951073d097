// Preload (`node --require test/safety/no-network.cjs …`) that takes the
// network away from a process and every worker thread it starts: each API
// that could open a connection or resolve a name records the attempt, then
// throws. The record goes to the file named by SAFETY_NETWORK_LOG, one JSON
// object a line:
//   {"event":"loaded","pid":…,"thread":…}                 the guard is active here
//   {"event":"attempt","api":"https.request","target":…}  something tried
// Process spawning is recorded too (as "child_process.*"): a spawned curl or
// git would be the network by another door.
'use strict';
const fs = require('node:fs');
const { threadId } = require('node:worker_threads');

const LOG = process.env.SAFETY_NETWORK_LOG;

function record(entry) {
  if (!LOG) return;
  try {
    fs.appendFileSync(LOG, `${JSON.stringify({ ...entry, pid: process.pid, thread: threadId })}\n`);
  } catch {
    // Recording must never be what fails.
  }
}

function describeTarget(args) {
  const first = args[0];
  if (first === undefined) return '';
  if (typeof first === 'string' || typeof first === 'number') return String(first);
  if (first instanceof URL) return first.href;
  if (typeof first === 'object' && first !== null) {
    const { href, url, host, hostname, port, path } = first;
    return String(href ?? url ?? `${hostname ?? host ?? ''}${port ? `:${port}` : ''}${path ?? ''}`);
  }
  return typeof first;
}

function blocked(api) {
  return function blockedNetworkCall(...args) {
    const stack = (new Error().stack ?? '').split('\n').slice(2, 8).map((l) => l.trim());
    record({ event: 'attempt', api, target: describeTarget(args), stack });
    const error = new Error(`${api}: network access is blocked in this test (test/safety/no-network.cjs)`);
    error.code = 'ENETUNREACH';
    throw error;
  };
}

function replace(object, name, api) {
  if (object && typeof object[name] === 'function') {
    try {
      Object.defineProperty(object, name, { value: blocked(api), writable: true, configurable: true });
    } catch {
      object[name] = blocked(api);
    }
  }
}

const net = require('node:net');
replace(net, 'connect', 'net.connect');
replace(net, 'createConnection', 'net.createConnection');
replace(net.Socket.prototype, 'connect', 'net.Socket.connect');

const tls = require('node:tls');
replace(tls, 'connect', 'tls.connect');

for (const name of ['http', 'https']) {
  const mod = require(`node:${name}`);
  replace(mod, 'request', `${name}.request`);
  replace(mod, 'get', `${name}.get`);
}
replace(require('node:http2'), 'connect', 'http2.connect');

const dns = require('node:dns');
const DNS_FUNCTIONS = ['lookup', 'lookupService', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveCname', 'resolveMx', 'resolveNs', 'resolveTxt', 'resolveSrv', 'resolvePtr', 'resolveNaptr', 'resolveSoa', 'reverse'];
for (const fn of DNS_FUNCTIONS) {
  replace(dns, fn, `dns.${fn}`);
  replace(dns.promises, fn, `dns.promises.${fn}`);
  replace(dns.Resolver.prototype, fn, `dns.Resolver.${fn}`);
  replace(dns.promises.Resolver.prototype, fn, `dns.promises.Resolver.${fn}`);
}

const dgram = require('node:dgram');
replace(dgram, 'createSocket', 'dgram.createSocket');

for (const name of ['fetch', 'WebSocket', 'EventSource']) {
  if (typeof globalThis[name] === 'function') {
    Object.defineProperty(globalThis, name, { value: blocked(name), writable: true, configurable: true });
  }
}

const childProcess = require('node:child_process');
for (const fn of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork']) {
  replace(childProcess, fn, `child_process.${fn}`);
}

record({ event: 'loaded', argv: process.argv.slice(1, 3) });
