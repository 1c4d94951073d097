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

/** The preview page of a record file, from its current analysis. */
export function renderPreview(input: PreviewRequestInput): RenderPreviewResult {
  const fileName = path.posix.basename(decodeURIComponent(input.uri.replace(/[?#].*$/, ''))) || input.uri;
  const page = renderPreviewPage(
    {
      records: input.analysis.records.map((r) => r.value),
      diagnostics: input.diagnostics,
      catalog: input.catalog,
      fileName,
    },
    { cspSource: input.cspSource, nonce: input.nonce },
  );
  return { html: page.html, title: page.title, problemCount: input.diagnostics.length };
}
