/**
 * Worker-thread entry (dist/worker.js). Receives batches of file paths,
 * answers with the same plain results the in-process path produces: both
 * go through FileAnalyzer, so a run's output never depends on threading.
 *
 * A faster path (for instance a quicker parser for files that turn out valid,
 * with `yaml` kept for ranges) belongs in FileAnalyzer, so both paths get it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { analyzeSafely, type WorkerData, type WorkerRequest, type WorkerResponse } from './pool';
import { FileAnalyzer } from './analyze';

const port = parentPort;
if (port) {
  const analyzer = new FileAnalyzer((workerData as WorkerData).settings);
  port.on('message', (request: WorkerRequest) => {
    const response: WorkerResponse = { batch: request.batch, results: [], handedBack: [] };
    for (const job of request.jobs) {
      const result = request.quickOnly
        ? analyzeSafely(job.path, (file) => analyzer.analyzeQuickly(file))
        : analyzeSafely(job.path, (file) => analyzer.analyze(file));
      if (result) response.results.push({ index: job.index, result });
      else response.handedBack.push(job.index);
    }
    port.postMessage(response);
  });
}
