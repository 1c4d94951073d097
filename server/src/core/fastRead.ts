import { CORE_SCHEMA, load } from 'js-yaml';
import type { CatalogIndex } from './catalog';
import { MAX_NESTING } from './guardedParse';
import { splitDocuments } from './parse';
import { checkRules, isDict } from './rules';
import { checkSchema } from './schema';

/** One document of a file as the fast reader saw it: where it starts, and its plain value. */
export interface FastDocument {
  offset: number;
  text: string;
  /** Undefined for a document of only blank lines, comments and markers (no record). */
  value: Record<string, unknown> | undefined;
}

/** What the fast reader made of a file: every document when all are clean, or the value of its one record when that has problems. */
export type FastReading = { kind: 'clean'; documents: FastDocument[] } | { kind: 'flawed'; document: FastDocument & { value: Record<string, unknown> } };

/**
 * The quick answer for files that turn out clean (Validator.validate with
 * `detail: 'verdict'`). `yaml` keeps every node's range, which diagnostics
 * and fixes need, and that costs most of a batch run; js-yaml builds plain
 * values several times faster. A clean record needs no ranges, so: read each
 * document with js-yaml (YAML 1.2 core schema, which resolves plain scalars
 * exactly as `yaml`'s core schema does; aliases refused), run the very same
 * schema and rule checks on the value, and when every document has no
 * problem at all, that is the file's verdict. A file of one record with
 * problems comes back as that record's value, for the validator to place
 * the problems with a partial tree. Anything else — a parse error, a
 * construct the two parsers might read differently, several documents with
 * a problem among them — returns undefined and the file takes the precise
 * path, so the verdict never depends on which path ran.
 */
export function fastRead(text: string, catalog: CatalogIndex): FastReading | undefined {
  if (isUnsafe(text)) return undefined;
  const documents: FastDocument[] = [];
  const chunks = splitDocuments(text);
  for (const chunk of chunks) {
    if (BLANK_DOCUMENT.test(chunk.text)) {
      documents.push({ offset: chunk.offset, text: chunk.text, value: undefined });
      continue;
    }
    let value: unknown;
    try {
      value = load(chunk.text, { schema: CORE_SCHEMA, maxAliases: 0, maxDepth: MAX_NESTING });
    } catch {
      return undefined;
    }
    if (!isDict(value)) return undefined;
    if (checkSchema(value).length > 0 || checkRules(value, catalog).problems.length > 0) {
      return chunks.length === 1 ? { kind: 'flawed', document: { offset: chunk.offset, text: chunk.text, value } } : undefined;
    }
    documents.push({ offset: chunk.offset, text: chunk.text, value });
  }
  return { kind: 'clean', documents };
}

/**
 * Text the two parsers could read differently, or that only `yaml`'s own
 * diagnostics describe well: tabs, anchors and tags (`&`, `!`), directives,
 * lone CR or Unicode line breaks (js-yaml and `yaml` disagree on them),
 * control characters, an inner BOM, `__proto__` keys, and `0x`/`0o`
 * (js-yaml reads hexadecimal and octal numbers; parse.ts reads them as
 * text). Split into cheap tests: one character class over the whole text,
 * the rest only when their first character occurs.
 */
const UNSAFE_CHARACTERS = /[\t&!\x00-\x08\x0B\x0C\x0E-\x1F\x7F\u0085\u2028\u2029\uFEFF]/;

function isUnsafe(text: string): boolean {
  return (
    UNSAFE_CHARACTERS.test(text) ||
    text.includes('__proto__') ||
    text.includes('0x') ||
    text.includes('0o') ||
    (text.includes('%') && /^%/m.test(text)) ||
    (text.includes('\r') && /\r(?!\n)/.test(text))
  );
}

/** A document of only blank lines, comments and markers: `yaml` sees no content in it, so no record. */
const BLANK_DOCUMENT = /^(?:(?:(?:---|\.\.\.)(?: +#[^\n]*)?| *(?:#[^\n]*)?) *\r?(?:\n|$))*$/;
