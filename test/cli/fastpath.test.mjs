// The fast path (js-yaml for files that turn out clean) must never change a
// result: on fixtures, generated corpora and hundreds of randomly damaged
// records, the run with it prints exactly what the precise-only run prints.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { FIXTURES, ROOT, generateCorpus, runCli, scratch, seedDocuments } from './helpers.mjs';

const PRECISE = { MEETING_RECORDS_FAST_PATH: '0' };

function assertSameBothWays(args, cwd, threads = '0') {
  for (const format of ['json', 'junit']) {
    const fast = runCli([...args, '--format', format], { cwd, env: { MEETING_RECORDS_THREADS: threads } });
    const precise = runCli([...args, '--format', format], { cwd, env: { ...PRECISE, MEETING_RECORDS_THREADS: threads } });
    assert.equal(fast.code, precise.code);
    assert.equal(fast.stdout, precise.stdout, `${format} differs`);
  }
}

/** Edits that damage a record the way typing does: insert, delete or replace a few characters or lines. */
const PIECES = [' ', '  ', '\n', '- ', ': ', ':', '#', ' #', '"', "'", '[', ']', '{', '}', ',', '|', '>', '?', '*', '~', '.', '\\', '@', '`', 'a', 'é', '1', '0o7', '0x1', '1_0', 'true', 'null', '\r\n', '\n  ', '\n- ', '---\n', '...\n', 'Japan', 'Nhật Bản', 'ASEAN 3'];
const edit = fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), kind: fc.integer({ min: 0, max: 4 }), piece: fc.constantFrom(...PIECES), length: fc.integer({ min: 1, max: 12 }) });

function damage(text, edits) {
  for (const e of edits) {
    const at = Math.floor(e.at * text.length);
    if (e.kind === 0) text = text.slice(0, at) + e.piece + text.slice(at);
    else if (e.kind === 1) text = text.slice(0, at) + text.slice(at + e.length);
    else if (e.kind === 2) text = text.slice(0, at) + e.piece + text.slice(at + 1);
    else if (e.kind === 3) {
      // Duplicate the line at `at` (duplicate keys, repeated list items).
      const start = text.lastIndexOf('\n', at - 1) + 1;
      const end = text.indexOf('\n', at);
      const line = text.slice(start, end < 0 ? text.length : end + 1);
      text = text.slice(0, start) + line + text.slice(start);
    } else {
      // Re-indent the line at `at`.
      const start = text.lastIndexOf('\n', at - 1) + 1;
      text = text.slice(0, start) + ' '.repeat(e.length % 4) + text.slice(start).replace(/^ {0,2}/, '');
    }
  }
  return text;
}

describe('fast path and precise path agree', () => {
  test('on the rule fixtures and the seed records', () => {
    assertSameBothWays(['validate', path.relative(ROOT, path.join(FIXTURES, 'rules')), 'seeds/records'], ROOT);
  });

  test('on a generated corpus with problems and duplicate ids, in workers too', () => {
    const dir = generateCorpus(scratch(), 250, { perFolder: 50, invalidEvery: 9 });
    fs.copyFileSync(path.join(dir, 'part-000', 'r00003.meeting.yaml'), path.join(dir, 'part-001', 'again.meeting.yaml'));
    assertSameBothWays(['validate'], dir, '2');
  });

  test('on 600 randomly damaged records (fast-check, fixed seed)', () => {
    const docs = seedDocuments();
    const dir = scratch();
    const samples = fc.sample(fc.tuple(fc.nat(docs.length - 1), fc.array(edit, { minLength: 0, maxLength: 3 })), { numRuns: 600, seed: 20240726 });
    samples.forEach(([which, edits], i) => {
      const text = damage(docs[which].replace(/^id:\s*(\S+)/m, (_, id) => `id: ${id}-d${i}`), edits);
      fs.writeFileSync(path.join(dir, `d${String(i).padStart(3, '0')}.meeting.yaml`), text);
    });
    // Multi-document files built from damaged pieces too.
    for (let i = 0; i < 40; i++) {
      const parts = [0, 1, 2].map((k) => fs.readFileSync(path.join(dir, `d${String((i * 3 + k) % 600).padStart(3, '0')}.meeting.yaml`), 'utf8'));
      fs.writeFileSync(path.join(dir, `multi${i}.meeting.yaml`), parts.join('\n---\n'));
    }
    assertSameBothWays(['validate'], dir);
  });
});
