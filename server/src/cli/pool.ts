import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { AnalyzeSettings } from './analyze';
import type { FileResult } from './result';

export interface WorkerData {
  settings: AnalyzeSettings;
}

export interface WorkerRequest {
  batch: number;
  jobs: Array<{ index: number; path: string }>;
  /** Answer only the files the fast path settles (FileAnalyzer.analyzeQuickly); hand the rest back. */
  quickOnly: boolean;
}

export interface WorkerResponse {
  batch: number;
  results: Array<{ index: number; result: FileResult }>;
  /** The jobs left to the main thread's precise path (with `quickOnly`). */
  handedBack: number[];
}

/** Runs one file's analysis; a bug in the validator becomes the file's `failure`, never a lost run. */
export function analyzeSafely<R extends FileResult | undefined>(file: string, analyze: (file: string) => R): R | FileResult {
  try {
    return analyze(file);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { path: file, diagnostics: [], records: [], failure: message };
  }
}

/** Batches in flight per worker: one being worked on, one waiting, so no thread idles on a round trip. */
const IN_FLIGHT = 2;

/**
 * Files handed back that the main thread may have waiting before workers
 * stop handing files back and validate precisely themselves: in a folder of
 * mostly flawed files the main thread must not become the bottleneck.
 */
const HANDED_BACK_LIMIT = 32;

/**
 * Validates files on the main thread and `workerCount` worker threads
 * together, handing out small batches as threads finish (slow files do not
 * hold up a whole share). The main thread takes part, a few files at a time
 * between handling the workers' messages, so a 2-core machine runs one
 * worker and pays for one extra start-up, not two. Workers answer the files
 * the fast path settles and hand the others back to the main thread, which
 * validates them first: the precise path then warms up in one thread only
 * (on 5,000 files with 4% flawed, about 0.3 s of CPU less), unless the main
 * thread falls behind (HANDED_BACK_LIMIT). Calls `onResult` as results
 * arrive, in any order; the caller merges them in file order. When a worker
 * dies, its batches go back to the queue; with no worker left (or no worker
 * script) the main thread does everything.
 */
export async function analyzeShared(
  files: readonly string[],
  indexes: readonly number[],
  settings: AnalyzeSettings,
  workerCount: number,
  analyzeHere: (index: number, precisely: boolean) => FileResult,
  onResult: (index: number, result: FileResult) => void,
): Promise<SharedStats> {
  const stats: SharedStats = { main: 0, workers: 0, workerThreads: 0, handedBack: 0 };
  const threads = workerCount + 1;
  const batchSize = Math.max(4, Math.min(64, Math.ceil(indexes.length / (threads * 8))));
  const mainChunk = Math.max(1, Math.ceil(batchSize / 4));
  const queue: number[][] = [];
  for (let i = 0; i < indexes.length; i += batchSize) queue.push(indexes.slice(i, i + batchSize));
  /** Files workers handed back, for the main thread's precise path. */
  const handedBack: number[] = [];
  const inFlight = new Map<number, number[]>();
  const live = new Set<Worker>();
  const assigned = new Map<Worker, Set<number>>();
  let nextBatch = 0;
  let wake: (() => void) | undefined;
  const nudge = (): void => {
    const resume = wake;
    wake = undefined;
    resume?.();
  };

  /** A worker's next batch: from the queue; once it is empty, files handed back beyond what the main thread should keep. */
  const nextJobs = (): { jobs: number[]; quickOnly: boolean } | undefined => {
    if (queue.length > 0) return { jobs: queue.shift() as number[], quickOnly: handedBack.length < HANDED_BACK_LIMIT };
    if (handedBack.length > HANDED_BACK_LIMIT) return { jobs: handedBack.splice(HANDED_BACK_LIMIT, batchSize), quickOnly: false };
    return undefined;
  };

  const dispatch = (worker: Worker): void => {
    const mine = assigned.get(worker);
    if (!mine) return;
    while (mine.size < IN_FLIGHT) {
      const next = nextJobs();
      if (!next) return;
      const batch = nextBatch++;
      inFlight.set(batch, next.jobs);
      mine.add(batch);
      const request: WorkerRequest = { batch, jobs: next.jobs.map((index) => ({ index, path: files[index] })), quickOnly: next.quickOnly };
      worker.postMessage(request);
    }
  };

  const retire = (worker: Worker): void => {
    if (!live.delete(worker)) return;
    for (const batch of assigned.get(worker) ?? []) {
      const jobs = inFlight.get(batch);
      inFlight.delete(batch);
      if (jobs) queue.unshift(jobs);
    }
    assigned.delete(worker);
    for (const other of live) dispatch(other);
    nudge();
  };

  const script = path.join(__dirname, 'worker.js');
  if (workerCount > 0 && fs.existsSync(script)) {
    const workerData: WorkerData = { settings };
    for (let t = 0; t < workerCount; t++) {
      const worker = new Worker(script, { workerData });
      stats.workerThreads++;
      live.add(worker);
      assigned.set(worker, new Set());
      worker.on('message', (response: WorkerResponse) => {
        if (!inFlight.has(response.batch)) return;
        inFlight.delete(response.batch);
        assigned.get(worker)?.delete(response.batch);
        for (const { index, result } of response.results) onResult(index, result);
        stats.workers += response.results.length;
        handedBack.push(...response.handedBack);
        stats.handedBack += response.handedBack.length;
        // Every worker, not only this one: files handed back can be work for an idle one.
        for (const other of live) dispatch(other);
        nudge();
      });
      worker.on('error', () => retire(worker));
      worker.on('exit', () => retire(worker));
      dispatch(worker);
    }
  }

  try {
    for (;;) {
      if (handedBack.length > 0) {
        const mine = handedBack.splice(0, mainChunk);
        for (const index of mine) onResult(index, analyzeHere(index, true));
        stats.main += mine.length;
        await new Promise<void>((resolve) => setImmediate(resolve));
      } else if (queue.length > 0) {
        // Take a few files from the back of the queue; workers take whole batches from the front.
        const batch = queue.pop() as number[];
        const mine = batch.splice(Math.max(0, batch.length - mainChunk));
        if (batch.length > 0) queue.push(batch);
        for (const index of mine) onResult(index, analyzeHere(index, false));
        stats.main += mine.length;
        // Let the workers' messages in, so they are handed their next batches.
        await new Promise<void>((resolve) => setImmediate(resolve));
      } else if (inFlight.size > 0) {
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      } else {
        break;
      }
    }
  } finally {
    for (const worker of live) {
      worker.removeAllListeners('exit');
      void worker.terminate();
    }
  }
  return stats;
}

/** Who validated how many files (MEETING_RECORDS_STATS=1 prints it). */
export interface SharedStats {
  main: number;
  workers: number;
  workerThreads: number;
  /** Files workers handed back to the main thread (counted in `main`). */
  handedBack: number;
}
