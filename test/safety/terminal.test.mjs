// Issue 14, item 7: text from a record or a file name never steers the
// terminal. Record values quoted in messages and file names may hold ESC
// sequences (erase a line, move up, a fake green "✔ 0 problems"), OSC-8
// links, BEL, C1 controls (U+009B is a one-character CSI) and bidirectional
// overrides; each format shows them visibly (`\u001b`) or escapes them as its
// syntax allows (JSON `\u009b`), and so do the messages on stderr.
// Through the real CLI process, in every format, with colour on and off.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { describeRun, runCli } from './cli.mjs';
import { RECORD } from './hostile.mjs';
import { CLI, requireBuilt, scratch } from './paths.mjs';

before(() => requireBuilt(CLI));

/** YAML escapes (\e, \a, \x9b, \u202e) put the raw characters into the values. */
const FAKE_SUCCESS = String.raw`Japn\e[2K\e[1A\e[32m✔ 0 problems\e[0m`;
const VALUES = [FAKE_SUCCESS, String.raw`\e]8;;https://evil.example/\aclick me\e]8;;\a`, String.raw`ring\a\a`, String.raw`\x9b31mred`, String.raw`del\x7f`, String.raw`\u202eplh.exe`];
const RECORD_WITH_CONTROLS = RECORD.replace('partners: [China, Japan, Republic of Korea]', `partners: [${VALUES.map((v) => `"${v}"`).join(', ')}, Nhật Bản]`);

/** File names with ESC and a line break: listed, so they are printed. */
const NAMES = ['evil\x1b[31m\x1b]0;title\x07.meeting.yaml', 'two\nlines.meeting.yaml'];

/** The only escape sequences the CLI itself prints: its own colours. */
const OWN_COLOURS = /\x1b\[(?:1|2|4|22|24|31|32|33|34|39)m/g;
/** What must never reach a terminal from data: C0 controls but the line feed, DEL, C1 controls, bidi overrides and isolates. */
const STEERING = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

function corpus(t) {
  const dir = scratch(t);
  writeFileSync(join(dir, 'controls.meeting.yaml'), RECORD_WITH_CONTROLS);
  for (const name of NAMES) writeFileSync(join(dir, name), RECORD.replace('Japan', 'Nhật Bản'));
  return dir;
}

function assertNothingSteers(output, where) {
  const rest = output.replace(OWN_COLOURS, '');
  const found = STEERING.exec(rest);
  assert.equal(found, null, `${where}: U+${found?.[0].codePointAt(0).toString(16).padStart(4, '0')} reaches the terminal near ${JSON.stringify(rest.slice(Math.max(0, (found?.index ?? 0) - 40), (found?.index ?? 0) + 20))}`);
}

describe('control characters from records and file names never reach the terminal raw', () => {
  for (const [format, color] of [['stylish', false], ['stylish', true], ['github', false], ['json', false], ['sarif', false], ['junit', false]]) {
    test(`${format}${color ? ' (colour)' : ''}: shown visibly, the fake "✔ 0 problems" as text`, async (t) => {
      const dir = corpus(t);
      const env = color ? { NO_COLOR: '', FORCE_COLOR: '1' } : {};
      const run = await runCli(['validate', '.', '--format', format], { cwd: dir, env });
      assert.equal(run.code, 1, describeRun(run));
      assertNothingSteers(run.stdout, 'stdout');
      assertNothingSteers(run.stderr, 'stderr');
      if (format === 'json' || format === 'sarif') {
        // JSON escapes are lossless: the reader gets the values back as written.
        const messages = JSON.stringify(JSON.parse(run.stdout));
        for (const raw of ['\x1b[2K\x1b[1A\x1b[32m', '\x9b31m', '\x07', '\u202e']) assert.ok(messages.includes(JSON.stringify(raw).slice(1, -1)), `${JSON.stringify(raw)} survives as data`);
      } else {
        assert.ok(run.stdout.includes(String.raw`Japn\u001b[2K\u001b[1A\u001b[32m✔ 0 problems\u001b[0m`), run.stdout.slice(0, 2000));
        for (const shown of [String.raw`\u001b]8;;https://evil.example/\u0007click me`, String.raw`\u009b31mred`, String.raw`del\u007f`, String.raw`\u202eplh.exe`]) assert.ok(run.stdout.includes(shown), `${shown} in ${run.stdout.slice(0, 3000)}`);
      }
    });
  }

  test('stderr: --fix notes, usage errors and render errors show control characters visibly too', async (t) => {
    const dir = corpus(t);
    const runs = [
      await runCli(['validate', '.', '--fix', '--format', 'json'], { cwd: dir }),
      await runCli(['validate', 'missing\x1b[2K\x1b[1A.meeting.yaml'], { cwd: dir }),
      await runCli(['validate', '--format', 'x\x1b[31m'], { cwd: dir }),
      await runCli(['render', 'nothing\x9b2J.meeting.yaml'], { cwd: dir }),
      await runCli(['validate', '.', '--severity', 'x\x07=off'], { cwd: dir }),
    ];
    for (const run of runs) {
      assert.ok(run.stderr.length > 0, describeRun(run));
      assertNothingSteers(run.stderr, run.stderr);
    }
    assert.match(runs[0].stderr, /fixed 1 problem in evil\\u001b\[31m\\u001b\]0;title\\u0007\.meeting\.yaml/);
    assert.match(runs[1].stderr, /missing\\u001b\[2K\\u001b\[1A\.meeting\.yaml/);
  });
});
