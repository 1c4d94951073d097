// Shared helpers for the CLI tests: run dist/cli.js as a process, make
// scratch folders, generate record corpora from the seed records.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CLI = path.join(ROOT, 'dist', 'cli.js');
export const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'cli');
export const SEEDS = path.join(ROOT, 'seeds', 'records');

/** Environment for a predictable run: no colour, no forced thread count unless asked. */
function cleanEnv(extra = {}) {
  const env = { ...process.env, NO_COLOR: '1' };
  delete env.FORCE_COLOR;
  delete env.MEETING_RECORDS_THREADS;
  // The CLI speaks the language of LC_ALL, LC_MESSAGES or LANG: tests choose it themselves (locale.test.mjs).
  delete env.LC_ALL;
  delete env.LC_MESSAGES;
  delete env.LANG;
  return { ...env, ...extra };
}

/** Runs the CLI synchronously; returns { code, stdout, stderr }. */
export function runCli(args, { cwd = ROOT, env = {}, input } = {}) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, env: cleanEnv(env), encoding: 'utf8', input, timeout: 120_000, maxBuffer: 512 * 1024 * 1024 });
  if (result.error) throw result.error;
  return { code: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr };
}

/** Runs the CLI without blocking the test process (for tests that act while it runs). */
export function runCliAsync(args, { cwd = ROOT, env = {} } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd, env: cleanEnv(env) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

export function runJson(args, options) {
  const result = runCli([...args, '--format', 'json'], options);
  let parsed;
  try {
    parsed = JSON.parse(result.stdout);
  } catch (error) {
    throw new Error(`not JSON (exit ${result.code}): ${result.stdout}\n${result.stderr}`);
  }
  return { ...result, json: parsed };
}

/** A fresh scratch folder, removed when the process exits. */
export function scratch(prefix = 'mr-cli-') {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  return fs.realpathSync(dir);
}

/** Copies a fixture folder into a scratch folder (for tests that write). */
export function copyFixture(name) {
  const dir = scratch();
  fs.cpSync(path.join(FIXTURES, name), dir, { recursive: true });
  return dir;
}

/** Every record document of the seed files, as text without the `---` marker. */
export function seedDocuments() {
  const docs = [];
  for (const name of fs.readdirSync(SEEDS).filter((n) => n.endsWith('.meeting.yaml')).sort()) {
    const text = fs.readFileSync(path.join(SEEDS, name), 'utf8');
    for (const part of text.split(/^---[ \t]*\r?\n/m)) {
      if (/^id:/m.test(part)) docs.push(part);
    }
  }
  return docs;
}

/**
 * Writes `count` record files into `dir` (in `perFolder`-sized sub-folders),
 * each one seed record with a unique id. Every `invalidEvery`-th file gets
 * problems: alternately an alias as chair (fixable) with a bad level, and an
 * unknown party as chair.
 */
export function generateCorpus(dir, count, { perFolder = 250, invalidEvery = 0 } = {}) {
  const docs = seedDocuments();
  if (docs.length === 0) throw new Error('no seed records to generate from');
  for (let i = 0; i < count; i++) {
    let text = docs[i % docs.length].replace(/^id:\s*(\S+)/m, (_, id) => `id: ${id}-g${i}`);
    if (invalidEvery > 0 && i % invalidEvery === 0) {
      // Alternately an alias (a fixable warning) with a bad level (an error), and an unknown party.
      const chair = (i / invalidEvery) % 2 === 0 ? 'Nhật Bản' : 'Japn';
      text = /^chair:/m.test(text) ? text.replace(/^chair: .*$/m, `chair: ${chair}`) : text.replace(/^date:/m, `chair: ${chair}\ndate:`);
      if (chair === 'Nhật Bản') text = text.replace(/^level: .*$/m, 'level: ministeral');
    }
    const folder = path.join(dir, `part-${String(Math.floor(i / perFolder)).padStart(3, '0')}`);
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, `r${String(i).padStart(5, '0')}.meeting.yaml`), text);
  }
  return dir;
}

/**
 * Bundles TypeScript sources of the project (an entry written as export
 * lines, paths relative to the root) and loads the result: for tests of what
 * a process run cannot reach, such as a file changing in the middle of a write.
 */
export function loadSources(exportLines) {
  const outfile = path.join(scratch(), 'modules.cjs');
  esbuild.buildSync({
    stdin: { contents: exportLines.join('\n'), resolveDir: ROOT, loader: 'ts' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile,
    loader: { '.yaml': 'text' },
    logLevel: 'silent',
  });
  return createRequire(import.meta.url)(outfile);
}
