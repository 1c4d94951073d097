/** The messages between a pool (pool.ts) and its worker threads (worker.ts). */
import type { AnalyseSettings, FileJob } from './analyse';
import type { AnyRecord, FileVerdict } from './result';

/** `workerData` of every worker thread: what it needs to judge files exactly as the calling thread would. */
export interface WorkerInit {
  settings: AnalyseSettings;
}

/** A batch of files to judge; `index` is the job's place in the run. */
export interface JobBatch {
  batch: number;
  jobs: Array<{ index: number; job: FileJob }>;
}

/** The verdicts of one batch, in any order. */
export interface VerdictBatch {
  batch: number;
  verdicts: Array<{ index: number; verdict: FileVerdict<AnyRecord> }>;
}
