import * as l10n from '@vscode/l10n';
import { partyName } from '../core/l10n';
import { partyKindLabel, relationshipLevel, resolvedEntry, summaryOf, type CatalogIndex, type DocumentEntry, type MechanismEntry, type PartyEntry } from '../core/catalog';
import { catalogDate, heldText, memberships, membershipsOf, membershipText, type SeriesReading } from '../core/timeline';

/**
 * Markdown cards for catalog entries, shared by hover and completion. Catalog
 * and record text is escaped: a title full of `*`, `[` or `<` shows as typed.
 */

export function escapeMarkdown(text: string): string {
  // Only what changes inline rendering: cards never start a line with record text, so `-`, `+`, `#` and `.` stay plain.
  return text.replace(/[\\`*_{}[\]<>|~]/g, (ch) => `\\${ch}`);
}

/** Escaped text that starts a line: a leading `#`, `-`, `+`, `=` or `1.` must not become a heading or a list. */
function escapeLine(text: string): string {
  return escapeMarkdown(text).replace(/^([#+=-])/, '\\$1').replace(/^(\d+)([.)])/, '$1\\$2');
}

export function kindLabel(kind: unknown): string {
  return partyKindLabel(kind) ?? (typeof kind === 'string' ? kind : l10n.t('Party'));
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string' && value.trim() !== '') return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

function year(value: unknown): string | undefined {
  const t = text(value);
  return t ? (/^\d{4}/.exec(t)?.[0] ?? t) : undefined;
}

export function partyCard(entry: PartyEntry, catalog: CatalogIndex): string {
  const name = escapeMarkdown(text(entry.name) ?? '');
  const vi = text(entry.name_vi);
  const lines: string[] = [`**${name}**${vi ? ` · ${escapeMarkdown(vi)}` : ''}`];
  const facts: string[] = [kindLabel(entry.kind)];
  // Dates as precise as the catalog has them: Timor-Leste joined on 2025-10-26, not merely in 2025.
  const joined = catalogDate(entry.joined) ?? year(entry.joined);
  if (joined) facts.push(l10n.t('member of ASEAN since {0}', joined));
  const founded = catalogDate(entry.founded);
  if (founded) facts.push(l10n.t('founded {0}', founded));
  const since = catalogDate(entry.dialogue_since) ?? year(entry.dialogue_since);
  if (since) facts.push(l10n.t('dialogue relations since {0}', since));
  lines.push(facts.join(' · '));
  const relationship = entry.relationship;
  if (relationship && typeof relationship === 'object' && text(relationship.level)) {
    const when = catalogDate(relationship.date) ?? year(relationship.since);
    const level = escapeMarkdown(relationshipLevel(String(relationship.level)));
    lines.push(when ? l10n.t('Relationship: {0} since {1}', level, when) : l10n.t('Relationship: {0}', level));
  }
  const dated = membershipsOf(entry, catalog.data.mechanisms).filter(({ membership }) => membership.since !== undefined || membership.until !== undefined);
  if (dated.length > 0) {
    lines.push(l10n.t('Membership: {0}', dated.map(({ mechanism, membership }) => escapeMarkdown(membershipText({ ...membership, name: mechanism.name }))).join(', ')));
  }
  if (Array.isArray(entry.mechanisms) && entry.mechanisms.length > 0) {
    lines.push(l10n.t('Mechanisms: {0}', entry.mechanisms.filter((m) => typeof m === 'string').map(escapeMarkdown).join(', ')));
  }
  const summary = summaryOf(entry);
  if (summary) lines.push(`_${escapeMarkdown(summary)}_`);
  return lines.join('\n\n');
}

export function mechanismCard(entry: MechanismEntry, catalog: CatalogIndex): string {
  const lines: string[] = [`**${escapeMarkdown(text(entry.name) ?? '')}** — ${escapeMarkdown(text(entry.full_name) ?? '')}`];
  const vi = text(entry.full_name_vi);
  if (vi) lines.push(escapeLine(vi));
  const founded = text(entry.founded);
  if (founded) lines.push(l10n.t('Founded {0}', escapeMarkdown(founded)));
  const members = memberships(entry);
  if (members.length > 0) {
    const asean = catalog.parties.filter((p) => p.kind === 'asean-member').length;
    const named = members.map((m) => escapeMarkdown(membershipText({ ...m, name: memberName(m.name, catalog) })));
    lines.push(l10n.t('Members: the {0} ASEAN member states and {1}', asean, named.join(', ')));
  }
  const known = Array.isArray(entry.meetings) ? entry.meetings.length : 0;
  if (text(entry.series_prefix) && (typeof entry.first_year === 'number' || known > 0)) {
    const prefix = escapeMarkdown(String(entry.series_prefix));
    const table = known === 0 ? '' : known === 1 ? l10n.t('1 numbered meeting on record') : l10n.t('{0} numbered meetings on record', known);
    const rule =
      typeof entry.first_year !== 'number'
        ? ''
        : table
          ? l10n.t(', others {0}-N held in {1} + N', prefix, entry.first_year)
          : l10n.t('{0}-N held in {1} + N', prefix, entry.first_year);
    lines.push(l10n.t('Numbered series {0}-N: {1}', prefix, `${table}${rule}`));
  }
  const summary = summaryOf(entry);
  if (summary) lines.push(`_${escapeMarkdown(summary)}_`);
  return lines.join('\n\n');
}

export function documentCard(entry: DocumentEntry): string {
  const lines: string[] = [`**${escapeMarkdown(text(entry.title) ?? '')}**`];
  const facts: string[] = [];
  if (text(entry.type)) facts.push(escapeMarkdown(String(entry.type)));
  if (typeof entry.year === 'number') facts.push(String(entry.year));
  if (facts.length) lines.push(facts.join(' · '));
  if (Array.isArray(entry.parties) && entry.parties.length > 0) {
    lines.push(l10n.t('Parties: {0}', entry.parties.filter((p) => typeof p === 'string').map(escapeMarkdown).join(', ')));
  }
  const summary = summaryOf(entry);
  if (summary) lines.push(`_${escapeMarkdown(summary)}_`);
  return lines.join('\n\n');
}

/** The hover for a `series` value: which meeting it is, and when and where it was held. */
export function seriesCard({ series, mechanism, held }: SeriesReading): string {
  const fullName = text(mechanism.full_name);
  const source = held.meeting?.source;
  const link = typeof source === 'string' ? source : Array.isArray(source) ? source.find((s) => typeof s === 'string') : undefined;
  const lines = [`**${escapeMarkdown(series)}**${fullName ? ` — ${escapeMarkdown(fullName)}` : ''}`, escapeMarkdown(heldText(held).replace(/^./, (c) => c.toUpperCase()))];
  if (link && /^https?:\/\//.test(link)) lines.push(l10n.t('Source: {0}', `<${link.replace(/[<>]/g, '')}>`));
  return lines.join('\n\n');
}

export interface RecordLink {
  id?: string;
  title?: string;
  uri: string;
  line: number;
}

/** "Mentioned in 3 records in this workspace:" with a link to each (at most `max`). */
export function recordLinks(heading: string, links: readonly RecordLink[], max = 10): string {
  if (links.length === 0) return l10n.t('{0}: none in this workspace.', heading);
  const shown = links.slice(0, max).map((link) => {
    const label = escapeMarkdown(link.id ?? link.title ?? l10n.t('record'));
    const title = link.title && link.id ? ` — ${escapeMarkdown(link.title)}` : '';
    return `- [${label}](${link.uri}#L${link.line + 1})${title}`;
  });
  const more = links.length > max ? [`- ${l10n.t('… and {0} more', links.length - max)}`] : [];
  const intro = links.length === 1 ? l10n.t('{0} 1 record in this workspace:', heading) : l10n.t('{0} {1} records in this workspace:', heading, links.length);
  return [intro, ...shown, ...more].join('\n');
}

/** A member of a mechanism as the language names it: Nhật Bản for Japan in Vietnamese. */
function memberName(name: string, catalog: CatalogIndex): string {
  const party = resolvedEntry(catalog.resolveParty(name));
  return party ? partyName(party) : name;
}

