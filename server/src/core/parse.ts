import { isAlias, isMap, isPair, isScalar, isSeq, parseDocument, type Document, type Node, type Pair } from 'yaml';
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

function endOfLine(text: string, from: number): number {
  const newline = text.indexOf('\n', from);
  return newline < 0 ? text.length : newline + 1;
}

/** Parses one chunk. Never throws: every failure becomes a syntax problem with a span. */
export function parseChunk(text: string, offset: number): ParsedChunk {
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, {
      version: '1.2',
      schema: 'core',
      uniqueKeys: true,
      prettyErrors: false,
      strict: true,
      merge: false,
      // Problems are reported as diagnostics; nothing may be printed (toJS would warn on stderr about collection keys).
      logLevel: 'error',
    }) as Document.Parsed;
  } catch (error) {
    return failedChunk(text, offset, describeThrown(error));
  }
  const syntaxErrors: SyntaxProblem[] = [
    ...readableErrors(doc, text),
    ...doc.warnings
      .filter((w) => w.code === 'TAG_RESOLVE_FAILED')
      .map((w) => ({ message: unsupportedTagMessage(w.message), span: toSpan(w.pos, text.length) })),
  ];
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
 * times, as RESOURCE_EXHAUSTION) becomes one clear error, and a duplicate
 * key is underlined whole rather than by its first character.
 */
function readableErrors(doc: Document.Parsed, text: string): SyntaxProblem[] {
  const problems: SyntaxProblem[] = [];
  let tooDeep = false;
  for (const e of doc.errors) {
    const span = toSpan(e.pos, text.length);
    if (e.code === 'RESOURCE_EXHAUSTION') {
      if (tooDeep) continue;
      tooDeep = true;
      problems.push({ message: TOO_DEEP, span });
    } else if (e.code === 'DUPLICATE_KEY') {
      problems.push({ message: cleanMessage(e.message), span: keySpanAt(doc, text, span.start) ?? span });
    } else {
      problems.push({ message: cleanMessage(e.message), span });
    }
  }
  return problems;
}

const TOO_DEEP = 'The YAML is nested too deeply to read';

/**
 * The span of the mapping key that starts at `offset` (after its anchor or
 * tag, on the same line). Walks without recursion: the tree may be deep.
 */
function keySpanAt(doc: Document.Parsed, text: string, offset: number): Span | undefined {
  const stack: unknown[] = [doc.contents];
  let best: Span | undefined;
  while (stack.length > 0) {
    const node = stack.pop();
    if (isMap(node)) {
      for (const pair of node.items) {
        const range = (pair.key as Node | null)?.range;
        if (range && range[0] >= offset && !/[\r\n]/.test(text.slice(offset, range[0])) && (!best || range[0] < best.start)) {
          best = { start: range[0], end: Math.max(range[0], Math.min(range[1], text.length)) };
        }
        stack.push(pair.key, pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push(item);
    }
  }
  return best;
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

function unsupportedTagMessage(message: string): string {
  const tag = /tag:?\s*(\S+)/i.exec(message)?.[1] ?? 'tag';
  return `Unsupported tag ${tag}: tags are never executed; use a plain value`;
}

function describeThrown(error: unknown): string {
  if (error instanceof RangeError) return TOO_DEEP;
  if (error instanceof ReferenceError && /alias/i.test(error.message)) {
    return `Too many alias expansions (more than ${MAX_ALIAS_COUNT}): this looks like an alias bomb`;
  }
  return `The YAML could not be read: ${error instanceof Error ? error.message : String(error)}`;
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
      const pair = node.items.find((p) => isPair(p) && scalarKey(p.key) === String(segment));
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

export function scalarKey(key: unknown): string | undefined {
  if (isScalar(key)) return key.value === null ? '' : String(key.value);
  return undefined;
}

export function nodeSpan(node: Node | null | undefined): Span | undefined {
  if (!node || !node.range) return undefined;
  if (isAlias(node)) return { start: node.range[0], end: node.range[1] };
  return { start: node.range[0], end: node.range[1] };
}
