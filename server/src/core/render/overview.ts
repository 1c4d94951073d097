/**
 * The meetings overview: every record of the workspace as a sortable,
 * filterable table and a timeline by year. The rows are rendered here, so the
 * page reads without script; the one script only re-orders, hides and opens.
 */
import * as l10n from '@vscode/l10n';
import type { RecordSummary } from '../../protocol';
import { formatDate, parseCalendarDate } from './dates';
import { html, jsonForScriptBlock, type Html } from './html';
import { renderPage, type PageOptions } from './page';
import { enumLabel, textOf } from './values';

/** What the script needs per row (index i here is row `data-index="i"`): the record's summary as the server sent it. */
type RowData = RecordSummary;

/** Partners listed in a row before "+N"; the cell's hover lists them all. */
const PARTNERS_IN_ROW = 4;

export function renderOverviewPage(records: readonly RecordSummary[], options: PageOptions): string {
  const rows = records.map(toRowData).sort(newestFirst);
  const body = html`<main class="overview">
${header(rows)}
${rows.length ? html`${toolbar(rows)}${table(rows)}${timeline(rows)}` : html`<p class="placeholder">${l10n.t('No meeting records in this workspace yet.')} ${l10n.t('Records are files named {0}.', '*.meeting.yaml')}</p>`}
</main>`;
  const data = html`<script type="application/json" id="data" nonce="${options.nonce}">${jsonForScriptBlock(rows)}</script>`;
  return renderPage({ title: l10n.t('Meetings overview'), styles: OVERVIEW_STYLES, body, head: data, script: OVERVIEW_SCRIPT }, options);
}

/** Summaries come over the wire from the server; anything malformed becomes a safe default. */
function toRowData(record: RecordSummary): RowData {
  const count = (n: unknown) => (typeof n === 'number' && Number.isFinite(n) && n > 0 ? Math.floor(n) : 0);
  return {
    uri: textOf(record.uri) ?? '',
    line: count(record.line),
    id: textOf(record.id) ?? '',
    title: textOf(record.title) ?? textOf(record.id) ?? l10n.t('(untitled)'),
    date: textOf(record.date),
    mechanism: textOf(record.mechanism),
    level: textOf(record.level),
    partners: Array.isArray(record.partners) ? record.partners.map((p) => textOf(p)).filter((p): p is string => p !== undefined) : [],
    errors: count(record.errors),
    warnings: count(record.warnings),
  };
}

/** Dated records newest first; a missing or malformed date sorts last rather than above every year. */
function newestFirst(a: RowData, b: RowData): number {
  const [x, y] = [sortableDate(a.date), sortableDate(b.date)];
  if (x === y) return a.title.localeCompare(b.title);
  if (x === undefined) return 1;
  if (y === undefined) return -1;
  return x < y ? 1 : -1;
}

function sortableDate(date: string | undefined): string | undefined {
  return date !== undefined && parseCalendarDate(date) ? date : undefined;
}

function header(rows: readonly RowData[]): Html {
  const withProblems = rows.filter((r) => r.errors > 0).length;
  const count = rows.length === 1 ? l10n.t('1 record') : l10n.t('{0} records', rows.length);
  return html`<header class="overview-header"><h1>${l10n.t('Meetings')}</h1>
<p class="subtitle">${count}${withProblems > 0 && html` · <span class="has-errors">${l10n.t('{0} with errors', withProblems)}</span>`}</p></header>`;
}

function toolbar(rows: readonly RowData[]): Html {
  const mechanisms = distinct(rows.flatMap((r) => (r.mechanism ? [r.mechanism] : [])));
  const partners = distinct(rows.flatMap((r) => r.partners));
  return html`<div class="toolbar" role="search">
<input type="search" id="filter-text" placeholder="${l10n.t('Filter by title, id, date, partner…')}" aria-label="${l10n.t('Filter records')}" autocomplete="off">
<select id="filter-mechanism" aria-label="${l10n.t('Mechanism')}"><option value="">${l10n.t('All mechanisms')}</option>${mechanisms.map((m) => html`<option value="${m}">${m}</option>`)}</select>
<select id="filter-partner" aria-label="${l10n.t('Partner')}"><option value="">${l10n.t('All partners')}</option>${partners.map((p) => html`<option value="${p}">${p}</option>`)}</select>
<span id="shown-count" class="shown-count" aria-live="polite" data-template="${l10n.t('{0} of {1}')}">${l10n.t('{0} of {1}', rows.length, rows.length)}</span>
</div>`;
}

function distinct(values: readonly string[]): string[] {
  return [...new Set(values)].sort((a, b) => a.localeCompare(b));
}

const columns = (): ReadonlyArray<{ key: string; label: string }> => [
  { key: 'date', label: l10n.t('Date') },
  { key: 'title', label: l10n.t('Title') },
  { key: 'mechanism', label: l10n.t('Mechanism') },
  { key: 'level', label: l10n.t('Level') },
  { key: 'partners', label: l10n.t('Partners') },
  { key: 'problems', label: l10n.t('Problems') },
];

function table(rows: readonly RowData[]): Html {
  const headers = columns().map(
    ({ key, label }) =>
      html`<th scope="col" data-sort="${key}"${key === 'date' && html` aria-sort="descending"`}><button type="button" class="sort" data-sort="${key}">${label}<span class="arrow" aria-hidden="true"></span></button></th>`,
  );
  return html`<table id="records" class="records">
<thead><tr>${headers}</tr></thead>
<tbody>${rows.map(tableRow)}</tbody>
</table>
<p id="no-match" class="placeholder" hidden>${l10n.t('No records match the filter.')}</p>`;
}

function tableRow(row: RowData, index: number): Html {
  const shownPartners = row.partners.slice(0, PARTNERS_IN_ROW).join(', ');
  const morePartners = row.partners.length - PARTNERS_IN_ROW;
  return html`<tr tabindex="0" data-index="${index}">
<td class="date">${row.date ? html`<time datetime="${row.date}">${formatDate(row.date)}</time>` : html`<span class="empty">—</span>`}</td>
<td class="title"><span class="record-title">${row.title}</span>${row.id && html`<code class="record-id">${row.id}</code>`}</td>
<td>${row.mechanism ? html`<span class="badge badge-mechanism">${row.mechanism}</span>` : html`<span class="empty">—</span>`}</td>
<td>${row.level ? enumLabel(row.level) : html`<span class="empty">—</span>`}</td>
<td class="partners" title="${row.partners.join(', ')}">${shownPartners}${morePartners > 0 && html` <span class="more-partners">+${morePartners}</span>`}</td>
<td>${problemsCell(row)}</td>
</tr>`;
}

/** Error and warning counts as badges; in the timeline a valid record shows nothing, to keep it calm. */
function problemsCell(row: RowData, place: 'table' | 'timeline' = 'table'): Html {
  if (!row.errors && !row.warnings) return place === 'table' ? html`<span class="ok">✓ ${l10n.t('valid')}</span>` : html``;
  const errors = row.errors === 1 ? l10n.t('1 error') : l10n.t('{0} errors', row.errors);
  const warnings = row.warnings === 1 ? l10n.t('1 warning') : l10n.t('{0} warnings', row.warnings);
  return html`<span class="problem-counts">${row.errors > 0 && html`<span class="badge problem-errors">${errors}</span>`}${row.warnings > 0 && html`<span class="badge problem-warnings">${warnings}</span>`}</span>`;
}

/** The timeline's group for records without a real date (a key, never shown as such). */
const UNDATED = 'undated';

/** Years newest first; within a year, meetings in calendar order, as a chronology reads. */
function timeline(rows: readonly RowData[]): Html {
  const years = new Map<string, Array<{ row: RowData; index: number }>>();
  rows.forEach((row, index) => {
    const year = (row.date && parseCalendarDate(row.date)?.year.toString()) ?? UNDATED;
    years.set(year, [...(years.get(year) ?? []), { row, index }]);
  });
  const ordered = [...years.entries()].sort(([a], [b]) => (a === UNDATED ? 1 : b === UNDATED ? -1 : b.localeCompare(a)));
  return html`<section class="timeline" aria-label="${l10n.t('Timeline')}"><h2>${l10n.t('Timeline')}</h2>
${ordered.map(([year, entries]) => html`<section class="year"><h3>${year === UNDATED ? l10n.t('Undated') : year}</h3><ol>${[...entries].sort(oldestFirst).map(timelineEntry)}</ol></section>`)}
</section>`;
}

function oldestFirst(a: { row: RowData }, b: { row: RowData }): number {
  const [x, y] = [sortableDate(a.row.date) ?? '', sortableDate(b.row.date) ?? ''];
  return x === y ? a.row.title.localeCompare(b.row.title) : x < y ? -1 : 1;
}

function timelineEntry({ row, index }: { row: RowData; index: number }): Html {
  return html`<li data-index="${index}"><button type="button" class="timeline-entry" data-index="${index}">
<span class="when">${row.date ? formatDate(row.date) : '—'}</span><span class="what">${row.title}</span>${row.mechanism && html`<span class="badge badge-mechanism">${row.mechanism}</span>`}${problemsCell(row, 'timeline')}
</button></li>`;
}

const OVERVIEW_STYLES = String.raw`
[hidden] { display: none !important; }
main.overview { max-width: 1200px; }
.overview-header h1 { margin-top: 0; }
.has-errors { color: var(--mr-error); }
.toolbar { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; margin: 0 0 14px; }
.toolbar input, .toolbar select {
  font: inherit; color: var(--mr-input-fg); background: var(--mr-input-bg);
  border: 1px solid var(--mr-input-border); border-radius: 4px; padding: 4px 8px;
}
.toolbar input { flex: 1 1 260px; min-width: 180px; }
.toolbar input:focus, .toolbar select:focus { outline: 1px solid var(--mr-focus); outline-offset: -1px; }
.shown-count { color: var(--mr-muted); margin-left: auto; font-variant-numeric: tabular-nums; }
.records th { padding: 0; }
.sort {
  font: inherit; font-weight: 600; color: var(--mr-muted); background: none; border: none;
  padding: 6px 10px 6px 0; cursor: pointer; text-align: left; width: 100%;
}
.sort:hover { color: var(--mr-fg); }
th[aria-sort="ascending"] .arrow::after { content: " ▲"; }
th[aria-sort="descending"] .arrow::after { content: " ▼"; }
th[aria-sort] .sort { color: var(--mr-fg); }
.records tbody tr { cursor: pointer; }
.records tbody tr:hover { background: var(--mr-hover); }
.records tbody tr:focus { outline: 1px solid var(--mr-focus); outline-offset: -1px; }
/* Short columns keep their words whole; only title and partners may break a long token. */
.records td { overflow-wrap: break-word; }
.records td.title, .records td.partners { overflow-wrap: anywhere; }
.records td.date { white-space: nowrap; font-variant-numeric: tabular-nums; }
.record-title { display: block; font-weight: 500; }
.record-id { display: block; color: var(--mr-muted); font-size: 0.8em; }
.records td.partners { color: var(--mr-fg); }
.more-partners { color: var(--mr-muted); }
.ok { color: var(--mr-green); white-space: nowrap; }
.problem-counts { display: inline-flex; flex-wrap: wrap; gap: 4px; }
.problem-counts .badge { margin: 0; }
.problem-errors { color: var(--mr-error); border-color: var(--mr-error); background: transparent; }
.problem-warnings { color: var(--mr-warning); border-color: var(--mr-warning); background: transparent; }
.timeline { margin-top: 32px; }
.timeline h3 { margin: 16px 0 6px; font-size: 1.1em; }
.timeline ol { list-style: none; margin: 0; padding: 0 0 0 14px; border-left: 2px solid var(--mr-border); }
.timeline-entry {
  font: inherit; color: var(--mr-fg); background: none; border: none; text-align: left; cursor: pointer;
  display: flex; gap: 10px; align-items: baseline; flex-wrap: wrap; padding: 4px 6px; width: 100%; border-radius: 4px;
}
.timeline-entry:hover { background: var(--mr-hover); }
.timeline-entry .when { color: var(--mr-muted); min-width: 9.5em; font-variant-numeric: tabular-nums; }
.timeline-entry .what { flex: 1 1 20em; }
body.vscode-high-contrast .records tbody tr:focus, body.vscode-high-contrast-light .records tbody tr:focus {
  outline: 2px solid var(--vscode-contrastActiveBorder, var(--mr-focus));
}
`;

/**
 * Sorting, filtering and opening, all client-side. Record data comes only
 * from the JSON block (never spliced into this source); `open` messages go to
 * the extension, and outside VS Code a click does nothing.
 */
const OVERVIEW_SCRIPT = String.raw`(function () {
  'use strict';
  var vscode = typeof acquireVsCodeApi === 'function' ? acquireVsCodeApi() : undefined;
  var dataBlock = document.getElementById('data');
  var records = JSON.parse((dataBlock && dataBlock.textContent) || '[]');
  var table = document.getElementById('records');
  if (!table) return;
  var tbody = table.tBodies[0];
  var rows = Array.prototype.slice.call(tbody.querySelectorAll('tr[data-index]'));
  var entries = Array.prototype.slice.call(document.querySelectorAll('.timeline li[data-index]'));
  var years = Array.prototype.slice.call(document.querySelectorAll('.timeline .year'));
  var textBox = document.getElementById('filter-text');
  var mechanismBox = document.getElementById('filter-mechanism');
  var partnerBox = document.getElementById('filter-partner');
  var shownCount = document.getElementById('shown-count');
  var noMatch = document.getElementById('no-match');
  var LEVELS = ['summit', 'ministerial', 'senior-officials', 'ambassadors', 'working-level', 'other'];
  var DESCENDING_FIRST = { date: true, problems: true };

  var saved = (vscode && vscode.getState()) || {};
  var state = {
    sort: typeof saved.sort === 'string' ? saved.sort : 'date',
    descending: typeof saved.descending === 'boolean' ? saved.descending : true,
    text: typeof saved.text === 'string' ? saved.text : '',
    mechanism: typeof saved.mechanism === 'string' ? saved.mechanism : '',
    partner: typeof saved.partner === 'string' ? saved.partner : ''
  };

  function fold(text) {
    return String(text || '').normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[\u0111\u0110]/g, 'd').toLowerCase();
  }
  var haystacks = records.map(function (r) {
    return fold([r.title, r.id, r.date, r.mechanism, r.level, (r.partners || []).join(' ')].join(' '));
  });

  function sortKey(record, key) {
    switch (key) {
      case 'problems': return record.errors * 100000 + record.warnings;
      case 'level': var at = LEVELS.indexOf(record.level); return at < 0 ? (record.level ? LEVELS.length : undefined) : at;
      case 'partners': return record.partners.length ? fold(record.partners.join(', ')) : undefined;
      case 'title': return fold(record.title);
      case 'date': return /^\d{4}-\d{2}(-\d{2})?$/.test(record.date || '') ? record.date : undefined;
      default: return record[key] === undefined ? undefined : fold(record[key]);
    }
  }

  /** Missing values sort last in either direction; ties keep newest first. */
  function compare(a, b) {
    var ka = sortKey(records[a], state.sort);
    var kb = sortKey(records[b], state.sort);
    if (ka === undefined && kb === undefined) return a - b;
    if (ka === undefined) return 1;
    if (kb === undefined) return -1;
    var order = ka < kb ? -1 : ka > kb ? 1 : a - b;
    return state.descending && ka !== kb ? -order : order;
  }

  function matches(index) {
    var record = records[index];
    if (!record) return false;
    if (state.mechanism && record.mechanism !== state.mechanism) return false;
    if (state.partner && record.partners.indexOf(state.partner) < 0) return false;
    var words = fold(state.text).split(/\s+/).filter(Boolean);
    return words.every(function (word) { return haystacks[index].indexOf(word) >= 0; });
  }

  function apply() {
    rows.slice().sort(function (x, y) { return compare(+x.dataset.index, +y.dataset.index); })
      .forEach(function (row) { tbody.appendChild(row); });
    var shown = 0;
    rows.forEach(function (row) {
      var visible = matches(+row.dataset.index);
      row.hidden = !visible;
      if (visible) shown++;
    });
    entries.forEach(function (entry) { entry.hidden = !matches(+entry.dataset.index); });
    years.forEach(function (year) { year.hidden = !year.querySelector('li:not([hidden])'); });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
      if (th.dataset.sort === state.sort) th.setAttribute('aria-sort', state.descending ? 'descending' : 'ascending');
      else th.removeAttribute('aria-sort');
    });
    if (shownCount) shownCount.textContent = (shownCount.getAttribute('data-template') || '{0} / {1}').replace('{0}', String(shown)).replace('{1}', String(records.length));
    if (noMatch) noMatch.hidden = shown > 0;
    if (vscode) vscode.setState(state);
  }

  function open(index) {
    var record = records[index];
    if (vscode && record && record.uri) vscode.postMessage({ type: 'open', uri: record.uri, line: record.line });
  }

  table.tHead.addEventListener('click', function (event) {
    var button = event.target.closest('button[data-sort]');
    if (!button) return;
    var key = button.dataset.sort;
    state.descending = key === state.sort ? !state.descending : Boolean(DESCENDING_FIRST[key]);
    state.sort = key;
    apply();
  });
  tbody.addEventListener('click', function (event) {
    var row = event.target.closest('tr[data-index]');
    if (row) open(+row.dataset.index);
  });
  tbody.addEventListener('keydown', function (event) {
    var row = event.target.closest('tr[data-index]');
    if (!row || (event.key !== 'Enter' && event.key !== ' ')) return;
    event.preventDefault();
    open(+row.dataset.index);
  });
  document.addEventListener('click', function (event) {
    var entry = event.target.closest('.timeline-entry');
    if (entry) open(+entry.dataset.index);
  });

  function restoreSelect(box, value) {
    if (!box) return '';
    var known = Array.prototype.some.call(box.options, function (o) { return o.value === value; });
    box.value = known ? value : '';
    return box.value;
  }
  if (textBox) {
    textBox.value = state.text;
    textBox.addEventListener('input', function () { state.text = textBox.value; apply(); });
  }
  state.mechanism = restoreSelect(mechanismBox, state.mechanism);
  state.partner = restoreSelect(partnerBox, state.partner);
  if (mechanismBox) mechanismBox.addEventListener('change', function () { state.mechanism = mechanismBox.value; apply(); });
  if (partnerBox) partnerBox.addEventListener('change', function () { state.partner = partnerBox.value; apply(); });
  apply();
})();`;
