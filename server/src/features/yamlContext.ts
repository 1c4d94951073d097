/**
 * Where the cursor is in a YAML record, read from the text's indentation.
 * Completion runs while the user types, when the YAML is often broken (a key
 * without its colon, an unfinished list item), so this works line by line
 * and never needs a successful parse.
 */
import { MAX_NESTING } from '../core/guardedParse';

export type Path = Array<string | number>;

export interface LineNode {
  col: number;
  kind: 'item' | 'key';
  key?: string;
  /** Column just after the key's text (before the colon). */
  keyEnd?: number;
  /** Column where the key's inline value starts (after the colon and spaces). */
  valueCol?: number;
  hasValue?: boolean;
}

export interface ScannedLine {
  indent: number;
  nodes: LineNode[];
  blank: boolean;
  comment: boolean;
  marker: boolean;
  /** Column where the text after the last node starts, and that text. */
  restCol: number;
  rest: string;
}

const PLAIN_KEY = /^([^\s#'"[\]{},:&*!|>%@`-](?:[^#\r\n]*?[^\s#])??|-[^\s#](?:[^#\r\n]*?[^\s#])??)[ \t]*:(?=[ \t]|$)/;
const DOUBLE_KEY = /^"((?:[^"\\]|\\.)*)"[ \t]*:(?=[ \t]|$)/;
const SINGLE_KEY = /^'((?:[^']|'')*)'[ \t]*:(?=[ \t]|$)/;

export function scanLine(text: string): ScannedLine {
  let i = 0;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  const indent = i;
  const base = { indent, nodes: [] as LineNode[], restCol: i, rest: text.slice(i) };
  if (i >= text.length) return { ...base, blank: true, comment: false, marker: false };
  if (text[i] === '#') return { ...base, blank: false, comment: true, marker: false };
  if (indent === 0 && /^(?:---|\.\.\.)(?:[ \t]|$)/.test(text)) return { ...base, blank: false, comment: false, marker: true };
  const nodes: LineNode[] = [];
  for (;;) {
    if (text[i] === '-' && (i + 1 === text.length || text[i + 1] === ' ' || text[i + 1] === '\t')) {
      // Past the nesting limit nothing is validated or completed: a line of a million `- ` stops here.
      if (nodes.length > MAX_NESTING) break;
      nodes.push({ col: i, kind: 'item' });
      i++;
      while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
      if (i >= text.length) break;
      continue;
    }
    const rest = text.slice(i);
    const match = DOUBLE_KEY.exec(rest) ?? SINGLE_KEY.exec(rest) ?? PLAIN_KEY.exec(rest);
    if (match) {
      const raw = match[1];
      const quoted = rest[0] === '"' || rest[0] === "'";
      const key = rest[0] === "'" ? raw.replace(/''/g, "'") : raw;
      let j = i + match[0].length;
      while (j < text.length && (text[j] === ' ' || text[j] === '\t')) j++;
      const hasValue = j < text.length && text[j] !== '#';
      nodes.push({ col: i, kind: 'key', key, keyEnd: i + raw.length + (quoted ? 2 : 0), valueCol: j, hasValue });
      i = j;
    }
    break;
  }
  return { indent, nodes, blank: false, comment: false, marker: false, restCol: i, rest: text.slice(i) };
}

export interface KeyContext {
  kind: 'key';
  /** Path of the mapping the key goes into. */
  parentPath: Path;
  prefix: string;
  /** Columns of the word the completion replaces. */
  start: number;
  end: number;
  /** Column of the key (its indentation). */
  column: number;
  /** Keys already present in the same mapping. */
  siblings: Set<string>;
  /** The line already has `key:` after the cursor: insert the name only. */
  hasColon: boolean;
}

export interface ValueContext {
  kind: 'value';
  path: Path;
  prefix: string;
  start: number;
  end: number;
  quote?: '"' | "'";
  /** The other values of the same list, when the value is a list item. */
  siblings: string[];
  /** The cursor sits right after a colon: the value needs a leading space. */
  needsSpace: boolean;
  inFlow: boolean;
}

export type CursorContext = KeyContext | ValueContext | { kind: 'none' };

/** Tells whether the list at `path` holds mappings (so `- wo|` types a key, not a value). */
export type ItemIsMapping = (listPath: Path) => boolean;

const NONE: CursorContext = { kind: 'none' };

/**
 * The context at (line, character). `lines` are the document's lines; walks
 * stop at `---` markers, so each record of a multi-document file is its own world.
 */
export function cursorContext(lines: readonly string[], line: number, character: number, itemIsMapping: ItemIsMapping): CursorContext {
  const lineText = lines[line] ?? '';
  const col = Math.min(character, lineText.length);
  const before = lineText.slice(0, col);
  if (inComment(before)) return NONE;
  const head = scanLine(before);
  if (head.marker) return NONE;
  const nodes = head.nodes;
  if (nodes.length > MAX_NESTING) return NONE;
  const last = nodes[nodes.length - 1];
  const firstCol = nodes.length ? nodes[0].col : head.indent;
  const firstIsItem = nodes.length ? nodes[0].kind === 'item' : false;
  const outer = ancestors(lines, line, firstCol, firstIsItem);
  if (!outer) return NONE;
  const outerPath = toPath(outer);

  if (last?.kind === 'key') {
    const path = [...outerPath, ...toPath(nodes)];
    return valueContext(lineText, col, last, path);
  }
  if (last?.kind === 'item') {
    const listPath = [...outerPath, ...toPath(nodes.slice(0, -1))];
    const itemPath = [...listPath, 0];
    const word = head.rest;
    if (itemIsMapping(listPath)) {
      if (!isKeyPrefix(word)) return NONE;
      const column = head.restCol;
      return keyContext(lines, line, lineText, column, itemPath, word, col);
    }
    return itemValueContext(lines, line, lineText, col, head.restCol, last.col, itemPath);
  }
  // No node before the cursor: a key being typed at this indentation.
  const word = head.rest;
  if (!isKeyPrefix(word)) return NONE;
  return keyContext(lines, line, lineText, head.indent, outerPath, word, col);
}

function inComment(before: string): boolean {
  let quote: string | undefined;
  for (let i = 0; i < before.length; i++) {
    const ch = before[i];
    if (quote) {
      if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'") {
      if (i === 0 || /[\s:,[{-]/.test(before[i - 1])) quote = ch;
    } else if (ch === '#' && (i === 0 || before[i - 1] === ' ' || before[i - 1] === '\t')) {
      return true;
    }
  }
  return false;
}

function isKeyPrefix(word: string): boolean {
  return word === '' || /^[A-Za-z_][\w-]*$/.test(word);
}

function toPath(nodes: readonly LineNode[]): Path {
  return nodes.map((n) => (n.kind === 'key' ? (n.key ?? '') : 0));
}

/**
 * The nodes that contain a node starting at `firstCol` on `line`, outermost
 * first; undefined when the position is inside a multi-line scalar.
 */
export function ancestors(lines: readonly string[], line: number, firstCol: number, firstIsItem: boolean): LineNode[] | undefined {
  const chain: LineNode[][] = [];
  let limit = firstCol;
  let outermostIsItem = firstIsItem;
  for (let l = line - 1; l >= 0; l--) {
    const text = lines[l];
    const indent = leadingSpaces(text);
    if (indent > limit) continue;
    const s = scanLine(text);
    if (s.blank || s.comment) continue;
    if (s.marker) break;
    if (s.nodes.length === 0) continue;
    const first = s.nodes[0];
    const compactParent = outermostIsItem && first.kind === 'key' && first.col === limit && !first.hasValue;
    if (first.col >= limit && !compactParent) continue;
    const taken = s.nodes.filter((n) => n.col < limit || (compactParent && n.col === limit));
    const innermost = taken[taken.length - 1];
    if (innermost.kind === 'key' && innermost.hasValue) return undefined;
    if (innermost.kind === 'item' && taken.length === s.nodes.length && s.rest.trim() !== '' && !s.rest.startsWith('#')) return undefined;
    chain.unshift(taken);
    limit = first.col;
    outermostIsItem = first.kind === 'item';
    if (limit === 0 && !outermostIsItem) break;
  }
  return chain.flat();
}

function leadingSpaces(text: string): number {
  let i = 0;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  return i === text.length ? Number.MAX_SAFE_INTEGER : i;
}

function keyContext(lines: readonly string[], line: number, lineText: string, column: number, parentPath: Path, word: string, col: number): KeyContext {
  let end = col;
  while (end < lineText.length && /[\w-]/.test(lineText[end])) end++;
  const after = lineText.slice(end);
  const hasColon = /^[ \t]*:(?:[ \t]|$)/.test(after);
  return {
    kind: 'key',
    parentPath,
    prefix: word,
    start: col - word.length,
    end,
    column,
    siblings: keySiblings(lines, line, column),
    hasColon,
  };
}

/** Keys at `column` in the same mapping as `line`. */
export function keySiblings(lines: readonly string[], line: number, column: number): Set<string> {
  const keys = new Set<string>();
  const visit = (l: number): boolean => {
    const text = lines[l];
    if (leadingSpaces(text) > column) return true;
    const s = scanLine(text);
    if (s.blank || s.comment) return true;
    if (s.marker) return false;
    if (s.nodes.length === 0) return s.indent >= column;
    for (const n of s.nodes) if (n.col === column && n.kind === 'key' && n.key !== undefined) keys.add(n.key);
    return s.nodes[0].col >= column;
  };
  for (let l = line - 1; l >= 0 && visit(l); l--);
  for (let l = line + 1; l < lines.length && visit(l); l++);
  return keys;
}

/** The scalar values of the other items of the list whose dashes sit at `dashCol`. */
export function listSiblings(lines: readonly string[], line: number, dashCol: number): string[] {
  const values: string[] = [];
  const visit = (l: number): boolean => {
    const text = lines[l];
    if (leadingSpaces(text) > dashCol) return true;
    const s = scanLine(text);
    if (s.blank || s.comment) return true;
    if (s.marker || s.nodes.length === 0) return s.indent > dashCol && !s.marker;
    const first = s.nodes[0];
    if (first.col < dashCol || (first.col === dashCol && first.kind === 'key')) return false;
    if (first.col === dashCol && first.kind === 'item' && s.nodes.length === 1) {
      const value = scalarText(s.rest);
      if (value) values.push(value);
    }
    return true;
  };
  for (let l = line - 1; l >= 0 && visit(l); l--);
  for (let l = line + 1; l < lines.length && visit(l); l++);
  return values;
}

/** A plain or quoted scalar's value, without a trailing comment. */
export function scalarText(raw: string): string {
  const text = raw.trim();
  if (text.startsWith('"')) {
    const end = text.indexOf('"', 1);
    try {
      return JSON.parse(text.slice(0, end < 0 ? text.length : end + 1)) as string;
    } catch {
      return text.slice(1, end < 0 ? text.length : end);
    }
  }
  if (text.startsWith("'")) {
    const end = text.indexOf("'", 1);
    return text.slice(1, end < 0 ? text.length : end).replace(/''/g, "'");
  }
  return text.replace(/[ \t]+#.*$/, '').trim();
}

function valueContext(lineText: string, col: number, key: LineNode, path: Path): CursorContext {
  const valueCol = Math.min(key.valueCol ?? col, col);
  const typed = lineText.slice(valueCol, col);
  const needsSpace = valueCol === col && lineText[col - 1] === ':';
  if (typed.startsWith('|') || typed.startsWith('>') || typed.startsWith('{') || typed.startsWith('&') || typed.startsWith('*') || typed.startsWith('!')) return NONE;
  if (typed.startsWith('[')) return flowItemContext(lineText, col, valueCol, path);
  const context = scalarAt(lineText, valueCol, col);
  if (!context) return NONE;
  return { kind: 'value', path, siblings: [], needsSpace, inFlow: false, ...context };
}

function itemValueContext(lines: readonly string[], line: number, lineText: string, col: number, valueCol: number, dashCol: number, path: Path): CursorContext {
  const typed = lineText.slice(valueCol, col);
  if (/^[|>{&*!]/.test(typed)) return NONE;
  if (typed.startsWith('[')) return NONE;
  const context = scalarAt(lineText, valueCol, col);
  if (!context) return NONE;
  return { kind: 'value', path, siblings: listSiblings(lines, line, dashCol), needsSpace: false, inFlow: false, ...context };
}

/** The scalar that starts at `valueCol`: what was typed up to the cursor and where it ends. */
function scalarAt(lineText: string, valueCol: number, col: number): Pick<ValueContext, 'prefix' | 'start' | 'end' | 'quote'> | undefined {
  const first = lineText[valueCol];
  if (first === '"' || first === "'") {
    const close = lineText.indexOf(first, valueCol + 1);
    if (close >= 0 && close < col) return undefined;
    const end = close < 0 ? trimmedEnd(lineText, col) : close;
    return { prefix: lineText.slice(valueCol + 1, col), start: valueCol + 1, end: Math.max(end, col), quote: first };
  }
  return { prefix: lineText.slice(valueCol, col), start: valueCol, end: Math.max(trimmedEnd(lineText, col), col) };
}

/** End of a plain scalar on the line: before a comment and trailing spaces. */
function trimmedEnd(lineText: string, from: number): number {
  const comment = lineText.slice(from).search(/[ \t]#/);
  let end = comment < 0 ? lineText.length : from + comment;
  while (end > from && /[ \t]/.test(lineText[end - 1])) end--;
  return end;
}

/** An item of a one-line flow list: `partners: [Japan, Ch|]`. */
function flowItemContext(lineText: string, col: number, valueCol: number, path: Path): CursorContext {
  const close = lineText.indexOf(']', valueCol);
  if (close >= 0 && close < col) return NONE;
  const innerEnd = close < 0 ? lineText.length : close;
  const inner = lineText.slice(valueCol + 1, innerEnd);
  const items: Array<{ start: number; end: number; text: string }> = [];
  let start = valueCol + 1;
  for (const part of inner.split(',')) {
    items.push({ start, end: start + part.length, text: part });
    start += part.length + 1;
  }
  const index = items.findIndex((item) => col >= item.start && col <= item.end);
  if (index < 0) return NONE;
  const item = items[index];
  let itemStart = item.start;
  while (itemStart < col && /[ \t]/.test(lineText[itemStart])) itemStart++;
  let itemEnd = item.end;
  while (itemEnd > col && /[ \t]/.test(lineText[itemEnd - 1])) itemEnd--;
  let quote: '"' | "'" | undefined;
  if (lineText[itemStart] === '"' || lineText[itemStart] === "'") {
    quote = lineText[itemStart] as '"' | "'";
    itemStart++;
    if (itemEnd > col && lineText[itemEnd - 1] === quote) itemEnd--;
  }
  const siblings = items.filter((_, i) => i !== index).map((i) => scalarText(i.text)).filter((v) => v !== '');
  return {
    kind: 'value',
    path: [...path, index],
    prefix: lineText.slice(itemStart, col),
    start: itemStart,
    end: Math.max(itemEnd, col),
    quote,
    siblings,
    needsSpace: false,
    inFlow: true,
  };
}
