/**
 * The files of a corpus folder and the ingestion rules a file passes before anything of it is read
 * (see `load.ts` for the rules): listing the documents and sidecars, and checking one file. Light
 * on purpose (Node's `fs` and `path` only): the snapshot key's hashing worker imports it without
 * the parsing pipeline.
 */
import { lstatSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { basename, extname, isAbsolute, join, relative, sep } from 'node:path';
import type { CorpusWarning } from './types.js';

/** Extensions of corpus documents. */
export const DOCUMENT_EXTENSIONS: readonly string[] = ['.txt', '.md'];
/** Sidecar suffixes tried, in order, next to `name.txt`: `name.meta.yml`, `name.meta.yaml`. */
export const SIDECAR_SUFFIXES: readonly string[] = ['.meta.yml', '.meta.yaml'];

/** Default {@link IngestionRules.maxFileBytes}: 5 MB (`MAX_FILE_MB`). */
export const DEFAULT_MAX_FILE_MB = 5;

/** Rules a corpus file passes before it is read (see the module's comment). */
export interface IngestionRules {
  /** Files larger than this (bytes) are skipped with a warning (`MAX_FILE_MB` × 2^20). */
  maxFileBytes: number;
}

export const DEFAULT_INGESTION_RULES: IngestionRules = { maxFileBytes: DEFAULT_MAX_FILE_MB * 1024 * 1024 };

/** Ingestion rules for a size limit in MB (`MAX_FILE_MB`). */
export function ingestionRules(maxFileMB: number = DEFAULT_MAX_FILE_MB): IngestionRules {
  return { maxFileBytes: Math.floor(maxFileMB * 1024 * 1024) };
}

/**
 * Relative paths (with `/`) of the document files under `corpusDir`, sorted. Links to folders
 * are not followed (a link leading outside the corpus is reported in `skipped`); links to files
 * are listed and judged when read ({@link checkCorpusFile}).
 *
 * @param seen when given, receives the path (as `join(corpusDir, relPath)` gives it) of every file met
 * @param skipped when given, receives a warning for each link to a folder outside the corpus
 */
export function listDocumentFiles(corpusDir: string, seen?: Set<string>, skipped?: CorpusWarning[]): string[] {
  const found: string[] = [];
  walkCorpus(corpusDir, (dir, relPath, name) => {
    seen?.add(join(dir, name));
    if (isDocumentFile(name)) found.push(relPath);
  }, skipped);
  return found.sort();
}

/** Every file the corpus reads (documents and sidecars, relative paths with `/`), sorted: what the snapshot key hashes. */
export function listCorpusFiles(corpusDir: string): string[] {
  const found: string[] = [];
  walkCorpus(corpusDir, (_dir, relPath, name) => {
    if (isDocumentFile(name) || isSidecarFile(name)) found.push(relPath);
  });
  return found.sort();
}

/**
 * Calls `visit` with the folder (as `join(corpusDir, …)` gives it), the relative path (with `/`)
 * and the name of every file under `corpusDir`, dot-files and folders skipped, links to folders not
 * followed (one leading outside the corpus is reported in `skipped`). Relative paths are built while
 * walking, and a file's full path only when a caller needs it (`relative()` and `join()` per file
 * were most of listing 50,000 files).
 */
function walkCorpus(corpusDir: string, visit: (dir: string, relPath: string, name: string) => void, skipped?: CorpusWarning[]): void {
  const root = realCorpusRoot(corpusDir);
  const walk = (dir: string, prefix: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      if (entry.isDirectory()) walk(join(dir, entry.name), `${prefix}${entry.name}/`);
      else if (entry.isSymbolicLink() && isFolder(join(dir, entry.name))) {
        const full = join(dir, entry.name);
        if (!insideFolder(root, realpathOrNull(full))) skipped?.push({ path: full, reason: OUTSIDE_LINK_REASON });
      } else visit(dir, `${prefix}${entry.name}`, entry.name);
    }
  };
  walk(corpusDir, '');
}

const OUTSIDE_LINK_REASON = 'is a symbolic link that leads outside the corpus folder; only files inside the corpus folder are read';

/**
 * What a file's metadata says about its content without reading it: size, modification and
 * status-change times, inode and device (of the link's target for a symbolic link). Equal stamps
 * are taken as equal content by the snapshot key's digest cache (as git does).
 */
export interface FileStamp {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
  dev: number;
}

/** A file passes the ingestion rules (then its size in bytes and its stamp), or why not. */
export type FileCheck = { ok: true; size: number; stamp: FileStamp } | { ok: false; reason: string };

/**
 * The ingestion rules for one file, before anything of it is read: inside the corpus folder
 * (links resolved), a regular file, not larger than the limit.
 */
export function checkCorpusFile(corpusDir: string, relPath: string, rules: IngestionRules = DEFAULT_INGESTION_RULES): FileCheck {
  const path = join(corpusDir, relPath);
  let info;
  try {
    info = lstatSync(path);
  } catch (error) {
    return { ok: false, reason: `cannot be read: ${(error as Error).message}` };
  }
  if (info.isSymbolicLink()) {
    const target = realpathOrNull(path);
    if (target === null) return { ok: false, reason: 'is a symbolic link to nothing (its target does not exist)' };
    const root = realCorpusRoot(corpusDir);
    if (!insideFolder(root, target)) return { ok: false, reason: OUTSIDE_LINK_REASON };
    const targetRel = relative(root, target).split(sep).join('/');
    if (isDocumentFile(basename(targetRel)) && !targetRel.split('/').some((part) => part.startsWith('.'))) {
      return { ok: false, reason: `is a symbolic link to "${join(corpusDir, targetRel)}", which is read under its own name (a file is read once)` };
    }
    info = statSync(target);
  }
  if (!info.isFile()) return { ok: false, reason: 'is not a regular file' };
  if (info.size > rules.maxFileBytes) return { ok: false, reason: tooLargeReason(info.size, rules) };
  return { ok: true, size: info.size, stamp: { size: info.size, mtimeMs: info.mtimeMs, ctimeMs: info.ctimeMs, ino: info.ino, dev: info.dev } };
}

/** Why a file is too large to be read (one wording for the check and the read). */
export function tooLargeReason(size: number, rules: IngestionRules): string {
  const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, '')} MB`;
  return `is larger than the limit (${mb(size)}, the limit is ${mb(rules.maxFileBytes)}); raise MAX_FILE_MB to index it`;
}

/** The corpus folder with links resolved (the folder a read file must be inside). */
function realCorpusRoot(corpusDir: string): string {
  return realpathOrNull(corpusDir) ?? corpusDir;
}

function realpathOrNull(path: string): string | null {
  try {
    return realpathSync(path);
  } catch {
    return null;
  }
}

function insideFolder(root: string, path: string | null): boolean {
  if (path === null) return false;
  const rel = relative(root, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** True for a file name the corpus loads as a document. */
export function isDocumentFile(name: string): boolean {
  return DOCUMENT_EXTENSIONS.includes(extname(name).toLowerCase()) && !name.startsWith('.');
}

/** True for a sidecar file name (`name.meta.yml`, `name.meta.yaml`). */
export function isSidecarFile(name: string): boolean {
  const lower = name.toLowerCase();
  return SIDECAR_SUFFIXES.some((suffix) => lower.endsWith(suffix)) && !name.startsWith('.');
}
