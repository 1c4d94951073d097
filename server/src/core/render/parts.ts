/**
 * Small building blocks of the preview: chips for catalog names, badges,
 * and a generic renderer for values of unexpected shape.
 */
import * as l10n from '@vscode/l10n';
import type { CatalogIndex } from '../catalog';
import { ambiguousHoverText, lookUpMechanism, lookUpParty, mechanismHoverText, partyHoverText, unknownHoverText } from './catalogText';
import { html, type Html } from './html';
import { capped, enumLabel, isDict, listOf, textOf } from './values';

/** Nesting deeper than this is summarised: it keeps deep or cyclic (aliased) values from recursing without end. */
const MAX_VALUE_DEPTH = 4;

/**
 * A party name as a chip. Its `title` is the catalog's hover text; an alias
 * shows the canonical name beside it, and an unknown name looks different
 * (dashed, marked) so it stands out before the reader hovers.
 */
export function partyChip(value: unknown, catalog: CatalogIndex): Html {
  const name = textOf(value);
  if (name === undefined) return html`<span class="chip chip-invalid" title="${l10n.t('Not a party name')}">${renderValue(value)}</span>`;
  const found = lookUpParty(catalog, name);
  switch (found.kind) {
    case 'canonical':
      return html`<span class="chip ${kindClass(found.entry.kind)}" title="${partyHoverText(found.entry)}">${name}</span>`;
    case 'alias':
      return html`<span class="chip ${kindClass(found.entry.kind)}" title="${partyHoverText(found.entry)}">${name}<span class="chip-canonical"> → ${found.canonical}</span></span>`;
    case 'ambiguous':
      return html`<span class="chip chip-unknown" title="${ambiguousHoverText(found.candidates.map((c) => c.name))}"><span class="chip-mark" aria-hidden="true">?</span>${name}</span>`;
    default:
      return html`<span class="chip chip-unknown" title="${unknownHoverText('party', found.suggestions)}"><span class="chip-mark" aria-hidden="true">?</span>${name}</span>`;
  }
}

const KIND_CLASSES: ReadonlySet<string> = new Set([
  'asean-member',
  'dialogue-partner',
  'sectoral-partner',
  'development-partner',
  'organisation',
]);

/** Colour class by party kind, from a fixed set: a workspace catalog's text never becomes a class name. */
function kindClass(kind: unknown): string {
  return typeof kind === 'string' && KIND_CLASSES.has(kind) ? `chip-${kind}` : 'chip-other';
}

export function partyChips(value: unknown, catalog: CatalogIndex): Html {
  const { shown, hidden } = capped(listOf(value));
  return html`<div class="chips">${shown.map((item) => partyChip(item, catalog))}${moreNote(hidden)}</div>`;
}

export function mechanismBadge(value: unknown, catalog: CatalogIndex): Html {
  const name = textOf(value);
  if (name === undefined) return html`<span class="badge badge-invalid">${renderValue(value)}</span>`;
  const found = lookUpMechanism(catalog, name);
  if (found.kind === 'unknown' || found.kind === 'ambiguous') {
    const hover = found.kind === 'unknown' ? unknownHoverText('mechanism', found.suggestions) : ambiguousHoverText(found.candidates.map((c) => c.name));
    return html`<span class="badge badge-unknown" title="${hover}">? ${name}</span>`;
  }
  return html`<span class="badge badge-mechanism" title="${mechanismHoverText(found.entry)}">${name}</span>`;
}

/** A badge for an enum-like value; the CSS class comes from a fixed list, never from the value itself. */
export function enumBadge(kind: 'level' | 'format' | 'series' | 'type', value: unknown): Html | undefined {
  const text = textOf(value);
  if (text === undefined) return value === undefined ? undefined : html`<span class="badge badge-invalid">${renderValue(value)}</span>`;
  return html`<span class="badge badge-${kind}">${kind === 'series' ? text : enumLabel(text)}</span>`;
}

const STATUS_TONES: Readonly<Record<string, string>> = {
  adopted: 'done',
  signed: 'done',
  ratified: 'done',
  implemented: 'done',
  proposed: 'pending',
  planned: 'pending',
  'under-negotiation': 'pending',
  reviewed: 'neutral',
  noted: 'neutral',
};

export function statusBadge(value: unknown): Html | undefined {
  const text = textOf(value);
  if (text === undefined) return value === undefined ? undefined : renderValue(value);
  const tone = Object.prototype.hasOwnProperty.call(STATUS_TONES, text) ? STATUS_TONES[text] : 'neutral';
  return html`<span class="badge status status-${tone}">${enumLabel(text)}</span>`;
}

/**
 * Any value, whatever its shape: scalars as text, lists as lists, mappings as
 * key–value lists. Used where a field holds the wrong type, so the reader
 * still sees it instead of a gap.
 */
export function renderValue(value: unknown, depth = 0): Html {
  const text = textOf(value);
  if (text !== undefined) return html`${text}`;
  if (value === null || value === undefined || typeof value === 'string') return html`<span class="empty">${l10n.t('(empty)')}</span>`;
  if (depth >= MAX_VALUE_DEPTH) return html`<span class="empty">…</span>`;
  if (Array.isArray(value)) {
    const { shown, hidden } = capped(value);
    return html`<ul class="raw-list">${shown.map((item) => html`<li>${renderValue(item, depth + 1)}</li>`)}${hidden > 0 && html`<li>${moreNote(hidden)}</li>`}</ul>`;
  }
  if (isDict(value)) {
    const { shown, hidden } = capped(Object.entries(value));
    return html`<dl class="raw-map">${(shown as Array<[string, unknown]>).map(
      ([key, item]) => html`<dt>${key}</dt><dd>${renderValue(item, depth + 1)}</dd>`,
    )}</dl>${moreNote(hidden)}`;
  }
  // Functions, symbols and the like cannot come from YAML; show their type rather than guess.
  return html`<span class="empty">(${typeof value})</span>`;
}

export function moreNote(hidden: number): Html | undefined {
  return hidden > 0 ? html`<span class="more">${l10n.t('… and {0} more not shown', hidden)}</span>` : undefined;
}
