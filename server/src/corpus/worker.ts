/**
 * Worker-thread entry (dist/worker.js), for the CLI's pool and the server's
 * index alike: judges batches of files through the same FileAnalyzer as the
 * calling thread, so a verdict never depends on which thread made it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { setLocale } from '../core/l10n';
import { FileAnalyzer } from './analyse';
import type { JobBatch, VerdictBatch, WorkerInit } from './messages';

const port = parentPort;
if (port) {
  setLocale((workerData as WorkerInit).settings.locale);
  const analyzer = new FileAnalyzer((workerData as WorkerInit).settings);
  port.on('message', (request: JobBatch) => {
    const response: VerdictBatch = { batch: request.batch, verdicts: request.jobs.map(({ index, job }) => ({ index, verdict: analyzer.analyse(job) })) };
    port.postMessage(response);
  });
}
