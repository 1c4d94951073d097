// Where the safety tests find the built artefacts and write their scratch files.
import { chmodSync, cpSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
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

/**
 * For a process run as another (unprivileged) user: where it finds the built
 * artefacts and a working folder it may enter. A checkout inside a private
 * folder (`mktemp -d` as root gives 0700) is out of that user's reach, so
 * dist/ and the preload scripts are then copied once to a folder everyone
 * can read, removed when this process exits.
 */
export function reachable() {
  if (reachableCopy) return reachableCopy;
  if (everyoneCanReach(DIST) && everyoneCanReach(join(ROOT, 'test/safety'))) {
    reachableCopy = { root: ROOT, dist: DIST, cli: CLI, server: SERVER, peakRss: join(ROOT, 'test/safety/peak-rss.cjs'), noNetwork: NO_NETWORK };
    return reachableCopy;
  }
  const root = mkdtempSync(join(tmpdir(), 'mr-reachable-'));
  cpSync(DIST, join(root, 'dist'), { recursive: true });
  for (const name of ['peak-rss.cjs', 'no-network.cjs']) cpSync(join(ROOT, 'test/safety', name), join(root, 'test/safety', name));
  openUp(root);
  process.on('exit', () => rmSync(root, { recursive: true, force: true }));
  reachableCopy = {
    root,
    dist: join(root, 'dist'),
    cli: join(root, 'dist', 'cli.js'),
    server: join(root, 'dist', 'server.js'),
    peakRss: join(root, 'test/safety/peak-rss.cjs'),
    noNetwork: join(root, 'test/safety/no-network.cjs'),
  };
  return reachableCopy;
}

let reachableCopy;

/** Every folder from / down to `dir` can be entered by others, and `dir` itself read. */
function everyoneCanReach(dir) {
  let current = resolve(dir);
  if ((statSync(current).mode & 0o005) !== 0o005) return false;
  for (;;) {
    if ((statSync(current).mode & 0o001) === 0) return false;
    const parent = dirname(current);
    if (parent === current) return true;
    current = parent;
  }
}

function openUp(dir) {
  chmodSync(dir, 0o755);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) openUp(full);
    else chmodSync(full, 0o644);
  }
}
