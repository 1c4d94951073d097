import { isMap, isPair, isScalar, isSeq, Scalar, type Document, type Node } from 'yaml';
import { locatePath, nodeSpan, type Located } from './parse';
import type { Problem, ValueFix } from './problems';
import { lineBreakOf, withLineFeeds } from './text';
import type { Span, ValuePath } from './types';

/** An edit in chunk offsets; shifted to file positions when the file is assembled. */
export interface SpanEdit {
  span: Span;
  newText: string;
}

export interface SpanFix {
  title: string;
  edits: SpanEdit[];
  safe: boolean;
  preferred?: boolean;
}

/**
 * Where a problem's range goes, by the format's table: the value for
 * type/enum/pattern problems, the key for an unknown field, the key of the
 * mapping that lacks a field (its first key at top level). Never the whole
 * file: when nothing better is found, the document's first line.
 */
export function spanOfProblem(doc: Document.Parsed, text: string, problem: Problem): Span {
  const fallback = (): Span => firstLineSpan(doc, text);
  if (problem.target === 'missing') return missingFieldSpan(doc, problem.path) ?? fallback();
  const located = locatePath(doc, problem.path);
  if (!located) return spanOfNearestAncestor(doc, problem.path) ?? fallback();
  if (problem.target === 'key' && located.pair) return nodeSpan(located.pair.key as Node) ?? fallback();
  return nonEmpty(nodeSpan(located.node)) ?? keySpan(located) ?? fallback();
}

function missingFieldSpan(doc: Document.Parsed, path: ValuePath): Span | undefined {
  const located = locatePath(doc, path);
  const node = located?.node;
  // A list item or the record itself: point at its first key.
  if (isMap(node) && node.items.length > 0 && (path.length === 0 || typeof path[path.length - 1] === 'number')) {
    const first = node.items[0];
    if (isPair(first)) return nodeSpan(first.key as Node);
  }
  if (located?.pair) return keySpan(located);
  return nonEmpty(nodeSpan(node ?? null));
}

function spanOfNearestAncestor(doc: Document.Parsed, path: ValuePath): Span | undefined {
  for (let length = path.length - 1; length >= 0; length--) {
    const located = locatePath(doc, path.slice(0, length));
    const span = located && (keySpan(located) ?? nonEmpty(nodeSpan(located.node)));
    if (span) return span;
  }
  return undefined;
}

function nonEmpty(span: Span | undefined): Span | undefined {
  return span && span.end > span.start ? span : undefined;
}

function keySpan(located: Located): Span | undefined {
  return located.pair ? nodeSpan(located.pair.key as Node) : undefined;
}

/** The first line of the document's content: the least surprising place when nothing better exists. */
export function firstLineSpan(doc: Document.Parsed | undefined, text: string): Span {
  const start = doc?.contents?.range?.[0] ?? Math.max(0, text.search(/\S/));
  const lineEnd = text.slice(start).search(/\r?\n|\r/);
  return { start, end: lineEnd < 0 ? text.length : start + lineEnd };
}

/** Turns a structural fix into text edits that keep comments, quoting and order. */
export function editsForFix(doc: Document.Parsed, text: string, fix: ValueFix): SpanFix | undefined {
  // Lines are found in LF text (the same offsets; a lone-CR file's lines
  // end in CR), and the lines an edit adds end as the file's do.
  const edits = computeEdits(doc, withLineFeeds(text), fix, lineBreakOf(text));
  if (!edits) return undefined;
  return { title: fix.title, edits, safe: fix.safe, preferred: fix.preferred };
}

function computeEdits(doc: Document.Parsed, text: string, fix: ValueFix, eol: string): SpanEdit[] | undefined {
  const located = locatePath(doc, fix.path);
  switch (fix.kind) {
    case 'replace-value': {
      if (!located || !isScalar(located.node)) return undefined;
      const span = nodeSpan(located.node);
      return span ? [{ span, newText: scalarText(fix.value, located.node.type) }] : undefined;
    }
    case 'rename-key': {
      const key = located?.pair?.key;
      const span = isScalar(key) ? nodeSpan(key) : undefined;
      return span ? [{ span, newText: scalarText(fix.key, key instanceof Scalar ? key.type : undefined) }] : undefined;
    }
    case 'remove-item':
      return removeItemEdits(doc, text, fix.path);
    case 'insert-field':
      return insertFieldEdits(doc, text, fix.path, fix.key, fix.value, eol);
  }
}

const PLAIN_SAFE = /^[\p{L}\p{N}(][\p{L}\p{N} .,+()'’&/-]*$/u;
const LOOKS_TYPED = /^(?:true|false|null|yes|no|on|off|~|[-+]?(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?|0x[\da-f]+|0o[0-7]+|\.inf|\.nan)$/i;

/** A scalar in the style the file already used, falling back to double quotes when plain would change its meaning. */
export function scalarText(value: string, style: Scalar.Type | undefined): string {
  if (style === 'QUOTE_SINGLE') return `'${value.replace(/'/g, "''")}'`;
  if (style === 'QUOTE_DOUBLE') return JSON.stringify(value);
  if (PLAIN_SAFE.test(value) && !LOOKS_TYPED.test(value) && !value.endsWith(' ')) return value;
  return JSON.stringify(value);
}

function removeItemEdits(doc: Document.Parsed, text: string, path: ValuePath): SpanEdit[] | undefined {
  const index = path[path.length - 1];
  const seqLocated = locatePath(doc, path.slice(0, -1));
  const seq = seqLocated?.node;
  if (!isSeq(seq) || typeof index !== 'number') return undefined;
  const item = seq.items[index] as Node | undefined;
  const span = nodeSpan(item ?? null);
  if (!span) return undefined;
  if (seq.flow) {
    const previous = nodeSpan((seq.items[index - 1] as Node | undefined) ?? null);
    const next = nodeSpan((seq.items[index + 1] as Node | undefined) ?? null);
    if (previous) return [{ span: { start: previous.end, end: span.end }, newText: '' }];
    if (next) return [{ span: { start: span.start, end: next.start }, newText: '' }];
    return [{ span, newText: '' }];
  }
  // Block item: remove its whole line(s), from the line's start to after the line break.
  const start = text.lastIndexOf('\n', span.start - 1) + 1;
  const lineAfter = text.indexOf('\n', Math.max(span.end - 1, span.start));
  const end = lineAfter < 0 ? text.length : lineAfter + 1;
  if (text.slice(start, span.start).trim() !== '-') return undefined;
  return [{ span: { start, end }, newText: '' }];
}

/** `text` has LF line breaks (see editsForFix); `eol` is the file's own. */
function insertFieldEdits(doc: Document.Parsed, text: string, path: ValuePath, key: string, value: string, eol: string): SpanEdit[] | undefined {
  const located = locatePath(doc, path);
  const map = located?.node;
  if (!isMap(map) || map.flow || map.items.length === 0) return undefined;
  const firstKey = nodeSpan(map.items[0].key as Node);
  const lastPair = map.items[map.items.length - 1];
  const lastEnd = nodeSpan((lastPair.value as Node | null) ?? null)?.end ?? nodeSpan(lastPair.key as Node)?.end;
  if (!firstKey || lastEnd === undefined) return undefined;
  const lineStart = text.lastIndexOf('\n', firstKey.start - 1) + 1;
  const indent = text.slice(lineStart, firstKey.start).replace(/[^ \t]/g, ' ');
  // Insert after the line where the last value ends, so trailing comments stay with their lines.
  const lineBreak = text.indexOf('\n', Math.max(lastEnd - 1, 0));
  const insertAt = lineBreak < 0 ? text.length : lineBreak + 1;
  const prefix = lineBreak < 0 ? eol : '';
  return [{ span: { start: insertAt, end: insertAt }, newText: `${prefix}${indent}${key}: ${value}${eol}` }];
}
