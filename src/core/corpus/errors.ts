/** Errors of the corpus module. Messages say what is wrong and what to do. */

/** A single file cannot be used; the loader skips it with a warning carrying this message. */
export class DocumentError extends Error {
  override name = 'DocumentError';
}

/** The corpus as a whole cannot be opened (missing folder, two documents with one id). */
export class CorpusError extends Error {
  override name = 'CorpusError';
}
