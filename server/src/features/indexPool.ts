import { Worker } from 'node:worker_threads';
import type { IndexJob, IndexWorkerRequest, IndexWorkerResponse } from './indexWorker';
import type { IndexedFile } from './workspaceIndex';

/** Batches in flight per worker: one being worked on, one waiting, so no thread idles on a round trip. */
const IN_FLIGHT = 2;

/**
 * Runs index jobs on worker threads (the server bundle itself, started as a
 * worker). Results arrive batch by batch through `onResults`; the promise
 * resolves with the jobs no worker finished (a worker died or the run was
 * cancelled), which the caller can do in-process.
 */
export function indexInWorkers(
  script: string,
  threads: number,
  catalogs: Array<{ file: string; text: string }>,
  jobs: readonly IndexJob[],
  onResults: (results: Array<{ key: string; file?: IndexedFile }>) => void,
  isCancelled: () => boolean,
): Promise<IndexJob[]> {
  const batchSize = Math.max(8, Math.min(64, Math.ceil(jobs.length / (threads * 16))));
  const queue: IndexJob[][] = [];
  for (let i = 0; i < jobs.length; i += batchSize) queue.push(jobs.slice(i, i + batchSize));
  const inFlight = new Map<number, IndexJob[]>();
  let nextBatch = 0;

  return new Promise((resolve) => {
    const live = new Map<Worker, Set<number>>();
    let settled = false;
    const finish = (): void => {
      if (settled) return;
      settled = true;
      for (const worker of live.keys()) void worker.terminate();
      live.clear();
      resolve([...queue.flat(), ...[...inFlight.values()].flat()]);
    };
    const dispatch = (worker: Worker): void => {
      const mine = live.get(worker);
      if (!mine) return;
      if (isCancelled()) {
        finish();
        return;
      }
      while (mine.size < IN_FLIGHT && queue.length > 0) {
        const batch = nextBatch++;
        const batchJobs = queue.shift() as IndexJob[];
        inFlight.set(batch, batchJobs);
        mine.add(batch);
        const request: IndexWorkerRequest = { type: 'jobs', batch, jobs: batchJobs };
        worker.postMessage(request);
      }
      if (queue.length === 0 && inFlight.size === 0) finish();
    };
    const lost = (worker: Worker): void => {
      // A dead worker's batches go back to the queue for the others (or the caller).
      const mine = live.get(worker);
      live.delete(worker);
      for (const batch of mine ?? []) {
        const back = inFlight.get(batch);
        inFlight.delete(batch);
        if (back) queue.unshift(back);
      }
      if (live.size === 0) finish();
      else for (const other of live.keys()) dispatch(other);
    };
    for (let i = 0; i < threads; i++) {
      let worker: Worker;
      try {
        worker = new Worker(script, { argv: [], stdout: true, stderr: true, resourceLimits: { maxYoungGenerationSizeMb: 16 } });
      } catch {
        continue;
      }
      live.set(worker, new Set());
      worker.on('message', (response: IndexWorkerResponse) => {
        if (settled) return;
        inFlight.delete(response.batch);
        live.get(worker)?.delete(response.batch);
        onResults(response.results);
        dispatch(worker);
      });
      worker.on('error', () => lost(worker));
      worker.on('exit', () => {
        if (!settled && live.has(worker)) lost(worker);
      });
      const init: IndexWorkerRequest = { type: 'init', catalogs };
      worker.postMessage(init);
    }
    if (live.size === 0) {
      finish();
      return;
    }
    for (const worker of live.keys()) dispatch(worker);
  });
}
