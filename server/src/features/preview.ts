import * as path from 'node:path';
import type { CatalogIndex } from '../core/catalog';
import { renderPreviewPage } from '../core/render';
import type { Diagnostic } from '../core/types';
import type { FileAnalysis } from '../core/validate';
import type { RenderPreviewResult } from '../protocol';

export interface PreviewRequestInput {
  uri: string;
  analysis: FileAnalysis;
  /** The file's diagnostics, cross-file ones included. */
  diagnostics: readonly Diagnostic[];
  catalog: CatalogIndex;
  cspSource: string;
  nonce: string;
}

/** Records the live preview renders at most; the rest are counted at the end of the page. */
export const MAX_PREVIEW_RECORDS = 1_000;

/** The preview page of a record file, from its current analysis. */
export function renderPreview(input: PreviewRequestInput): RenderPreviewResult {
  const fileName = path.posix.basename(decodeURIComponent(input.uri.replace(/[?#].*$/, ''))) || input.uri;
  const page = renderPreviewPage(
    {
      // A page of more records is unreadable, and rendering 200,000 of them took half a gigabyte.
      records: input.analysis.records.map((r) => r.value),
      maxRecords: MAX_PREVIEW_RECORDS,
      diagnostics: input.diagnostics,
      catalog: input.catalog,
      fileName,
    },
    { cspSource: input.cspSource, nonce: input.nonce },
  );
  return { html: page.html, title: page.title, problemCount: input.diagnostics.length };
}
