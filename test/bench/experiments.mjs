#!/usr/bin/env node
// Profiling experiments behind the findings in docs/bench.md, kept so they can
// be re-run. Not part of `npm run bench`; nothing here changes the product.
//
//   node test/bench/experiments.mjs js-yaml     js-yaml's ESM build (what esbuild bundles for
//                                               `import … from 'js-yaml'`) vs its CJS build
//   node test/bench/experiments.mjs cli-alias   the CLI bundled as today vs bundled with js-yaml
//                                               aliased to its CJS build: time, CPU, same output
//   node test/bench/experiments.mjs catalog     what loading the bundled catalog costs per thread
//   node test/bench/experiments.mjs threads     the CLI on 5,000 files with one and two threads,
//                                               with and without the corpus's 4% flawed files,
//                                               against ajv-cli (dist/ as built)
//
// Corpora are generated into os.tmpdir() and removed afterwards.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { writeCorpus } from './generate.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);
const which = process.argv[2];
const cleanup = [];

function files(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...files(p));
    else out.push(p);
  }
  return out;
}

function cpu(label, fn) {
  const u0 = process.cpuUsage();
  const t0 = performance.now();
  fn();
  const u = process.cpuUsage(u0);
  process.stdout.write(`${label.padEnd(52)} ${String(Math.round((u.user + u.system) / 1000)).padStart(6)} ms CPU ${String(Math.round(performance.now() - t0)).padStart(6)} ms wall\n`);
}

async function jsYaml() {
  const { dir } = writeCorpus(5000, { prefix: 'meeting-exp-' });
  cleanup.push(dir);
  const texts = files(dir).map((f) => readFileSync(f, 'utf8'));
  const cjs = require(join(ROOT, 'node_modules/js-yaml/dist/js-yaml.cjs.js'));
  const esm = await import(pathToFileURL(join(ROOT, 'node_modules/js-yaml/dist/js-yaml.mjs')).href);
  for (const [name, lib] of [['ESM build (dist/js-yaml.mjs)', esm], ['CJS build (dist/js-yaml.cjs.js)', cjs]]) {
    for (let pass = 1; pass <= 3; pass++) {
      cpu(`load() × 5,000 records, ${name}, pass ${pass}`, () => {
        for (const t of texts) lib.load(t, { schema: lib.CORE_SCHEMA, maxAliases: 0, maxDepth: 100 });
      });
    }
  }
}

function buildCli(outdir, alias) {
  const esbuild = require('esbuild');
  return esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: { cli: 'server/src/cli/main.ts', worker: 'server/src/corpus/worker.ts' },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    outdir,
    logLevel: 'warning',
    alias,
  });
}

async function cliAlias() {
  const base = mkdtempSync(join(os.tmpdir(), 'meeting-exp-base-'));
  const aliased = mkdtempSync(join(os.tmpdir(), 'meeting-exp-cjs-'));
  cleanup.push(base, aliased);
  await buildCli(base, {});
  await buildCli(aliased, { 'js-yaml': join(ROOT, 'node_modules/js-yaml/dist/js-yaml.cjs.js') });
  const { dir } = writeCorpus(5000, { prefix: 'meeting-exp-' });
  cleanup.push(dir);
  const outputs = {};
  for (let round = 1; round <= 3; round++) {
    for (const [name, outdir] of [['bundled as today (js-yaml ESM build)', base], ['js-yaml aliased to its CJS build', aliased]]) {
      const r = spawnSync('/usr/bin/time', ['-f', '%e %U %S', process.execPath, join(outdir, 'cli.js'), 'validate', '--format', 'json', dir], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
      const [wall, user, sys] = r.stderr.trim().split('\n').at(-1).split(' ').map(Number);
      outputs[name] = r.stdout;
      process.stdout.write(`validate 5,000 files, ${name.padEnd(38)} wall ${wall.toFixed(2)} s, CPU ${(user + sys).toFixed(2)} s, exit ${r.status}\n`);
    }
  }
  const [a, b] = Object.values(outputs);
  process.stdout.write(`JSON output identical: ${a === b}\n`);
}

/** Median wall and CPU seconds of `runs` interleaved runs of each command, and each one's last stdout. */
function timeInterleaved(commands, runs) {
  const samples = Object.fromEntries(Object.keys(commands).map((name) => [name, []]));
  for (let round = 0; round < runs; round++) {
    for (const [name, { args, env }] of Object.entries(commands)) {
      const r = spawnSync('/usr/bin/time', ['-f', '%e %U %S', process.execPath, ...args], {
        encoding: 'utf8',
        cwd: ROOT,
        env: { ...process.env, ...env },
        maxBuffer: 256 * 1024 * 1024,
      });
      const [wall, user, sys] = r.stderr.trim().split('\n').at(-1).split(' ').map(Number);
      samples[name].push({ wall, cpu: user + sys });
    }
  }
  const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  for (const [name, s] of Object.entries(samples)) {
    const wall = median(s.map((x) => x.wall));
    const cpu = median(s.map((x) => x.cpu));
    process.stdout.write(`${name.padEnd(60)} wall ${wall.toFixed(2)} s, CPU ${cpu.toFixed(2)} s (medians of ${runs})\n`);
  }
}

function threads() {
  const flawed = writeCorpus(5000, { prefix: 'meeting-exp-' }).dir;
  const clean = writeCorpus(5000, { prefix: 'meeting-exp-clean-', flaw: () => undefined }).dir;
  cleanup.push(flawed, clean);
  const ours = (dir, threadCount) => ({ args: ['dist/cli.js', 'validate', '--format', 'json', dir], env: { MEETING_RECORDS_THREADS: threadCount } });
  const ajv = (dir) => ({
    args: ['node_modules/ajv-cli/dist/index.js', 'validate', '-s', 'schemas/meeting-record.schema.json', '-d', `${dir}/**/*.meeting.yaml`, '--spec=draft7', '-c', 'ajv-formats', '--strict=false'],
    env: {},
  });
  timeInterleaved(
    {
      'ours, 4% flawed, 1 thread': ours(flawed, '1'),
      'ours, 4% flawed, 2 threads': ours(flawed, '2'),
      'ours, clean, 1 thread': ours(clean, '1'),
      'ours, clean, 2 threads': ours(clean, '2'),
      'ajv-cli, 4% flawed': ajv(flawed),
    },
    9,
  );
}

function catalog() {
  const core = require(join(ROOT, 'dist/core.js'));
  cpu('loadBundledCatalog(), first call in this thread', () => core.loadBundledCatalog());
  cpu('loadBundledCatalog(), second call (JIT warm)', () => core.loadBundledCatalog());
}

try {
  if (which === 'js-yaml') await jsYaml();
  else if (which === 'cli-alias') await cliAlias();
  else if (which === 'catalog') catalog();
  else if (which === 'threads') threads();
  else {
    process.stderr.write('usage: node test/bench/experiments.mjs js-yaml|cli-alias|catalog|threads\n');
    process.exitCode = 2;
  }
} finally {
  for (const d of cleanup) rmSync(d, { recursive: true, force: true });
}
