// One esbuild script for every bundle. Exits non-zero when any bundle fails,
// so CI never runs tests against a stale dist/.
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from './generate.mjs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/**
 * js-yaml's CommonJS build merges its options, on every load() call, with a
 * Babel-style helper that copies each key through property descriptors and
 * symbol checks, and builds the parser's state object that way. Replaced by
 * Object.assign, which does the same for what it is given (a fresh object,
 * then js-yaml's option constants, the caller's options and literals: plain
 * data, no accessors, no `__proto__` key), js-yaml parses the CLI's records
 * markedly faster (docs/performance.md). A js-yaml whose
 * build no longer has this exact helper is bundled unchanged, with a warning.
 */
const JS_YAML_SPREAD = `function _objectSpread2(e) {
\tfor (var r = 1; r < arguments.length; r++) {
\t\tvar t = null != arguments[r] ? arguments[r] : {};
\t\tr % 2 ? ownKeys(Object(t), !0).forEach(function(r) {
\t\t\t_defineProperty(e, r, t[r]);
\t\t}) : Object.getOwnPropertyDescriptors ? Object.defineProperties(e, Object.getOwnPropertyDescriptors(t)) : ownKeys(Object(t)).forEach(function(r) {
\t\t\tObject.defineProperty(e, r, Object.getOwnPropertyDescriptor(t, r));
\t\t});
\t}
\treturn e;
}`;
const ASSIGN_SPREAD = `function _objectSpread2(e) {
\tfor (var r = 1; r < arguments.length; r++) Object.assign(e, arguments[r]);
\treturn e;
}`;

/** @type {import('esbuild').Plugin} */
const jsYamlSpread = {
  name: 'js-yaml-object-spread',
  setup(build) {
    build.onLoad({ filter: /[\\/]js-yaml[\\/]dist[\\/]js-yaml\.cjs\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      if (source.includes(JS_YAML_SPREAD)) return { contents: source.replace(JS_YAML_SPREAD, ASSIGN_SPREAD), loader: 'js' };
      return { contents: source, loader: 'js', warnings: [{ text: "js-yaml's _objectSpread2 helper changed: bundled as is (scripts/build.mjs)" }] };
    });
  },
};

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
  // js-yaml's ESM build, which esbuild would pick for an import, parses about 3x
  // slower than its CommonJS build once bundled (measured by `npm run bench`).
  alias: { 'js-yaml': './node_modules/js-yaml/dist/js-yaml.cjs.js' },
  plugins: [jsYamlSpread],
};

const bundles = [
  { entryPoints: { server: 'server/src/server.ts' } },
  // The editor-free core as a library, for unit tests and the benchmark.
  { entryPoints: { core: 'server/src/core/index.ts' } },
  // The server's pure feature modules, for unit tests without a connection.
  { entryPoints: { features: 'server/src/features/index.ts' } },
  // The command: a small launcher that loads cli-main.js with its code cache (server/src/cli/launch.ts).
  { entryPoints: { cli: 'server/src/cli/launch.ts' }, banner: { js: '#!/usr/bin/env node' } },
  { entryPoints: { 'cli-main': 'server/src/cli/main.ts' } },
  // The worker threads of the CLI's pool and of the server's index: one entry for both (server/src/corpus/worker.ts).
  { entryPoints: { worker: 'server/src/corpus/worker.ts' } },
  { entryPoints: { client: 'client/src/extension.ts' }, external: ['vscode'] },
];

async function main() {
  // The compiled schemas and the checked bundled catalog the bundles import. Written
  // once per run: with --watch, restart after editing schemas/ or seeds/catalog/.
  await generate();
  const contexts = await Promise.all(
    bundles.map((b) => esbuild.context({ ...common, outdir: 'dist', ...b })),
  );
  if (watch) {
    await Promise.all(contexts.map((c) => c.watch()));
    return;
  }
  try {
    await Promise.all(contexts.map((c) => c.rebuild()));
  } finally {
    await Promise.all(contexts.map((c) => c.dispose()));
  }
  writeCliCodeCache();
}

/**
 * The CLI's code cache (dist/cli-main.cache, read by server/src/cli/launch.ts):
 * the bytecode of what one run over sample records calls. The samples take
 * every path: the seed records (clean, the fast path), one with a partner
 * named by an alias (the section shortcut) and one with broken YAML (the
 * precise path). Without the cache the CLI works the same, only slower to
 * start, so a failure here is a warning.
 */
function writeCliCodeCache() {
  const samples = mkdtempSync(join(tmpdir(), 'meeting-records-cache-'));
  try {
    const seeds = readdirSync('seeds/records').filter((name) => name.endsWith('.meeting.yaml')).sort();
    for (const name of seeds) writeFileSync(join(samples, name), readFileSync(join('seeds/records', name)));
    const one = readFileSync(join('seeds/records', seeds[0]), 'utf8');
    writeFileSync(join(samples, 'alias.meeting.yaml'), one.replace(/^chair: .*$/m, 'chair: Nhật Bản'));
    writeFileSync(join(samples, 'broken.meeting.yaml'), `${one}broken: [unclosed\n`);
    const run = spawnSync(process.execPath, ['dist/cli.js', 'validate', samples], {
      encoding: 'utf8',
      env: { ...process.env, MEETING_RECORDS_CODE_CACHE_WRITE: 'dist/cli-main.cache', MEETING_RECORDS_THREADS: '1' },
    });
    // Exit 1: the samples have problems on purpose.
    if (run.status !== 1) console.warn(`warning: no CLI code cache (the training run exited ${run.status}): ${run.stderr.trim()}`);
  } finally {
    rmSync(samples, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
