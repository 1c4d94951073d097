import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { AnalyzeSettings, FileAnalyzer } from './analyze';
import type { FileResult } from './result';

export interface WorkerData {
  settings: AnalyzeSettings;
}

export interface WorkerRequest {
  batch: number;
  jobs: Array<{ index: number; path: string }>;
}

export interface WorkerResponse {
  batch: number;
  results: Array<{ index: number; result: FileResult }>;
}

/** One file's analysis; a bug in the validator becomes the file's `failure`, never a lost run. */
export function analyzeSafely(analyzer: FileAnalyzer, file: string): FileResult {
  try {
    return analyzer.analyze(file);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { path: file, diagnostics: [], records: [], failure: message };
  }
}

/** Batches in flight per worker: one being worked on, one waiting, so no thread idles on a round trip. */
const IN_FLIGHT = 2;

/**
 * Validates files on `threads` worker threads, handing out small batches as
 * workers finish (slow files do not hold up a whole share). Calls `onResult`
 * as results arrive, in any order; the caller merges them in file order.
 * Resolves with the indexes no worker could handle (a worker died), which
 * the caller then validates in-process.
 */
export async function analyzeInWorkers(
  files: readonly string[],
  indexes: readonly number[],
  settings: AnalyzeSettings,
  threads: number,
  onResult: (index: number, result: FileResult) => void,
): Promise<number[]> {
  const script = path.join(__dirname, 'worker.js');
  if (!fs.existsSync(script)) return [...indexes];
  const batchSize = Math.max(4, Math.min(64, Math.ceil(indexes.length / (threads * 8))));
  const queue: number[][] = [];
  for (let i = 0; i < indexes.length; i += batchSize) queue.push(indexes.slice(i, i + batchSize));
  const inFlight = new Map<number, number[]>();
  let nextBatch = 0;
  const workerData: WorkerData = { settings };

  return new Promise<number[]>((resolve) => {
    const live = new Set<Worker>();
    const assigned = new Map<Worker, Set<number>>();
    let settled = false;

    const finish = (): void => {
      if (settled) return;
      settled = true;
      const leftover = [...queue.flat(), ...[...inFlight.values()].flat()].sort((a, b) => a - b);
      for (const worker of live) void worker.terminate();
      resolve(leftover);
    };

    const dispatch = (worker: Worker): void => {
      const mine = assigned.get(worker);
      if (!mine) return;
      while (mine.size < IN_FLIGHT && queue.length > 0) {
        const jobs = queue.shift() as number[];
        const batch = nextBatch++;
        inFlight.set(batch, jobs);
        mine.add(batch);
        const request: WorkerRequest = { batch, jobs: jobs.map((index) => ({ index, path: files[index] })) };
        worker.postMessage(request);
      }
      if (queue.length === 0 && inFlight.size === 0) finish();
    };

    const retire = (worker: Worker): void => {
      if (!live.delete(worker)) return;
      const mine = assigned.get(worker) ?? new Set<number>();
      for (const batch of mine) {
        const jobs = inFlight.get(batch);
        inFlight.delete(batch);
        if (jobs) queue.unshift(jobs);
      }
      assigned.delete(worker);
      if (live.size === 0) finish();
      else for (const other of live) dispatch(other);
    };

    for (let t = 0; t < threads; t++) {
      const worker = new Worker(script, { workerData });
      live.add(worker);
      assigned.set(worker, new Set());
      worker.on('message', (response: WorkerResponse) => {
        if (!inFlight.has(response.batch)) return;
        inFlight.delete(response.batch);
        assigned.get(worker)?.delete(response.batch);
        for (const { index, result } of response.results) onResult(index, result);
        dispatch(worker);
      });
      worker.on('error', () => retire(worker));
      worker.on('exit', () => retire(worker));
      dispatch(worker);
    }
  });
}
