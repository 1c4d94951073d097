import { CORE_SCHEMA, load } from 'js-yaml';
import type { CatalogIndex } from '../core/catalog';
import { splitDocuments } from '../core/parse';
import { checkRules, isDict } from '../core/rules';
import { checkSchema } from '../core/schema';
import type { RecordSummary } from './result';

/** What the fast path made of a file: its records when clean, or the value of its one record when that has problems. */
export type FastReading = { kind: 'clean'; records: RecordSummary[] } | { kind: 'flawed'; record: Record<string, unknown> };

/**
 * The quick answer for files that turn out clean. `yaml` keeps every node's
 * range, which diagnostics and fixes need, and that costs most of a run;
 * js-yaml builds plain values several times faster. A clean record needs no
 * ranges, so: read each document with js-yaml (YAML 1.2 core schema, which
 * resolves plain scalars exactly as `yaml`'s core schema does; aliases
 * refused), run the very same schema and rule checks on the value, and when
 * every document has no problem at all, that is the file's result. A file
 * of one record with problems comes back as that record's value, for
 * Validator.validateKnownRecord to place the problems. Anything else — a
 * parse error, a construct the two parsers might read differently, several
 * documents with a problem among them — returns undefined and the file takes
 * the precise path, so the output never depends on which path ran.
 *
 * What a clean result lacks is the range of each record's id; the run
 * re-validates precisely the rare files whose id turns out to be duplicated.
 */
export function fastRead(text: string, catalog: CatalogIndex): FastReading | undefined {
  if (isUnsafe(text)) return undefined;
  const records: RecordSummary[] = [];
  const chunks = splitDocuments(text);
  for (const chunk of chunks) {
    if (BLANK_DOCUMENT.test(chunk.text)) continue;
    let value: unknown;
    try {
      value = load(chunk.text, { schema: CORE_SCHEMA, maxAliases: 0, maxDepth: 100 });
    } catch {
      return undefined;
    }
    if (!isDict(value)) return undefined;
    if (checkSchema(value).length > 0 || checkRules(value, catalog).problems.length > 0) {
      return chunks.length === 1 ? { kind: 'flawed', record: value } : undefined;
    }
    const record: RecordSummary = { line: lineOf(text, chunk.offset) };
    if (typeof value.id === 'string') record.id = value.id;
    records.push(record);
  }
  return { kind: 'clean', records };
}

/**
 * Text the two parsers could read differently, or that only `yaml`'s own
 * diagnostics describe well: tabs, anchors and tags (`&`, `!`), directives,
 * lone CR or Unicode line breaks (js-yaml and `yaml` disagree on them),
 * control characters, an inner BOM, and `__proto__` keys. Split into cheap
 * tests: one character class over the whole text, the rest only when their
 * first character occurs.
 */
const UNSAFE_CHARACTERS = /[\t&!\x00-\x08\x0B\x0C\x0E-\x1F\x7F\u0085\u2028\u2029\uFEFF]/;

function isUnsafe(text: string): boolean {
  return (
    UNSAFE_CHARACTERS.test(text) ||
    text.includes('__proto__') ||
    (text.includes('%') && /^%/m.test(text)) ||
    (text.includes('\r') && /\r(?!\n)/.test(text))
  );
}

/** A document of only blank lines, comments and markers: `yaml` sees no content in it, so no record. */
const BLANK_DOCUMENT = /^(?:(?:(?:---|\.\.\.)(?: +#[^\n]*)?| *(?:#[^\n]*)?) *\r?(?:\n|$))*$/;

/** 0-based line of an offset; the text has no lone CR, so lines end with LF. */
function lineOf(text: string, offset: number): number {
  let line = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
