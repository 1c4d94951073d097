// One esbuild script for every bundle. Exits non-zero when any bundle fails,
// so CI never runs tests against a stale dist/.
import * as esbuild from 'esbuild';
import { generate } from './generate.mjs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

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
  // A `.yaml` file imported from source arrives as text (declared in server/src/assets.d.ts).
  loader: { '.yaml': 'text' },
  // js-yaml's ESM build, which esbuild would pick for an import, parses about 3x
  // slower than its CommonJS build once bundled (measured by `npm run bench`).
  alias: { 'js-yaml': './node_modules/js-yaml/dist/js-yaml.cjs.js' },
};

const bundles = [
  { entryPoints: { server: 'server/src/server.ts' } },
  // The editor-free core as a library, for unit tests and the benchmark.
  { entryPoints: { core: 'server/src/core/index.ts' } },
  // The server's pure feature modules, for unit tests without a connection.
  { entryPoints: { features: 'server/src/features/index.ts' } },
  { entryPoints: { cli: 'server/src/cli/main.ts' }, banner: { js: '#!/usr/bin/env node' } },
  { entryPoints: { worker: 'server/src/cli/worker.ts' } },
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
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
