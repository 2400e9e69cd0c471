/**
 * The live corpus: watches the corpus folder (chokidar) and updates the answering engine
 * incrementally: an added or changed file is parsed and upserted, a removed one removed; no
 * full rebuild. Events are debounced and a file is read only once its size has stopped
 * changing, so a half-written file is not indexed half-way; if one is read too early anyway
 * (it fails to parse), the next write fixes it. A file that becomes malformed keeps its last
 * good version in the index, with a warning. New documents get their first-indexed time in the
 * ledger, which is what digests call new.
 *
 * Files are read under the corpus's ingestion rules (`core/corpus/load.ts`: nothing outside the
 * corpus folder, a size limit, duplicate ids) exactly as at start-up: a file that breaks one is
 * skipped with a warning, and listed in {@link CorpusWatcher.skippedFiles} until it is fixed or
 * gone. Of two files with one id, the first in path order is served, as at start-up: when it
 * is removed, the other one is indexed.
 *
 * @example
 * const live = new CorpusWatcher({ corpusDir: 'seeds', engine, ledger: state.documents, clock, logger });
 * await live.start();
 */
import { existsSync, lstatSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import type { Logger } from 'pino';
import { DEFAULT_INGESTION_RULES, documentId, duplicateIdReason, isDocumentFile, loadDocumentFile, type CorpusWarning, type IngestionRules } from '../core/index.js';
import type { CorpusDocument } from '../core/corpus/types.js';
import type { Clock, CorpusChange, CorpusView, DocumentLedger } from '../core/ports.js';

/** What the watcher needs of an engine in this thread (`AnswerEngine` has it). */
export interface LocalIndex {
  upsert(document: CorpusDocument): void;
  remove(docId: string): void;
  document(docId: string): CorpusDocument | undefined;
  documents(): Array<{ docId: string }>;
}

/** What became of a corpus file the index was asked to read. */
export type FileOutcome =
  | { ok: true; docId: string; passages: number; warnings: CorpusWarning[] }
  | { ok: false; reason: string };

/** The index as the watcher updates it, wherever it lives (this thread, or the index worker). */
export interface IndexUpdater {
  /**
   * Reads a corpus file under the ingestion rules and, when it loads, indexes it in place of the
   * document with its id. Never throws for a bad file.
   */
  upsertFile(relPath: string): Promise<FileOutcome>;
  remove(docId: string): Promise<void>;
}

/** A served file: its document id and path in the corpus. */
export interface ServedFile {
  docId: string;
  relPath: string;
}

/** An index in another thread: how to update it, what it serves, and how to read one of its documents here. */
export interface RemoteIndex {
  updater: IndexUpdater;
  served: readonly ServedFile[];
  /** A served document as this thread can see it (the digest scheduler reads a few). */
  document(relPath: string): CorpusDocument | undefined;
}

export interface CorpusWatcherOptions {
  corpusDir: string;
  /** The index: an engine in this thread, or one in another thread. */
  engine: LocalIndex | RemoteIndex;
  ledger: DocumentLedger;
  /** For first-indexed times. */
  clock: Clock;
  logger: Logger;
  /** Quiet time before a batch of changes is applied (default 250 ms). */
  debounceMs?: number;
  /** How long a file's size must stay unchanged before it is read (default 400 ms). */
  stabilityMs?: number;
  /** Called after each applied change (tests, snapshot bookkeeping). */
  onChange?: (change: CorpusChange) => void;
  /** Ingestion rules (default: those of `core/corpus/load.ts`). */
  rules?: IngestionRules;
  /** Files skipped when the index was built (or as its snapshot recorded them). */
  skipped?: readonly CorpusWarning[];
}

const SIDECAR = /\.meta\.ya?ml$/i;

export class CorpusWatcher implements CorpusView {
  private readonly options: Required<Omit<CorpusWatcherOptions, 'onChange' | 'skipped'>> & Pick<CorpusWatcherOptions, 'onChange'>;
  private readonly log: Logger;
  private watcher: FSWatcher | null = null;
  private readonly dirty = new Set<string>();
  private debounce: NodeJS.Timeout | null = null;
  private queue: Promise<void> = Promise.resolve();
  /** relPath → docId of every file served. */
  private readonly served = new ServedMap();
  private changeCount = 0;
  private lastChange: number | null = null;
  /** Documents served from a last good version because their file became unreadable. */
  private readonly keptVersions = new Set<string>();
  /** path → why: the files not served. */
  private readonly skipped = new Map<string, string>();
  private readonly index: IndexUpdater;
  private readonly documentOf: (docId: string) => CorpusDocument | undefined;

  constructor(options: CorpusWatcherOptions) {
    const { skipped, ...rest } = options;
    this.options = { debounceMs: 250, stabilityMs: 400, rules: DEFAULT_INGESTION_RULES, ...rest };
    this.log = options.logger.child({ component: 'corpus-watcher' });
    const { engine } = options;
    if ('updater' in engine) {
      this.index = engine.updater;
      this.reset(engine.served);
      this.documentOf = (docId) => {
        const relPath = this.served.relPathOf(docId);
        return relPath === undefined ? undefined : engine.document(relPath);
      };
    } else {
      this.index = localUpdater(engine, options.corpusDir, this.options.rules);
      this.reset(engine.documents().flatMap(({ docId }) => {
        const document = engine.document(docId);
        return document === undefined ? [] : [{ docId, relPath: document.relPath }];
      }));
      this.documentOf = (docId) => engine.document(docId);
    }
    for (const warning of skipped ?? []) this.skipped.set(warning.path, warning.reason);
  }

  /** Starts over from what the index serves (after the index worker was restarted). */
  reset(served: readonly ServedFile[]): void {
    this.served.clear();
    this.keptVersions.clear();
    for (const { docId, relPath } of served) this.served.set(relPath, docId);
  }

  /** The corpus files not served now, and why, in path order. */
  skippedFiles(): CorpusWarning[] {
    return [...this.skipped].map(([path, reason]) => ({ path, reason })).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  /** Changes applied so far (a generation number for the served corpus). */
  get changes(): number {
    return this.changeCount;
  }

  /** When the index last changed (clock time), or null when it has not since start. */
  get lastChangeAt(): number | null {
    return this.lastChange;
  }

  /** True while every served document is what its file holds (none kept from a last good version). */
  get servesFiles(): boolean {
    return this.keptVersions.size === 0;
  }

  document(docId: string): CorpusDocument | undefined {
    return this.documentOf(docId);
  }

  documentIds(): string[] {
    return [...this.served.values()];
  }

  /** Starts watching; resolves once the watcher is ready. */
  async start(): Promise<void> {
    if (this.watcher !== null) return;
    const { corpusDir, stabilityMs } = this.options;
    const watcher = watch(corpusDir, {
      ignoreInitial: true,
      persistent: true,
      ignored: (path) => relative(corpusDir, path).split(sep).some((part) => part.startsWith('.')),
      // A link is an entry of the folder like any file (its changes are the link's): the loader
      // decides whether what it leads to may be read; folders outside are never watched.
      followSymlinks: false,
      awaitWriteFinish: { stabilityThreshold: stabilityMs, pollInterval: Math.max(20, Math.floor(stabilityMs / 4)) },
    });
    this.watcher = watcher;
    watcher.on('add', (path) => this.touched(path));
    watcher.on('change', (path) => this.touched(path));
    watcher.on('unlink', (path) => this.touched(path));
    watcher.on('unlinkDir', (path) => {
      const prefix = `${relative(corpusDir, path).split(sep).join('/')}/`;
      for (const relPath of this.served.keys()) if (relPath.startsWith(prefix)) this.mark(relPath);
    });
    watcher.on('error', (error) => this.log.error({ err: error }, 'corpus watcher error'));
    await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
    this.log.info({ corpusDir, documents: this.served.size }, 'watching the corpus folder');
  }

  async stop(): Promise<void> {
    if (this.debounce !== null) clearTimeout(this.debounce);
    this.debounce = null;
    const watcher = this.watcher;
    this.watcher = null;
    if (watcher !== null) await watcher.close();
    await this.queue;
  }

  /** Resolves when every change noticed so far has been applied. */
  async settled(): Promise<void> {
    await this.queue;
  }

  private touched(path: string): void {
    const relPath = relative(this.options.corpusDir, path).split(sep).join('/');
    const name = relPath.split('/').at(-1) ?? relPath;
    if (SIDECAR.test(name)) {
      // A sidecar's document is re-read: whichever of its text files exists or is served.
      const stem = relPath.replace(SIDECAR, '');
      for (const extension of ['.txt', '.md']) {
        const candidate = `${stem}${extension}`;
        if (this.served.has(candidate) || existsSync(join(this.options.corpusDir, candidate))) this.mark(candidate);
      }
      return;
    }
    if (!isDocumentFile(name)) return;
    this.mark(relPath);
  }

  private mark(relPath: string): void {
    this.dirty.add(relPath);
    if (this.debounce !== null) clearTimeout(this.debounce);
    this.debounce = setTimeout(() => {
      this.debounce = null;
      const batch = [...this.dirty].sort();
      this.dirty.clear();
      this.queue = this.queue.then(() => this.apply(batch)).catch((error: unknown) => this.log.error({ err: error }, 'applying corpus changes failed'));
    }, this.options.debounceMs);
  }

  private async apply(batch: readonly string[]): Promise<void> {
    for (const relPath of batch) {
      const change = await this.applyOne(relPath);
      if (change === null) continue;
      if (change.kind === 'kept') this.keptVersions.add(relPath);
      else this.keptVersions.delete(relPath);
      if (change.kind === 'skipped') this.skipped.set(change.path, change.reason);
      else if (change.kind !== 'kept') this.skipped.delete(change.path);
      if (change.kind !== 'skipped' && change.kind !== 'kept') this.lastChange = this.options.clock.now();
      this.changeCount += 1;
      this.options.onChange?.(change);
    }
  }

  private async applyOne(relPath: string): Promise<CorpusChange | null> {
    const { corpusDir } = this.options;
    const path = join(corpusDir, relPath);
    const servedId = this.served.get(relPath);
    if (!existsSync(path) && !isLink(path)) {
      if (servedId === undefined) {
        this.skipped.delete(path);
        return null;
      }
      await this.index.remove(servedId);
      this.served.delete(relPath);
      this.log.info({ path, docId: servedId }, 'removed a document from the index (its file is gone)');
      this.retryDuplicatesOf(servedId);
      return { kind: 'removed', docId: servedId, path };
    }
    // The id is the file name: a file that another, earlier in path order, has the id of is not read.
    const docId = documentId(relPath);
    const holder = this.served.relPathOf(docId);
    const owner = holder === relPath ? undefined : holder;
    if (owner !== undefined && owner < relPath) {
      const reason = duplicateIdReason(docId, join(corpusDir, owner));
      this.log.warn({ path, reason }, 'skipped a corpus file');
      return { kind: 'skipped', path, reason };
    }
    const outcome = await this.index.upsertFile(relPath);
    if (!outcome.ok) {
      if (servedId !== undefined) {
        this.log.warn({ path, reason: outcome.reason, docId: servedId }, 'a corpus file became unreadable; keeping its last good version in the index');
        return { kind: 'kept', docId: servedId, path, reason: outcome.reason };
      }
      this.log.warn({ path, reason: outcome.reason }, 'skipped a corpus file');
      return { kind: 'skipped', path, reason: outcome.reason };
    }
    if (owner !== undefined) {
      // This file comes first in path order: it took the id over, the other one is skipped.
      this.served.delete(owner);
      const ownerPath = join(corpusDir, owner);
      const reason = duplicateIdReason(docId, path);
      this.skipped.set(ownerPath, reason);
      this.log.warn({ path: ownerPath, reason }, 'skipped a corpus file');
    }
    for (const warning of outcome.warnings) this.log.warn({ path: warning.path, reason: warning.reason }, 'corpus file warning');
    this.served.set(relPath, docId);
    const { ledger, clock } = this.options;
    const added = await ledger.recordIndexed([docId], clock.now());
    const kind = servedId === undefined && owner === undefined ? 'added' : 'updated';
    this.log.info(
      { path, docId, passages: outcome.passages, firstIndexed: added.length > 0 },
      kind === 'added' ? 'indexed a new document' : 'updated a document in the index',
    );
    return { kind, docId, path };
  }

  /** Files skipped for having the id of a document no longer served are read again (the next in path order wins). */
  private retryDuplicatesOf(docId: string): void {
    const prefix = `another file has the same id "${docId}"`;
    for (const [path, reason] of this.skipped) {
      if (reason.startsWith(prefix)) this.mark(relative(this.options.corpusDir, path).split(sep).join('/'));
    }
  }
}

/** relPath → docId of the served files, with the reverse look-up (one file serves an id). */
class ServedMap extends Map<string, string> {
  readonly #byId = new Map<string, string>();

  override set(relPath: string, docId: string): this {
    const previous = super.get(relPath);
    if (previous !== undefined && this.#byId.get(previous) === relPath) this.#byId.delete(previous);
    this.#byId.set(docId, relPath);
    return super.set(relPath, docId);
  }

  override delete(relPath: string): boolean {
    const docId = super.get(relPath);
    if (docId !== undefined && this.#byId.get(docId) === relPath) this.#byId.delete(docId);
    return super.delete(relPath);
  }

  override clear(): void {
    this.#byId.clear();
    super.clear();
  }

  /** The path of the file serving `docId`. */
  relPathOf(docId: string): string | undefined {
    return this.#byId.get(docId);
  }
}

/** The index updater of an engine in this thread: files loaded here, under the rules. */
function localUpdater(engine: LocalIndex, corpusDir: string, rules: IngestionRules): IndexUpdater {
  return {
    upsertFile: async (relPath) => {
      const loaded = loadDocumentFile(corpusDir, relPath, undefined, rules);
      if (!loaded.ok) return { ok: false, reason: loaded.warning.reason };
      engine.upsert(loaded.document);
      return { ok: true, docId: loaded.document.id, passages: loaded.document.passages.length, warnings: loaded.warnings };
    },
    remove: async (docId) => engine.remove(docId),
  };
}

function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}
