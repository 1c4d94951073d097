/**
 * `dist/cli.js`, the command users run: loads the CLI bundle
 * (`dist/cli-main.js`) with the V8 code cache the build made for it
 * (`dist/cli-main.cache`), so a run starts from bytecode instead of
 * compiling every function it calls (what that saves: docs/performance.md).
 *
 * V8 checks a cache against its own version and flags, but tells sources
 * apart only by their length, and does not check the bytecode itself: a
 * cache from another build of the same length, or one damaged on disk,
 * would be run. So the cache file starts with a SHA-256 of the source it
 * was made from and one of the cache data, and is used only when both
 * match (hashing both costs about a millisecond). A missing, stale or
 * rejected cache costs nothing but the compile it would have saved.
 *
 * MEETING_RECORDS_CODE_CACHE_WRITE=FILE writes a fresh cache there when the
 * run ends (the build does so after a training run over sample records).
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import Module from 'node:module';
import * as path from 'node:path';
import * as vm from 'node:vm';

const HASH_BYTES = 32;

/** The module object and `require` a CommonJS file loaded by Node would get. */
interface LoadedModule {
  module: NodeJS.Module;
  require: NodeJS.Require;
}

function moduleFor(file: string): LoadedModule {
  const mod = new Module(file, module);
  mod.filename = file;
  // Resolves as a require() from the bundle's own folder would (it needs only Node's modules).
  const req = Module.createRequire(file);
  // The bundle runs its command line only when it is the main module.
  Object.defineProperty(req, 'main', { value: mod });
  return { module: mod, require: req };
}

function sha256(data: string | Buffer): Buffer {
  return createHash('sha256').update(data).digest();
}

/** The cache file's bytes: the source's hash, the data's hash, the data. */
function cacheFile(sourceHash: Buffer, data: Buffer): Buffer {
  return Buffer.concat([sourceHash, sha256(data), data]);
}

/** The cached data for exactly this source, intact; or why there is none. */
function cacheFor(file: string, sourceHash: Buffer): { data: Buffer } | { missing: string } {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch {
    return { missing: 'none' };
  }
  const data = bytes.subarray(2 * HASH_BYTES);
  if (data.length === 0 || !bytes.subarray(0, HASH_BYTES).equals(sourceHash)) return { missing: 'made for another build' };
  if (!bytes.subarray(HASH_BYTES, 2 * HASH_BYTES).equals(sha256(data))) return { missing: 'damaged' };
  return { data };
}

export function launch(bundle: string): void {
  const source = fs.readFileSync(bundle, 'utf8');
  const hash = sha256(source);
  const cache = cacheFor(bundle.replace(/\.js$/, '.cache'), hash);
  const script = new vm.Script(Module.wrap(source), { filename: bundle, cachedData: 'data' in cache ? cache.data : undefined });
  if (process.env.MEETING_RECORDS_STATS === '1') {
    const state = 'missing' in cache ? cache.missing : script.cachedDataRejected ? 'rejected by V8' : 'used';
    process.stderr.write(`meeting-records: code cache: ${state}\n`);
  }
  const writeTo = process.env.MEETING_RECORDS_CODE_CACHE_WRITE;
  if (writeTo) {
    // At exit, so the cache holds the bytecode of every function the run called.
    process.on('exit', () => fs.writeFileSync(writeTo, cacheFile(hash, script.createCachedData())));
  }
  const loaded = moduleFor(bundle);
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  wrapper.call(loaded.module.exports, loaded.module.exports, loaded.require, loaded.module, bundle, path.dirname(bundle));
}

launch(path.join(__dirname, 'cli-main.js'));
