import * as path from 'node:path';
import type { CatalogIndex } from '../core/catalog';
import { draftRecords, draftToYaml } from '../core/draft';
import { stripBom } from '../core/text';
import type { DraftFromArticleParams, DraftFromArticleResult } from '../protocol';
import { uriToPath } from '../state/uris';

/**
 * "New Record from Article…": the records an article reports, drafted by the
 * core's extractor with the workspace's catalog as the gazetteer, as the
 * record file the client writes beside the article (the CLI's `draft` gives
 * the same file).
 */

export interface DraftInput extends DraftFromArticleParams {
  catalog: CatalogIndex;
  /** Longer texts are refused: the same limit as a record file's. */
  maxLength: number;
}

export function draftFromArticle(input: DraftInput): DraftFromArticleResult {
  const text = stripBom(typeof input.text === 'string' ? input.text : '');
  if (text.length > input.maxLength) {
    return { yaml: '', records: 0, evidence: [], refused: `The text has ${text.length.toLocaleString('en')} characters, more than the limit of ${input.maxLength.toLocaleString('en')} (meetingRecords.maxFileSize)` };
  }
  // Only an article that is a file has a name a record can point at (`source.article`).
  const file = typeof input.uri === 'string' ? uriToPath(input.uri) : undefined;
  const articleName = file ? path.basename(file) : undefined;
  const result = draftRecords(text, input.catalog, { articleName });
  return { yaml: draftToYaml(result, { articleName }), records: result.records.length, evidence: result.evidence };
}
