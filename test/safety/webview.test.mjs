// Issue 8, webviews, the panel side (the pages themselves are tested by
// test/unit/render.test.mjs and, in a real Chromium, test/render/chromium.test.mjs):
// the options every panel gets (client/src/webview.ts, run against a stand-in
// for `vscode`), the nonces, and the pages shown while loading or after a
// failure, which carry server error text.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loadClientModule } from './vscode-stub.mjs';

const HOSTILE = `<img src=x onerror="alert(1)"></script><script>alert(2)</script><a href="command:workbench.action.terminal.new">x</a>`;

describe('webview panels', () => {
  test('options: command URIs off, only the extension media folder loadable, scripts only for the nonce\'d page script', (t) => {
    const { module: webview } = loadClientModule(t, 'client/src/webview.ts');
    const ext = { scheme: 'file', path: '/ext/meeting-records' };
    const options = webview.webviewOptions(ext);
    assert.equal(options.enableCommandUris, false);
    assert.deepEqual(options.localResourceRoots.map(String), ['file:///ext/meeting-records/media']);
    assert.equal(options.enableScripts, true);
  });

  test('every page gets a fresh 144-bit nonce', (t) => {
    const { module: webview } = loadClientModule(t, 'client/src/webview.ts');
    const nonces = new Set(Array.from({ length: 1000 }, () => webview.createNonce()));
    assert.equal(nonces.size, 1000);
    for (const n of nonces) assert.match(n, /^[A-Za-z0-9+/]{24}$/);
  });

  test('loading and error pages: strict CSP with the nonce, and server error text shown as text', (t) => {
    const { module: webview } = loadClientModule(t, 'client/src/webview.ts');
    const panel = { cspSource: 'vscode-webview://abc' };
    for (const page of [webview.loadingPage(panel, HOSTILE), webview.errorPage(panel, HOSTILE, HOSTILE)]) {
      const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(page)?.[1]?.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&');
      assert.ok(csp, 'a CSP meta element');
      assert.match(csp, /^default-src 'none';/);
      const nonce = /script-src 'nonce-([^']+)'/.exec(csp)?.[1];
      assert.ok(nonce);
      for (const tag of page.matchAll(/<script\b[^>]*>/g)) assert.match(tag[0], new RegExp(`nonce="${nonce.replace(/[+/]/g, '\\$&')}"`));
      const tags = [...page.matchAll(/<([a-zA-Z][\w-]*)([^>]*)>/g)];
      const names = new Set(tags.map((m) => m[1].toLowerCase()));
      for (const bad of ['img', 'a', 'iframe', 'object', 'embed', 'form', 'link', 'base']) assert.ok(!names.has(bad), `no <${bad}> from the text`);
      assert.equal(tags.filter((m) => m[1].toLowerCase() === 'script').length, page.includes('<script') ? tags.filter((m) => m[1] === 'script' && m[2].includes('nonce=')).length : 0, 'every script has the nonce');
      for (const [tag, , attributes] of tags) assert.doesNotMatch(attributes, /\son[a-z]+\s*=/i, `no inline handler in ${tag}`);
      assert.match(page, /&lt;img src=x onerror=/, 'shown as text');
    }
  });
});
