import { partyKindLabel, type CatalogIndex, type DocumentEntry, type MechanismEntry, type PartyEntry } from '../core/catalog';

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

export function partyCard(entry: PartyEntry): string {
  const name = escapeMarkdown(text(entry.name) ?? '');
  const vi = text(entry.name_vi);
  const lines: string[] = [`**${name}**${vi ? ` · ${escapeMarkdown(vi)}` : ''}`];
  const facts: string[] = [kindLabel(entry.kind)];
  const joined = year(entry.joined);
  if (joined) facts.push(`member of ASEAN since ${joined}`);
  const since = year(entry.dialogue_since);
  if (since) facts.push(`dialogue partner since ${since}`);
  lines.push(facts.join(' · '));
  const relationship = entry.relationship;
  if (relationship && typeof relationship === 'object' && text(relationship.level)) {
    const when = year(relationship.since) ?? year(relationship.date);
    lines.push(`Relationship: ${escapeMarkdown(String(relationship.level))}${when ? ` (${when})` : ''}`);
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
  if (Array.isArray(entry.members) && entry.members.length > 0) {
    const asean = catalog.parties.filter((p) => p.kind === 'asean-member').length;
    lines.push(`Members: the ${asean} ASEAN member states and ${entry.members.filter((m) => typeof m === 'string').map(escapeMarkdown).join(', ')}`);
  }
  if (text(entry.series_prefix) && typeof entry.first_year === 'number') {
    lines.push(`Numbered yearly: ${escapeMarkdown(String(entry.series_prefix))}-N is held in ${entry.first_year} + N`);
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
