#!/usr/bin/env node
// `npm run bench`: measures the language server and the CLI against the tools
// users would pick instead (yaml-language-server with our schema, ajv-cli),
// on this machine, in one run. Prints ONE JSON object on stdout and a
// readable table on stderr. Targets (issue 7) are reported as pass/fail
// fields, never asserted: a slow machine must not fail a build.
//
//   node test/bench/run.mjs            full run (sizes 50/500/5,000 lines, 200-record file,
//                                      10,000-file workspace, 5,000-file CLI corpus)
//   node test/bench/run.mjs --smoke    small sizes, 2 edits, 200 files, no alternatives (CI)
//   --no-alternatives                  skip yaml-language-server and ajv-cli
//   --alternatives                     run them in a smoke run too
//   --only=editor,workspace,cli        run some sections only (the others are marked skipped)
//   --keep                             keep the generated temp folders (their paths go to stderr)
//   --out=FILE                         also write the JSON report to FILE
//
// npm prints its script banners on stdout: `npm run -s bench > report.json` keeps stdout pure JSON.
//
// Inputs are generated into os.tmpdir() and removed afterwards.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { corpusFlaw, makeMultiRecordFile, makeRecord, removeDir, writeCorpus } from './generate.mjs';
import { startServer } from './lsp.mjs';
import { round, speedup, summarize } from './stats.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SERVER = join(ROOT, 'dist/server.js');
const CLI = join(ROOT, 'dist/cli.js');
const YLS = join(ROOT, 'node_modules/yaml-language-server/bin/yaml-language-server');
const AJV = join(ROOT, 'node_modules/ajv-cli/dist/index.js');
const SCHEMA = join(ROOT, 'schemas/meeting-record.schema.json');

const argv = process.argv.slice(2);
const smoke = argv.includes('--smoke');
const keep = argv.includes('--keep');
const alternatives = (!smoke || argv.includes('--alternatives')) && !argv.includes('--no-alternatives');
const only = argv.find((a) => a.startsWith('--only='))?.slice(7).split(',');
const outFile = argv.find((a) => a.startsWith('--out='))?.slice(6);
const wants = (section) => !only || only.includes(section);

const CONFIG = smoke
  ? { sizes: [50, 200], multi: { count: 10, lines: 50 }, edits: 2, warmup: 1, requests: 2, workspaceFiles: 200, cliFiles: 200, cliRuns: 1, warmupDocumentEdits: 3 }
  : { sizes: [50, 500, 5000], multi: { count: 200, lines: 50 }, edits: 20, warmup: 3, requests: 20, workspaceFiles: 10_000, cliFiles: 5_000, cliRuns: 3, warmupDocumentEdits: 15 };

const log = (...parts) => process.stderr.write(`${parts.join(' ')}\n`);
const tempDirs = [];
function tempDir(prefix) {
  const dir = mkdtempSync(join(os.tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

// ---------------------------------------------------------------- machine

function machine() {
  const cpuinfo = safeRead('/proc/cpuinfo');
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? os.cpus()[0]?.model ?? 'unknown';
  const meminfo = safeRead('/proc/meminfo');
  const memKb = Number(/^MemTotal:\s+(\d+)/m.exec(meminfo)?.[1] ?? 0);
  return {
    nproc: os.availableParallelism?.() ?? os.cpus().length,
    cpu: model,
    ramBytes: memKb ? memKb * 1024 : os.totalmem(),
    ramGiB: round((memKb ? memKb * 1024 : os.totalmem()) / 2 ** 30, 1),
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    loadAverageAtStart: os.loadavg().map((x) => round(x)),
  };
}

function safeRead(path) {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

function versions() {
  const version = (p) => {
    try {
      return JSON.parse(readFileSync(join(ROOT, p), 'utf8')).version;
    } catch {
      return undefined;
    }
  };
  return {
    meetingRecords: version('package.json'),
    yamlLanguageServer: version('node_modules/yaml-language-server/package.json'),
    ajvCli: version('node_modules/ajv-cli/package.json'),
    ajv: version('node_modules/ajv/package.json'),
    jsYamlUsedByAjvCli: version('node_modules/ajv-cli/node_modules/js-yaml/package.json') ?? version('node_modules/js-yaml/package.json'),
  };
}

// ---------------------------------------------------------------- editor latency

/** The documents of sections 1–2: single records of each size and one multi-record file. */
function editorCases() {
  const cases = CONFIG.sizes.map((lines) => {
    const rec = makeRecord(1, { lines, flaw: 'alias' });
    return { key: `lines${lines}`, label: `${lines.toLocaleString('en')}-line record`, ...rec };
  });
  const multi = makeMultiRecordFile(CONFIG.multi.count, { lines: CONFIG.multi.lines });
  cases.push({ key: `records${CONFIG.multi.count}`, label: `${CONFIG.multi.count} records × ${CONFIG.multi.lines} lines in one file`, ...multi });
  return cases;
}

const OUR_SETTINGS = {
  meetingRecords: { validate: { enable: true }, severity: {}, catalogPaths: [], recordGlobs: ['**/*.meeting.yaml', '**/*.meeting.yml'], maxFileSize: 2_000_000 },
};

function ylsSettings() {
  const schemaUri = pathToFileURL(SCHEMA).href;
  const yaml = {
    validate: true,
    hover: true,
    completion: true,
    schemas: { [schemaUri]: ['*.meeting.yaml', '*.meeting.yml'] },
    schemaStore: { enable: false },
    kubernetesCRDStore: { enable: false },
    format: { enable: false },
    yamlVersion: '1.2',
    maxItemsComputed: 5000,
  };
  return { yaml, '[yaml]': {}, http: { proxy: '', proxyStrictSSL: false }, editor: { tabSize: 2 } };
}

/**
 * Runs sections 1–2 against one server: for every case, open the document,
 * type `warmup + edits` characters into a topic (timing change → diagnostics
 * of that version), then time completion and hover at a partner, then
 * completion right after a keystroke.
 */
async function measureEditor(kind, cases) {
  const workspace = tempDir(`meeting-bench-${kind}-`);
  const server =
    kind === 'ours'
      ? await startServer({ name: 'meeting-records', args: [SERVER, '--stdio'], cwd: ROOT, workspace, settings: OUR_SETTINGS })
      : await startServer({ name: 'yaml-language-server', args: [YLS, '--stdio'], cwd: ROOT, workspace, settings: ylsSettings() });
  const languageId = kind === 'ours' ? 'meeting-record' : 'yaml';
  const result = { server: kind === 'ours' ? 'node dist/server.js --stdio' : 'yaml-language-server --stdio', editToDiagnostics: {}, completion: {}, hover: {}, completionAfterEdit: {}, open: {}, checks: {} };
  try {
    // The schema must be in force: an unknown key has to be reported.
    const probeUri = pathToFileURL(join(workspace, 'probe.meeting.yaml')).href;
    const probe = await server.open(probeUri, `${makeRecord(0, { lines: 50 }).text}titel: typo\n`, languageId);
    result.checks.schemaApplied = probe.diagnostics.some((d) => /titel/.test(d.message));
    server.close(probeUri);
    await warmUp(server, workspace, languageId);
    // The floor under every request: a JSON-RPC round trip the server answers at once (unknown method → error).
    const floor = [];
    for (let i = 0; i < 23; i++) {
      const t0 = performance.now();
      await server.connection.sendRequest('bench/noSuchMethod', {}).catch(() => undefined);
      if (i >= 3) floor.push(performance.now() - t0);
    }
    result.roundTripFloor = summarize(floor);

    for (const c of cases) {
      const uri = pathToFileURL(join(workspace, `${c.key}.meeting.yaml`)).href;
      writeFileSync(fileURLToPath(uri), c.text);
      let text = c.text;
      let version = 1;
      const opened = await server.open(uri, text, languageId, version);
      result.open[c.key] = round(opened.ms);
      const checks = { diagnosticsOnOpen: opened.diagnostics.length, lines: c.lines, chars: c.text.length };

      // One keystroke: insert a character at the end of a topic, as typing does.
      let column = c.marks.edit.character;
      const type = () => {
        const position = { line: c.marks.edit.line, character: column };
        text = insertAt(text, position, 'x');
        column += 1;
        version += 1;
        return { change: { range: { start: position, end: position }, rangeLength: 0, text: 'x' }, version };
      };

      const samples = [];
      let last;
      for (let i = 0; i < CONFIG.warmup + CONFIG.edits; i++) {
        const { change, version: v } = type();
        last = await server.change(uri, v, change, text);
        if (i >= CONFIG.warmup) samples.push(last.ms);
      }
      result.editToDiagnostics[c.key] = summarize(samples);
      checks.diagnosticsAfterEdits = last.diagnostics.length;
      checks.versionedDiagnostics = last.versioned;

      const at = { textDocument: { uri }, position: { line: c.marks.partner.line, character: c.marks.partner.character } };
      const hoverAt = { textDocument: { uri }, position: { line: c.marks.partner.line, character: c.marks.partner.character + 2 } };
      const completion = [];
      const hover = [];
      let completionItems;
      let completionBytes;
      let hoverHasContent;
      for (let i = 0; i < CONFIG.warmup + CONFIG.requests; i++) {
        const cr = await server.timeRequest('textDocument/completion', at);
        const hr = await server.timeRequest('textDocument/hover', hoverAt);
        if (i >= CONFIG.warmup) {
          completion.push(cr.ms);
          hover.push(hr.ms);
        }
        completionItems = Array.isArray(cr.result) ? cr.result.length : cr.result?.items?.length ?? 0;
        completionBytes = JSON.stringify(cr.result ?? null).length;
        hoverHasContent = Boolean(hr.result && hr.result.contents && JSON.stringify(hr.result.contents).length > 2);
      }
      result.completion[c.key] = summarize(completion);
      result.hover[c.key] = summarize(hover);
      checks.completionItems = completionItems;
      checks.completionResponseChars = completionBytes;
      checks.hoverHasContent = hoverHasContent;

      // Completion right after a keystroke (the document changed; nothing cached for this version).
      const afterEdit = [];
      for (let i = 0; i < CONFIG.warmup + CONFIG.requests; i++) {
        const { change, version: v } = type();
        const diagnostics = server.waitForDiagnostics(uri, (p) => server.answers(p, v));
        server.connection.sendNotification('textDocument/didChange', {
          textDocument: { uri, version: v },
          contentChanges: server.syncKind === 2 ? [change] : [{ text }],
        });
        const cr = await server.timeRequest('textDocument/completion', at);
        await diagnostics;
        if (i >= CONFIG.warmup) afterEdit.push(cr.ms);
      }
      result.completionAfterEdit[c.key] = summarize(afterEdit);
      const rss = server.rss();
      checks.rssMBAfterCase = rss === undefined ? undefined : round(rss / 2 ** 20, 1);
      result.checks[c.key] = checks;
      server.close(uri);
      log(`  ${server.name}: ${c.label}: edit→diagnostics median ${result.editToDiagnostics[c.key].median} ms, completion ${result.completion[c.key].median} ms, hover ${result.hover[c.key].median} ms`);
    }
    result.rssBytesAfter = server.rss();
  } finally {
    await server.stop();
  }
  return result;
}

/**
 * A server that has just started runs cold code (the JIT has compiled nothing);
 * an editor's server has been running for a while. Type, complete and hover in a
 * separate record first, untimed, so the first measured case is not penalised.
 */
async function warmUp(server, workspace, languageId) {
  const rec = makeRecord(7, { lines: 200, flaw: 'alias' });
  const uri = pathToFileURL(join(workspace, 'warm-up.meeting.yaml')).href;
  let text = rec.text;
  await server.open(uri, text, languageId, 1);
  let column = rec.marks.edit.character;
  for (let v = 2; v < 2 + CONFIG.warmupDocumentEdits; v++) {
    const position = { line: rec.marks.edit.line, character: column++ };
    text = insertAt(text, position, 'x');
    await server.change(uri, v, { range: { start: position, end: position }, rangeLength: 0, text: 'x' }, text);
    const at = { textDocument: { uri }, position: { line: rec.marks.partner.line, character: rec.marks.partner.character } };
    await server.timeRequest('textDocument/completion', at);
    await server.timeRequest('textDocument/hover', { ...at, position: { ...at.position, character: at.position.character + 2 } });
  }
  server.close(uri);
}

function insertAt(text, position, insert) {
  let offset = 0;
  for (let line = 0; line < position.line; line++) offset = text.indexOf('\n', offset) + 1;
  offset += position.character;
  return text.slice(0, offset) + insert + text.slice(offset);
}

// ---------------------------------------------------------------- workspace start-up

/** Section 3: index a workspace of generated record files; time to the indexing progress's end, RSS after. */
async function measureWorkspace() {
  const count = CONFIG.workspaceFiles;
  const generatedAt = performance.now();
  const { dir: workspace, ids } = writeCorpus(count, { prefix: 'meeting-bench-workspace-', seed: 5 });
  tempDirs.push(workspace);
  log(`  generated ${count} record files in ${round((performance.now() - generatedAt) / 1000, 1)} s (${workspace})`);

  const first = await indexOnce(workspace, new Set(ids), { editWhileIndexing: false });
  // A second start, typing into a record while the workspace is being indexed: keystrokes must not wait.
  const second = await indexOnce(workspace, new Set(ids), { editWhileIndexing: true });
  return {
    files: count,
    folder: 'generated in os.tmpdir(), 100 files per sub-folder, 45–80 lines each',
    ...first,
    editDuringIndexing: second.editDuringIndexing,
    indexMsWhileEditing: second.indexMs,
  };
}

async function indexOnce(workspace, ids, { editWhileIndexing }) {
  const count = ids.size;
  // Indexing is over when every work-done progress the server began has ended and the
  // index answers workspace/symbol with every id (a superseded run also ends its progress).
  const active = new Set();
  const titles = new Set();
  const quietEnds = [];
  let begins = 0;
  let wake = () => {};
  const server = await startServerWithProgress(workspace, (entry) => {
    if (entry.kind === 'begin') {
      active.add(entry.token);
      titles.add(entry.title);
      begins++;
    }
    if (entry.kind === 'end' && active.delete(entry.token) && active.size === 0) {
      quietEnds.push(entry.at);
      wake();
    }
  });
  const out = {};
  let stopTyping = false;
  try {
    const editing = editWhileIndexing ? typeDuringIndexing(server, workspace, () => stopTyping) : undefined;
    const deadline = performance.now() + 180_000;
    let endAt;
    let method = 'progress-end';
    let symbolCount;
    let progressEnds = 0;
    while (endAt === undefined && performance.now() < deadline) {
      if (quietEnds.length === 0) await Promise.race([new Promise((r) => (wake = r)), sleep(1000)]);
      while (endAt === undefined && quietEnds.length > 0) {
        const at = quietEnds.shift();
        progressEnds++;
        symbolCount = await countSymbols(server, ids);
        if (symbolCount >= count) endAt = at;
      }
      // A server that reports no progress: poll workspace/symbol until it knows every id.
      if (endAt === undefined && begins === 0 && performance.now() - server.initializedAt > 5000) {
        method = 'workspace-symbol';
        symbolCount = await countSymbols(server, ids);
        if (symbolCount >= count) endAt = performance.now();
      }
    }
    stopTyping = true;
    const typed = editing ? await editing : undefined;
    if (endAt === undefined) throw new Error(`indexing did not finish within 180 s (${symbolCount} of ${count} ids found)\n${server.stderr.slice(-2000)}`);
    out.indexMs = round(endAt - server.spawnedAt);
    out.indexMsFromInitialized = round(endAt - server.initializedAt);
    out.measuredBy = method;
    out.progressTitles = [...titles];
    out.progressBegun = begins;
    out.progressEndsBeforeComplete = Math.max(0, progressEnds - 1);
    out.idsFoundByWorkspaceSymbol = symbolCount;
    // CPU the server used up to now (all its threads): less distorted by other load than wall time.
    out.serverCpuMs = server.cpuMs();
    await sleep(200);
    const rss = server.rss();
    out.rssBytes = rss;
    out.rssMB = rss === undefined ? undefined : round(rss / 2 ** 20, 1);
    if (typed) {
      // Only keystrokes sent before indexing ended count.
      const during = typed.filter((e) => e.sentAt < endAt).map((e) => e.ms);
      out.editDuringIndexing = { ...summarize(during), editsAfterIndexing: typed.length - during.length };
    }
  } finally {
    stopTyping = true;
    await server.stop();
  }
  return out;
}

async function startServerWithProgress(workspace, onProgress) {
  const server = await startServer({ name: 'meeting-records', args: [SERVER, '--stdio'], cwd: ROOT, workspace, settings: OUR_SETTINGS });
  for (const entry of server.progressLog) onProgress(entry);
  server.onProgress(onProgress);
  return server;
}

/** Types into one record of the workspace from start-up until told to stop; returns each keystroke's send time and latency. */
async function typeDuringIndexing(server, workspace, stop) {
  const uri = pathToFileURL(join(workspace, 'batch-000', 'record-00001.meeting.yaml')).href;
  let text = readFileSync(fileURLToPath(uri), 'utf8');
  await server.open(uri, text, 'meeting-record', 1);
  const topic = text.split('\n').findIndex((l) => l === 'topics:') + 1;
  let column = text.split('\n')[topic].length;
  const typed = [];
  for (let v = 2; !stop() && v < 10_000; v++) {
    const position = { line: topic, character: column };
    text = insertAt(text, position, 'x');
    column += 1;
    const sentAt = performance.now();
    const r = await server.change(uri, v, { range: { start: position, end: position }, rangeLength: 0, text: 'x' }, text);
    typed.push({ sentAt, ms: r.ms });
    await sleep(20); // about a fast typist's pace
  }
  return typed;
}

async function countSymbols(server, ids) {
  const found = new Set();
  try {
    const symbols = (await server.connection.sendRequest('workspace/symbol', { query: '' })) ?? [];
    for (const s of symbols) {
      for (const text of [s.name, s.containerName, s.detail]) if (typeof text === 'string' && ids.has(text)) found.add(text);
    }
    // Some servers cap an empty query: ask for each id prefix (years) and merge.
    if (found.size < ids.size) {
      for (let year = 2010; year < 2025; year++) {
        const more = (await server.connection.sendRequest('workspace/symbol', { query: `${year}-` })) ?? [];
        for (const s of more) for (const text of [s.name, s.containerName, s.detail]) if (typeof text === 'string' && ids.has(text)) found.add(text);
      }
    }
  } catch {
    // counted as found so far
  }
  return found.size;
}

// ---------------------------------------------------------------- CLI

/**
 * CPU time (user + system, ms) of this process's waited-for children, from
 * /proc/self/stat (cutime + cstime, in clock ticks of 10 ms). Less sensitive
 * than wall time to other work on the machine; undefined off Linux.
 */
function childrenCpuMs() {
  const stat = safeRead('/proc/self/stat');
  if (!stat) return undefined;
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // Fields after the command name start at field 3 (state); cutime and cstime are fields 16 and 17.
  return (Number(fields[16 - 3]) + Number(fields[17 - 3])) * 10;
}

function timeProcess(command, args, { cwd = ROOT, captureStdout = false, countLines } = {}) {
  return new Promise((resolvePromise, reject) => {
    const cpu0 = childrenCpuMs();
    const t0 = performance.now();
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout = [];
    let stdoutBytes = 0;
    let stderr = '';
    // Lines matching `countLines` patterns are counted as they stream by (ajv-cli prints megabytes).
    const counts = Object.fromEntries(Object.keys(countLines ?? {}).map((k) => [k, 0]));
    // One line buffer per stream: ajv-cli writes to both, and their chunks interleave.
    const lineCounter = () => {
      let partial = '';
      return (chunk) => {
        if (!countLines) return;
        const lines = (partial + chunk).split('\n');
        partial = lines.pop();
        for (const line of lines) for (const [k, re] of Object.entries(countLines)) if (re.test(line)) counts[k]++;
      };
    };
    const countOut = lineCounter();
    const countErr = lineCounter();
    child.stdout.on('data', (d) => {
      stdoutBytes += d.length;
      if (captureStdout) stdout.push(d);
      countOut(d.toString('utf8'));
    });
    child.stderr.on('data', (d) => {
      countErr(d.toString('utf8'));
      stderr += d;
      if (stderr.length > 2_000_000) stderr = stderr.slice(-1_000_000);
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - t0;
      const cpu1 = childrenCpuMs();
      countOut('\n');
      countErr('\n');
      resolvePromise({
        ms,
        cpuMs: cpu0 === undefined || cpu1 === undefined ? undefined : cpu1 - cpu0,
        code,
        stdout: captureStdout ? Buffer.concat(stdout).toString('utf8') : undefined,
        stdoutBytes,
        stderr,
        counts,
      });
    });
  });
}

async function measureCli(corpus) {
  const runs = CONFIG.cliRuns;
  const cacheDir = tempDir('meeting-bench-cache-');
  const cacheLocation = join(cacheDir, 'validate-cache');
  // A first JSON run checks the CLI works on this corpus (and warms the OS file cache for every run after it).
  const plainJson = await timeProcess(process.execPath, [CLI, 'validate', '--format', 'json', corpus], { captureStdout: true });
  const summary = summarizeJson(plainJson);
  const cold = [];
  const coldCpu = [];
  let coldRun;
  for (let i = 0; i < runs; i++) {
    coldRun = await timeProcess(process.execPath, [CLI, 'validate', corpus]);
    cold.push(coldRun.ms);
    coldCpu.push(coldRun.cpuMs);
  }
  // The first cached run fills the cache (a cold run plus writing it); the next ones are warm.
  const fill = await timeProcess(process.execPath, [CLI, 'validate', '--cache', '--cache-location', cacheLocation, corpus]);
  const warm = [];
  const warmCpu = [];
  let warmRun;
  for (let i = 0; i < runs; i++) {
    warmRun = await timeProcess(process.execPath, [CLI, 'validate', '--cache', '--cache-location', cacheLocation, corpus]);
    warm.push(warmRun.ms);
    warmCpu.push(warmRun.cpuMs);
  }
  // Results must be identical with and without the cache.
  const cachedJson = await timeProcess(process.execPath, [CLI, 'validate', '--format', 'json', '--cache', '--cache-location', cacheLocation, corpus], { captureStdout: true });
  return {
    command: `node dist/cli.js validate <folder of ${CONFIG.cliFiles} files>`,
    cold: { ...summarize(cold), cpuMs: cpuMedian(coldCpu), exitCode: coldRun.code },
    cacheFill: { ms: round(fill.ms), exitCode: fill.code },
    warm: { ...summarize(warm), cpuMs: cpuMedian(warmCpu), exitCode: warmRun.code, command: 'validate --cache --cache-location <tmp> <folder>' },
    jsonCold: { ms: round(plainJson.ms), exitCode: plainJson.code },
    jsonWarm: { ms: round(cachedJson.ms), exitCode: cachedJson.code },
    results: {
      ...summary,
      identicalWithCache: plainJson.stdout === cachedJson.stdout && plainJson.code === cachedJson.code,
      exitCodesAgree: new Set([plainJson.code, coldRun.code, fill.code, warmRun.code, cachedJson.code]).size === 1,
      expectedFlawedFiles: { unknownParty: countFlaws('unknown'), alias: countFlaws('alias') },
    },
  };
}

/** Reads `validate --format json` output; throws when the CLI did not produce one entry per file. */
function summarizeJson(run) {
  let parsed;
  try {
    parsed = JSON.parse(run.stdout);
  } catch {
    throw new Error(`the CLI did not print JSON (exit ${run.code}): ${run.stderr.slice(-1500)}`);
  }
  if (!Array.isArray(parsed) || parsed.length !== CONFIG.cliFiles) {
    throw new Error(`the CLI reported ${Array.isArray(parsed) ? parsed.length : 'no'} files, expected ${CONFIG.cliFiles}`);
  }
  const byCode = {};
  let errors = 0;
  let warnings = 0;
  let filesWithErrors = 0;
  for (const file of parsed) {
    let fileErrors = 0;
    for (const d of file.diagnostics) {
      byCode[d.code] = (byCode[d.code] ?? 0) + 1;
      if (d.severity === 'error') fileErrors++;
      else if (d.severity === 'warning') warnings++;
    }
    errors += fileErrors;
    if (fileErrors) filesWithErrors++;
  }
  return { files: parsed.length, filesWithErrors, errors, warnings, byCode };
}

function cpuMedian(samples) {
  return samples.every((x) => typeof x === 'number') ? summarize(samples).median : undefined;
}

function countFlaws(kind) {
  let n = 0;
  for (let i = 0; i < CONFIG.cliFiles; i++) if (corpusFlaw(i) === kind) n++;
  return n;
}

async function measureAjv(corpus) {
  const glob = `${corpus}/**/*.meeting.yaml`;
  const args = [AJV, 'validate', '-s', SCHEMA, '-d', glob, '--spec=draft7', '-c', 'ajv-formats', '--strict=false'];
  const times = [];
  const cpu = [];
  let last;
  const countLines = { invalid: / invalid$/, valid: / valid$/, dateErrors: /instancePath: '\/date'/ };
  for (let i = 0; i < CONFIG.cliRuns; i++) {
    last = await timeProcess(process.execPath, args, { countLines });
    times.push(last.ms);
    cpu.push(last.cpuMs);
  }
  const { invalid, valid, dateErrors } = last.counts;
  return {
    command: `ajv validate -s schemas/meeting-record.schema.json -d '<folder>/**/*.meeting.yaml' --spec=draft7 -c ajv-formats --strict=false`,
    ...summarize(times),
    cpuMs: cpuMedian(cpu),
    exitCode: last.code,
    filesReportedInvalid: invalid,
    filesReportedValid: valid,
    filesWithDateTypeError: dateErrors,
    note:
      "ajv-cli parses YAML with js-yaml 3 (YAML 1.1 types), which turns an unquoted 2024-07-26 into a Date, so it rejects every record ('must be string' at /date); it does schema checks only (no catalog rules, no duplicate ids, no ranges). --strict=false is required because the schema carries editor keywords (patternErrorMessage, markdownEnumDescriptions).",
  };
}

// ---------------------------------------------------------------- targets and report

function ratios(ours, theirs) {
  const out = {};
  for (const key of Object.keys(ours ?? {})) out[key] = speedup(theirs?.[key]?.median, ours[key]?.median);
  return out;
}

function target(description, value, pass, extra = {}) {
  return { target: description, value, pass: value === undefined || value === null ? null : pass, ...extra };
}

function evaluateTargets(report) {
  const t = {};
  const ours = report.editor?.ours;
  const yls = report.editor?.yamlLanguageServer;
  const sizes = CONFIG.sizes.map((n) => `lines${n}`);
  const multiKey = `records${CONFIG.multi.count}`;
  if (ran(ours)) {
    if (ran(yls)) {
      const editRatios = [...sizes, multiKey].map((k) => speedup(yls.editToDiagnostics[k]?.median, ours.editToDiagnostics[k]?.median));
      const minEdit = Math.min(...editRatios.filter((r) => r !== null));
      t.editVsYamlLanguageServer10x = target('edit→diagnostics ≥ 10× faster than yaml-language-server at every size (medians)', minEdit, minEdit >= 10, { perSize: Object.fromEntries([...sizes, multiKey].map((k, i) => [k, editRatios[i]])) });
      const complRatios = [...sizes, multiKey].map((k) => speedup(yls.completion[k]?.median, ours.completion[k]?.median));
      const minCompl = Math.min(...complRatios.filter((r) => r !== null));
      t.completionVsYamlLanguageServer5x = target('completion ≥ 5× faster than yaml-language-server at every size (medians)', minCompl, minCompl >= 5, { perSize: Object.fromEntries([...sizes, multiKey].map((k, i) => [k, complRatios[i]])) });
    } else {
      t.editVsYamlLanguageServer10x = target('edit→diagnostics ≥ 10× faster than yaml-language-server', null, null, { skipped: 'alternatives not run' });
      t.completionVsYamlLanguageServer5x = target('completion ≥ 5× faster than yaml-language-server', null, null, { skipped: 'alternatives not run' });
    }
    if (ours.editToDiagnostics.lines500) t.edit500LinesUnder20ms = target('edit→diagnostics median ≤ 20 ms at 500 lines', ours.editToDiagnostics.lines500.median, ours.editToDiagnostics.lines500.median <= 20);
    if (ours.editToDiagnostics.lines5000) t.edit5000LinesUnder30ms = target('edit→diagnostics median ≤ 30 ms at 5,000 lines', ours.editToDiagnostics.lines5000.median, ours.editToDiagnostics.lines5000.median <= 30);
    const complMax = Math.max(...Object.values(ours.completion).map((s) => s.median));
    t.completionUnder5ms = target('completion median ≤ 5 ms at every size', complMax, complMax <= 5);
    const single = ours.editToDiagnostics[`lines${CONFIG.multi.lines}`]?.median;
    const multi = ours.editToDiagnostics[multiKey]?.median;
    if (single !== undefined && multi !== undefined) {
      t.multiRecordEditLikeSingle = target(
        `edit in one record of the ${CONFIG.multi.count}-record file ≈ edit in a single ${CONFIG.multi.lines}-line record (median ≤ 2× the single record's, or at most 5 ms more)`,
        round(multi / single, 2),
        multi <= 2 * single || multi - single <= 5,
        { multiMs: multi, singleMs: single },
      );
    }
  }
  const ws = report.workspace;
  if (ran(ws)) {
    t.index10kUnder10s = target(`${ws.files.toLocaleString('en')} records indexed in < 10 s (spawn → indexing progress end)`, ws.indexMs, ws.indexMs < 10_000 && ws.idsFoundByWorkspaceSymbol === ws.files);
    t.rssUnder300MB = target('server RSS after indexing < 300 MB', ws.rssMB, ws.rssMB < 300);
    if (ws.editDuringIndexing?.n) t.noKeystrokeWaitsForIndexing = target('edit→diagnostics while indexing: median ≤ 20 ms (a keystroke never waits for the index)', ws.editDuringIndexing.median, ws.editDuringIndexing.median <= 20);
  }
  const cli = report.cli;
  if (ran(cli?.ours)) {
    if (ran(cli.ajvCli)) t.cliColdNoSlowerThanAjv = target('CLI cold run ≤ ajv-cli on the same corpus (medians, ms)', cli.ours.cold.median, cli.ours.cold.median <= cli.ajvCli.median, { ajvCliMs: cli.ajvCli.median });
    else t.cliColdNoSlowerThanAjv = target('CLI cold run ≤ ajv-cli on the same corpus', null, null, { skipped: 'alternatives not run' });
    t.cliWarmUnder300ms = target('CLI warm run with --cache < 0.3 s', cli.ours.warm.median, cli.ours.warm.median < 300 && cli.ours.results.identicalWithCache === true);
  }
  return t;
}

function fmt(x, unit = 'ms') {
  if (x === undefined || x === null) return '—';
  return `${x}${unit ? ` ${unit}` : ''}`;
}

function printTable(report) {
  const lines = [];
  const ours = report.editor?.ours;
  const yls = report.editor?.yamlLanguageServer;
  if (ran(ours)) {
    lines.push('', 'Editor latency over stdio (median / p95, ms)');
    lines.push(pad(['case', 'edit→diag ours', 'edit→diag YLS', '×', 'completion ours', 'completion YLS', '×', 'hover ours', 'hover YLS', 'compl. after edit ours']));
    for (const key of Object.keys(ours.editToDiagnostics)) {
      const e = ours.editToDiagnostics[key];
      const ey = yls?.editToDiagnostics?.[key];
      const c = ours.completion[key];
      const cy = yls?.completion?.[key];
      const h = ours.hover[key];
      const hy = yls?.hover?.[key];
      lines.push(
        pad([
          key,
          `${e.median} / ${e.p95}`,
          ey ? `${ey.median} / ${ey.p95}` : '—',
          ey ? String(speedup(ey.median, e.median)) : '—',
          `${c.median} / ${c.p95}`,
          cy ? `${cy.median} / ${cy.p95}` : '—',
          cy ? String(speedup(cy.median, c.median)) : '—',
          `${h.median}`,
          hy ? `${hy.median}` : '—',
          `${ours.completionAfterEdit[key].median}`,
        ]),
      );
    }
  }
  const ws = report.workspace;
  if (ran(ws)) {
    lines.push('', `Workspace: ${ws.files} files indexed in ${fmt(ws.indexMs)} (${ws.measuredBy}), ${ws.idsFoundByWorkspaceSymbol} ids found, RSS ${fmt(ws.rssMB, 'MB')}; edit while indexing median ${fmt(ws.editDuringIndexing?.median)}`);
  }
  const cli = report.cli;
  if (ran(cli?.ours)) {
    lines.push('', `CLI on ${cli.files} files: cold ${fmt(cli.ours.cold.median)}, warm (--cache) ${fmt(cli.ours.warm.median)}, identical results with cache: ${cli.ours.results.identicalWithCache}`);
    if (ran(cli.ajvCli)) lines.push(`ajv-cli: ${fmt(cli.ajvCli.median)} (exit ${cli.ajvCli.exitCode}, ${cli.ajvCli.filesReportedInvalid} files reported invalid); ours cold is ${cli.ratio.coldSpeedup}× ajv-cli`);
  }
  lines.push('', 'Targets');
  for (const [name, t] of Object.entries(report.targets)) lines.push(`  ${t.pass === true ? 'PASS' : t.pass === false ? 'FAIL' : 'n/a '}  ${name}: ${t.value ?? '—'}  (${t.target})`);
  log(lines.join('\n'));
}

function pad(cells) {
  const widths = [9, 15, 14, 6, 16, 15, 6, 11, 10, 22];
  return cells.map((c, i) => String(c).padEnd(widths[i] ?? 12)).join(' ');
}

/** A section that ran (not skipped, not failed). */
const ran = (x) => Boolean(x) && typeof x === 'object' && !x.error && !x.skipped;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function guarded(what, work) {
  try {
    return await work();
  } catch (error) {
    log(`  ${what} failed: ${error instanceof Error ? error.stack : error}`);
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

// ---------------------------------------------------------------- main

async function main() {
  const started = performance.now();
  const report = {
    benchmark: 'meeting-records',
    mode: smoke ? 'smoke' : 'full',
    date: new Date().toISOString(),
    machine: machine(),
    versions: versions(),
    config: { ...CONFIG, alternatives },
    editor: undefined,
    workspace: undefined,
    cli: undefined,
    targets: {},
    notes: [
      'Latencies are wall-clock times in the client: from sending the notification/request to receiving the matching message.',
      'yaml-language-server debounces validation by 200 ms (validationDelayMs, not configurable); its edit→diagnostics includes that delay, as users feel it. editToDiagnosticsComputeOnly subtracts it.',
      'completion/hover are timed on an unchanged document; completionAfterEdit sends a keystroke and the completion request back to back.',
      'Each server first types, completes and hovers in a separate 200-line record (untimed), so no measured case runs on cold JIT code; each case then has its own untimed warm-up edits/requests (config.warmup).',
    ],
  };
  for (const p of [SERVER, CLI]) if (!existsSync(p)) log(`warning: ${p} is missing (run npm run build)`);

  if (wants('editor')) {
    log('Editor latency (sections 1–2)…');
    const cases = editorCases();
    const ours = await guarded('our server', () => measureEditor('ours', cases));
    let theirs;
    if (alternatives) {
      theirs = await guarded('yaml-language-server', () => measureEditor('yls', cases));
      if (ran(theirs)) {
        theirs.editToDiagnosticsComputeOnly = Object.fromEntries(Object.entries(theirs.editToDiagnostics).map(([k, s]) => [k, { median: round(s.median - 200), p95: round(s.p95 - 200) }]));
      }
    }
    report.editor = {
      inputs: Object.fromEntries(cases.map((c) => [c.key, { description: c.label, lines: c.lines, chars: c.text.length }])),
      ours,
      yamlLanguageServer: theirs ?? { skipped: smoke ? 'smoke run' : 'alternatives not run' },
      ratios:
        ran(ours) && ran(theirs)
          ? {
              editToDiagnostics: ratios(ours.editToDiagnostics, theirs.editToDiagnostics),
              completion: ratios(ours.completion, theirs.completion),
              hover: ratios(ours.hover, theirs.hover),
              completionAfterEdit: ratios(ours.completionAfterEdit, theirs.completionAfterEdit),
            }
          : null,
    };
  } else report.editor = { skipped: 'not selected' };

  if (wants('workspace')) {
    log(`Workspace start-up (section 3, ${CONFIG.workspaceFiles} files)…`);
    report.workspace = await guarded('workspace start-up', measureWorkspace);
  } else report.workspace = { skipped: 'not selected' };

  if (wants('cli')) {
    log(`CLI (section 4, ${CONFIG.cliFiles} files)…`);
    const { dir: corpus } = writeCorpus(CONFIG.cliFiles, { prefix: 'meeting-bench-cli-', seed: 3 });
    tempDirs.push(corpus);
    const ours = await guarded('our CLI', () => measureCli(corpus));
    const ajv = alternatives ? await guarded('ajv-cli', () => measureAjv(corpus)) : { skipped: smoke ? 'smoke run' : 'alternatives not run' };
    report.cli = {
      files: CONFIG.cliFiles,
      corpus: 'generated in os.tmpdir(), 100 files per sub-folder, 45–80 lines each; 1% with an unknown party (error), 3% with an alias (warning)',
      ours,
      ajvCli: ajv,
      ratio: ran(ours) && ran(ajv)
        ? { coldSpeedup: speedup(ajv.median, ours.cold.median), warmSpeedup: speedup(ajv.median, ours.warm.median), coldCpuRatio: speedup(ajv.cpuMs, ours.cold.cpuMs) }
        : null,
    };
  } else report.cli = { skipped: 'not selected' };

  try {
    report.targets = evaluateTargets(report);
  } catch (error) {
    report.targets = { error: { target: 'evaluating the targets', value: null, pass: null, message: String(error) } };
  }
  report.machine.loadAverageAtEnd = os.loadavg().map((x) => round(x));
  report.durationMs = round(performance.now() - started);
  const json = `${JSON.stringify(report, null, 2)}\n`;
  process.stdout.write(json);
  if (outFile) writeFileSync(outFile, json);
  try {
    printTable(report);
  } catch (error) {
    log(`(could not print the table: ${error instanceof Error ? error.message : error})`);
  }
}

try {
  await main();
} finally {
  if (keep) log(`kept: ${tempDirs.join(' ')}`);
  else for (const dir of tempDirs) removeDir(dir);
}
