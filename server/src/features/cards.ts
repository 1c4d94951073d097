import { partyKindLabel, type CatalogIndex, type DocumentEntry, type MechanismEntry, type PartyEntry } from '../core/catalog';
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
  return partyKindLabel(kind) ?? (typeof kind === 'string' ? kind : 'Party');
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
  if (joined) facts.push(`member of ASEAN since ${joined}`);
  const founded = catalogDate(entry.founded);
  if (founded) facts.push(`founded ${founded}`);
  const since = catalogDate(entry.dialogue_since) ?? year(entry.dialogue_since);
  if (since) facts.push(`dialogue relations since ${since}`);
  lines.push(facts.join(' · '));
  const relationship = entry.relationship;
  if (relationship && typeof relationship === 'object' && text(relationship.level)) {
    const when = catalogDate(relationship.date) ?? year(relationship.since);
    lines.push(`Relationship: ${escapeMarkdown(String(relationship.level))}${when ? ` since ${when}` : ''}`);
  }
  const dated = membershipsOf(entry, catalog.data.mechanisms).filter(({ membership }) => membership.since !== undefined || membership.until !== undefined);
  if (dated.length > 0) {
    lines.push(`Membership: ${dated.map(({ mechanism, membership }) => escapeMarkdown(membershipText({ ...membership, name: mechanism.name }))).join(', ')}`);
  }
  if (Array.isArray(entry.mechanisms) && entry.mechanisms.length > 0) {
    lines.push(`Mechanisms: ${entry.mechanisms.filter((m) => typeof m === 'string').map(escapeMarkdown).join(', ')}`);
  }
  const summary = text(entry.summary);
  if (summary) lines.push(`_${escapeMarkdown(summary)}_`);
  return lines.join('\n\n');
}

export function mechanismCard(entry: MechanismEntry, catalog: CatalogIndex): string {
  const lines: string[] = [`**${escapeMarkdown(text(entry.name) ?? '')}** — ${escapeMarkdown(text(entry.full_name) ?? '')}`];
  const vi = text(entry.full_name_vi);
  if (vi) lines.push(escapeLine(vi));
  const founded = text(entry.founded);
  if (founded) lines.push(`Founded ${escapeMarkdown(founded)}`);
  const members = memberships(entry);
  if (members.length > 0) {
    const asean = catalog.parties.filter((p) => p.kind === 'asean-member').length;
    lines.push(`Members: the ${asean} ASEAN member states and ${members.map((m) => escapeMarkdown(membershipText(m))).join(', ')}`);
  }
  const known = Array.isArray(entry.meetings) ? entry.meetings.length : 0;
  if (text(entry.series_prefix) && (typeof entry.first_year === 'number' || known > 0)) {
    const prefix = escapeMarkdown(String(entry.series_prefix));
    const table = known > 0 ? `${known} numbered meeting${known === 1 ? '' : 's'} on record` : '';
    const rule = typeof entry.first_year === 'number' ? `${table ? ', others ' : ''}${prefix}-N held in ${entry.first_year} + N` : '';
    lines.push(`Numbered series ${prefix}-N: ${table}${rule}`);
  }
  const summary = text(entry.summary);
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
    lines.push(`Parties: ${entry.parties.filter((p) => typeof p === 'string').map(escapeMarkdown).join(', ')}`);
  }
  const summary = text(entry.summary);
  if (summary) lines.push(`_${escapeMarkdown(summary)}_`);
  return lines.join('\n\n');
}

/** The hover for a `series` value: which meeting it is, and when and where it was held. */
export function seriesCard({ series, mechanism, held }: SeriesReading): string {
  const fullName = text(mechanism.full_name);
  const source = held.meeting?.source;
  const link = typeof source === 'string' ? source : Array.isArray(source) ? source.find((s) => typeof s === 'string') : undefined;
  const lines = [`**${escapeMarkdown(series)}**${fullName ? ` — ${escapeMarkdown(fullName)}` : ''}`, escapeMarkdown(heldText(held).replace(/^./, (c) => c.toUpperCase()))];
  if (link && /^https?:\/\//.test(link)) lines.push(`Source: <${link.replace(/[<>]/g, '')}>`);
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
  if (links.length === 0) return `${heading}: none in this workspace.`;
  const shown = links.slice(0, max).map((link) => {
    const label = escapeMarkdown(link.id ?? link.title ?? 'record');
    const title = link.title && link.id ? ` — ${escapeMarkdown(link.title)}` : '';
    return `- [${label}](${link.uri}#L${link.line + 1})${title}`;
  });
  const more = links.length > max ? [`- … and ${links.length - max} more`] : [];
  const count = `${links.length} record${links.length === 1 ? '' : 's'}`;
  return [`${heading} ${count} in this workspace:`, ...shown, ...more].join('\n');
}
