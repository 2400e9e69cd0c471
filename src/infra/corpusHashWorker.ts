/**
 * The corpus hash ({@link fingerprintCorpus}) computed on a worker thread, so that a start reads,
 * checks and restores a large snapshot while the corpus files are listed, stat'ed and (when
 * changed) read: at 50,000 files, some 0.4 s off the critical path of a start, more when files
 * changed. Falls back to this thread when a worker cannot be started or fails.
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import type { IngestionRules } from '../core/corpus/files.js';
import { startModuleWorker } from '../core/workerThreads.js';
import { fingerprintCorpus, type CorpusFingerprint } from './corpusHash.js';

interface WorkerInput {
  role: 'tesla-corpus-hash';
  corpusDir: string;
  rules: IngestionRules;
  cacheFile: string | undefined;
}

/**
 * {@link fingerprintCorpus} on a worker thread (the same result; on this thread when no worker can
 * run). Rejects where {@link fingerprintCorpus} would throw (a corpus folder that cannot be listed).
 */
export function fingerprintCorpusInWorker(corpusDir: string, rules: IngestionRules, options: { cacheFile?: string | undefined } = {}): Promise<CorpusFingerprint> {
  const input: WorkerInput = { role: 'tesla-corpus-hash', corpusDir, rules, cacheFile: options.cacheFile };
  const here = (): CorpusFingerprint => fingerprintCorpus(corpusDir, rules, { cacheFile: options.cacheFile });
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (fingerprint: () => CorpusFingerprint): void => {
      if (settled) return;
      settled = true;
      try {
        resolve(fingerprint());
      } catch (error) {
        reject(error as Error);
      }
    };
    try {
      const worker = startModuleWorker(import.meta.url, input);
      worker.once('message', (fingerprint: CorpusFingerprint) => settle(() => fingerprint));
      worker.once('error', () => settle(here));
      worker.once('exit', () => settle(here));
    } catch {
      settle(here);
    }
  });
}

if (!isMainThread && (workerData as Partial<WorkerInput> | null)?.role === 'tesla-corpus-hash') {
  const { corpusDir, rules, cacheFile } = workerData as WorkerInput;
  parentPort!.postMessage(fingerprintCorpus(corpusDir, rules, { cacheFile }));
}
