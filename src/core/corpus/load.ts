/**
 * Loading a corpus folder: every `.txt` and `.md` file under it (recursively, dot-files
 * skipped), each with an optional YAML sidecar `<name>.meta.yml`. A bad file is skipped with
 * a warning naming it and why; the rest is served.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, extname, join, relative, sep } from 'node:path';
import { CorpusError, DocumentError } from './errors.js';
import { parseDocument } from './parse.js';
import type { CorpusDocument, CorpusWarning } from './types.js';

/** Extensions of corpus documents. */
export const DOCUMENT_EXTENSIONS: readonly string[] = ['.txt', '.md'];
/** Sidecar suffixes tried, in order, next to `name.txt`: `name.meta.yml`, `name.meta.yaml`. */
export const SIDECAR_SUFFIXES: readonly string[] = ['.meta.yml', '.meta.yaml'];

/** The documents of a corpus and the files that were skipped. */
export interface LoadedCorpus {
  documents: CorpusDocument[];
  warnings: CorpusWarning[];
}

/** The result of loading one file. */
export type LoadedFile =
  | { ok: true; document: CorpusDocument; warnings: CorpusWarning[] }
  | { ok: false; warning: CorpusWarning };

/**
 * Loads every document under `corpusDir`.
 *
 * @throws CorpusError when the folder does not exist, or two documents share an id.
 */
export function loadCorpus(corpusDir: string): LoadedCorpus {
  const files = scanCorpus(corpusDir);
  return assemble(files.documents.map((relPath) => loadDocumentFile(corpusDir, relPath, files.all)));
}

/** Options of {@link loadCorpusParallel}. */
export interface ParallelLoadOptions {
  /**
   * Worker threads parsing files. Default: one less than the machine's available parallelism
   * (at least 1) when `onDocuments` keeps this thread busy indexing, else all of it.
   */
  threads?: number;
  /** Files handed to a worker at a time (default 128). */
  batchSize?: number;
  /**
   * Receives the documents batch by batch, in corpus order, while later batches are still being
   * parsed (to index as they come: `(docs) => docs.forEach((d) => engine.upsert(d))`). When two
   * documents share an id, the error is raised after the batches before it were delivered.
   */
  onDocuments?: (documents: CorpusDocument[]) => void;
}

/**
 * {@link loadCorpus} on worker threads: the same documents in the same order, the same
 * warnings and errors. Parsing (segmentation, statements) is most of the work of loading, and
 * it is per file, so the machine's cores share it. Falls back to {@link loadCorpus} in this
 * thread when workers cannot be started or there are few files.
 *
 * @throws CorpusError as {@link loadCorpus} does.
 */
export async function loadCorpusParallel(corpusDir: string, options: ParallelLoadOptions = {}): Promise<LoadedCorpus> {
  const files = scanCorpus(corpusDir);
  const threads = Math.max(1, Math.floor(options.threads ?? availableParallelism() - (options.onDocuments ? 1 : 0)));
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? 128));
  const assembler = new Assembler();
  const take = (loaded: readonly LoadedFile[]): void => {
    const documents = assembler.add(loaded);
    if (documents.length > 0) options.onDocuments?.(documents);
  };
  if (files.documents.length >= batchSize * 2) {
    const { loadInWorkers } = await import('./parallelLoad.js');
    const loaded = await loadInWorkers(corpusDir, files.documents, files.all, threads, batchSize, take);
    if (loaded !== null) return assembler.result();
  }
  take(files.documents.map((relPath) => loadDocumentFile(corpusDir, relPath, files.all)));
  return assembler.result();
}

/** The document files of a corpus (sorted) and every file name in it (for sidecar look-ups). */
function scanCorpus(corpusDir: string): { documents: string[]; all: ReadonlySet<string> } {
  if (!existsSync(corpusDir) || !statSync(corpusDir).isDirectory()) {
    throw new CorpusError(`corpus folder not found: looked for "${corpusDir}" (set CORPUS_DIR to the folder holding the articles)`);
  }
  const all = new Set<string>();
  const documents = listDocumentFiles(corpusDir, all);
  return { documents, all };
}

/** Documents in order and warnings; the first duplicate id stops loading. */
function assemble(loadedFiles: readonly LoadedFile[]): LoadedCorpus {
  const assembler = new Assembler();
  assembler.add(loadedFiles);
  return assembler.result();
}

/** Collects loaded files in order: documents, warnings, and the duplicate-id check. */
class Assembler {
  private readonly documents: CorpusDocument[] = [];
  private readonly warnings: CorpusWarning[] = [];
  private readonly byId = new Map<string, string>();

  /** Adds the next files; returns the documents among them. */
  add(loadedFiles: readonly LoadedFile[]): CorpusDocument[] {
    const added: CorpusDocument[] = [];
    for (const loaded of loadedFiles) {
      if (!loaded.ok) {
        this.warnings.push(loaded.warning);
        continue;
      }
      const other = this.byId.get(loaded.document.id);
      if (other !== undefined) {
        throw new CorpusError(
          `two documents have the id "${loaded.document.id}": "${other}" and "${loaded.document.path}" (rename one of them; the id is the file name without its extension)`,
        );
      }
      this.byId.set(loaded.document.id, loaded.document.path);
      this.documents.push(loaded.document);
      added.push(loaded.document);
      this.warnings.push(...loaded.warnings);
    }
    return added;
  }

  result(): LoadedCorpus {
    return { documents: this.documents, warnings: this.warnings };
  }
}

/**
 * Relative paths (with `/`) of the document files under `corpusDir`, sorted.
 *
 * @param seen when given, receives the path (as `join(corpusDir, relPath)` gives it) of every file met
 */
export function listDocumentFiles(corpusDir: string, seen?: Set<string>): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else {
        seen?.add(full);
        if (isDocumentFile(entry.name)) found.push(relative(corpusDir, full).split(sep).join('/'));
      }
    }
  };
  walk(corpusDir);
  return found.sort();
}

/** True for a file name the corpus loads as a document. */
export function isDocumentFile(name: string): boolean {
  return DOCUMENT_EXTENSIONS.includes(extname(name).toLowerCase()) && !name.startsWith('.');
}

/** The document id of a file: its name without the extension. */
export function documentId(relPath: string): string {
  const name = basename(relPath);
  return name.slice(0, name.length - extname(name).length);
}

/** Strict UTF-8; a byte order mark stays in the text, as `readFileSync(path, 'utf8')` keeps it. */
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Loads one document file (relative to `corpusDir`); never throws for a bad file.
 *
 * @param knownFiles when given, the paths of the corpus's files (sidecars are looked up there, not on disk)
 */
export function loadDocumentFile(corpusDir: string, relPath: string, knownFiles?: ReadonlySet<string>): LoadedFile {
  const path = join(corpusDir, relPath);
  try {
    const bytes = readFileSync(path);
    if (bytes.length === 0) throw new DocumentError('the file is empty');
    if (bytes.includes(0)) throw new DocumentError('the file looks binary (it contains NUL bytes)');
    let text: string;
    try {
      text = UTF8.decode(bytes);
    } catch {
      throw new DocumentError('the file is not valid UTF-8 (save it as UTF-8)');
    }
    const sidecar = readSidecarFile(path, knownFiles);
    const parsed = parseDocument({
      id: documentId(relPath),
      path,
      relPath,
      text,
      ...(sidecar === undefined ? {} : { sidecar }),
    });
    return { ok: true, document: parsed.document, warnings: parsed.warnings.map((reason) => ({ path, reason })) };
  } catch (error) {
    const reason = error instanceof DocumentError
      ? error.message
      : `cannot be read: ${error instanceof Error ? error.message : String(error)}`;
    return { ok: false, warning: { path, reason } };
  }
}

function readSidecarFile(documentPath: string, knownFiles?: ReadonlySet<string>): string | undefined {
  const stem = documentPath.slice(0, documentPath.length - extname(documentPath).length);
  for (const suffix of SIDECAR_SUFFIXES) {
    const candidate = stem + suffix;
    if (knownFiles ? knownFiles.has(candidate) : existsSync(candidate)) return readFileSync(candidate, 'utf8');
  }
  return undefined;
}
