/**
 * Reading one catalog file from its text. Apart from catalogFile.ts (the
 * bundled catalog) because the build runs this reader on the bundled files
 * before the bundled catalog exists (scripts/generate.mjs).
 */
import { isMap, isPair, isSeq, type Node } from 'yaml';
import type { CatalogData, EntryOrigin } from './catalog';
import validateCatalogValue from './generated/catalogValidator';
import { parseChunk, scalarKey } from './parse';
import { LineIndex, stripBom } from './text';
import type { Diagnostic } from './types';

/** A catalog file read from text: its entries, where each came from, and what is wrong with it. */
export interface CatalogFile {
  file: string;
  data: Partial<CatalogData>;
  origins: Map<object, EntryOrigin>;
  diagnostics: Diagnostic[];
}

export const CATALOG_SECTIONS = ['parties', 'mechanisms', 'documents'] as const;

/**
 * Reads a catalog file. An invalid file contributes only its valid sections'
 * well-formed entries, and reports the rest, so one typo in a workspace
 * catalog does not hide the bundled names.
 */
export function parseCatalogFile(rawText: string, file: string): CatalogFile {
  const text = stripBom(rawText);
  const lineIndex = new LineIndex(text);
  const chunk = parseChunk(text, 0);
  const origins = new Map<object, EntryOrigin>();
  const diagnostics: Diagnostic[] = chunk.syntaxErrors.map((e) => ({
    code: 'yaml-syntax',
    severity: 'error',
    message: e.message,
    range: lineIndex.rangeOf(e.span),
  }));
  const value = chunk.value;
  if (diagnostics.length > 0 || typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { file, data: {}, origins, diagnostics };
  }
  // Compiled at build time (schemaCompile.ts, scripts/generate.mjs).
  validateCatalogValue(value);
  for (const error of validateCatalogValue.errors ?? []) {
    diagnostics.push({
      code: 'schema',
      severity: 'error',
      message: `Catalog: '${error.instancePath.slice(1).replace(/\//g, '.') || 'file'}' ${error.message ?? 'is not valid'}`,
      range: lineIndex.rangeOf({ start: 0, end: lineIndex.lineEndOffset(0) }),
    });
  }
  const record = value as Record<string, unknown>;
  const data: Partial<CatalogData> = {};
  for (const section of CATALOG_SECTIONS) {
    const entries = record[section];
    if (!Array.isArray(entries)) continue;
    const wellFormed = entries.filter(isEntry);
    (data as Record<string, unknown[]>)[section] = wellFormed;
    recordOrigins(chunk.doc?.contents ?? null, section, entries, file, lineIndex, origins);
  }
  return { file, data, origins, diagnostics };
}

function isEntry(entry: unknown): boolean {
  if (typeof entry !== 'object' || entry === null) return false;
  const e = entry as Record<string, unknown>;
  return typeof e.name === 'string' || typeof e.title === 'string';
}

function recordOrigins(
  root: Node | null,
  section: string,
  entries: unknown[],
  file: string,
  lineIndex: LineIndex,
  origins: Map<object, EntryOrigin>,
): void {
  if (!isMap(root)) return;
  const pair = root.items.find((p) => isPair(p) && scalarKey(p.key) === section);
  const seq = pair?.value;
  if (!isSeq(seq)) return;
  seq.items.forEach((item, i) => {
    const entry = entries[i];
    const start = (item as Node | null)?.range?.[0];
    if (typeof entry === 'object' && entry !== null && start !== undefined) {
      origins.set(entry, { file, line: lineIndex.positionAt(start).line });
    }
  });
}
