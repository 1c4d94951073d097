#!/usr/bin/env node
// npm run test:e2e — the scenarios of test/e2e/scenarios.json through the VS
// Code API (test/e2e/suite/index.cjs), in desktop VS Code via
// @vscode/test-electron, with the packaged extension (.vsix) installed into a
// fresh extensions folder and the e2e workspace open.
//
// VS Code comes from VSCODE_EXECUTABLE (a `code` binary or the Electron
// executable of an unpacked VS Code), else from @vscode/test-electron's
// download (cached in .vscode-test/). When neither works (no network, as on
// this project's machines) the suite says plainly that it skipped, and why,
// and exits 0. The code-server suite (npm run test:vscode-web) covers the same
// scenarios there.
//
// Options:
//   --code-server   run the same API suite inside code-server's extension host
//                   (VS Code 1.100 from scripts/setup-code-server.sh) instead of
//                   desktop VS Code: works offline.
// Environment: VSCODE_EXECUTABLE, VSCODE_VERSION (download: default 'stable'),
//   E2E_DOWNLOAD_TIMEOUT_MS (default 60000), MEETING_RECORDS_VSIX.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO, extensionId, prepareWorkspace } from './workspace.mjs';
import { ensureCodeServer, ensureVsix, startSession, until } from '../vscode-web/harness.mjs';

const require = createRequire(join(REPO, 'package.json'));
const SUITE = join(REPO, 'test', 'e2e', 'suite', 'index.cjs');
const say = (m) => console.log(`[e2e] ${m}`);

function skip(reason) {
  say(`SKIPPED: the @vscode/test-electron suite did not run: ${reason}.`);
  say('To run it: set VSCODE_EXECUTABLE=/path/to/code (or let it download VS Code where the network allows),');
  say('or run the same API suite in code-server: node test/e2e/run.mjs --code-server.');
  say('The real-VS-Code UI scenarios run in code-server with: npm run test:vscode-web.');
  process.exit(0);
}

function fail(message) {
  console.error(`[e2e] FAILED: ${message}`);
  process.exit(1);
}

/** Desktop VS Code: VSCODE_EXECUTABLE or a (cached) download; null with a reason when neither. */
async function obtainVSCode() {
  const { downloadAndUnzipVSCode } = require('@vscode/test-electron');
  if (process.env.VSCODE_EXECUTABLE) {
    if (!existsSync(process.env.VSCODE_EXECUTABLE)) fail(`VSCODE_EXECUTABLE=${process.env.VSCODE_EXECUTABLE} does not exist`);
    return { path: process.env.VSCODE_EXECUTABLE };
  }
  const timeout = Number(process.env.E2E_DOWNLOAD_TIMEOUT_MS || 60_000);
  const version = process.env.VSCODE_VERSION || 'stable';
  try {
    const path = await Promise.race([
      downloadAndUnzipVSCode({ version, cachePath: join(REPO, '.vscode-test'), timeout }),
      new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer within ${timeout} ms`)), timeout + 5000)),
    ]);
    return { path };
  } catch (e) {
    return { reason: `VS Code ${version} could not be downloaded (${String(e.message || e).split('\n')[0]}) and VSCODE_EXECUTABLE is not set` };
  }
}

/** An X display for Electron on Linux: $DISPLAY, or an Xvfb we start. */
async function ensureDisplay() {
  if (process.platform !== 'linux' || process.env.DISPLAY) return { stop() {} };
  if (spawnSync('sh', ['-c', 'command -v Xvfb']).status !== 0) return { reason: 'there is no X display (DISPLAY is unset) and Xvfb is not installed (apt-get install xvfb)' };
  const display = `:${90 + Math.floor(Math.random() * 400)}`;
  const xvfb = spawn('Xvfb', [display, '-screen', '0', '1440x900x24', '-nolisten', 'tcp'], { stdio: 'ignore' });
  process.env.DISPLAY = display;
  await new Promise((r) => setTimeout(r, 500));
  if (xvfb.exitCode !== null) return { reason: `Xvfb ${display} did not start` };
  return { stop: () => xvfb.kill() };
}

/** A do-nothing extension: test-electron needs an extensionDevelopmentPath; the real extension comes from the .vsix. */
function hostExtension(dir, main) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({
    name: 'meeting-records-e2e-host', displayName: 'Meeting Records e2e host', publisher: 'meeting-records-e2e', version: '0.0.0',
    license: 'MIT', engines: { vscode: '^1.90.0' }, ...(main ? { main: './host.js', activationEvents: ['onStartupFinished'] } : {}),
  }, null, 2));
  writeFileSync(join(dir, 'README.md'), '# e2e host\nRuns test/e2e/suite in an extension host.\n');
  writeFileSync(join(dir, 'LICENSE.md'), 'MIT\n');
  if (main) writeFileSync(join(dir, 'host.js'), main);
  return dir;
}

async function runDesktop(getVsix) {
  const vscodeBin = await obtainVSCode();
  if (!vscodeBin.path) skip(vscodeBin.reason);
  const display = await ensureDisplay();
  if (display.reason) skip(display.reason);
  const vsix = getVsix();
  const { runTests, resolveCliArgsFromVSCodeExecutablePath } = require('@vscode/test-electron');
  const ws = prepareWorkspace();
  const userData = join(ws.root, 'user-data');
  const extDir = join(ws.root, 'extensions');
  try {
    const [cli, ...cliArgs] = resolveCliArgsFromVSCodeExecutablePath(vscodeBin.path, { reuseMachineInstall: true });
    const inst = spawnSync(cli, [...cliArgs, `--extensions-dir=${extDir}`, `--user-data-dir=${userData}`, '--install-extension', vsix], { encoding: 'utf8', shell: process.platform === 'win32' });
    if (inst.status !== 0) fail(`installing ${vsix} failed:\n${inst.stdout}\n${inst.stderr}`);
    say(`VS Code: ${vscodeBin.path}; extension ${vsix}; workspace ${ws.dir} (${ws.seedCount} seed records)`);
    const results = join(ws.root, 'results.json');
    await runTests({
      vscodeExecutablePath: vscodeBin.path,
      extensionDevelopmentPath: hostExtension(join(ws.root, 'host')),
      extensionTestsPath: SUITE,
      extensionTestsEnv: { E2E_WORKSPACE: ws.dir, E2E_EXTENSION_ID: extensionId(), E2E_RESULTS: results },
      // runTests adds --no-sandbox, --skip-welcome, --disable-workspace-trust and friends itself.
      launchArgs: [ws.dir, `--extensions-dir=${extDir}`, `--user-data-dir=${userData}`, '--disable-telemetry', '--disable-gpu'],
    });
    report(results);
  } catch (e) {
    fail(e.message);
  } finally {
    display.stop();
    rmSync(ws.root, { recursive: true, force: true });
  }
}

/** The same API suite, run by a host extension inside code-server's extension host. */
async function runInCodeServer(vsix) {
  ensureCodeServer();
  const tmp = mkdtempSync(join(tmpdir(), 'meeting-records-e2e-host-'));
  const results = join(tmp, 'results.json');
  const host = hostExtension(join(tmp, 'host'), `
const fs = require('fs');
exports.activate = async () => {
  const out = process.env.E2E_RESULTS;
  try { await require(process.env.E2E_SUITE).run(); }
  catch (e) { if (!fs.existsSync(out)) fs.writeFileSync(out, JSON.stringify({ passed: 0, failed: 1, results: [{ name: 'suite', ok: false, error: String(e && e.stack || e) }] })); }
};`);
  const hostVsix = join(tmp, 'host.vsix');
  const pack = spawnSync(process.execPath, [require.resolve('@vscode/vsce/vsce'), 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '-o', hostVsix],
    { cwd: host, encoding: 'utf8' });
  if (pack.status !== 0) fail(`packaging the host extension failed:\n${pack.stdout}\n${pack.stderr}`);
  let session;
  try {
    session = await startSession({ vsix: [vsix, hostVsix], env: { E2E_SUITE: SUITE, E2E_RESULTS: results, E2E_EXTENSION_ID: extensionId() } });
    await until('the API suite to finish in code-server', () => existsSync(results), { timeout: 10 * 60_000, interval: 500 });
    report(results);
  } catch (e) {
    fail(e.message);
  } finally {
    await session?.close();
    rmSync(tmp, { recursive: true, force: true });
  }
}

function report(file) {
  if (!existsSync(file)) fail('the suite wrote no results');
  const r = JSON.parse(readFileSync(file, 'utf8'));
  for (const t of r.results) {
    console.log(`${t.ok ? 'ok' : 'not ok'} - ${t.name}${t.ms !== undefined ? ` (${t.ms} ms)` : ''}`);
    if (!t.ok) console.log(String(t.error).split('\n').map((l) => `    ${l}`).join('\n'));
  }
  console.log(`e2e: ${r.passed} passed, ${r.failed} failed`);
  if (r.failed || r.notRun) process.exit(1);
}

function vsixOrFail() {
  try {
    return ensureVsix();
  } catch (e) {
    return fail(e.message);
  }
}

if (process.argv.includes('--code-server')) await runInCodeServer(vsixOrFail());
else await runDesktop(vsixOrFail);
