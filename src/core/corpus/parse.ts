/**
 * Turns one file's content into a {@link CorpusDocument}: metadata (front matter, sidecar,
 * then what the text itself states), segmentation and statements. Pure: no I/O.
 */
import { readFrontMatter, readSidecar } from './metadata.js';
import { segment } from './segment.js';
import { extractStatements } from './statements.js';
import { DocumentError } from './errors.js';
import type { CorpusDocument, DocumentMeta } from './types.js';

/** What {@link parseDocument} needs to know about a file. */
export interface DocumentInput {
  id: string;
  path: string;
  relPath: string;
  text: string;
  /** Content of a YAML sidecar (`<name>.meta.yml`), if the file has one. */
  sidecar?: string;
}

/** A parsed document and the non-fatal problems met on the way. */
export interface ParsedDocument {
  document: CorpusDocument;
  warnings: string[];
}

/**
 * Parses a document. Precedence of metadata: sidecar, then front matter, then the text.
 *
 * @throws DocumentError when the file cannot be used (empty, no prose, malformed metadata).
 */
export function parseDocument(input: DocumentInput): ParsedDocument {
  const { text } = input;
  if (text.trim().length === 0) throw new DocumentError('the file is empty');
  if (text.includes('\u0000')) throw new DocumentError('the file looks binary (it contains NUL bytes)');
  const frontMatter = readFrontMatter(text);
  const sidecar = input.sidecar === undefined ? { meta: {}, warnings: [] } : readSidecar(input.sidecar);
  const segmentation = segment(text, frontMatter.bodyStart);
  if (segmentation.sentences.length === 0) throw new DocumentError('the file has no prose to index (only headings or metadata lines)');
  const meta: DocumentMeta = {
    title: null, outlet: null, published: null, url: null, author: null,
    ...segmentation.stated,
    ...frontMatter.meta,
    ...sidecar.meta,
  };
  const document: CorpusDocument = {
    id: input.id,
    path: input.path,
    relPath: input.relPath,
    text,
    meta,
    bodyStart: frontMatter.bodyStart,
    paragraphs: segmentation.paragraphs,
    sentences: segmentation.sentences,
    passages: segmentation.passages,
    statements: extractStatements(text, segmentation.sentences),
  };
  return { document, warnings: [...frontMatter.warnings, ...sidecar.warnings] };
}
