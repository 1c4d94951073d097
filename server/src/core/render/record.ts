/**
 * One record as a readable page section. Every field is optional here: the
 * validator reports what is missing or malformed, the preview shows the rest.
 */
import * as l10n from '@vscode/l10n';
import { resolvedEntry, type CatalogIndex } from '../catalog';
import { formatDate, formatDateRange } from './dates';
import { html, httpUrl, type Html } from './html';
import { enumBadge, mechanismBadge, moreNote, partyChip, partyChips, renderValue, statusBadge } from './parts';
import { capped, field, isDict, listOf, textOf } from './values';
import { heldText, readSeries } from '../timeline';

/** Fields the format defines; anything else is shown under "Other fields" so a typo is visible, not lost. */
const KNOWN_FIELDS: ReadonlySet<string> = new Set([
  'version', 'id', 'title', 'title_en', 'mechanism', 'level', 'series', 'date', 'end_date', 'format',
  'location', 'chair', 'partners', 'participants', 'delegations', 'topics', 'documents', 'initiatives',
  'outcomes', 'follow_up', 'source', 'notes',
]);

/** The text a record is known by: its title, else its id. */
export function recordTitle(record: unknown): string | undefined {
  return textOf(field(record, 'title')) ?? textOf(field(record, 'id'));
}

/** `index` is the record's 0-based position in its file; it makes the anchor for the file's table of contents. */
export function renderRecord(record: unknown, index: number, catalog: CatalogIndex): Html {
  if (!isDict(record)) return renderNonRecord(record, index);
  return html`<article class="record" id="record-${index + 1}">
${renderHeader(record, catalog)}
${renderSections(record, catalog)}
</article>`;
}

function renderNonRecord(value: unknown, index: number): Html {
  const what =
    value === null || value === undefined
      ? l10n.t('A record is a mapping of fields; this document is empty.')
      : Array.isArray(value)
        ? l10n.t('A record is a mapping of fields; this document is a list.')
        : l10n.t('A record is a mapping of fields; this document is a single value.');
  return html`<article class="record record-invalid" id="record-${index + 1}">
<header class="record-header"><h1 class="untitled">${l10n.t('Document {0} is not a record', index + 1)}</h1>
<p class="subtitle">${what}</p></header>
${value !== null && value !== undefined && html`<section class="card"><h2>${l10n.t('Content')}</h2>${renderValue(value)}</section>`}
</article>`;
}

function renderHeader(record: Record<string, unknown>, catalog: CatalogIndex): Html {
  const title = field(record, 'title');
  const titleEn = field(record, 'title_en');
  return html`<header class="record-header">
<div class="badges">${badges(record, catalog)}</div>
${title === undefined ? html`<h1 class="untitled">${l10n.t('Untitled record')}</h1>` : html`<h1>${textOrValue(title)}</h1>`}
${titleEn !== undefined && html`<p class="subtitle" lang="en">${textOrValue(titleEn)}</p>`}
<dl class="facts">${facts(record, catalog)}</dl>
</header>`;
}

function badges(record: Record<string, unknown>, catalog: CatalogIndex): Html {
  const mechanism = field(record, 'mechanism');
  return html`${mechanism !== undefined && mechanismBadge(mechanism, catalog)}${enumBadge('series', field(record, 'series'))}${enumBadge('level', field(record, 'level'))}${enumBadge('format', field(record, 'format'))}`;
}

function facts(record: Record<string, unknown>, catalog: CatalogIndex): Html[] {
  const rows: Html[] = [];
  const when = dateText(field(record, 'date'), field(record, 'end_date'));
  if (when) rows.push(fact(l10n.t('Date'), when));
  const place = field(record, 'location');
  if (place !== undefined) rows.push(fact(l10n.t('Place'), placeText(place, catalog)));
  const chair = field(record, 'chair');
  if (chair !== undefined) rows.push(fact(l10n.t('Chair'), partyChip(chair, catalog)));
  // The numbered meeting as held (place and date from the catalog's table), beside the record's own date to compare.
  const series = readSeries(field(record, 'series'), catalog);
  if (series) rows.push(fact(l10n.t('Series'), html`${series.series}, ${heldText(series.held)}`));
  const id = field(record, 'id');
  if (id !== undefined) rows.push(fact(l10n.t('Record'), html`<code>${textOrValue(id)}</code>`));
  return rows;
}

function fact(label: string, value: Html): Html {
  return html`<div class="fact"><dt>${label}</dt><dd>${value}</dd></div>`;
}

function dateText(date: unknown, endDate: unknown): Html | undefined {
  const start = textOf(date);
  const end = textOf(endDate);
  if (start !== undefined) return html`<time datetime="${start}">${formatDateRange(start, end)}</time>`;
  if (date === undefined && end === undefined) return undefined;
  return html`${date !== undefined && renderValue(date)}${end !== undefined && html` – ${formatDate(end)}`}`;
}

/** "Venue, City, Country" in the order a reader expects, the country as a catalog chip. */
function placeText(location: unknown, catalog: CatalogIndex): Html {
  if (!isDict(location)) return textOrValue(location);
  const parts: Html[] = [];
  for (const key of ['venue', 'city']) {
    const value = field(location, key);
    if (value !== undefined) parts.push(textOrValue(value));
  }
  const country = field(location, 'country');
  if (country !== undefined) parts.push(partyChip(country, catalog));
  const extra = Object.keys(location).filter((key) => !['venue', 'city', 'country'].includes(key));
  if (extra.length) parts.push(renderValue(Object.fromEntries(extra.map((key) => [key, location[key]]))));
  return html`${parts.map((part, i) => html`${i > 0 && ', '}${part}`)}`;
}

function renderSections(record: Record<string, unknown>, catalog: CatalogIndex): Html {
  return html`${[
    section(record, 'partners', l10n.t('Partners'), (v) => partyChips(v, catalog)),
    section(record, 'participants', l10n.t('Participants'), (v) => partyChips(v, catalog)),
    section(record, 'delegations', l10n.t('Delegations'), (v) => delegationsTable(v, catalog)),
    section(record, 'topics', l10n.t('Topics'), topicList),
    section(record, 'documents', l10n.t('Documents'), (v) => documentsTable(v, catalog)),
    section(record, 'initiatives', l10n.t('Initiatives'), (v) => initiativeList(v, catalog)),
    section(record, 'outcomes', l10n.t('Outcomes'), plainList),
    section(record, 'follow_up', l10n.t('Follow-up'), (v) => followUpList(v, catalog)),
    section(record, 'notes', l10n.t('Notes'), (v) => html`<p class="notes">${textOrValue(v)}</p>`),
    section(record, 'source', l10n.t('Source'), sourceDetails),
    otherFields(record),
  ]}`;
}

/** A titled card for one field, or nothing when the record lacks it. */
function section(record: Record<string, unknown>, key: string, label: string, body: (value: unknown) => Html): Html | undefined {
  const value = field(record, key);
  if (value === undefined) return undefined;
  const count = Array.isArray(value) && value.length > 1 ? html` <span class="count">${value.length}</span>` : undefined;
  return html`<section class="card card-${key}"><h2>${label}${count}</h2>${body(value)}</section>`;
}

function delegationsTable(value: unknown, catalog: CatalogIndex): Html {
  const { shown, hidden } = capped(listOf(value));
  const rows = shown.map((item) =>
    isDict(item)
      ? html`<tr><td>${cell(field(item, 'party'), (v) => partyChip(v, catalog))}</td><td>${cell(field(item, 'head'))}</td><td>${cell(field(item, 'role'))}</td></tr>`
      : html`<tr><td colspan="3">${renderValue(item)}</td></tr>`,
  );
  return html`<table><thead><tr><th scope="col">${l10n.t('Party')}</th><th scope="col">${l10n.t('Head of delegation')}</th><th scope="col">${l10n.t('Role')}</th></tr></thead>
<tbody>${rows}</tbody></table>${moreNote(hidden)}`;
}

function documentsTable(value: unknown, catalog: CatalogIndex): Html {
  const { shown, hidden } = capped(listOf(value));
  const rows = shown.map((item) =>
    isDict(item)
      ? html`<tr><td>${documentTitle(field(item, 'title'), catalog)}</td><td>${cell(field(item, 'type'), (v) => enumBadge('type', v) ?? renderValue(v))}</td><td>${cell(field(item, 'status'), (v) => statusBadge(v) ?? renderValue(v))}</td><td>${cell(field(item, 'period'))}</td><td>${cell(field(item, 'parties'), (v) => partyChips(v, catalog))}</td></tr>`
      : html`<tr><td colspan="5">${renderValue(item)}</td></tr>`,
  );
  return html`<table><thead><tr><th scope="col">${l10n.t('Title')}</th><th scope="col">${l10n.t('Type')}</th><th scope="col">${l10n.t('Status')}</th><th scope="col">${l10n.t('Period')}</th><th scope="col">${l10n.t('Parties')}</th></tr></thead>
<tbody>${rows}</tbody></table>${moreNote(hidden)}`;
}

/** A document's title, with the catalog's canonical title and year as its hover when the catalog knows it. */
function documentTitle(value: unknown, catalog: CatalogIndex): Html {
  const title = textOf(value);
  if (title === undefined) return cell(value);
  let hover: string | undefined;
  try {
    const found = title.length <= 500 ? resolvedEntry(catalog.resolveDocument(title)) : undefined;
    if (found) {
      const year = textOf(found.year);
      const canonical = textOf(found.title) ?? title;
      hover = year ? l10n.t('In the catalog: {0} ({1})', canonical, year) : l10n.t('In the catalog: {0}', canonical);
    }
  } catch {
    hover = undefined;
  }
  return hover ? html`<span class="doc-title known" title="${hover}">${title}</span>` : html`<span class="doc-title">${title}</span>`;
}

function topicList(value: unknown): Html {
  const { shown, hidden } = capped(listOf(value));
  return html`<ul class="tags">${shown.map((item) => html`<li>${textOrValue(item)}</li>`)}</ul>${moreNote(hidden)}`;
}

function plainList(value: unknown): Html {
  const { shown, hidden } = capped(listOf(value));
  return html`<ul class="items">${shown.map((item) => html`<li>${textOrValue(item)}</li>`)}</ul>${moreNote(hidden)}`;
}

function initiativeList(value: unknown, catalog: CatalogIndex): Html {
  const { shown, hidden } = capped(listOf(value));
  const items = shown.map((item) => {
    if (!isDict(item)) return html`<li>${textOrValue(item)}</li>`;
    const by = field(item, 'proposed_by');
    return html`<li>${cell(field(item, 'title'))}${by !== undefined && html` <span class="by">${sentenceWith(l10n.t('proposed by {0}'), partyChip(by, catalog))}</span>`}</li>`;
  });
  return html`<ul class="items">${items}</ul>${moreNote(hidden)}`;
}

function followUpList(value: unknown, catalog: CatalogIndex): Html {
  const { shown, hidden } = capped(listOf(value));
  const items = shown.map((item) => {
    if (!isDict(item)) return html`<li>${textOrValue(item)}</li>`;
    const date = field(item, 'date');
    const mechanism = field(item, 'mechanism');
    return html`<li>${date !== undefined && html`<span class="when">${dateText(date, undefined)}</span> `}${cell(field(item, 'title'))}${mechanism !== undefined && html` ${mechanismBadge(mechanism, catalog)}`}</li>`;
  });
  return html`<ul class="items">${items}</ul>${moreNote(hidden)}`;
}

/** Provenance; only an absolute http(s) URL becomes a link, anything else (javascript:, data:, …) stays text. */
function sourceDetails(value: unknown): Html {
  if (!isDict(value)) return textOrValue(value);
  const rows: Html[] = [];
  const url = field(value, 'url');
  if (url !== undefined) rows.push(fact(l10n.t('Link'), sourceLink(url)));
  const publisher = field(value, 'publisher');
  if (publisher !== undefined) rows.push(fact(l10n.t('Publisher'), textOrValue(publisher)));
  const published = field(value, 'published');
  if (published !== undefined) rows.push(fact(l10n.t('Published'), dateText(published, undefined) ?? renderValue(published)));
  const language = field(value, 'language');
  if (language !== undefined) rows.push(fact(l10n.t('Language'), textOrValue(language)));
  const article = field(value, 'article');
  if (article !== undefined) rows.push(fact(l10n.t('Article'), html`<code>${textOrValue(article)}</code>`));
  const known = new Set(['url', 'publisher', 'published', 'language', 'article']);
  for (const key of Object.keys(value).filter((k) => !known.has(k))) rows.push(fact(key, renderValue(value[key])));
  return html`<dl class="facts">${rows}</dl>`;
}

function sourceLink(value: unknown): Html {
  const text = textOf(value);
  if (text === undefined) return renderValue(value);
  const href = httpUrl(text);
  return href ? html`<a href="${href}" rel="noopener noreferrer">${text}</a>` : html`<span class="url-text">${text}</span>`;
}

function otherFields(record: Record<string, unknown>): Html | undefined {
  const extra = Object.keys(record).filter((key) => !KNOWN_FIELDS.has(key));
  if (!extra.length) return undefined;
  return html`<section class="card card-other"><h2>${l10n.t('Other fields')}</h2><p class="hint">${l10n.t('These fields are not part of the record format.')}</p>
<dl class="facts">${extra.map((key) => fact(key, renderValue(record[key])))}</dl></section>`;
}

/** A translated phrase with markup in the place of its `{0}`: the words are the translator's, the markup is ours. */
function sentenceWith(sentence: string, part: Html): Html {
  const at = sentence.indexOf('{0}');
  if (at < 0) return html`${sentence} ${part}`;
  return html`${sentence.slice(0, at)}${part}${sentence.slice(at + 3)}`;
}

/** Text as text, any other shape through the generic renderer. */
function textOrValue(value: unknown): Html {
  const text = textOf(value);
  return text !== undefined ? html`${text}` : renderValue(value);
}

/** A table cell's content; missing values show a dash so columns stay aligned. */
function cell(value: unknown, render: (value: unknown) => Html = textOrValue): Html {
  return value === undefined ? html`<span class="empty">—</span>` : render(value);
}
