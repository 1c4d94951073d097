// Where the safety tests find the built artefacts and write their scratch files.
import { existsSync, mkdtempSync, rmSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const DIST = process.env.SAFETY_DIST ? resolve(process.env.SAFETY_DIST) : join(ROOT, 'dist');
export const SERVER = join(DIST, 'server.js');
export const CLI = join(DIST, 'cli.js');
export const CORE = join(DIST, 'core.js');
export const HOSTILE = join(ROOT, 'test/fixtures/hostile');
export const SEEDS = join(ROOT, 'seeds/records');
export const NO_NETWORK = join(ROOT, 'test/safety/no-network.cjs');

/** A fresh scratch folder under the OS temp dir, removed when the test ends. */
export function scratch(t, prefix = 'mr-safety-') {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  // Readable by the unprivileged user some tests run the CLI as.
  chmodSync(dir, 0o755);
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export function requireBuilt(...files) {
  const missing = files.filter((f) => !existsSync(f));
  if (missing.length > 0) throw new Error(`not built: ${missing.join(', ')} (run npm run build)`);
}
