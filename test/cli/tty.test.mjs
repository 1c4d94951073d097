// Behaviour on a real terminal (a pseudo-terminal from util-linux `script`):
// the progress line for long runs, cleared at the end, and colour unless
// NO_COLOR is set.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { CLI, FIXTURES, generateCorpus, scratch } from './helpers.mjs';

const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;

/** Runs a shell command on a pseudo-terminal; returns everything the terminal showed. */
function onTerminal(command, { cwd, env = {} } = {}) {
  const result = spawnSync('script', ['-qec', command, '/dev/null'], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '', TERM: 'xterm', ...env },
    timeout: 120_000,
  });
  return result.stdout;
}

const quote = (s) => `'${s.replace(/'/g, "'\\''")}'`;

describe('on a terminal', { skip: !hasScript && 'util-linux script is not installed' }, () => {
  test('a long run shows [done/total] validating… on stderr and clears it', () => {
    const dir = generateCorpus(scratch(), 300, { perFolder: 100 });
    const screen = onTerminal(`${quote(process.execPath)} ${quote(CLI)} validate --format json > /dev/null`, { cwd: dir });
    assert.match(screen, /\r\[\d+\/300\] validating…/);
    assert.match(screen, /\[300\/300\] validating…/);
    assert.ok(screen.endsWith('\r\x1b[K'), JSON.stringify(screen.slice(-40)));
  });

  test('a short run shows no progress line', () => {
    const rules = path.join(FIXTURES, 'rules', 'clean.meeting.yaml');
    const screen = onTerminal(`${quote(process.execPath)} ${quote(CLI)} validate ${quote(rules)} --format json > /dev/null`);
    assert.doesNotMatch(screen, /validating…/);
  });

  test('stylish is coloured on a terminal, and not with NO_COLOR', () => {
    const rules = path.join(FIXTURES, 'rules');
    const command = `${quote(process.execPath)} ${quote(CLI)} validate ${quote(rules)}`;
    assert.match(onTerminal(command), /\x1b\[31merror/);
    assert.doesNotMatch(onTerminal(command, { env: { NO_COLOR: '1' } }), /\x1b\[3\dm/);
  });
});
