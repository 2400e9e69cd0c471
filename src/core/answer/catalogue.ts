/**
 * The corpus catalogue: documents as listed to users (`/tesla sources`, App Home) and figures
 * about the corpus (outlets, date range), computed once per corpus version.
 */
import type { PassageIndex } from '../search/passageIndex.js';
import type { CorpusDocument } from '../corpus/types.js';
import { sourceLabel } from './sourceLabel.js';
import type { ExcerptSource } from './types.js';

/** A document as listed to users (`/tesla sources`, App Home). */
export interface DocumentSummary extends Omit<ExcerptSource, 'start' | 'end'> {
  passages: number;
}

/** What the corpus holds, in figures. */
export interface CorpusStats {
  documents: number;
  passages: number;
  outlets: string[];
  earliest: string | null;
  latest: string | null;
}

/** A document's identity, stated metadata and label, in the order of the Answer JSON's `source`. */
export function sourceOf(doc: CorpusDocument): Omit<ExcerptSource, 'start' | 'end'> {
  const { meta } = doc;
  return { docId: doc.id, path: doc.path, title: meta.title, outlet: meta.outlet, published: meta.published, url: meta.url, label: sourceLabel(doc) };
}

/** Documents and figures of an index (figures cached until {@link Catalogue.invalidate}). */
export class Catalogue {
  private statsCache: CorpusStats | null = null;

  constructor(private readonly index: () => PassageIndex) {}

  /** Forgets the figures (call after a document changes). */
  invalidate(): void {
    this.statsCache = null;
  }

  /** The documents, as listed to users. */
  documents(): DocumentSummary[] {
    return this.index().documents().map((doc) => ({ ...sourceOf(doc), passages: doc.passages.length }));
  }

  /** Figures about the corpus. */
  stats(): CorpusStats {
    if (this.statsCache === null) {
      const index = this.index();
      let earliest: string | null = null;
      let latest: string | null = null;
      const outlets = new Set<string>();
      for (const doc of index.documents()) {
        const { published, outlet } = doc.meta;
        if (published !== null) {
          if (earliest === null || published < earliest) earliest = published;
          if (latest === null || published > latest) latest = published;
        }
        if (outlet !== null) outlets.add(outlet);
      }
      this.statsCache = { documents: index.documentCount, passages: index.passageCount, outlets: [...outlets].sort(), earliest, latest };
    }
    return { ...this.statsCache, outlets: [...this.statsCache.outlets] };
  }
}
