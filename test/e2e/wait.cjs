// Helpers shared by both real-VS-Code suites: test/e2e/suite (CommonJS, inside
// a VS Code extension host) and test/vscode-web (ESM, which imports this file).
'use strict';

/**
 * Calls `fn` until it returns something truthy, and returns that. A thrown
 * error counts as "not yet"; past `timeout` ms the error says what was
 * awaited (and the last error seen).
 */
async function until(what, fn, { timeout = 30_000, interval = 150 } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${what}${last ? ` (last error: ${last.message})` : ''}`);
    await new Promise((r) => setTimeout(r, interval));
  }
}

/** Case-insensitive: does `text` contain one of `needles`? */
/** Case- and space-insensitive: rendered markdown may give a no-break space where the source had a space. */
function containsAny(text, needles) {
  const plain = (s) => String(s).normalize('NFC').replace(/\s+/g, ' ').toLowerCase();
  const t = plain(text);
  return needles.some((n) => t.includes(plain(n)));
}

module.exports = { until, containsAny };
