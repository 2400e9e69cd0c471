/**
 * The index worker: one worker thread that owns the answering engine. It opens the index (from
 * the snapshot in DATA_DIR, or by loading the corpus), answers questions, and applies the corpus
 * watcher's changes (a large file is parsed on a thread of its own, so questions are answered
 * from the index as it was until the new document is in). The main thread (Bolt's receiver) only
 * sends messages and awaits replies: acknowledgements never wait for indexing or answering.
 *
 * This module is the worker's side; `indexWorkerClient.ts` is the main thread's. The messages
 * between them are the types below.
 */
import { Writable } from 'node:stream';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import type {
  AnswerEngine,
  Answer,
  AnswerOptions,
  CorpusStats,
  CorpusWarning,
  DocumentSummary,
  ExcerptContext,
  IngestionRules,
} from '../core/index.js';
import { checkCorpusFile } from '../core/corpus/files.js';
import type { FileOutcome, ServedFile } from './corpusWatcher.js';
import { openIndex, saveIndex, type IndexLocation } from './indexLoader.js';
import { createLogger } from './logger.js';
import { engineSnapshotCodec } from './snapshotCodec.js';

export const INDEX_WORKER_ROLE = 'tesla-index-worker';

/** Files at least this large are parsed on a thread of their own (smaller ones parse in well under 100 ms). */
export const PARSE_ELSEWHERE_BYTES = 256 * 1024;

/** What the worker is started with (`workerData`). */
export interface IndexWorkerInput {
  role: typeof INDEX_WORKER_ROLE;
  corpusDir: string;
  dataDir: string;
  rules: IngestionRules;
  /** Restore and write the snapshot in `dataDir` (false: always build from the corpus). */
  snapshot: boolean;
  logLevel: string;
}

/** A request to the worker; the reply carries the same id. */
export type IndexRequest =
  | { id: number; op: 'answer'; question: string; options: AnswerOptions }
  | { id: number; op: 'excerptContext'; docId: string; start: number; end: number }
  | { id: number; op: 'upsertFile'; relPath: string }
  | { id: number; op: 'remove'; docId: string }
  | { id: number; op: 'save'; skipped: CorpusWarning[] };

/**
 * What the documents list and figures are now (sent after each change). The list travels as JSON
 * text, read only when someone asks for it: at 50,000 articles, receiving it as objects took the
 * main thread some 100 ms after every change, holding up acknowledgements.
 */
export interface Catalogue {
  documentsJson: string;
  stats: CorpusStats;
}

/** A message from the worker. */
export type IndexWorkerMessage =
  | { type: 'ready'; source: 'snapshot' | 'corpus'; skipped: CorpusWarning[]; served: ServedFile[]; catalogue: Catalogue }
  | { type: 'failed'; error: string }
  | { type: 'reply'; id: number; ok: true; result: Answer | ExcerptContext | FileOutcome | null }
  | { type: 'reply'; id: number; ok: false; error: string }
  | { type: 'catalogue'; catalogue: Catalogue }
  | { type: 'log'; line: string };

function post(message: IndexWorkerMessage): void {
  parentPort!.postMessage(message);
}

function catalogueOf(engine: AnswerEngine): Catalogue {
  const documents: DocumentSummary[] = engine.documents();
  return { documentsJson: JSON.stringify(documents), stats: engine.stats() };
}

async function runWorker(input: IndexWorkerInput): Promise<void> {
  // Log lines go to the main thread, which writes them with its own logger.
  const lines = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim() !== '') post({ type: 'log', line });
      done();
    },
  });
  const logger = createLogger({ level: input.logLevel, destination: lines });
  const location: IndexLocation = {
    corpusDir: input.corpusDir,
    dataDir: input.dataDir,
    logger,
    rules: input.rules,
    codec: input.snapshot ? engineSnapshotCodec : undefined,
  };
  let engine: AnswerEngine;
  try {
    const opened = await openIndex(location);
    engine = opened.engine;
    const served = engine.documents().map(({ docId }) => ({ docId, relPath: engine.document(docId)!.relPath }));
    post({ type: 'ready', source: opened.source, skipped: opened.skipped, served, catalogue: catalogueOf(engine) });
  } catch (error) {
    post({ type: 'failed', error: error instanceof Error ? error.message : String(error) });
    return;
  }

  // Changes are applied one at a time, in order; questions are answered as they come, between them.
  let updates: Promise<void> = Promise.resolve();
  const update = async (request: Exclude<IndexRequest, { op: 'answer' | 'excerptContext' }>): Promise<FileOutcome | null> => {
    switch (request.op) {
      case 'upsertFile': {
        // The parsing modules load with the first change, not before the index is ready (see `indexLoader.ts`).
        const { loadDocumentFile, loadDocumentFileInWorker } = await import('../core/corpus/load.js');
        const started = performance.now();
        const check = checkCorpusFile(input.corpusDir, request.relPath, input.rules);
        const elsewhere = check.ok && check.size >= PARSE_ELSEWHERE_BYTES;
        const loaded = elsewhere
          ? await loadDocumentFileInWorker(input.corpusDir, request.relPath, input.rules)
          : loadDocumentFile(input.corpusDir, request.relPath, undefined, input.rules);
        if (!loaded.ok) return { ok: false, reason: loaded.warning.reason };
        const parsed = performance.now();
        engine.upsert(loaded.document);
        const indexed = performance.now();
        post({ type: 'catalogue', catalogue: catalogueOf(engine) });
        logger.debug(
          {
            path: loaded.document.path,
            parseMs: Math.round(parsed - started),
            parsedElsewhere: elsewhere,
            indexMs: Math.round(indexed - parsed),
            catalogueMs: Math.round(performance.now() - indexed),
          },
          'index worker: file parsed and indexed',
        );
        return { ok: true, docId: loaded.document.id, passages: loaded.document.passages.length, warnings: loaded.warnings };
      }
      case 'remove':
        engine.remove(request.docId);
        post({ type: 'catalogue', catalogue: catalogueOf(engine) });
        return null;
      case 'save':
        saveIndex(location, engine, request.skipped);
        return null;
    }
  };
  parentPort!.on('message', (request: IndexRequest) => {
    if (request.op === 'answer' || request.op === 'excerptContext') {
      // Reads answer at once, from the index as it is (updates queue behind one another).
      try {
        const result = request.op === 'answer' ? engine.answer(request.question, request.options) : engine.excerptContext(request.docId, request.start, request.end);
        post({ type: 'reply', id: request.id, ok: true, result });
      } catch (error) {
        post({ type: 'reply', id: request.id, ok: false, error: (error as Error).message });
      }
      return;
    }
    updates = updates.then(() =>
      update(request).then(
        (result) => post({ type: 'reply', id: request.id, ok: true, result }),
        (error: unknown) => post({ type: 'reply', id: request.id, ok: false, error: (error as Error).message }),
      ),
    );
  });
}

if (!isMainThread && (workerData as Partial<IndexWorkerInput> | null)?.role === INDEX_WORKER_ROLE) {
  void runWorker(workerData as IndexWorkerInput);
}
