/**
 * Reading one catalog file from its text. Apart from catalogFile.ts (the
 * bundled catalog) because the build runs this reader on the bundled files
 * before the bundled catalog exists (scripts/generate.mjs).
 */
import * as l10n from '@vscode/l10n';
import type { Document } from 'yaml';
import type { CatalogData, EntryOrigin } from './catalog';
import validateCatalogValue from './generated/catalogValidator';
import { formatNumber } from './l10n';
import { spanOfProblem } from './locate';
import { locatePath, nodeSpan, parseChunk } from './parse';
import type { Problem } from './problems';
import { schemaProblems } from './schema';
import { LineIndex, stripBom } from './text';
import type { Diagnostic, Range, ValuePath } from './types';

/** A catalog file read from text: its entries, where each came from, and what is wrong with it. */
export interface CatalogFile {
  file: string;
  data: Partial<CatalogData>;
  origins: Map<object, EntryOrigin>;
  diagnostics: Diagnostic[];
  /**
   * Where each entry's names are written: its name (or title) first, then
   * its aliases in order. Names another entry already has are found only
   * when catalogs are merged (catalogFile.ts), and reported here.
   */
  names?: Map<object, Array<Range | undefined>>;
}

export const CATALOG_SECTIONS = ['parties', 'mechanisms', 'documents'] as const;
type Section = (typeof CATALOG_SECTIONS)[number];

/**
 * Bounds on one catalog file, far above any real catalog (the bundled one
 * has under 50 entries of at most 16 aliases) and low enough that a hostile
 * one (a party with 150,000 aliases, a million names) cannot make every
 * thread spend seconds building lookups: entries past them are not used.
 */
export const MAX_CATALOG_ENTRIES = 5_000;
export const MAX_ALIASES_PER_ENTRY = 200;
export const MAX_CATALOG_NAMES = 20_000;


/**
 * Reads a catalog file. An entry that breaks the catalog schema is reported
 * on the value at fault and left out, and so is one past the size bounds;
 * every other entry is used, so one typo in a workspace catalog neither
 * hides the bundled names nor slips a half-made entry in.
 */
export function parseCatalogFile(rawText: string, file: string): CatalogFile {
  const text = stripBom(rawText);
  const lineIndex = new LineIndex(text);
  const chunk = parseChunk(text, 0);
  const origins = new Map<object, EntryOrigin>();
  const names = new Map<object, Array<Range | undefined>>();
  const firstLine = lineIndex.rangeOf({ start: 0, end: lineIndex.lineEndOffset(0) });
  const diagnostics: Diagnostic[] = chunk.syntaxErrors.map((e) => ({ code: 'yaml-syntax', severity: 'error', message: e.message, range: lineIndex.rangeOf(e.span) }));
  const value = chunk.value;
  const doc = chunk.doc;
  if (diagnostics.length > 0 || !doc) return { file, data: {}, origins, diagnostics, names };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    if (chunk.hasContent) diagnostics.push(schemaDiagnostic(l10n.t('A catalog file is a mapping of parties, mechanisms and documents'), firstLine));
    return { file, data: {}, origins, diagnostics, names };
  }
  const place = (problem: Problem): Range => lineIndex.rangeOf(spanOfProblem(doc, text, problem));
  // Compiled at build time (schemaCompile.ts, scripts/generate.mjs).
  const refused = new Set<string>();
  for (const problem of schemaProblems(validateCatalogValue, value)) {
    const entry = entryOf(problem.path);
    if (entry) refused.add(entry);
    const message = entry ? l10n.t('{0}: {1} (the entry is not used)', entryLabel(value, problem.path), problem.message) : l10n.t('Catalog: {0}', problem.message);
    diagnostics.push(schemaDiagnostic(message, place(problem)));
  }
  const record = value as Record<string, unknown>;
  const data: Partial<CatalogData> = {};
  let nameCount = 0;
  let entryCount = 0;
  for (const section of CATALOG_SECTIONS) {
    const entries = record[section];
    if (!Array.isArray(entries)) continue;
    const kept: unknown[] = [];
    entries.forEach((entry: unknown, i) => {
      if (refused.has(`${section}/${i}`) || !isEntry(entry)) return;
      const aliases = Array.isArray(entry.aliases) ? entry.aliases.length : 0;
      const over =
        aliases > MAX_ALIASES_PER_ENTRY
          ? { path: [section, i, 'aliases'], why: l10n.t('it has {0} aliases, more than the {1} an entry may have', formatNumber(aliases), MAX_ALIASES_PER_ENTRY) }
          : entryCount >= MAX_CATALOG_ENTRIES
            ? { path: [section, i], why: l10n.t('the file already has {0} entries, as many as a catalog may', formatNumber(MAX_CATALOG_ENTRIES)) }
            : nameCount + 1 + aliases > MAX_CATALOG_NAMES
              ? { path: [section, i], why: l10n.t('the file already has {0} names, and a catalog may have {1}', formatNumber(nameCount), formatNumber(MAX_CATALOG_NAMES)) }
              : undefined;
      if (over) {
        // One message for the bound, on the first entry past it: a million entries must not make a million diagnostics.
        if (over.path.length === 3 || !refused.has('size')) {
          if (over.path.length === 2) refused.add('size');
          diagnostics.push(schemaDiagnostic(l10n.t('{0}: not used, because {1}', entryLabel(value, over.path), over.why), place({ code: 'schema', message: '', path: over.path, target: 'value' })));
        }
        return;
      }
      entryCount++;
      nameCount += 1 + aliases;
      kept.push(entry);
      names.set(entry, namePlaces(doc, lineIndex, section, i, aliases));
      const start = locatePath(doc, [section, i])?.node?.range?.[0];
      if (start !== undefined) origins.set(entry, { file, line: lineIndex.positionAt(start).line });
    });
    (data as Record<string, unknown[]>)[section] = kept;
  }
  return { file, data, origins, diagnostics, names };
}

function schemaDiagnostic(message: string, range: Range): Diagnostic {
  return { code: 'schema', severity: 'error', message, range };
}

/** `parties/3` for a problem inside the fourth party. */
function entryOf(path: ValuePath): string | undefined {
  return path.length >= 2 && typeof path[1] === 'number' && CATALOG_SECTIONS.includes(path[0] as Section) ? `${path[0]}/${path[1]}` : undefined;
}

/** "Party 'Evil'", or "parties[3]" when the entry has no usable name. */
function entryLabel(value: object, path: ValuePath): string {
  const section = path[0] as Section;
  const entry = ((value as Record<string, unknown>)[section] as unknown[] | undefined)?.[path[1] as number];
  const name = typeof entry === 'object' && entry !== null ? ((entry as Record<string, unknown>).name ?? (entry as Record<string, unknown>).title) : undefined;
  return typeof name === 'string' && name.length <= 200 ? kindWord(section, name) : `${section}[${String(path[1])}]`;
}

function isEntry(entry: unknown): entry is { name?: unknown; title?: unknown; aliases?: unknown } {
  if (typeof entry !== 'object' || entry === null) return false;
  const e = entry as Record<string, unknown>;
  return typeof e.name === 'string' || typeof e.title === 'string';
}

function namePlaces(doc: Document.Parsed, lineIndex: LineIndex, section: Section, i: number, aliases: number): Array<Range | undefined> {
  const at = (path: ValuePath): Range | undefined => {
    const span = nodeSpan(locatePath(doc, path)?.node ?? null);
    return span ? lineIndex.rangeOf(span) : undefined;
  };
  const places = [at([section, i, section === 'documents' ? 'title' : 'name'])];
  for (let k = 0; k < aliases; k++) places.push(at([section, i, 'aliases', k]));
  return places;
}

function kindWord(section: Section, name: string): string {
  if (section === 'parties') return l10n.t("Party '{0}'", name);
  if (section === 'mechanisms') return l10n.t("Mechanism '{0}'", name);
  return l10n.t("Document '{0}'", name);
}
