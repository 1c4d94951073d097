/**
 * The live preview of one record file: every record in it, with a problems
 * banner when it does not validate. Pure: the same page serves the VS Code
 * webview and the CLI's `render` command.
 */
import * as l10n from '@vscode/l10n';
import type { CatalogIndex } from '../catalog';
import { formatNumber } from '../l10n';
import type { Diagnostic } from '../types';
import { html, type Html } from './html';
import { renderPage, type PageOptions } from './page';
import { renderProblems } from './problems';
import { recordTitle, renderRecord } from './record';

export interface PreviewInput {
  /** One value per YAML document of the file, as parsed; any shape. */
  records: ReadonlyArray<unknown>;
  diagnostics: readonly Diagnostic[];
  catalog: CatalogIndex;
  /** Shown when the file holds no readable title. */
  fileName: string;
  /** Records rendered at most; the rest are counted in a note. All when unset. */
  maxRecords?: number;
}

export interface PreviewPage {
  html: string;
  /** Plain text (not escaped), for the editor tab or panel title. */
  title: string;
}

/**
 * Keeps the reader's place when the webview reloads on each edit. Outside
 * VS Code (`acquireVsCodeApi` missing) it does nothing at all.
 */
const SCROLL_STATE_SCRIPT = String.raw`(function () {
  if (typeof acquireVsCodeApi !== 'function') return;
  var vscode = acquireVsCodeApi();
  var state = vscode.getState() || {};
  if (typeof state.scrollY === 'number') window.scrollTo(0, state.scrollY);
  var queued = false;
  window.addEventListener('scroll', function () {
    if (queued) return;
    queued = true;
    requestAnimationFrame(function () {
      queued = false;
      vscode.setState({ scrollY: window.scrollY });
    });
  }, { passive: true });
})();`;

export function renderPreviewPage(input: PreviewInput, options: PageOptions): PreviewPage {
  const title = pageTitle(input);
  const body = html`<main>
${renderProblems(input.diagnostics)}
${renderBody(input)}
</main>`;
  return { html: renderPage({ title, body, script: SCROLL_STATE_SCRIPT }, options), title };
}

function renderBody({ records, catalog, fileName, maxRecords = Infinity }: PreviewInput): Html {
  if (!records.length) {
    return html`<p class="placeholder">${withCode(l10n.t('No records in {0} yet.'), fileName)}</p>`;
  }
  const shown = records.slice(0, maxRecords);
  const hidden = records.length - shown.length;
  return html`${records.length > 1 && contents(records.length, shown)}${shown.map((record, i) => renderRecord(record, i, catalog))}${
    hidden > 0 && html`<p class="placeholder">${l10n.t('… and {0} more records, not shown: the preview shows the first {1}.', formatNumber(hidden), formatNumber(shown.length))}</p>`
  }`;
}

/** A file with several records starts with a list of them, each linking to its section. */
function contents(total: number, shown: ReadonlyArray<unknown>): Html {
  return html`<nav class="file-contents" aria-label="${l10n.t('Records in this file')}">${l10n.t('This file holds {0} records:', formatNumber(total))}
<ol>${shown.map((record, i) => html`<li><a href="#record-${i + 1}">${recordTitle(record) ?? l10n.t('Document {0}', i + 1)}</a></li>`)}</ol></nav>`;
}

/** A translated sentence whose `{0}` is shown as code (a file name): the sentence is the translator's, the markup is ours. */
function withCode(sentence: string, code: string): Html {
  const at = sentence.indexOf('{0}');
  if (at < 0) return html`${sentence} <code>${code}</code>`;
  return html`${sentence.slice(0, at)}<code>${code}</code>${sentence.slice(at + 3)}`;
}

function pageTitle({ records, fileName }: PreviewInput): string {
  const first = records.length ? recordTitle(records[0]) : undefined;
  if (!first) return fileName;
  return records.length > 1 ? l10n.t('{0} (+{1} more)', first, records.length - 1) : first;
}
