import * as l10n from '@vscode/l10n';
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver';
import { isMap, isPair, isScalar, isSeq, type Node, type Pair, type YAMLMap } from 'yaml';
import type { Range } from '../core/types';
import type { FileAnalysis } from '../core/validate';
import { MAX_ITEMS_PER_RESPONSE } from './limits';

/**
 * The outline: one symbol per record (its title, with id and date as
 * detail), and inside it every field, list items included, so the outline
 * reads title, date, partners, documents…
 */
export function documentSymbols(analysis: FileAnalysis, toEditor: (range: Range) => Range = (r) => r): DocumentSymbol[] {
  const symbols: DocumentSymbol[] = [];
  let recordNumber = 0;
  let listed = 0;
  for (const chunk of analysis.chunks) {
    // Whole records only, so no record's outline is cut short; past the limit the outline ends.
    if (listed >= MAX_ITEMS_PER_RESPONSE) break;
    if (!chunk.hasContent) continue;
    const root = analysis.treeOf(chunk)?.contents;
    if (!root) continue;
    recordNumber++;
    const rangeOf = (start: number, end: number): Range =>
      toEditor(analysis.lineIndex.rangeOf({ start: chunk.offset + start, end: chunk.offset + trimEnd(chunk.text, start, end) }));
    const span = nodeSpan(root);
    if (!span) continue;
    if (!isMap(root)) {
      listed++;
      symbols.push({ name: `Document ${recordNumber}`, kind: SymbolKind.Object, range: rangeOf(span[0], span[1]), selectionRange: rangeOf(span[0], span[0]) });
      continue;
    }
    const title = scalarField(root, 'title');
    const id = scalarField(root, 'id');
    const date = scalarField(root, 'date');
    const titlePair = root.items.find((p) => isPair(p) && keyText(p) === 'title');
    const selection = nodeSpan((titlePair?.value as Node | null) ?? null) ?? nodeSpan(root.items[0]?.key as Node) ?? span;
    const children = pairSymbols(root, rangeOf, 0);
    listed += 1 + countSymbols(children);
    symbols.push({
      name: title ?? id ?? `Record ${recordNumber}`,
      detail: [id, date].filter(Boolean).join(' · ') || undefined,
      kind: SymbolKind.Event,
      range: rangeOf(span[0], span[1]),
      selectionRange: rangeOf(selection[0], selection[1]),
      children,
    });
  }
  return symbols;
}

type RangeOf = (start: number, end: number) => Range;

function countSymbols(symbols: readonly DocumentSymbol[] | undefined): number {
  let n = 0;
  for (const symbol of symbols ?? []) n += 1 + countSymbols(symbol.children);
  return n;
}

function pairSymbols(map: YAMLMap, rangeOf: RangeOf, depth: number): DocumentSymbol[] {
  const symbols: DocumentSymbol[] = [];
  for (const pair of map.items) {
    if (!isPair(pair)) continue;
    const name = keyText(pair);
    const keySpan = nodeSpan(pair.key as Node);
    if (name === undefined || !keySpan) continue;
    const value = (pair.value as Node | null) ?? null;
    const valueSpan = nodeSpan(value);
    const end = valueSpan ? valueSpan[1] : keySpan[1];
    symbols.push({
      name,
      detail: isScalar(value) ? short(value.value) : isSeq(value) ? (value.items.length === 1 ? l10n.t('1 item') : l10n.t('{0} items', value.items.length)) : undefined,
      kind: kindOf(value),
      range: rangeOf(keySpan[0], Math.max(end, keySpan[1])),
      selectionRange: rangeOf(keySpan[0], keySpan[1]),
      children: depth < 4 ? childSymbols(value, rangeOf, depth + 1) : undefined,
    });
  }
  return symbols;
}

function childSymbols(value: Node | null, rangeOf: RangeOf, depth: number): DocumentSymbol[] | undefined {
  if (isMap(value)) return pairSymbols(value, rangeOf, depth);
  if (!isSeq(value)) return undefined;
  const children: DocumentSymbol[] = [];
  value.items.forEach((item, i) => {
    const node = item as Node | null;
    const span = nodeSpan(node);
    if (!span) return;
    if (isMap(node)) {
      const label = scalarField(node, 'title') ?? scalarField(node, 'party') ?? scalarField(node, 'name') ?? `[${i}]`;
      children.push({
        name: label,
        detail: scalarField(node, 'head') ?? scalarField(node, 'status') ?? scalarField(node, 'date'),
        kind: SymbolKind.Object,
        range: rangeOf(span[0], span[1]),
        selectionRange: rangeOf(span[0], span[1]),
        children: depth < 4 ? pairSymbols(node, rangeOf, depth + 1) : undefined,
      });
    } else if (isScalar(node)) {
      children.push({ name: short(node.value) ?? `[${i}]`, kind: SymbolKind.String, range: rangeOf(span[0], span[1]), selectionRange: rangeOf(span[0], span[1]) });
    }
  });
  return children;
}

function kindOf(value: Node | null): SymbolKind {
  if (isSeq(value)) return SymbolKind.Array;
  if (isMap(value)) return SymbolKind.Object;
  if (isScalar(value)) {
    if (typeof value.value === 'number') return SymbolKind.Number;
    if (typeof value.value === 'boolean') return SymbolKind.Boolean;
  }
  return SymbolKind.Field;
}

function keyText(pair: Pair): string | undefined {
  return isScalar(pair.key) ? String(pair.key.value ?? '') : undefined;
}

function scalarField(map: YAMLMap, key: string): string | undefined {
  const pair = map.items.find((p) => isPair(p) && keyText(p) === key);
  const value = pair?.value;
  if (!isScalar(value) || value.value === null || value.value === undefined) return undefined;
  const text = String(value.value).trim();
  return text === '' ? undefined : text;
}

function short(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  const text = String(value).replace(/\s+/g, ' ').trim();
  if (!text) return undefined;
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

function nodeSpan(node: Node | null | undefined): [number, number] | undefined {
  return node?.range ? [node.range[0], node.range[1]] : undefined;
}

/** Backs an end offset over trailing whitespace, so a block's range ends on its last character. */
export function trimEnd(text: string, start: number, end: number): number {
  let e = Math.min(end, text.length);
  while (e > start && /\s/.test(text[e - 1])) e--;
  return e;
}
