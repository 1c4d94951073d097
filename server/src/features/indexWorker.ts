import { readFileSync, statSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { buildCatalog, parseCatalogFile } from '../core/catalogFile';
import type { SeverityOverrides } from '../core/validate';
import { Validator } from '../core/validate';
import { summarize, type IndexedFile } from './workspaceIndex';

/**
 * The index worker: validates closed record files off the main thread, so
 * the thread that answers the editor never parses 10,000 files. It runs the
 * same `Validator` as the main thread over the same catalog, and answers
 * with the same RecordInfo-level summaries.
 */

export interface IndexJob {
  key: string;
  uri: string;
  maxFileSize: number;
  severity: SeverityOverrides;
}

export type IndexWorkerRequest =
  | { type: 'init'; catalogs: Array<{ file: string; text: string }> }
  | { type: 'jobs'; batch: number; jobs: IndexJob[] };

export interface IndexWorkerResponse {
  batch: number;
  /** `file` is undefined when the file could not be read. */
  results: Array<{ key: string; file?: IndexedFile }>;
}

export function runIndexWorker(): void {
  const port = parentPort;
  if (!port) return;
  let validator = new Validator(buildCatalog(), 0);
  port.on('message', (request: IndexWorkerRequest) => {
    if (request.type === 'init') {
      validator = new Validator(buildCatalog(request.catalogs.map((c) => parseCatalogFile(c.text, c.file))), 0);
      return;
    }
    const results = request.jobs.map((job) => ({ key: job.key, file: indexOne(validator, job) }));
    const response: IndexWorkerResponse = { batch: request.batch, results };
    port.postMessage(response);
  });
}

function indexOne(validator: Validator, job: IndexJob): IndexedFile | undefined {
  let text: string;
  try {
    if (!statSync(job.key).isFile()) return undefined;
    text = readFileSync(job.key, 'utf8');
  } catch {
    return undefined;
  }
  try {
    return summarize(job.key, job.uri, validator.validate(text, { maxFileSize: job.maxFileSize, severity: job.severity }));
  } catch (error) {
    // A validator bug must cost one file, never the index: report it on the file's first line.
    const message = `Internal error while validating: ${error instanceof Error ? error.message : String(error)}`;
    const at = { line: 0, character: 0 };
    return { key: job.key, uri: job.uri, records: [], diagnostics: [{ code: 'io', severity: 'error', message, range: { start: at, end: at } }] };
  }
}
