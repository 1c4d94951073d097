import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver';
import { isMap, isPair, isScalar, isSeq, type Node } from 'yaml';
import type { FileAnalysis } from '../core/validate';
import { MAX_ITEMS_PER_RESPONSE } from './limits';
import { trimEnd } from './symbols';

/**
 * Folding: every field or list item that spans lines (from its key to its
 * last line), each record of a multi-record file (from its `---`), and runs
 * of comment lines.
 */
export function foldingRanges(analysis: FileAnalysis): FoldingRange[] {
  const ranges: FoldingRange[] = [];
  const { lineIndex } = analysis;
  const lineOf = (offset: number): number => lineIndex.positionAt(offset).line;
  const add = (startLine: number, endLine: number, kind?: FoldingRangeKind): void => {
    if (endLine > startLine) ranges.push({ startLine, endLine, ...(kind ? { kind } : {}) });
  };
  const multiple = analysis.chunks.filter((c) => c.hasContent).length > 1;
  for (const chunk of analysis.chunks) {
    // Regions come in document order: past the limit, later documents are not even parsed again.
    if (ranges.length >= MAX_ITEMS_PER_RESPONSE) break;
    const text = chunk.text;
    const at = (local: number): number => lineOf(chunk.offset + local);
    if (multiple && chunk.hasContent) add(at(0), at(trimEnd(text, 0, text.length)));
    const visit = (node: Node | null, depth: number): void => {
      if (!node || depth > 100) return;
      if (isMap(node)) {
        for (const pair of node.items) {
          if (!isPair(pair)) continue;
          const key = pair.key as Node | null;
          const value = pair.value as Node | null;
          if (key?.range && value?.range && (isMap(value) || isSeq(value) || isScalar(value))) {
            add(at(key.range[0]), at(trimEnd(text, value.range[0], value.range[1])));
          }
          visit(value, depth + 1);
        }
      } else if (isSeq(node)) {
        for (const item of node.items) {
          const child = item as Node | null;
          if (child?.range && isMap(child)) add(at(child.range[0]), at(trimEnd(text, child.range[0], child.range[1])));
          visit(child, depth + 1);
        }
      }
    };
    if (chunk.hasContent) visit(analysis.treeOf(chunk)?.contents ?? null, 0);
  }
  // Runs of two or more comment lines.
  const lines = analysis.text.split(/\r\n|\r|\n/);
  let runStart = -1;
  for (let i = 0; i <= lines.length; i++) {
    const isComment = i < lines.length && /^\s*#/.test(lines[i]);
    if (isComment && runStart < 0) runStart = i;
    if (!isComment && runStart >= 0) {
      add(runStart, i - 1, FoldingRangeKind.Comment);
      runStart = -1;
    }
  }
  return dedupe(ranges).slice(0, MAX_ITEMS_PER_RESPONSE);
}

function dedupe(ranges: FoldingRange[]): FoldingRange[] {
  const seen = new Set<string>();
  return ranges
    .sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine)
    .filter((r) => {
      const key = `${r.startLine}:${r.endLine}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}
