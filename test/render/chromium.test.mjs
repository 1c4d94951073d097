// The preview and overview pages in a real browser (Debian's chromium via
// playwright-core): every seed record and the hostile fixture render their
// visible content with no console errors, no CSP violations and no script of
// their own running. Screenshots land in test-results/render/.
//
// Needs /usr/bin/chromium (`apt-get install -y chromium`; the CI script does it).
// RENDER_RECORDS_DIR points the test at another folder of records.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { parseAllDocuments } from 'yaml';
import { loadRenderer, loadValidation, root, testCatalog } from './renderer.mjs';

const CHROMIUM = '/usr/bin/chromium';
const RECORDS_DIR = process.env.RENDER_RECORDS_DIR ?? path.join(root, 'seeds/records');
const HOSTILE_FIXTURE = path.join(root, 'test/fixtures/render/examples/hostile.meeting.yaml');
const OUT = path.join(root, 'test-results/render');
const OPTIONS = { cspSource: "'self'", nonce: 'chromiumTestNonce0123' };
const HOSTILE_STRINGS = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', 'javascript:alert(1)'];

const seedFiles = existsSync(RECORDS_DIR)
  ? readdirSync(RECORDS_DIR).filter((f) => /\.meeting\.ya?ml$/.test(f)).sort().map((f) => path.join(RECORDS_DIR, f))
  : [];

let browser;
let renderer;
let catalog;
let validate;

before(async () => {
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install -y chromium`);
  mkdirSync(OUT, { recursive: true });
  renderer = await loadRenderer();
  const validation = await loadValidation();
  if (validation.unavailable) {
    // Another part of the project is mid-change: render with the test catalog and no diagnostics, and say so.
    console.log(`# bundled catalog/validator unavailable (${validation.unavailable}); using the test catalog`);
    catalog = testCatalog(renderer.CatalogIndex);
    validate = () => [];
  } else {
    ({ catalog, validate } = validation);
  }
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
});

after(async () => {
  await browser?.close();
});

/** Every YAML document of a file as plain data, as the CLI reads it; unreadable documents become undefined. */
function readRecords(text) {
  return parseAllDocuments(text)
    .filter((doc) => doc.contents !== null || doc.errors.length > 0)
    .map((doc) => {
      try {
        return doc.toJS({ maxAliasCount: 100 });
      } catch {
        return undefined;
      }
    });
}

function renderFile(file, extraDiagnostics = []) {
  const text = readFileSync(file, 'utf8');
  const records = readRecords(text);
  const diagnostics = [...validate(text), ...extraDiagnostics];
  const page = renderer.renderPreviewPage({ records, diagnostics, catalog, fileName: path.basename(file) }, OPTIONS);
  return { ...page, records, diagnostics };
}

/**
 * Opens `html` from a file:// URL (so `'self'` means something) and records
 * everything that would show a problem: console errors, uncaught errors,
 * dialogs, CSP violation events (listened for by an init script, which runs
 * before the page and outside its CSP) and any network request.
 */
async function openPage(html, name, { colorScheme = 'light', initScript } = {}) {
  const file = path.join(OUT, `${name}.html`);
  writeFileSync(file, html);
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 }, colorScheme });
  const page = await context.newPage();
  const seen = { consoleErrors: [], pageErrors: [], dialogs: [], requests: [], violations: [] };
  page.on('console', (message) => {
    if (message.type() === 'error') seen.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => seen.pageErrors.push(error.message));
  page.on('dialog', (dialog) => {
    seen.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    dialog.dismiss().catch(() => undefined);
  });
  page.on('request', (request) => {
    if (request.url() !== pathToFileURL(file).href) seen.requests.push(request.url());
  });
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener(
      'securitypolicyviolation',
      (event) => window.__cspViolations.push(`${event.violatedDirective}: ${event.blockedURI || event.sample || 'inline'}`),
      true,
    );
  });
  if (initScript) await context.addInitScript(initScript);
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  await settle(page);
  return {
    page,
    seen,
    async problems() {
      await settle(page);
      seen.violations = await page.evaluate(() => window.__cspViolations);
      return seen;
    },
    close: () => context.close(),
  };
}

/** Violation events and console messages arrive as tasks after load: give them a frame and a tick. */
function settle(page) {
  return page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 50))));
}

async function assertClean(opened) {
  const seen = await opened.problems();
  assert.deepEqual(seen.violations, [], 'CSP violations');
  assert.deepEqual(seen.consoleErrors, [], 'console errors');
  assert.deepEqual(seen.pageErrors, [], 'uncaught errors');
  assert.deepEqual(seen.dialogs, [], 'dialogs');
  assert.deepEqual(seen.requests, [], 'network requests');
}

const isDict = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Titles and partner chips of every record are on screen, and each chip has hover text. */
async function assertRecordsVisible(page, records) {
  for (const [i, record] of records.entries()) {
    const article = page.locator(`#record-${i + 1}`);
    if (!isDict(record)) {
      assert.ok(await article.getByText(`Document ${i + 1} is not a record`).isVisible());
      continue;
    }
    if (typeof record.title === 'string' && record.title.trim()) {
      const heading = article.getByRole('heading', { level: 1 });
      assert.ok(await heading.isVisible(), `record ${i + 1}: title visible`);
      assert.equal(await heading.innerText(), record.title.trim());
    }
    if (Array.isArray(record.partners)) {
      const chips = article.locator('.card-partners .chip');
      assert.equal(await chips.count(), record.partners.length, `record ${i + 1}: one chip per partner`);
      for (const [j, partner] of record.partners.entries()) {
        const chip = chips.nth(j);
        assert.ok(await chip.isVisible(), `record ${i + 1}: chip ${partner} visible`);
        assert.ok((await chip.innerText()).includes(String(partner)), `record ${i + 1}: chip ${j} shows ${partner}`);
        const hover = await chip.getAttribute('title');
        const resolved = typeof partner === 'string' ? catalog.resolveParty(partner) : { kind: 'unknown' };
        if (resolved.kind === 'unknown') assert.match(hover, /^Not in the catalog/);
        else assert.ok(hover.startsWith(resolved.entry.name), `record ${i + 1}: hover of ${partner} names ${resolved.entry.name}`);
      }
    }
  }
}

describe('preview pages in chromium', () => {
  test('seed records exist to render', () => {
    assert.ok(seedFiles.length > 0, `no *.meeting.yaml in ${RECORDS_DIR}`);
  });

  for (const [index, file] of seedFiles.entries()) {
    const name = path.basename(file).replace(/\.meeting\.ya?ml$/, '');
    test(`seed ${path.basename(file)}: visible content, no errors, no CSP violations`, async () => {
      const rendered = renderFile(file);
      const opened = await openPage(rendered.html, name);
      try {
        assert.equal(await opened.page.title(), rendered.title);
        await assertRecordsVisible(opened.page, rendered.records);
        const errors = rendered.diagnostics.filter((d) => d.severity === 'error');
        assert.equal(await opened.page.getByRole('alert').count(), errors.length ? 1 : 0, 'problems banner only for errors');
        await assertClean(opened);
        // Two records are kept as pictures of what users see.
        if (index < 2) await opened.page.screenshot({ path: path.join(OUT, `${name}.png`), fullPage: true });
      } finally {
        await opened.close();
      }
    });
  }

  test('a seed record in a dark colour scheme (plain-browser fallbacks)', async (t) => {
    if (!seedFiles.length) return t.skip('no seed records');
    const rendered = renderFile(seedFiles[0]);
    const opened = await openPage(rendered.html, 'dark', { colorScheme: 'dark' });
    try {
      const background = await opened.page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      assert.equal(background, 'rgb(13, 17, 23)');
      await assertClean(opened);
      await opened.page.screenshot({ path: path.join(OUT, 'dark.png'), fullPage: true });
    } finally {
      await opened.close();
    }
  });

  test('follows VS Code theme variables and high-contrast borders', async (t) => {
    if (!seedFiles.length) return t.skip('no seed records');
    // What a webview does: theme variables on <html>, the theme kind as a class on <body>.
    const vscodeHighContrast = () => {
      const theme = {
        '--vscode-foreground': '#ffffff',
        '--vscode-editor-background': '#000000',
        '--vscode-badge-background': '#000000',
        '--vscode-badge-foreground': '#ffffff',
        '--vscode-textLink-foreground': '#21a6ff',
        '--vscode-panel-border': '#6fc3df',
        '--vscode-contrastBorder': '#6fc3df',
        '--vscode-font-family': 'sans-serif',
      };
      // The init script runs before <html> exists; the page's own elements are there by DOMContentLoaded.
      document.addEventListener('DOMContentLoaded', () => {
        for (const [name, value] of Object.entries(theme)) document.documentElement.style.setProperty(name, value);
        document.body.classList.add('vscode-high-contrast');
      });
    };
    const rendered = renderFile(seedFiles[0]);
    const opened = await openPage(rendered.html, 'vscode-high-contrast', { initScript: vscodeHighContrast });
    try {
      const colours = await opened.page.evaluate(() => {
        const chip = document.querySelector('.chip');
        const badge = document.querySelector('.badge-mechanism');
        return {
          background: getComputedStyle(document.body).backgroundColor,
          text: getComputedStyle(document.body).color,
          chipBorder: chip && getComputedStyle(chip).borderTopColor,
          badgeBorder: badge && getComputedStyle(badge).borderTopColor,
        };
      });
      assert.deepEqual(colours, {
        background: 'rgb(0, 0, 0)',
        text: 'rgb(255, 255, 255)',
        chipBorder: 'rgb(111, 195, 223)',
        badgeBorder: colours.badgeBorder === null ? null : 'rgb(111, 195, 223)',
      });
      await assertClean(opened);
      await opened.page.screenshot({ path: path.join(OUT, 'vscode-high-contrast.png'), fullPage: true });
    } finally {
      await opened.close();
    }
  });

  test('hostile fixture: markup shown as text, nothing runs, nothing loads', async () => {
    const hostileMessage = { code: 'unknown-party', severity: 'error', message: `Unknown party '${HOSTILE_STRINGS[1]}'`, range: { start: { line: 20, character: 4 }, end: { line: 20, character: 9 } } };
    const rendered = renderFile(HOSTILE_FIXTURE, [hostileMessage]);
    const opened = await openPage(rendered.html, 'hostile');
    const { page } = opened;
    try {
      // Hover and click everything a planted handler could sit on.
      for (const element of await page.locator('.chip, .badge, h1, td, .tags li, a').all()) {
        await element.hover({ timeout: 2000 }).catch(() => undefined);
      }
      for (const element of await page.locator('.badge, h1, .notes').all()) await element.click({ timeout: 2000 }).catch(() => undefined);
      const text = await page.locator('body').innerText();
      for (const hostile of HOSTILE_STRINGS) assert.ok(text.includes(hostile), `shown as text: ${hostile}`);
      assert.ok(text.includes("Unknown party '\"><img src=x onerror=alert(1)>'"), 'hostile diagnostic message shown as text');
      const counts = await page.evaluate(() => ({
        foreign: document.querySelectorAll('img, iframe, svg, object, embed, form, base, marquee, u, b, i, meta[http-equiv="refresh"]').length,
        scripts: document.scripts.length,
        styles: document.querySelectorAll('style').length,
        handlers: [...document.querySelectorAll('*')].filter((e) => [...e.attributes].some((a) => a.name.startsWith('on'))).length,
        badLinks: [...document.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')).filter((h) => !/^(https?:\/\/|#)/.test(h)),
        bodyShown: getComputedStyle(document.body).display !== 'none',
      }));
      assert.deepEqual(counts, { foreign: 0, scripts: 1, styles: 1, handlers: 0, badLinks: [], bodyShown: true });
      assert.equal(await page.title(), rendered.title, 'the <title> holds the hostile title as text');
      assert.equal(await page.getByRole('alert').count(), 1, 'problems banner');
      assert.equal(await page.locator('article.record').count(), 4, 'every document has its section');
      await assertRecordsVisible(page, rendered.records);
      await assertClean(opened);
      await page.screenshot({ path: path.join(OUT, 'hostile.png'), fullPage: true });
    } finally {
      await opened.close();
    }
  });

  test('the harness notices a CSP violation when one happens', async () => {
    // Simulates an escaping bug: an inline handler, a script without the nonce and a style attribute.
    const { html } = renderFile(HOSTILE_FIXTURE);
    const broken = html.replace(
      '</main>',
      `<img src="data:," onerror="document.title='pwned'"><script>document.title='pwned'</script><p style="color:red">x</p></main>`,
    );
    const opened = await openPage(broken, 'csp-canary');
    try {
      const seen = await opened.problems();
      assert.ok(seen.violations.some((v) => v.startsWith('script-src')), `script violations seen: ${seen.violations}`);
      assert.ok(seen.violations.some((v) => v.startsWith('style-src')), `style violations seen: ${seen.violations}`);
      assert.ok(seen.consoleErrors.length > 0, 'the console reports the refusals too');
      assert.notEqual(await opened.page.title(), 'pwned');
    } finally {
      await opened.close();
    }
  });
});

describe('overview page in chromium', () => {
  /** RecordSummary values as the server would send them, one per record document. */
  function summaries() {
    return [...seedFiles, HOSTILE_FIXTURE].flatMap((file) => {
      const text = readFileSync(file, 'utf8');
      const diagnostics = validate(text);
      return readRecords(text).filter(isDict).map((record) => ({
        uri: pathToFileURL(file).href,
        id: String(record.id ?? ''),
        title: typeof record.title === 'string' ? record.title : String(record.id ?? ''),
        date: typeof record.date === 'string' ? record.date : undefined,
        mechanism: typeof record.mechanism === 'string' ? record.mechanism : undefined,
        level: typeof record.level === 'string' ? record.level : undefined,
        partners: Array.isArray(record.partners) ? record.partners.filter((p) => typeof p === 'string') : [],
        line: 0,
        errors: diagnostics.filter((d) => d.severity === 'error').length,
        warnings: diagnostics.filter((d) => d.severity === 'warning').length,
      }));
    });
  }

  /** Stands in for the webview API: records what the page posts. Runs before the page, outside its CSP. */
  function fakeVsCodeApi() {
    window.__posted = [];
    window.acquireVsCodeApi = () => ({
      postMessage: (message) => window.__posted.push(message),
      getState: () => undefined,
      setState: (state) => {
        window.__state = state;
      },
    });
  }

  test('sorts, filters and opens records; no errors, no CSP violations', async () => {
    const records = summaries();
    const opened = await openPage(renderer.renderOverviewPage(records, OPTIONS), 'overview', { initScript: fakeVsCodeApi });
    const { page } = opened;
    try {
      const rows = page.locator('#records tbody tr');
      const visibleRows = page.locator('#records tbody tr:not([hidden])');
      assert.equal(await rows.count(), records.length);
      assert.equal(await page.locator('#shown-count').innerText(), `${records.length} of ${records.length}`);

      const titles = () => visibleRows.locator('.record-title').allInnerTexts();
      await page.getByRole('button', { name: 'Title', exact: true }).click();
      assert.equal(await page.locator('th[data-sort="title"]').getAttribute('aria-sort'), 'ascending');
      const ascending = await titles();
      await page.getByRole('button', { name: 'Title', exact: true }).click();
      assert.deepEqual(await titles(), [...ascending].reverse(), 'second click reverses the order');

      await page.getByRole('searchbox').fill('hostile-markup-record');
      assert.equal(await visibleRows.count(), 1);
      assert.equal(await page.locator('#shown-count').innerText(), `1 of ${records.length}`);
      await page.getByRole('searchbox').fill('no such meeting at all');
      assert.ok(await page.getByText('No records match the filter.').isVisible());
      await page.getByRole('searchbox').fill('');

      const mechanism = records.find((r) => r.mechanism)?.mechanism;
      await page.getByLabel('Mechanism').selectOption(mechanism);
      assert.equal(await visibleRows.count(), records.filter((r) => r.mechanism === mechanism).length);
      await page.getByLabel('Mechanism').selectOption('');

      await visibleRows.first().click();
      await visibleRows.nth(1).focus();
      await page.keyboard.press('Enter');
      await page.locator('.timeline-entry').first().click();
      const posted = await page.evaluate(() => window.__posted);
      assert.equal(posted.length, 3);
      for (const message of posted) {
        assert.equal(message.type, 'open');
        assert.ok(records.some((r) => r.uri === message.uri && r.line === message.line), `posted a known record: ${message.uri}`);
      }
      const state = await page.evaluate(() => window.__state);
      assert.equal(state.sort, 'title', 'sort order is kept in the webview state');

      assert.ok(await page.locator('.timeline').getByText('2024', { exact: true }).isVisible());
      await assertClean(opened);
      await page.screenshot({ path: path.join(OUT, 'overview.png'), fullPage: true });
    } finally {
      await opened.close();
    }
  });

  test('outside VS Code the page still works and clicking does nothing harmful', async () => {
    const opened = await openPage(renderer.renderOverviewPage(summaries(), OPTIONS), 'overview-browser');
    try {
      await opened.page.locator('#records tbody tr').first().click();
      await opened.page.getByRole('button', { name: 'Date', exact: true }).click();
      assert.equal(await opened.page.locator('th[data-sort="date"]').getAttribute('aria-sort'), 'ascending');
      await assertClean(opened);
    } finally {
      await opened.close();
    }
  });
});
