import * as l10n from '@vscode/l10n';
import { CST, isAlias, isMap, isPair, isScalar, isSeq, Parser, type Document, type DocumentOptions, type Node, type ParseOptions, type SchemaOptions, type Pair, type Tags, type YAMLMap } from 'yaml';
import { explicitTags, NestingLimitError, parseDocumentWithin, tooDeepMessage } from './guardedParse';
import { currentLocale, formatNumber } from './l10n';
import { withLineFeeds } from './text';
import type { Span } from './types';

/**
 * One YAML document of a file, parsed on its own. A file is split at its
 * `---`/`...` marker lines before parsing: YAML forbids those lines inside any
 * scalar, so the split is exact, and an edit re-parses only the document it
 * touches (the rest come from the cache).
 */
export interface ParsedChunk {
  /** Offset of the chunk in the file; every span below is relative to the chunk. */
  readonly offset: number;
  readonly text: string;
  readonly doc: Document.Parsed | undefined;
  /** The record as plain data; undefined when the document has no content or could not be read. */
  readonly value: unknown;
  readonly hasContent: boolean;
  readonly syntaxErrors: readonly SyntaxProblem[];
}

export interface SyntaxProblem {
  message: string;
  span: Span;
}

/** Alias expansions allowed per document: enough for real records, far too few for a billion-laughs bomb. */
export const MAX_ALIAS_COUNT = 100;

/**
 * Numbers are written in decimal: the core schema's hexadecimal and octal
 * integers (`0x1`, `0o1`) read as text, so `version: 0x1` is not version 1
 * and a year written `0x7AF` is reported, not read as 1967.
 */
function decimalNumbersOnly(tags: Tags): Tags {
  return tags.filter((tag) => (typeof tag === 'string' ? tag !== 'intHex' && tag !== 'intOct' : tag.format !== 'HEX' && tag.format !== 'OCT'));
}

/** How every record document is read: YAML 1.2 core schema (decimal numbers only), strict, no merge keys. */
export const PARSE_OPTIONS = {
  version: '1.2',
  schema: 'core',
  customTags: decimalNumbersOnly,
  // Duplicate keys are found below in one pass; the parser's own check compares every key with every other.
  uniqueKeys: false,
  prettyErrors: false,
  strict: true,
  merge: false,
  // Problems are reported as diagnostics; nothing may be printed (toJS would warn on stderr about collection keys).
  logLevel: 'error',
} as const satisfies ParseOptions & DocumentOptions & SchemaOptions;

const DOCUMENT_MARKER = /^(?:---|\.\.\.)(?=[ \t\r\n]|$)/gm;

/** Splits a file into per-document chunks, each starting at a `---` line or after a `...` line. */
export function splitDocuments(text: string): Array<{ offset: number; text: string }> {
  // Directives (%YAML, %TAG) bind to the next document: keep such files whole.
  if (/^%/m.test(text)) return [{ offset: 0, text }];
  const cuts = [0];
  for (const match of text.matchAll(DOCUMENT_MARKER)) {
    const at = match.index ?? 0;
    if (match[0] === '---') cuts.push(at);
    else cuts.push(endOfLine(text, at));
  }
  cuts.push(text.length);
  const chunks: Array<{ offset: number; text: string }> = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    if (cuts[i + 1] > cuts[i] || (i === 0 && text.length === 0)) {
      chunks.push({ offset: cuts[i], text: text.slice(cuts[i], cuts[i + 1]) });
    }
  }
  return chunks;
}

/** After the line break (LF, CRLF or a lone CR) that ends the line at `from`. */
function endOfLine(text: string, from: number): number {
  LINE_BREAK.lastIndex = from;
  const found = LINE_BREAK.exec(text);
  return found ? found.index + found[0].length : text.length;
}

const LINE_BREAK = /\r\n?|\n/g;

/**
 * How a chunk's text becomes a tree: `parseDocument` with PARSE_OPTIONS, or
 * something that gives the same tree; either stops at the nesting limit
 * with a NestingLimitError.
 */
export type ParseYaml = (text: string) => Document.Parsed;

const parseWhole: ParseYaml = (text) => parseDocumentWithin(text, PARSE_OPTIONS);

/**
 * Parses one chunk. Never throws: every failure becomes a syntax problem with
 * a span. Text nested deeper than MAX_NESTING is refused where it passes the
 * limit, before a tree is built (building it is what exhausts memory).
 */
export function parseChunk(text: string, offset: number, parse: ParseYaml = parseWhole): ParsedChunk {
  const yamlText = withLineFeeds(text);
  let doc: Document.Parsed;
  // The parser builds an Error per problem; a stack trace for each of them
  // made a file of 200,000 broken lines take half a minute. None is needed.
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    doc = parse(yamlText);
  } catch (error) {
    if (error instanceof NestingLimitError) return { offset, text, doc: undefined, value: undefined, hasContent: true, syntaxErrors: [{ message: tooDeepMessage(), span: error.span }] };
    return failedChunk(text, offset, describeThrown(error));
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
  const syntaxErrors = capped([...readableErrors(doc, yamlText), ...duplicateKeys(doc, yamlText), ...unsupportedTags(doc, yamlText)]);
  const hasContent = doc.contents !== null && doc.contents !== undefined && !isEmptyScalar(doc.contents);
  if (syntaxErrors.length > 0 || !hasContent) {
    return { offset, text, doc, value: undefined, hasContent, syntaxErrors };
  }
  try {
    const value: unknown = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    return { offset, text, doc, value, hasContent, syntaxErrors };
  } catch (error) {
    const span = doc.contents?.range ? { start: doc.contents.range[0], end: doc.contents.range[1] } : { start: 0, end: 0 };
    return { offset, text, doc, value: undefined, hasContent, syntaxErrors: [{ message: describeThrown(error), span }] };
  }
}

/**
 * The parser's errors as a person reads them: a stack overflow while
 * composing deeply nested YAML (the parser reports it, possibly several
 * times, as RESOURCE_EXHAUSTION) becomes one clear error.
 */
function readableErrors(doc: Document.Parsed, text: string): SyntaxProblem[] {
  const problems: SyntaxProblem[] = [];
  let tooDeep = false;
  for (const e of doc.errors) {
    const span = toSpan(e.pos, text.length);
    if (e.code === 'RESOURCE_EXHAUSTION') {
      if (tooDeep) continue;
      tooDeep = true;
      problems.push({ message: tooDeepMessage(), span });
    } else if (e.code === 'MISSING_CHAR' && /^Missing closing (["'])quote/.test(e.message)) {
      problems.push(unclosedQuote(text, e.message.charAt(16) === "'" ? "'" : '"') ?? { message: syntaxMessage(e.code, e.message), span });
    } else {
      problems.push({ message: syntaxMessage(e.code, e.message), span });
    }
  }
  return problems;
}

/**
 * An unclosed quoted string, placed where it opens: `yaml` reports the
 * missing quote at the end of the text, past every line, where nobody would
 * look for its cause. The span runs from the opening quote to its line's end.
 */
function unclosedQuote(text: string, quote: '"' | "'"): SyntaxProblem | undefined {
  const type = quote === '"' ? 'double-quoted-scalar' : 'single-quoted-scalar';
  let start: number | undefined;
  for (const token of new Parser().parse(text)) {
    if (token.type !== 'document') continue;
    CST.visit(token, (item) => {
      for (const node of [item.key, item.value]) {
        if (start === undefined && node?.type === type && 'source' in node && !isClosedQuote(node.source, quote)) start = node.offset;
      }
    });
  }
  if (start === undefined) return undefined;
  const lineEnd = text.slice(start).search(/\r|\n|$/);
  return { message: l10n.t('This quoted string is never closed: a closing {0} is missing', quote), span: { start, end: start + Math.max(1, lineEnd) } };
}

/** A quoted scalar's source ends with its closing quote (not an escaped one). */
function isClosedQuote(source: string, quote: '"' | "'"): boolean {
  if (source.length < 2 || !source.endsWith(quote)) return false;
  let run = 0;
  if (quote === '"') {
    for (let i = source.length - 2; i > 0 && source[i] === '\\'; i--) run++;
    return run % 2 === 0;
  }
  // In single quotes a quote is escaped by doubling it: an odd run of them at the end closes the string.
  for (let i = source.length - 1; i > 0 && source[i] === "'"; i--) run++;
  return run % 2 === 1;
}

/**
 * Keys repeated in one mapping, each reported on the repeated key, whole.
 * Scalar keys are equal when their values are (as the parser's own check
 * has it: `1` and `'1'` differ). Walks without recursion: the tree may be deep.
 */
function duplicateKeys(doc: Document.Parsed, text: string): SyntaxProblem[] {
  const problems: SyntaxProblem[] = [];
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isMap(node)) {
      const seen = new Set<unknown>();
      for (const pair of node.items) {
        const key = pair.key;
        if (isScalar(key)) {
          if (seen.has(key.value) && key.range) problems.push({ message: l10n.t('Map keys must be unique'), span: toSpan([key.range[0], key.range[1]], text.length) });
          seen.add(key.value);
        }
        stack.push(pair.key, pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push(item);
    }
  }
  return problems.sort((a, b) => a.span.start - b.span.start);
}

/** Past this many, a document's syntax errors are noise: the rest are counted in one last error. */
export const MAX_SYNTAX_ERRORS = 100;

function capped(problems: SyntaxProblem[]): SyntaxProblem[] {
  if (problems.length <= MAX_SYNTAX_ERRORS) return problems;
  const rest = problems.length - MAX_SYNTAX_ERRORS;
  const shown = problems.slice(0, MAX_SYNTAX_ERRORS);
  const next = problems[MAX_SYNTAX_ERRORS].span;
  const message =
    rest === 1
      ? l10n.t('1 more YAML syntax error in this document not shown: fix the ones above first')
      : l10n.t('{0} more YAML syntax errors in this document not shown: fix the ones above first', formatNumber(rest));
  shown.push({ message, span: next });
  return shown;
}

function failedChunk(text: string, offset: number, message: string): ParsedChunk {
  const firstLineEnd = text.search(/\r?\n|$/);
  return {
    offset,
    text,
    doc: undefined,
    value: undefined,
    hasContent: true,
    syntaxErrors: [{ message, span: { start: 0, end: Math.max(0, firstLineEnd) } }],
  };
}

function isEmptyScalar(node: Node): boolean {
  return isScalar(node) && node.value === null && (node.range?.[0] ?? 0) === (node.range?.[1] ?? 0);
}

function toSpan(pos: [number, number], length: number): Span {
  const start = Math.min(pos[0], length);
  return { start, end: Math.min(Math.max(pos[1], start), length) };
}

function cleanMessage(message: string): string {
  return message.replace(/\s+at line \d+, column \d+:?[\s\S]*$/, '').trim();
}

/**
 * A YAML parser error as the editor shows it. The parser's sentences are
 * English; the common ones have a translation of their own, and the rest,
 * in Vietnamese, start with what kind of error it is and keep the parser's
 * words in parentheses. In English the parser's sentence is shown as it is.
 */
function syntaxMessage(code: string, raw: string): string {
  const english = cleanMessage(raw);
  switch (english) {
    case 'Map keys must be unique':
      return l10n.t('Map keys must be unique');
    case 'Tabs are not allowed as indentation':
      return l10n.t('Tabs are not allowed as indentation');
    case 'All sequence items must start at the same column':
      return l10n.t('All sequence items must start at the same column');
    case 'Implicit map keys need to be followed by map values':
      return l10n.t('Implicit map keys need to be followed by map values');
    case 'Implicit keys need to be on a single line':
      return l10n.t('Implicit keys need to be on a single line');
    case 'Sequence item without - indicator':
      return l10n.t('Sequence item without - indicator');
    case 'A node can have at most one anchor':
      return l10n.t('A node can have at most one anchor');
    case 'A node can have at most one tag':
      return l10n.t('A node can have at most one tag');
    case 'Comments must be separated from other tokens by white space characters':
      return l10n.t('Comments must be separated from other tokens by white space characters');
    case 'Nested mappings are not allowed in compact mappings':
      return l10n.t('Nested mappings are not allowed in compact mappings');
    default:
      break;
  }
  if (currentLocale() === 'en') return english;
  const kind = syntaxKind(code);
  return `${kind} (${english})`;
}

/** What kind of YAML error a parser code names, as the Vietnamese message starts. */
function syntaxKind(code: string): string {
  switch (code) {
    case 'BAD_INDENT':
    case 'TAB_AS_INDENT':
      return l10n.t('The indentation is wrong');
    case 'MISSING_CHAR':
      return l10n.t('A character YAML needs here is missing');
    case 'UNEXPECTED_TOKEN':
    case 'BAD_SCALAR_START':
      return l10n.t('Something here is out of place for YAML');
    case 'BLOCK_IN_FLOW':
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY':
      return l10n.t('A key or a list is written where YAML does not allow it');
    case 'BAD_DQ_ESCAPE':
      return l10n.t('A quoted string has an invalid escape');
    case 'DUPLICATE_KEY':
      return l10n.t('Map keys must be unique');
    case 'MULTIPLE_DOCS':
    case 'BAD_DIRECTIVE':
      return l10n.t('A document marker or directive is wrong');
    case 'BAD_ALIAS':
    case 'ALIAS_PROPS':
    case 'BAD_PROP_ORDER':
    case 'MULTIPLE_ANCHORS':
    case 'MULTIPLE_TAGS':
      return l10n.t('An anchor, alias or tag is wrong');
    default:
      return l10n.t('YAML syntax error');
  }
}

/**
 * One rule for every tag, `!!str` included: a record is plain values. A tag
 * either changes what a value is (the YAML 1.1 types `!!binary`,
 * `!!timestamp`, `!!set`, `!!omap`, `!!pairs` decode into bytes, dates and
 * sets, which were then judged only as "must be text"), or names a type
 * that code would build (`!local`, `!!js/function`: never executed). Each
 * is an error on the tag itself, named as written; a plain or quoted value
 * says the same without one.
 */
function unsupportedTags(doc: Document.Parsed, text: string): SyntaxProblem[] {
  return explicitTags(doc).map((span) => ({ message: l10n.t('Unsupported tag {0}: tags are never executed; use a plain value', shortened(text.slice(span.start, span.end))), span }));
}

/** A tag as long as a file must not make a message as long. */
function shortened(written: string): string {
  return written.length > 60 ? `${written.slice(0, 59)}…` : written;
}

function describeThrown(error: unknown): string {
  if (error instanceof RangeError) return tooDeepMessage();
  if (error instanceof ReferenceError && /alias/i.test(error.message)) {
    return l10n.t('Too many alias expansions (more than {0}): this looks like an alias bomb', MAX_ALIAS_COUNT);
  }
  return l10n.t('The YAML could not be read: {0}', error instanceof Error ? error.message : String(error));
}

/** The node and, when it sits in a mapping, the pair holding it, for a value path. */
export interface Located {
  node: Node | null;
  pair?: Pair;
  parent?: Node;
}

/** Walks a value path through the YAML tree. Aliases are not followed: ranges must point at text in this file. */
export function locatePath(doc: Document.Parsed, path: ReadonlyArray<string | number>): Located | undefined {
  let current: Located = { node: doc.contents };
  for (const segment of path) {
    const node = current.node;
    if (isMap(node)) {
      const pair = pairByKey(node, String(segment));
      if (!pair) return undefined;
      current = { node: (pair.value as Node | null) ?? null, pair, parent: node };
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment] as Node | undefined;
      if (item === undefined) return undefined;
      current = { node: item, parent: node };
    } else {
      return undefined;
    }
  }
  return current;
}

/** Key → first pair, per large mapping: a record with thousands of keys is looked up once per problem. */
const pairIndex = new WeakMap<YAMLMap, Map<string, Pair>>();

function pairByKey(map: YAMLMap, key: string): Pair | undefined {
  if (map.items.length < 16) return map.items.find((p) => isPair(p) && scalarKey(p.key) === key);
  let index = pairIndex.get(map);
  if (!index) {
    index = new Map();
    for (const p of map.items) {
      const k = isPair(p) ? scalarKey(p.key) : undefined;
      if (k !== undefined && !index.has(k)) index.set(k, p);
    }
    pairIndex.set(map, index);
  }
  return index.get(key);
}

export function scalarKey(key: unknown): string | undefined {
  if (isScalar(key)) return key.value === null ? '' : String(key.value);
  return undefined;
}

export function nodeSpan(node: Node | null | undefined): Span | undefined {
  if (!node || !node.range) return undefined;
  if (isAlias(node)) return { start: node.range[0], end: node.range[1] };
  return { start: node.range[0], end: node.range[1] };
}
