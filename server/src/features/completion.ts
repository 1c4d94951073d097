import * as l10n from '@vscode/l10n';
import { currentLocale, partyName } from '../core/l10n';
import {
  CompletionItemKind,
  InsertTextFormat,
  InsertTextMode,
  type CompletionItem,
  type CompletionList,
} from 'vscode-languageserver';
import { resolvedEntry, type CatalogIndex, type DocumentEntry, type MechanismEntry, type PartyEntry } from '../core/catalog';
import { scalarText as yamlScalar } from '../core/locate';
import type { JsonSchema } from '../core/schema';
import { foldName } from '../core/text';
import type { Position, Range } from '../core/types';
import { kindLabel } from './cards';
import {
  enumValues,
  isMappingList,
  itemsOf,
  oneOfRequired,
  propertiesOf,
  requiredOf,
  schemaAt,
  typeOf,
  typePhrase,
  type RoleTable,
} from './schemaInfo';
import { cursorContext, scanLine, type KeyContext, type Path, type ValueContext } from './yamlContext';

export interface CompletionInput {
  /** Lines of the analysed text (no BOM). */
  lines: readonly string[];
  position: Position;
  catalog: CatalogIndex;
  roles: RoleTable;
  /** Document titles cited anywhere in the workspace, with their counts. */
  documentTitles: ReadonlyMap<string, number>;
  /** The client inserts multi-line text as is (else it re-indents each line by the current line's indentation). */
  asIs?: boolean;
  snippets?: boolean;
  /** Maps analysis ranges to the editor's (BOM shift). */
  toEditor?: (range: Range) => Range;
  /** Today, for the date placeholder of a new record (YYYY-MM-DD). */
  today?: string;
}

/**
 * What `completionItem/resolve` needs to rebuild an item's documentation
 * (features/completionResolve.ts). Items go out without documentation: a
 * list of 44 parties with their cards was 19.7 KB per keystroke, and the
 * editor shows one card at a time.
 */
export type CompletionData =
  | { kind: 'key'; path: Path }
  | { kind: 'enum'; path: Path; value: string }
  | { kind: 'record'; today: string }
  | { kind: 'party' | 'mechanism' | 'document'; name: string };

const INDENT = 2;
const MAX_ITEMS = 200;
const triggerSuggest = (): { title: string; command: string } => ({ title: l10n.t('Suggest'), command: 'editor.action.triggerSuggest' });

/** Completion at a position of a record file. */
export function complete(input: CompletionInput): CompletionList {
  const { lines, position } = input;
  const context = cursorContext(lines, position.line, position.character, (listPath) => isMappingList(listPath));
  const items: CompletionItem[] = [];
  let isIncomplete = false;
  if (context.kind === 'key') {
    if (context.parentPath.length === 0 && isEmptyRecord(lines, position.line)) items.push(wholeRecordItem(input, context));
    items.push(...keyItems(input, context));
  } else if (context.kind === 'value') {
    const result = valueItems(input, context);
    items.push(...result.items);
    isIncomplete = result.isIncomplete;
  }
  return { isIncomplete, items };
}

// ---------------------------------------------------------------- keys

function keyItems(input: CompletionInput, context: KeyContext): CompletionItem[] {
  const parent = schemaAt(context.parentPath);
  const required = new Set([...requiredOf(parent), ...oneOfRequired(parent)]);
  const lineIndent = leadingWhitespace(input.lines[input.position.line] ?? '');
  const items: CompletionItem[] = [];
  propertiesOf(parent).forEach(([name], order) => {
    if (context.siblings.has(name)) return;
    const path = [...context.parentPath, name];
    const isRequired = required.has(name);
    const snippet = !context.hasColon && input.snippets !== false;
    const newText = context.hasColon ? name : keySnippet(name, path, context.column, input, lineIndent, snippet);
    const item: CompletionItem = {
      label: name,
      kind: CompletionItemKind.Property,
      detail: isRequired ? l10n.t('{0} · required', typePhrase(path, input.roles)) : typePhrase(path, input.roles),
      sortText: `${isRequired ? '0' : '1'}${String(order).padStart(3, '0')}`,
      filterText: name,
      textEdit: { range: editorRange(input, context.start, context.end), newText },
      insertTextFormat: snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
      data: { kind: 'key', path } satisfies CompletionData,
    };
    if (newText.includes('\n') && input.asIs) item.insertTextMode = InsertTextMode.asIs;
    if (snippet && wantsSuggestAfter(path, input.roles)) item.command = triggerSuggest();
    items.push(item);
  });
  return items;
}

/** After inserting `chair: ` or `partners:\n  - `, the party list opens by itself. */
function wantsSuggestAfter(path: Path, roles: RoleTable): boolean {
  const schema = schemaAt(path);
  if (roles.roleOf(path)) return true;
  return typeOf(schema) === 'array' && roles.roleOf([...path, 0]) !== undefined;
}

class TabStops {
  private next = 1;
  take(): number {
    return this.next++;
  }
}

/**
 * The text for a key: `name: $1`, an enum choice, or the key with its
 * required nested fields filled in, indented for a key at `column`.
 */
function keySnippet(name: string, path: Path, column: number, input: CompletionInput, lineIndent: number, snippet: boolean): string {
  if (!snippet) return `${name}: `;
  const stops = new TabStops();
  const lines = fieldLines(name, path, column, stops, input, 0);
  return joinLines(lines, input.asIs ? 0 : lineIndent);
}

/** Lines as [absolute indentation, text]; the first line is at the key's column. */
type Line = [number, string];

/** What a snippet's text depends on besides the schema. */
type SnippetInput = Pick<CompletionInput, 'roles' | 'today'>;

function fieldLines(name: string, path: Path, column: number, stops: TabStops, input: SnippetInput, depth: number): Line[] {
  const schema = schemaAt(path) ?? {};
  const head = `${name}:`;
  const type = typeOf(schema);
  if (type === 'object' && depth < 3) {
    const nested = requiredFields(schema);
    if (nested.length === 0) return [[column, head], [column + INDENT, `$${stops.take()}`]];
    return [[column, head], ...nested.flatMap((key) => fieldLines(key, [...path, key], column + INDENT, stops, input, depth + 1))];
  }
  if (type === 'array' && depth < 3) {
    const items = itemsOf(schema);
    if (typeOf(items) === 'object') {
      const nested = requiredFields(items ?? {});
      const itemLines = nested.flatMap((key) => fieldLines(key, [...path, 0, key], column + INDENT + 2, stops, input, depth + 1));
      if (itemLines.length === 0) return [[column, head], [column + INDENT, `- $${stops.take()}`]];
      itemLines[0] = [column + INDENT, `- ${itemLines[0][1]}`];
      return [[column, head], ...itemLines];
    }
    return [[column, head], [column + INDENT, `- $${stops.take()}`]];
  }
  // A party, mechanism or document title gets an empty stop: the list of names opens there.
  if (input.roles.roleOf(path)) return [[column, `${head} $${stops.take()}`]];
  return [[column, `${head} ${valuePlaceholder(schema, stops, input, depth)}`]];
}

function requiredFields(schema: JsonSchema): string[] {
  return [...new Set([...requiredOf(schema), ...oneOfRequired(schema)])];
}

function valuePlaceholder(schema: JsonSchema, stops: TabStops, input: SnippetInput, depth: number): string {
  const values = enumValues(schema);
  if (values.length === 1) return escapeSnippet(values[0].value);
  if (values.length > 1) return `\${${stops.take()}|${values.map((v) => escapeChoice(v.value)).join(',')}|}`;
  // Inside a whole-record snippet, a placeholder from the schema's examples reads as a hint.
  if (depth > 0 || input.today !== undefined) {
    const hint = placeholderHint(schema, input);
    if (hint) return `\${${stops.take()}:${escapeSnippet(hint)}}`;
  }
  return `$${stops.take()}`;
}

function placeholderHint(schema: JsonSchema, input: SnippetInput): string | undefined {
  if (schema.format === 'date' && input.today) return input.today;
  const examples: unknown = schema.examples;
  if (Array.isArray(examples) && typeof examples[0] === 'string') return examples[0];
  if (schema.format === 'uri') return 'https://';
  return undefined;
}

function joinLines(lines: Line[], lineIndent: number): string {
  return lines
    .map(([indent, text], i) => (i === 0 ? text : `${' '.repeat(Math.max(0, indent - lineIndent))}${text}`))
    .join('\n');
}

function escapeSnippet(text: string): string {
  return text.replace(/[$}\\]/g, (ch) => `\\${ch}`);
}

function escapeChoice(text: string): string {
  return text.replace(/[$}\\,|]/g, (ch) => `\\${ch}`);
}

// ---------------------------------------------------------------- whole record

function isEmptyRecord(lines: readonly string[], line: number): boolean {
  const blankOrComment = (l: number): boolean => {
    const s = scanLine(lines[l]);
    return s.blank || s.comment;
  };
  for (let l = line - 1; l >= 0; l--) {
    if (scanLine(lines[l]).marker) break;
    if (!blankOrComment(l)) return false;
  }
  for (let l = line + 1; l < lines.length; l++) {
    if (scanLine(lines[l]).marker) break;
    if (!blankOrComment(l)) return false;
  }
  return /^[A-Za-z_]*$/.test((lines[line] ?? '').trim());
}

/** Every required field of a record, as a snippet and as the plain text it inserts (dated `today`). */
export function recordSkeleton(roles: RoleTable, today: string): { snippet: string; plain: string } {
  const root = schemaAt([]) ?? {};
  const stops = new TabStops();
  const lines = requiredFields(root).flatMap((key) => fieldLines(key, [key], 0, stops, { roles, today }, 1));
  const snippet = `${joinLines(lines, 0)}\n$0`;
  const plain = snippet.replace(/\$\{\d+\|([^,|]*)[^}]*\|\}/g, '$1').replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\d+/g, '');
  return { snippet, plain };
}

function wholeRecordItem(input: CompletionInput, context: KeyContext): CompletionItem {
  const today = input.today ?? new Date().toISOString().slice(0, 10);
  const { snippet, plain } = recordSkeleton(input.roles, today);
  return {
    label: l10n.t('New meeting record'),
    kind: CompletionItemKind.Snippet,
    detail: l10n.t('Every required field, ready to fill in'),
    sortText: '0000',
    filterText: context.prefix || 'record',
    textEdit: { range: editorRange(input, context.start, context.end), newText: input.snippets === false ? plain : snippet },
    insertTextFormat: input.snippets === false ? InsertTextFormat.PlainText : InsertTextFormat.Snippet,
    insertTextMode: InsertTextMode.asIs,
    preselect: true,
    data: { kind: 'record', today } satisfies CompletionData,
  };
}

// ---------------------------------------------------------------- values

interface ValueResult {
  items: CompletionItem[];
  isIncomplete: boolean;
}

function valueItems(input: CompletionInput, context: ValueContext): ValueResult {
  const role = input.roles.roleOf(context.path);
  if (role === 'party') return { items: partyItems(input, context), isIncomplete: true };
  if (role === 'mechanism') return { items: mechanismItems(input, context), isIncomplete: true };
  if (role === 'document') return { items: documentItems(input, context), isIncomplete: true };
  const schema = schemaAt(context.path);
  return {
    isIncomplete: false,
    items: enumValues(schema).map((value, i) => ({
      label: value.value,
      kind: CompletionItemKind.EnumMember,
      detail: schema?.default === value.value ? l10n.t('default') : undefined,
      sortText: String(i).padStart(4, '0'),
      filterText: value.value,
      textEdit: { range: editorRange(input, context.start, context.end), newText: valueText(value.value, context) },
      data: { kind: 'enum', path: context.path, value: value.value } satisfies CompletionData,
    })),
  };
}

interface NameMatch<T> {
  entry: T;
  /** The name (canonical, alias or code) the typed text matched. */
  matched: string;
  score: number;
}

/**
 * Matches typed text against an entry's names: its canonical name, aliases
 * and code, accent- and case-insensitively, at the start of the name (best)
 * or of any word in it.
 */
export function matchNames<T>(typed: string, entries: readonly T[], namesOf: (entry: T) => string[], canonicalOf: (entry: T) => string): Array<NameMatch<T>> {
  const folded = foldName(typed);
  const results: Array<NameMatch<T>> = [];
  for (const entry of entries) {
    const canonical = canonicalOf(entry);
    if (typeof canonical !== 'string') continue;
    if (!folded) {
      results.push({ entry, matched: canonical, score: 5 });
      continue;
    }
    let best: NameMatch<T> | undefined;
    namesOf(entry).forEach((name, i) => {
      if (typeof name !== 'string') return;
      const key = foldCached(name);
      let score: number | undefined;
      if (key.startsWith(folded)) score = i === 0 ? (name.toLowerCase().startsWith(typed.toLowerCase()) ? 0 : 1) : 2;
      else if (key.includes(` ${folded}`)) score = i === 0 ? 3 : 4;
      if (score !== undefined && (!best || score < best.score)) best = { entry, matched: name, score };
    });
    if (best) results.push(best);
  }
  results.sort((a, b) => a.score - b.score || canonicalOf(a.entry).localeCompare(canonicalOf(b.entry)));
  return results;
}

const foldedNames = new Map<string, string>();
function foldCached(name: string): string {
  let folded = foldedNames.get(name);
  if (folded === undefined) {
    folded = foldName(name);
    if (foldedNames.size > 50_000) foldedNames.clear();
    foldedNames.set(name, folded);
  }
  return folded;
}

function partyItems(input: CompletionInput, context: ValueContext): CompletionItem[] {
  const { catalog } = input;
  const listPath = context.path.slice(0, -1);
  const excluded = new Set<string>();
  if (typeof context.path[context.path.length - 1] === 'number' && input.roles.isPartyList(listPath)) {
    for (const sibling of context.siblings) {
      const entry = resolvedEntry(catalog.resolveParty(sibling));
      if (entry) excluded.add(entry.name);
    }
  }
  const candidates = catalog.parties.filter((p) => !excluded.has(p.name));
  const matches = matchNames(
    context.prefix,
    candidates,
    (p: PartyEntry) => [p.name, ...(Array.isArray(p.aliases) ? p.aliases : []), ...(typeof p.iso === 'string' ? [p.iso] : [])],
    (p) => p.name,
  );
  return matches.slice(0, MAX_ITEMS).map((m, i) => nameItem(input, context, m.entry.name, m.matched, i, {
    kind: CompletionItemKind.Value,
    // In Vietnamese the party's usual Vietnamese name too (Nhật Bản), since the label is the canonical one to write.
    detail: partyName(m.entry) !== m.entry.name ? `${kindLabel(m.entry.kind)} · ${partyName(m.entry)}` : kindLabel(m.entry.kind),
    data: { kind: 'party', name: m.entry.name },
  }));
}

function mechanismItems(input: CompletionInput, context: ValueContext): CompletionItem[] {
  const matches = matchNames(
    context.prefix,
    input.catalog.mechanisms,
    (m: MechanismEntry) => [m.name, ...(Array.isArray(m.aliases) ? m.aliases : [])],
    (m) => m.name,
  );
  return matches.slice(0, MAX_ITEMS).map((m, i) => nameItem(input, context, m.entry.name, m.matched, i, {
    kind: CompletionItemKind.Module,
    detail: mechanismFullName(m.entry),
    data: { kind: 'mechanism', name: m.entry.name },
  }));
}

function documentItems(input: CompletionInput, context: ValueContext): CompletionItem[] {
  const catalogTitles = new Set(input.catalog.documents.map((d) => d.title));
  const workspaceOnly: DocumentEntry[] = [];
  // The value being typed is itself a title of the workspace (this record is indexed): not a suggestion.
  const line = input.lines[input.position.line] ?? '';
  const current = line.slice(context.start, context.end);
  for (const [title, count] of input.documentTitles) {
    if (catalogTitles.has(title) || (title === current && count <= 1)) continue;
    workspaceOnly.push({ title, type: '' });
  }
  const entries: DocumentEntry[] = [...input.catalog.documents, ...workspaceOnly];
  const matches = matchNames(
    context.prefix,
    entries,
    (d) => [d.title, ...(Array.isArray(d.aliases) ? d.aliases : [])],
    (d) => d.title,
  );
  return matches.slice(0, MAX_ITEMS).map((m, i) => {
    const fromCatalog = catalogTitles.has(m.entry.title);
    const count = input.documentTitles.get(m.entry.title) ?? 0;
    const cited = count === 0 ? undefined : count === 1 ? l10n.t('cited by 1 record') : l10n.t('cited by {0} records', count);
    return nameItem(input, context, m.entry.title, m.matched, i, {
      kind: CompletionItemKind.Reference,
      detail: [fromCatalog ? l10n.t('catalog {0}', String(m.entry.type)) : l10n.t('from this workspace'), cited].filter(Boolean).join(' · '),
      // A title only cited in the workspace has no card.
      data: fromCatalog ? { kind: 'document', name: m.entry.title } : undefined,
    });
  });
}

/**
 * An item that always inserts the canonical name over the typed word. Its
 * filter text starts with what was typed when only an alias or an accent-free
 * spelling matched, so the editor's own filtering keeps it.
 */
function nameItem(
  input: CompletionInput,
  context: ValueContext,
  canonical: string,
  matched: string,
  rank: number,
  extra: { kind: CompletionItemKind; detail?: string; data?: CompletionData },
): CompletionItem {
  const typed = context.prefix;
  const literalPrefix = (name: string): boolean => name.toLowerCase().startsWith(typed.toLowerCase());
  let filterText = canonical;
  if (typed && !literalPrefix(canonical)) filterText = literalPrefix(matched) ? `${matched} ${canonical}` : `${typed} ${matched} ${canonical}`;
  const viaAlias = matched !== canonical;
  return {
    label: canonical,
    labelDetails: viaAlias ? { description: matched } : undefined,
    kind: extra.kind,
    detail: viaAlias ? `${extra.detail ?? ''}${extra.detail ? ' · ' : ''}${l10n.t('matches “{0}”', matched)}` : extra.detail,
    sortText: String(rank).padStart(4, '0'),
    filterText,
    textEdit: { range: editorRange(input, context.start, context.end), newText: valueText(canonical, context) },
    data: extra.data,
  };
}

/** The value as it must be written where the cursor is: inside the quotes already typed, in a flow list, or plain. */
function valueText(value: string, context: ValueContext): string {
  let text: string;
  if (context.quote === '"') text = JSON.stringify(value).slice(1, -1);
  else if (context.quote === "'") text = value.replace(/'/g, "''");
  else if (context.inFlow && /[,[\]{}]/.test(value)) text = JSON.stringify(value);
  else text = yamlScalar(value, undefined);
  return context.needsSpace ? ` ${text}` : text;
}

// ---------------------------------------------------------------- helpers

function editorRange(input: CompletionInput, start: number, end: number): Range {
  const line = input.position.line;
  const range = { start: { line, character: start }, end: { line, character: end } };
  return input.toEditor ? input.toEditor(range) : range;
}

function leadingWhitespace(text: string): number {
  return text.length - text.trimStart().length;
}


/** A mechanism's full name for a completion detail: the Vietnamese one in Vietnamese when the catalog has it. */
function mechanismFullName(entry: MechanismEntry): string | undefined {
  const vi = currentLocale() === 'vi' && typeof entry.full_name_vi === 'string' ? entry.full_name_vi : undefined;
  return vi ?? (typeof entry.full_name === 'string' ? entry.full_name : undefined);
}
