/**
 * Worker threads for `loadCorpusParallel`: each worker loads batches of files with
 * {@link loadDocumentFile} and posts the documents back (structured clone: about 20 µs a
 * document to read back on the main thread, against about 250 µs to parse it). This module is
 * both the main-thread side (`loadInWorkers`) and the worker's entry point.
 */
import { isMainThread, parentPort, type Worker, workerData } from 'node:worker_threads';
import { loadDocumentFile, type IngestionRules, type LoadedFile } from './load.js';
import { startModuleWorker } from '../workerThreads.js';

interface WorkerInput {
  role: 'tesla-corpus-loader';
  corpusDir: string;
  /** Null: sidecars are looked up on disk. */
  knownFiles: string[] | null;
  rules: IngestionRules;
}

interface BatchRequest {
  batch: number;
  relPaths: string[];
}

interface BatchResult {
  batch: number;
  loaded: LoadedFile[];
}

/**
 * Loads `relPaths` on `threads` workers, `batchSize` files at a time. Resolves to the results in
 * the order of `relPaths`, or to null when a worker could not start or failed (the caller then
 * loads in its own thread). `onBatch` receives the results batch by batch, in order, as soon as
 * each batch and all those before it are in, so that the caller can index while workers parse;
 * an exception it throws rejects the whole load.
 */
export async function loadInWorkers(
  corpusDir: string,
  relPaths: readonly string[],
  knownFiles: ReadonlySet<string> | null,
  rules: IngestionRules,
  threads: number,
  batchSize: number,
  onBatch?: (loaded: LoadedFile[]) => void,
): Promise<LoadedFile[] | null> {
  const batches: string[][] = [];
  for (let i = 0; i < relPaths.length; i += batchSize) batches.push(relPaths.slice(i, i + batchSize));
  const results: LoadedFile[][] = new Array(batches.length);
  const input: WorkerInput = { role: 'tesla-corpus-loader', corpusDir, knownFiles: knownFiles === null ? null : [...knownFiles], rules };
  const workers: Worker[] = [];
  let next = 0;
  let delivered = 0;
  let callbackError: { error: unknown } | null = null;
  try {
    await new Promise<void>((resolve, reject) => {
      let done = 0;
      const deliver = (): void => {
        while (onBatch && callbackError === null && delivered < batches.length && results[delivered] !== undefined) {
          try {
            onBatch(results[delivered]!);
          } catch (error) {
            callbackError = { error };
            reject(error);
          }
          delivered++;
        }
      };
      const feed = (worker: Worker): void => {
        if (next >= batches.length) return;
        const request: BatchRequest = { batch: next, relPaths: batches[next]! };
        next++;
        worker.postMessage(request);
      };
      for (let t = 0; t < Math.min(threads, batches.length); t++) {
        const worker = startModuleWorker(import.meta.url, input);
        workers.push(worker);
        worker.on('message', (message: BatchResult) => {
          results[message.batch] = message.loaded;
          done++;
          if (done < batches.length) feed(worker);
          deliver();
          if (done === batches.length) resolve();
        });
        worker.once('error', reject);
        worker.once('exit', (code) => {
          if (done < batches.length) reject(new Error(`corpus loader worker exited with code ${code}`));
        });
        // Two batches in flight per worker, so it never waits for the main thread.
        feed(worker);
        feed(worker);
      }
    });
  } catch (error) {
    if (callbackError !== null) throw (callbackError as { error: unknown }).error;
    if (delivered > 0) throw error;
    return null;
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  return results.flat();
}

function runWorker(input: WorkerInput): void {
  const knownFiles = input.knownFiles === null ? undefined : new Set(input.knownFiles);
  parentPort!.on('message', (request: BatchRequest) => {
    const loaded = request.relPaths.map((relPath) => loadDocumentFile(input.corpusDir, relPath, knownFiles, input.rules));
    const result: BatchResult = { batch: request.batch, loaded };
    parentPort!.postMessage(result);
  });
}

if (!isMainThread && (workerData as Partial<WorkerInput> | null)?.role === 'tesla-corpus-loader') {
  runWorker(workerData as WorkerInput);
}
