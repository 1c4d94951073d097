import * as l10n from '@vscode/l10n';
import { partyName } from '../core/l10n';
import { partyKindLabel, relationshipLevel, resolvedEntry, summaryOf, type CatalogIndex, type DocumentEntry, type MechanismEntry, type PartyEntry } from '../core/catalog';

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

export function partyCard(entry: PartyEntry): string {
  const name = escapeMarkdown(text(entry.name) ?? '');
  const vi = text(entry.name_vi);
  const lines: string[] = [`**${name}**${vi ? ` · ${escapeMarkdown(vi)}` : ''}`];
  const facts: string[] = [kindLabel(entry.kind)];
  const joined = year(entry.joined);
  if (joined) facts.push(l10n.t('member of ASEAN since {0}', joined));
  const since = year(entry.dialogue_since);
  if (since) facts.push(l10n.t('dialogue partner since {0}', since));
  lines.push(facts.join(' · '));
  const relationship = entry.relationship;
  if (relationship && typeof relationship === 'object' && text(relationship.level)) {
    const when = year(relationship.since) ?? year(relationship.date);
    const level = escapeMarkdown(relationshipLevel(String(relationship.level)));
    lines.push(when ? l10n.t('Relationship: {0} ({1})', level, when) : l10n.t('Relationship: {0}', level));
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
  if (Array.isArray(entry.members) && entry.members.length > 0) {
    const asean = catalog.parties.filter((p) => p.kind === 'asean-member').length;
    const members = entry.members.filter((m) => typeof m === 'string').map((m) => escapeMarkdown(memberName(m, catalog)));
    lines.push(l10n.t('Members: the {0} ASEAN member states and {1}', asean, members.join(', ')));
  }
  if (text(entry.series_prefix) && typeof entry.first_year === 'number') {
    lines.push(l10n.t('Numbered yearly: {0}-N is held in {1} + N', escapeMarkdown(String(entry.series_prefix)), entry.first_year));
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

