/**
 * Loading a corpus folder: every `.txt` and `.md` file under it (recursively, dot-files
 * skipped), each with an optional YAML sidecar `<name>.meta.yml`. A bad file is skipped with
 * a warning naming it and why; the rest is served.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
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
  if (!existsSync(corpusDir) || !statSync(corpusDir).isDirectory()) {
    throw new CorpusError(`corpus folder not found: looked for "${corpusDir}" (set CORPUS_DIR to the folder holding the articles)`);
  }
  const documents: CorpusDocument[] = [];
  const warnings: CorpusWarning[] = [];
  const byId = new Map<string, string>();
  for (const relPath of listDocumentFiles(corpusDir)) {
    const loaded = loadDocumentFile(corpusDir, relPath);
    if (!loaded.ok) {
      warnings.push(loaded.warning);
      continue;
    }
    const other = byId.get(loaded.document.id);
    if (other !== undefined) {
      throw new CorpusError(
        `two documents have the id "${loaded.document.id}": "${other}" and "${loaded.document.path}" (rename one of them; the id is the file name without its extension)`,
      );
    }
    byId.set(loaded.document.id, loaded.document.path);
    documents.push(loaded.document);
    warnings.push(...loaded.warnings);
  }
  return { documents, warnings };
}

/** Relative paths (with `/`) of the document files under `corpusDir`, sorted. */
export function listDocumentFiles(corpusDir: string): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (isDocumentFile(entry.name)) found.push(relative(corpusDir, full).split(sep).join('/'));
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

/** Loads one document file (relative to `corpusDir`); never throws for a bad file. */
export function loadDocumentFile(corpusDir: string, relPath: string): LoadedFile {
  const path = join(corpusDir, relPath);
  try {
    const bytes = readFileSync(path);
    if (bytes.length === 0) throw new DocumentError('the file is empty');
    if (bytes.includes(0)) throw new DocumentError('the file looks binary (it contains NUL bytes)');
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      throw new DocumentError('the file is not valid UTF-8 (save it as UTF-8)');
    }
    const sidecar = readSidecarFile(path);
    const parsed = parseDocument({
      id: documentId(relPath),
      path,
      relPath,
      text: bytes.toString('utf8'),
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

function readSidecarFile(documentPath: string): string | undefined {
  const stem = documentPath.slice(0, documentPath.length - extname(documentPath).length);
  for (const suffix of SIDECAR_SUFFIXES) {
    const candidate = stem + suffix;
    if (existsSync(candidate)) return readFileSync(candidate, 'utf8');
  }
  return undefined;
}
