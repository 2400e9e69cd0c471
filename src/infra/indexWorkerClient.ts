/**
 * The main thread's side of the index worker (`indexWorker.ts`): starts it, asks it by message,
 * and keeps the latest document list and figures it sent, so that `documents()` and `stats()`
 * answer at once. A worker that dies is restarted, with a log line saying so, and the requests
 * it had not answered are sent again to the new one: no question is lost (a request that the
 * worker died on twice is answered with an error instead, so one bad request cannot loop).
 *
 * @example
 * const index = await IndexWorkerClient.start({ corpusDir: 'seeds', dataDir: 'data', logger });
 * const answer = await index.answer('what did Musk say');
 */
import type { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';
import {
  DEFAULT_INGESTION_RULES,
  type Answer,
  type AnswerOptions,
  type CorpusStats,
  type CorpusWarning,
  type DocumentSummary,
  type ExcerptContext,
  type IngestionRules,
} from '../core/index.js';
import { startModuleWorker } from '../core/workerThreads.js';
import type { FileOutcome, IndexUpdater, ServedFile } from './corpusWatcher.js';
import { INDEX_WORKER_ROLE, type Catalogue, type IndexRequest, type IndexWorkerInput, type IndexWorkerMessage } from './indexWorker.js';

/** Options of {@link IndexWorkerClient.start}. */
export interface IndexWorkerOptions {
  corpusDir: string;
  dataDir: string;
  logger: Logger;
  rules?: IngestionRules;
  /** Restore and write the snapshot in `dataDir` (default true). */
  snapshot?: boolean;
  /** Wait before starting a worker again after one failed to open the index (default 5 s). */
  retryMs?: number;
  /**
   * Questions waiting for the worker at most (default {@link DEFAULT_MAX_WAITING_QUESTIONS}); past
   * it a question is answered at once with a "busy, ask again" message instead of waiting minutes.
   */
  maxWaitingQuestions?: number;
}

/** Default {@link IndexWorkerOptions.maxWaitingQuestions}: some seconds of answering. */
export const DEFAULT_MAX_WAITING_QUESTIONS = 200;

/** The message of a question turned away because too many are waiting. */
export const BUSY_MESSAGE = 'I am answering a lot of questions right now and could not get to yours in time: please ask again in a minute.';

/** Times a request is sent to a worker before it is answered with an error. */
const MAX_ATTEMPTS = 2;

type RequestBody = IndexRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

interface Pending {
  body: RequestBody;
  attempts: number;
  resolve: (result: unknown) => void;
  reject: (error: Error) => void;
}

export class IndexWorkerClient implements IndexUpdater {
  private worker: Worker | null = null;
  private readonly log: Logger;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private catalogue: Catalogue;
  private ready = false;
  private stopping = false;
  private restarts = 0;
  private readonly restartListeners: Array<(served: ServedFile[]) => void> = [];
  private retryTimer: NodeJS.Timeout | null = null;
  private waitingQuestions = 0;
  /** The last document list read from the catalogue's JSON. */
  private documentList: { json: string; documents: DocumentSummary[] } | null = null;

  /** Where the index came from at start, what it served then, and the files it skipped. */
  readonly source: 'snapshot' | 'corpus';
  readonly served: readonly ServedFile[];
  readonly skipped: readonly CorpusWarning[];

  private constructor(
    private readonly options: IndexWorkerOptions,
    first: { worker: Worker; source: 'snapshot' | 'corpus'; served: ServedFile[]; skipped: CorpusWarning[]; catalogue: Catalogue },
  ) {
    this.log = options.logger.child({ component: 'index-worker' });
    this.source = first.source;
    this.served = first.served;
    this.skipped = first.skipped;
    this.catalogue = first.catalogue;
    this.attach(first.worker);
    this.ready = true;
  }

  /**
   * Starts the worker and resolves once its index is open (restored or built).
   *
   * @throws Error with the worker's message when it cannot open the index (no corpus folder)
   */
  static async start(options: IndexWorkerOptions): Promise<IndexWorkerClient> {
    const log = options.logger.child({ component: 'index-worker' });
    const { worker, ready } = await launch(options, log);
    return new IndexWorkerClient(options, { worker, ...ready });
  }

  /** Answers a question (in the worker), or at once with {@link BUSY_MESSAGE} when too many are waiting. */
  answer(question: string, options: AnswerOptions = {}): Promise<Answer> {
    if (this.waitingQuestions >= (this.options.maxWaitingQuestions ?? DEFAULT_MAX_WAITING_QUESTIONS)) {
      this.log.warn({ waiting: this.waitingQuestions }, 'too many questions waiting for the index worker; answered one with a busy message');
      return Promise.resolve({ question, intent: 'passages', speaker: null, answered: false, message: BUSY_MESSAGE, excerpts: [], more: 0 });
    }
    this.waitingQuestions += 1;
    return (this.request({ op: 'answer', question, options }) as Promise<Answer>).finally(() => {
      this.waitingQuestions -= 1;
    });
  }

  /** Requests sent and not answered yet (questions and updates). */
  get waiting(): number {
    return this.pending.size;
  }

  /** An excerpt with the paragraphs around it ("Show in context"), from the worker's index. */
  excerptContext(docId: string, start: number, end: number): Promise<ExcerptContext | null> {
    return this.request({ op: 'excerptContext', docId, start, end }) as Promise<ExcerptContext | null>;
  }

  /** The documents, as the worker last listed them. */
  documents(): DocumentSummary[] {
    if (this.documentList === null || this.documentList.json !== this.catalogue.documentsJson) {
      this.documentList = { json: this.catalogue.documentsJson, documents: JSON.parse(this.catalogue.documentsJson) as DocumentSummary[] };
    }
    return this.documentList.documents;
  }

  /** Figures about the corpus, as the worker last sent them. */
  stats(): CorpusStats {
    return this.catalogue.stats;
  }

  upsertFile(relPath: string): Promise<FileOutcome> {
    return this.request({ op: 'upsertFile', relPath }) as Promise<FileOutcome>;
  }

  async remove(docId: string): Promise<void> {
    await this.request({ op: 'remove', docId });
  }

  /** Writes the worker's index as the snapshot in DATA_DIR. */
  async save(skipped: readonly CorpusWarning[]): Promise<void> {
    await this.request({ op: 'save', skipped: [...skipped] });
  }

  /** Called with what the new worker serves, each time a worker is restarted. */
  onRestart(listener: (served: ServedFile[]) => void): void {
    this.restartListeners.push(listener);
  }

  /** Times the worker was restarted. */
  get restartCount(): number {
    return this.restarts;
  }

  /** The worker thread now (tests end it to see it come back). */
  get thread(): Worker | null {
    return this.worker;
  }

  /** Stops the worker; requests still waiting are answered with an error. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
    for (const [id, pending] of this.pending) {
      this.pending.delete(id);
      pending.reject(new Error('the index worker was stopped'));
    }
  }

  private request(body: RequestBody): Promise<unknown> {
    if (this.stopping) return Promise.reject(new Error('the index worker was stopped'));
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      this.pending.set(id, { body, attempts: 0, resolve, reject });
      if (this.ready) this.send(id);
    });
  }

  private send(id: number): void {
    const pending = this.pending.get(id);
    if (pending === undefined || this.worker === null) return;
    pending.attempts += 1;
    this.worker.postMessage({ id, ...pending.body } as IndexRequest);
  }

  private attach(worker: Worker): void {
    this.worker = worker;
    worker.on('message', (message: IndexWorkerMessage) => {
      if (message.type === 'reply') {
        const pending = this.pending.get(message.id);
        if (pending === undefined) return;
        this.pending.delete(message.id);
        if (message.ok) pending.resolve(message.result);
        else pending.reject(new Error(message.error));
      } else if (message.type === 'catalogue') {
        this.catalogue = message.catalogue;
      } else if (message.type === 'log') {
        relog(this.options.logger, message.line);
      }
    });
    worker.on('error', (error) => this.log.error({ err: error }, 'the index worker failed'));
    worker.once('exit', (code) => {
      if (this.stopping || this.worker !== worker) return;
      this.worker = null;
      this.ready = false;
      this.log.error(
        { exitCode: code, waiting: this.pending.size },
        `the index worker stopped unexpectedly (exit code ${code}); restarting it, ${this.pending.size} request(s) waiting will be answered by the new one`,
      );
      void this.restart();
    });
  }

  private async restart(): Promise<void> {
    if (this.stopping) return;
    const started = performance.now();
    try {
      const { worker, ready } = await launch(this.options, this.log);
      if (this.stopping) {
        await worker.terminate();
        return;
      }
      this.restarts += 1;
      this.catalogue = ready.catalogue;
      this.attach(worker);
      this.ready = true;
      this.log.warn(
        { source: ready.source, documents: ready.catalogue.stats.documents, ms: Math.round(performance.now() - started), resent: this.pending.size },
        'the index worker was restarted and answers again',
      );
      for (const listener of this.restartListeners) listener(ready.served);
      for (const [id, pending] of this.pending) {
        if (pending.attempts >= MAX_ATTEMPTS) {
          this.pending.delete(id);
          pending.reject(new Error(`the index worker stopped ${pending.attempts} times while handling this request`));
        } else {
          this.send(id);
        }
      }
    } catch (error) {
      this.log.error({ err: error, retryMs: this.options.retryMs ?? 5000 }, 'the index worker could not be restarted; trying again');
      this.retryTimer = setTimeout(() => void this.restart(), this.options.retryMs ?? 5000);
    }
  }
}

type Ready = Extract<IndexWorkerMessage, { type: 'ready' }>;

/** Starts a worker and waits for its index to be open. */
async function launch(options: IndexWorkerOptions, log: Logger): Promise<{ worker: Worker; ready: Ready }> {
  const input: IndexWorkerInput = {
    role: INDEX_WORKER_ROLE,
    corpusDir: options.corpusDir,
    dataDir: options.dataDir,
    rules: options.rules ?? DEFAULT_INGESTION_RULES,
    snapshot: options.snapshot !== false,
    logLevel: options.logger.level,
  };
  const moduleUrl = new URL(`./indexWorker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url).href;
  const worker = startModuleWorker(moduleUrl, input);
  let onMessage: (message: IndexWorkerMessage) => void = () => undefined;
  let onError: (error: Error) => void = () => undefined;
  let onExit: (code: number) => void = () => undefined;
  try {
    const ready = await new Promise<Ready>((resolve, reject) => {
      onMessage = (message) => {
        if (message.type === 'log') relog(options.logger, message.line);
        else if (message.type === 'ready') resolve(message);
        else if (message.type === 'failed') reject(new Error(message.error));
      };
      onError = reject;
      onExit = (code) => reject(new Error(`the index worker exited with code ${code} before its index was open`));
      worker.on('message', onMessage).on('error', onError).on('exit', onExit);
    });
    return { worker, ready };
  } catch (error) {
    log.debug({ err: error }, 'index worker start failed');
    await worker.terminate();
    throw error;
  } finally {
    // The client attaches its own listeners to the running worker.
    worker.off('message', onMessage).off('error', onError).off('exit', onExit);
  }
}

/** Writes a worker's log line with the main thread's logger (level, message and fields kept). */
function relog(logger: Logger, line: string): void {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(line) as Record<string, unknown>;
  } catch {
    logger.info({ line }, 'index worker output');
    return;
  }
  const { level, msg, time: _time, pid: _pid, hostname: _hostname, ...fields } = entry;
  const label = logger.levels.labels[Number(level)] ?? 'info';
  const write = (logger as unknown as Record<string, (fields: object, msg: string) => void>)[label];
  if (typeof write === 'function') write.call(logger, { ...fields, thread: 'index-worker' }, String(msg ?? ''));
}
