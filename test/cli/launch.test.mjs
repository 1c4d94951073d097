// dist/cli.js loads the CLI bundle with the code cache the build made for it
// (server/src/cli/launch.ts). The cache must be one this Node accepts, and a
// missing, stale or damaged cache must change nothing but the start-up time.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import Module from 'node:module';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import * as vm from 'node:vm';
import { ROOT, SEEDS, scratch } from './helpers.mjs';

const DIST = path.join(ROOT, 'dist');
const BUNDLE = path.join(DIST, 'cli-main.js');
const CACHE = path.join(DIST, 'cli-main.cache');

/** A copy of the CLI's files, to damage its cache without touching dist/. */
function copyOfCli() {
  const dir = scratch();
  for (const name of ['cli.js', 'cli-main.js', 'cli-main.cache']) fs.copyFileSync(path.join(DIST, name), path.join(dir, name));
  return dir;
}

function validateSeeds(dir, env = {}) {
  const broken = path.join(scratch(), 'broken.meeting.yaml');
  const seed = fs.readdirSync(SEEDS).find((n) => n.endsWith('.meeting.yaml'));
  fs.writeFileSync(broken, fs.readFileSync(path.join(SEEDS, seed), 'utf8').replace(/^chair: .*$/m, 'chair: Nhật Bản'));
  const run = spawnSync(process.execPath, [path.join(dir, 'cli.js'), 'validate', SEEDS, broken, '--format', 'json'], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env } });
  return { code: run.status, stdout: run.stdout.replaceAll(broken, 'BROKEN'), stderr: run.stderr };
}

describe('the CLI code cache', () => {
  test('the build made a cache this Node accepts for this bundle, headed by the hashes of the bundle and the data', () => {
    const cache = fs.readFileSync(CACHE);
    const source = fs.readFileSync(BUNDLE, 'utf8');
    const sha256 = (data) => createHash('sha256').update(data).digest();
    const data = cache.subarray(64);
    assert.ok(cache.subarray(0, 32).equals(sha256(source)), 'the cache names the bundle it was made from');
    assert.ok(cache.subarray(32, 64).equals(sha256(data)), 'the cache carries the hash of its data');
    const script = new vm.Script(Module.wrap(source), { filename: BUNDLE, cachedData: data });
    assert.equal(script.cachedDataRejected, false);
  });

  test('a missing, stale or damaged cache is not used, and changes nothing but speed', () => {
    const expected = validateSeeds(DIST);
    assert.equal(expected.code, 1, expected.stderr);
    assert.match(expected.stdout, /non-canonical-name/);
    const stats = { MEETING_RECORDS_STATS: '1' };
    assert.match(validateSeeds(DIST, stats).stderr, /code cache: used/);
    const flip = (at) => (file) => {
      const bytes = fs.readFileSync(file);
      bytes[at(bytes.length)] ^= 1;
      fs.writeFileSync(file, bytes);
    };
    // [what the launcher says, what was done to the cache]
    const damages = [
      ['none', 'deleted', (file) => fs.rmSync(file)],
      ['made for another build', 'its source hash changed', flip(() => 0)],
      ['made for another build', 'cut short', (file) => fs.writeFileSync(file, fs.readFileSync(file).subarray(0, 40))],
      // V8 would run this one: it checks no checksum of the bytecode.
      ['damaged', 'one bit flipped near its end', flip((length) => length - 100)],
    ];
    for (const [state, what, damage] of damages) {
      const dir = copyOfCli();
      damage(path.join(dir, 'cli-main.cache'));
      assert.deepEqual(validateSeeds(dir), expected, what);
      assert.match(validateSeeds(dir, stats).stderr, new RegExp(`code cache: ${state}\\n`), what);
    }
  });
});
