/**
 * Loading a corpus folder: every `.txt` and `.md` file under it (recursively, dot-files
 * skipped), each with an optional YAML sidecar `<name>.meta.yml`. A bad file is skipped with
 * a warning naming it and why; the rest is served.
 *
 * The ingestion rules, the same wherever a file is read (start-up, the live watcher, the CLI,
 * the benchmark), all in this module and `files.ts` (listing and checking files before reading):
 * - only files inside the corpus folder are read: a symbolic link that resolves outside it is
 *   skipped with a warning naming it; one that resolves to a document the corpus holds under
 *   its own name is skipped (the document is read once, under its own name); a link to a folder
 *   is not followed;
 * - a file larger than {@link IngestionRules.maxFileBytes} (`MAX_FILE_MB`, default 5) is skipped
 *   with a warning;
 * - two files with the same document id: the first in path order is served, the other skipped
 *   with a warning naming both; loading never fails for it.
 */
import { closeSync, existsSync, fstatSync, lstatSync, openSync, readSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, extname, join } from 'node:path';
import { CorpusError, DocumentError } from './errors.js';
import {
  checkCorpusFile,
  DEFAULT_INGESTION_RULES,
  listDocumentFiles,
  SIDECAR_SUFFIXES,
  tooLargeReason,
  type IngestionRules,
} from './files.js';
import { parseDocument } from './parse.js';
import type { CorpusDocument, CorpusWarning } from './types.js';

export {
  checkCorpusFile,
  DEFAULT_INGESTION_RULES,
  DEFAULT_MAX_FILE_MB,
  DOCUMENT_EXTENSIONS,
  ingestionRules,
  isDocumentFile,
  isSidecarFile,
  listCorpusFiles,
  listDocumentFiles,
  SIDECAR_SUFFIXES,
  type FileCheck,
  type FileStamp,
  type IngestionRules,
} from './files.js';

/** The documents of a corpus and the files that were skipped. */
export interface LoadedCorpus {
  documents: CorpusDocument[];
  /** Every problem met: files skipped, and non-fatal problems of files served (bad sidecar fields). */
  warnings: CorpusWarning[];
  /** The files that are not served, and why (a subset of {@link warnings}), in path order. */
  skipped: CorpusWarning[];
}

/** The result of loading one file. */
export type LoadedFile =
  | { ok: true; document: CorpusDocument; warnings: CorpusWarning[] }
  | { ok: false; warning: CorpusWarning };

/**
 * Loads every document under `corpusDir` in this thread (tests, small corpora; the app, the CLI
 * and the benchmark use {@link loadCorpusParallel}, which falls back to this for few files).
 *
 * @throws CorpusError when the folder does not exist.
 */
export function loadCorpus(corpusDir: string, rules: IngestionRules = DEFAULT_INGESTION_RULES): LoadedCorpus {
  const files = scanCorpus(corpusDir);
  const assembler = new Assembler(corpusDir, files.skipped);
  assembler.add(files.documents.map((relPath) => loadDocumentFile(corpusDir, relPath, files.all, rules)));
  return assembler.result();
}

/** Options of {@link loadCorpusParallel}. */
export interface ParallelLoadOptions {
  /** Ingestion rules (default {@link DEFAULT_INGESTION_RULES}). */
  rules?: IngestionRules;
  /**
   * Worker threads parsing files. Default: one less than the machine's available parallelism
   * (at least 1) when `onDocuments` keeps this thread busy indexing, else all of it.
   */
  threads?: number;
  /** Files handed to a worker at a time (default 128). */
  batchSize?: number;
  /**
   * Receives the documents batch by batch, in corpus order, while later batches are still being
   * parsed (to index as they come: `(docs) => docs.forEach((d) => engine.upsert(d))`).
   */
  onDocuments?: (documents: CorpusDocument[]) => void;
}

/**
 * {@link loadCorpus} on worker threads: the same documents in the same order, the same
 * warnings. Parsing (segmentation, statements) is most of the work of loading, and it is per
 * file, so the machine's cores share it. Falls back to loading in this thread when workers
 * cannot be started or there are few files.
 *
 * @throws CorpusError as {@link loadCorpus} does.
 */
export async function loadCorpusParallel(corpusDir: string, options: ParallelLoadOptions = {}): Promise<LoadedCorpus> {
  const rules = options.rules ?? DEFAULT_INGESTION_RULES;
  const files = scanCorpus(corpusDir);
  const threads = Math.max(1, Math.floor(options.threads ?? availableParallelism() - (options.onDocuments ? 1 : 0)));
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? 128));
  const assembler = new Assembler(corpusDir, files.skipped);
  const take = (loaded: readonly LoadedFile[]): void => {
    const documents = assembler.add(loaded);
    if (documents.length > 0) options.onDocuments?.(documents);
  };
  if (files.documents.length >= batchSize * 2) {
    const { loadInWorkers } = await import('./parallelLoad.js');
    const loaded = await loadInWorkers(corpusDir, files.documents, files.all, rules, threads, batchSize, take);
    if (loaded !== null) return assembler.result();
  }
  take(files.documents.map((relPath) => loadDocumentFile(corpusDir, relPath, files.all, rules)));
  return assembler.result();
}

/**
 * {@link loadDocumentFile} on a worker thread, so that parsing a large file does not hold up this
 * thread's event loop (falls back to this thread when a worker cannot be started).
 */
export async function loadDocumentFileInWorker(corpusDir: string, relPath: string, rules: IngestionRules = DEFAULT_INGESTION_RULES): Promise<LoadedFile> {
  const { loadInWorkers } = await import('./parallelLoad.js');
  const loaded = await loadInWorkers(corpusDir, [relPath], null, rules, 1, 1);
  return loaded?.[0] ?? loadDocumentFile(corpusDir, relPath, undefined, rules);
}

/** What a walk of the corpus folder finds. */
interface CorpusScan {
  /** Document files (relative paths with `/`), sorted. */
  documents: string[];
  /** Every file met (as `join(corpusDir, relPath)`), for sidecar look-ups. */
  all: ReadonlySet<string>;
  /** Links to folders outside the corpus, not followed. */
  skipped: CorpusWarning[];
}

/** The document files of a corpus (sorted), every file name in it, and the links it did not follow. */
function scanCorpus(corpusDir: string): CorpusScan {
  if (!existsSync(corpusDir) || !statSync(corpusDir).isDirectory()) {
    throw new CorpusError(`corpus folder not found: looked for "${corpusDir}" (set CORPUS_DIR to the folder holding the articles)`);
  }
  const all = new Set<string>();
  const skipped: CorpusWarning[] = [];
  const documents = listDocumentFiles(corpusDir, all, skipped);
  return { documents, all, skipped };
}

/**
 * Collects loaded files in order: documents, warnings, and duplicate ids (the first in path
 * order is served, the next skipped with a warning naming both).
 */
class Assembler {
  private readonly documents: CorpusDocument[] = [];
  private readonly warnings: CorpusWarning[] = [];
  private readonly skipped: CorpusWarning[] = [];
  private readonly byId = new Map<string, string>();

  constructor(
    private readonly corpusDir: string,
    scanSkipped: readonly CorpusWarning[],
  ) {
    for (const warning of scanSkipped) this.skip(warning);
  }

  /** Adds the next files; returns the documents among them. */
  add(loadedFiles: readonly LoadedFile[]): CorpusDocument[] {
    const added: CorpusDocument[] = [];
    for (const loaded of loadedFiles) {
      if (!loaded.ok) {
        this.skip(loaded.warning);
        continue;
      }
      const { document } = loaded;
      const other = this.byId.get(document.id);
      if (other !== undefined) {
        this.skip({ path: document.path, reason: duplicateIdReason(document.id, join(this.corpusDir, other)) });
        continue;
      }
      this.byId.set(document.id, document.relPath);
      this.documents.push(document);
      added.push(document);
      this.warnings.push(...loaded.warnings);
    }
    return added;
  }

  private skip(warning: CorpusWarning): void {
    this.warnings.push(warning);
    this.skipped.push(warning);
  }

  result(): LoadedCorpus {
    const skipped = [...this.skipped].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    return { documents: this.documents, warnings: this.warnings, skipped };
  }
}

/** Why a file whose id another file already has is skipped (one wording for the loader and the watcher). */
export function duplicateIdReason(docId: string, servedPath: string): string {
  return `another file has the same id "${docId}" and is served: "${servedPath}" (the first in path order wins; rename one of them, the id is the file name without its extension)`;
}

/**
 * Reads a file that passed {@link checkCorpusFile}: at most the limit (the file may have grown
 * since it was checked).
 */
function readChecked(path: string, rules: IngestionRules): Buffer {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size > rules.maxFileBytes) throw new DocumentError(tooLargeReason(size, rules));
    const bytes = Buffer.alloc(size);
    let read = 0;
    while (read < size) {
      const n = readSync(fd, bytes, read, size - read, read);
      if (n === 0) break;
      read += n;
    }
    return read === size ? bytes : bytes.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

/** The document id of a file: its name without the extension. */
export function documentId(relPath: string): string {
  const name = basename(relPath);
  return name.slice(0, name.length - extname(name).length);
}

/** Strict UTF-8; a byte order mark stays in the text, as `readFileSync(path, 'utf8')` keeps it. */
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Loads one document file (relative to `corpusDir`) under the ingestion rules; never throws for
 * a bad file.
 *
 * @param knownFiles when given, the paths of the corpus's files (sidecars are looked up there, not on disk)
 */
export function loadDocumentFile(
  corpusDir: string,
  relPath: string,
  knownFiles?: ReadonlySet<string>,
  rules: IngestionRules = DEFAULT_INGESTION_RULES,
): LoadedFile {
  const path = join(corpusDir, relPath);
  try {
    const check = checkCorpusFile(corpusDir, relPath, rules);
    if (!check.ok) throw new DocumentError(check.reason);
    const bytes = readChecked(path, rules);
    if (bytes.length === 0) throw new DocumentError('the file is empty');
    if (bytes.includes(0)) throw new DocumentError('the file looks binary (it contains NUL bytes)');
    let text: string;
    try {
      text = UTF8.decode(bytes);
    } catch {
      throw new DocumentError('the file is not valid UTF-8 (save it as UTF-8)');
    }
    const sidecarWarnings: CorpusWarning[] = [];
    const sidecar = readSidecarFile(corpusDir, relPath, rules, sidecarWarnings, knownFiles);
    const parsed = parseDocument({
      id: documentId(relPath),
      path,
      relPath,
      text,
      ...(sidecar === undefined ? {} : { sidecar }),
    });
    return { ok: true, document: parsed.document, warnings: [...sidecarWarnings, ...parsed.warnings.map((reason) => ({ path, reason }))] };
  } catch (error) {
    const reason = error instanceof DocumentError
      ? error.message
      : `cannot be read: ${error instanceof Error ? error.message : String(error)}`;
    return { ok: false, warning: { path, reason } };
  }
}

/** The sidecar of a document, under the same rules (a sidecar that breaks them is ignored with a warning). */
function readSidecarFile(
  corpusDir: string,
  relPath: string,
  rules: IngestionRules,
  warnings: CorpusWarning[],
  knownFiles?: ReadonlySet<string>,
): string | undefined {
  const stem = relPath.slice(0, relPath.length - extname(relPath).length);
  for (const suffix of SIDECAR_SUFFIXES) {
    const candidate = stem + suffix;
    const path = join(corpusDir, candidate);
    if (!(knownFiles ? knownFiles.has(path) : existsSync(path) || isLink(path))) continue;
    const check = checkCorpusFile(corpusDir, candidate, rules);
    if (!check.ok) {
      warnings.push({ path, reason: `the sidecar ${check.reason}; it is ignored` });
      return undefined;
    }
    return readChecked(path, rules).toString('utf8');
  }
  return undefined;
}

function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}
