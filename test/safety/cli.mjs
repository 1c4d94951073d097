// Runs the built CLI as a child process with a hard timeout, the way CI does,
// and reports what a user would see: exit status or signal, output, time, and
// the peak memory the process used.
import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, NO_NETWORK, ROOT, reachable } from './paths.mjs';
import { memoryOf } from './lsp.mjs';

const PEAK_RSS = join(ROOT, 'test/safety/peak-rss.cjs');
let runs = 0;

/**
 * @param {string[]} args
 * `killAboveMb`: the resident memory (polled from /proc) past which the run is
 * stopped and reported as `memoryExceeded`, so a runaway costs the test
 * machine nothing.
 * @param {{ cwd?: string, timeoutMs?: number, nodeArgs?: string[], env?: object, uid?: number, gid?: number, killAboveMb?: number }} [options]
 */
export function runCli(args, options = {}) {
  const { timeoutMs = 60_000, env = {}, uid, gid, killAboveMb = 1500 } = options;
  // Another user runs copies it can reach (a checkout may sit in a private folder).
  const where = uid === undefined ? { root: ROOT, cli: CLI, peakRss: PEAK_RSS } : reachable();
  const cwd = options.cwd ?? where.root;
  const nodeArgs = uid === undefined ? options.nodeArgs ?? [] : (options.nodeArgs ?? []).map((a) => (a === NO_NETWORK ? where.noNetwork : a));
  const rssFile = join(tmpdir(), `mr-safety-rss-${process.pid}-${runs++}.txt`);
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--require', where.peakRss, ...nodeArgs, where.cli, ...args], {
      cwd,
      env: { ...process.env, NO_COLOR: '1', ...env, SAFETY_RSS_FILE: rssFile },
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(uid === undefined ? {} : { uid, gid }),
    });
    const out = [];
    const err = [];
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => err.push(d));
    let timedOut = false;
    let memoryExceeded = false;
    let polledMaxMb = 0;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    const watchdog = setInterval(() => {
      const { rssMb } = memoryOf(child.pid);
      if (rssMb > polledMaxMb) polledMaxMb = rssMb;
      if (rssMb > killAboveMb) {
        memoryExceeded = true;
        child.kill('SIGKILL');
      }
    }, 50);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      clearInterval(watchdog);
      let peakRssMb = NaN;
      try {
        peakRssMb = Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop());
        rmSync(rssFile, { force: true });
      } catch {
        // No measurement (killed, or the preload could not run).
      }
      const stdout = Buffer.concat(out).toString('utf8');
      if (!(peakRssMb >= polledMaxMb)) peakRssMb = Math.max(polledMaxMb, Number.isNaN(peakRssMb) ? 0 : peakRssMb);
      resolve({ code, signal, timedOut, memoryExceeded, ms: Date.now() - started, stdout, stderr: Buffer.concat(err).toString('utf8'), peakRssMb, json: tryJson(stdout) });
    });
  });
}

function tryJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** CLI JSON diagnostics (1-based) as 0-based LSP-style ranges, like the server's. */
export function fromCli(d) {
  return {
    severity: d.severity,
    code: d.code,
    message: d.message,
    range: { start: { line: d.line - 1, character: d.column - 1 }, end: { line: d.endLine - 1, character: d.endColumn - 1 } },
  };
}

/** A one-line summary of a run for assertion messages. */
export function describeRun(run) {
  return `exit ${run.code} signal ${run.signal}${run.timedOut ? ' (timed out)' : ''}${run.memoryExceeded ? ` (stopped: resident memory above the limit, ${Math.round(run.peakRssMb)} MB)` : ''} in ${run.ms} ms\nstderr: ${run.stderr.slice(0, 2000)}\nstdout: ${run.stdout.slice(0, 1000)}`;
}
