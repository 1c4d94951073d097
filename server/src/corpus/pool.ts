import * as fs from 'node:fs';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import type { AnalyseSettings, FileAnalyzer, FileJob } from './analyse';
import type { JobBatch, VerdictBatch, WorkerInit } from './messages';
import type { AnyRecord, FileVerdict } from './result';

export interface PoolRun {
  /** The worker entry (dist/worker.js). Without it (or when no worker starts) the jobs are left to the caller or `here`. */
  script: string;
  workers: number;
  settings: AnalyseSettings;
  jobs: readonly FileJob[];
  onVerdict(index: number, verdict: FileVerdict<AnyRecord>): void;
  /**
   * The calling thread takes part, a few files at a time between the
   * workers' messages (the CLI: on 2 cores one worker then costs one extra
   * start-up, not two). Absent, it only hands out work: the server's main
   * thread must stay free for the editor.
   */
  here?: FileAnalyzer;
  /** Checked between batches: a superseded index pass stops handing out work. */
  isCancelled?: () => boolean;
  resourceLimits?: ResourceLimits;
}

export interface PoolStats {
  /** Files judged by the calling thread. */
  here: number;
  /** Files judged by worker threads. */
  workers: number;
  workerThreads: number;
  /** Jobs nobody judged (cancelled, or no worker left and no `here`): the caller's to do. */
  left: number[];
}

/** Batches in flight per worker: one being worked on, one waiting, so no thread idles on a round trip. */
const IN_FLIGHT = 2;

/**
 * Judges files on worker threads (and on the calling thread with `here`),
 * handing out small batches as threads finish so slow files do not hold up
 * a whole share. Calls `onVerdict` as verdicts arrive, in any order. When a
 * worker dies its batches go back to the queue; with no worker left the
 * calling thread does the rest (with `here`) or gets them back in `left`.
 */
export async function judgeInPool(run: PoolRun): Promise<PoolStats> {
  const { jobs, here, onVerdict } = run;
  const stats: PoolStats = { here: 0, workers: 0, workerThreads: 0, left: [] };
  const threads = run.workers + (here ? 1 : 0);
  const batchSize = Math.max(4, Math.min(64, Math.ceil(jobs.length / (Math.max(1, threads) * 8))));
  const hereChunk = Math.max(1, Math.ceil(batchSize / 4));
  const queue: number[][] = [];
  for (let i = 0; i < jobs.length; i += batchSize) queue.push(range(i, Math.min(jobs.length, i + batchSize)));
  const inFlight = new Map<number, number[]>();
  const assigned = new Map<Worker, Set<number>>();
  let nextBatch = 0;
  let wake: (() => void) | undefined;
  const nudge = (): void => {
    const resume = wake;
    wake = undefined;
    resume?.();
  };
  const cancelled = (): boolean => run.isCancelled?.() ?? false;

  const dispatch = (worker: Worker): void => {
    const mine = assigned.get(worker);
    while (mine && mine.size < IN_FLIGHT && queue.length > 0 && !cancelled()) {
      const indexes = queue.shift() as number[];
      const batch = nextBatch++;
      inFlight.set(batch, indexes);
      mine.add(batch);
      const request: JobBatch = { batch, jobs: indexes.map((index) => ({ index, job: jobs[index] })) };
      worker.postMessage(request);
    }
  };

  const retire = (worker: Worker): void => {
    const mine = assigned.get(worker);
    if (!mine) return;
    assigned.delete(worker);
    // A dead worker's batches go back to the queue, for the others or the calling thread.
    for (const batch of mine) {
      const indexes = inFlight.get(batch);
      inFlight.delete(batch);
      if (indexes) queue.unshift(indexes);
    }
    for (const other of assigned.keys()) dispatch(other);
    nudge();
  };

  if (run.workers > 0 && fs.existsSync(run.script)) {
    const workerData: WorkerInit = { settings: run.settings };
    for (let t = 0; t < run.workers; t++) {
      let worker: Worker;
      try {
        worker = new Worker(run.script, { workerData, argv: [], stdout: true, stderr: true, resourceLimits: run.resourceLimits });
      } catch {
        continue;
      }
      stats.workerThreads++;
      assigned.set(worker, new Set());
      worker.on('message', (response: VerdictBatch) => {
        if (!inFlight.delete(response.batch)) return;
        assigned.get(worker)?.delete(response.batch);
        for (const { index, verdict } of response.verdicts) onVerdict(index, verdict);
        stats.workers += response.verdicts.length;
        dispatch(worker);
        nudge();
      });
      worker.on('error', () => retire(worker));
      worker.on('exit', () => retire(worker));
      dispatch(worker);
    }
  }

  if (here && assigned.size === 0) {
    // No worker: the calling thread alone, in one loop, with no turn of the event loop between chunks to pay for.
    for (const indexes of queue.splice(0)) {
      for (const index of indexes) onVerdict(index, here.analyse(jobs[index]));
      stats.here += indexes.length;
    }
    return stats;
  }

  try {
    for (;;) {
      if (cancelled()) break;
      if (here && queue.length > 0) {
        // A few files from the back of the queue; workers take whole batches from the front.
        const batch = queue.pop() as number[];
        const mine = batch.splice(Math.max(0, batch.length - hereChunk));
        if (batch.length > 0) queue.push(batch);
        for (const index of mine) onVerdict(index, here.analyse(jobs[index]));
        stats.here += mine.length;
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
    for (const worker of assigned.keys()) {
      worker.removeAllListeners('exit');
      void worker.terminate();
    }
  }
  stats.left = [...queue.flat(), ...[...inFlight.values()].flat()];
  return stats;
}

function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let i = from; i < to; i++) out.push(i);
  return out;
}
