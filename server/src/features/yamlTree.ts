import { isMap, isPair, isScalar, isSeq, type Document, type Node } from 'yaml';
import type { Span } from '../core/types';
import type { FileAnalysis, FileChunk } from '../core/validate';

/** Helpers over the parse trees of an analysed (open) document. */

export type Path = Array<string | number>;

export interface NodeHit {
  path: Path;
  isKey: boolean;
  /** Span in file offsets. */
  span: Span;
  value: unknown;
}

/** The chunk (YAML document) of a file that holds a file offset. */
export function chunkAt(analysis: FileAnalysis, offset: number): FileChunk | undefined {
  // Binary search: a file may hold hundreds of thousands of documents, in offset order.
  const { chunks } = analysis;
  let low = 0;
  let high = chunks.length - 1;
  if (high < 0 || chunks[0].offset > offset) return undefined;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (chunks[mid].offset <= offset) low = mid;
    else high = mid - 1;
  }
  return chunks[low];
}

/** The scalar (key or value) at a file offset, with its path in the record. */
export function nodeAt(analysis: FileAnalysis, offset: number): NodeHit | undefined {
  const chunk = chunkAt(analysis, offset);
  const doc = chunk && analysis.treeOf(chunk);
  if (!chunk || !doc) return undefined;
  const local = offset - chunk.offset;
  const within = (node: Node | null | undefined): boolean =>
    !!node?.range && node.range[0] <= local && local <= node.range[1];
  const hit = (node: Node, path: Path, isKey: boolean): NodeHit => ({
    path,
    isKey,
    span: { start: (node.range?.[0] ?? 0) + chunk.offset, end: (node.range?.[1] ?? 0) + chunk.offset },
    value: isScalar(node) ? node.value : undefined,
  });
  let node: Node | null | undefined = doc.contents;
  const path: Path = [];
  for (let depth = 0; node && depth < 200; depth++) {
    if (isMap(node)) {
      let next: Node | null | undefined;
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const key = pair.key as Node | null;
        const keyText = isScalar(key) ? String(key.value ?? '') : undefined;
        if (keyText !== undefined && key && within(key)) return hit(key, [...path, keyText], true);
        const value = pair.value as Node | null;
        if (keyText !== undefined && value && within(value)) {
          path.push(keyText);
          next = value;
          break;
        }
      }
      node = next;
    } else if (isSeq(node)) {
      const index = node.items.findIndex((item) => within(item as Node));
      if (index < 0) return undefined;
      path.push(index);
      node = node.items[index] as Node;
    } else if (isScalar(node)) {
      return within(node) ? hit(node, path, false) : undefined;
    } else {
      return undefined;
    }
  }
  return undefined;
}

export function isContentDocument(doc: Document.Parsed | undefined): boolean {
  return !!doc?.contents;
}
