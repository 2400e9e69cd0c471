/**
 * Served documents read from the corpus folder in this thread, for the few readers that need a
 * whole document while the index lives in the index worker (the digest scheduler reads the new
 * articles of a period and a sample for word rarity). Read under the ingestion rules and kept
 * until the file changes (its size or modification time).
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { loadDocumentFile, type CorpusDocument, type IngestionRules } from '../core/index.js';

/** Documents kept at most (a digest reads up to about 2,000 for its word statistics). */
const CACHE_LIMIT = 4_000;

/** A reader of served documents by path in the corpus, with a cache. */
export function diskDocuments(corpusDir: string, rules: IngestionRules): (relPath: string) => CorpusDocument | undefined {
  const cache = new Map<string, { stamp: string; document: CorpusDocument }>();
  return (relPath) => {
    let stamp: string;
    try {
      const info = statSync(join(corpusDir, relPath));
      stamp = `${info.size}:${info.mtimeMs}`;
    } catch {
      return undefined;
    }
    const cached = cache.get(relPath);
    if (cached?.stamp === stamp) return cached.document;
    const loaded = loadDocumentFile(corpusDir, relPath, undefined, rules);
    if (!loaded.ok) return undefined;
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
    cache.set(relPath, { stamp, document: loaded.document });
    return loaded.document;
  };
}
