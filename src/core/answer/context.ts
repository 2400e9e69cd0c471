/**
 * What the answering modules share about one corpus: the index, the source of related words,
 * the speakers and their statements, and the source/date filter of a question. Built by the
 * engine; derived data (speakers, statements by speaker) is computed on first use and dropped
 * when the corpus changes.
 */
import type { PassageIndex } from '../search/passageIndex.js';
import type { Lexicon } from '../search/lexicon.js';
import { fold } from '../search/analyzer.js';
import { SpeakerRegistry } from './speakers.js';
import type { CorpusDocument, Statement } from '../corpus/types.js';
import type { QuestionFilters } from './question.js';

/** A document filter (source, dates); undefined when the question sets none. */
export type DocumentFilter = ((doc: CorpusDocument) => boolean) | undefined;

/** The corpus as the answering modules see it. */
export class AnswerContext {
  private registry: SpeakerRegistry | null = null;
  private statementsBySpeaker: Map<string, Array<[CorpusDocument, Statement]>> | null = null;

  constructor(
    readonly index: PassageIndex,
    readonly lexicon: Lexicon,
  ) {}

  /** Forgets what is derived from the whole corpus (call after a document changes). */
  invalidate(): void {
    this.registry = null;
    this.statementsBySpeaker = null;
  }

  /** The corpus's speakers (built on first use). */
  speakers(): SpeakerRegistry {
    // A restored index knows its speakers from the snapshot: no need to read every document's statements.
    this.registry ??= new SpeakerRegistry(this.index.documents(), this.index.restoredSpeakerCounts() ?? undefined);
    return this.registry;
  }

  /** The statements of a canonical speaker, in corpus order. */
  statementsOf(speaker: string): ReadonlyArray<[CorpusDocument, Statement]> {
    if (this.statementsBySpeaker === null) {
      const registry = this.speakers();
      const bySpeaker = new Map<string, Array<[CorpusDocument, Statement]>>();
      for (const doc of this.index.documents()) {
        for (const statement of doc.statements) {
          const name = registry.canonical(statement.speaker);
          let list = bySpeaker.get(name);
          if (list === undefined) bySpeaker.set(name, (list = []));
          list.push([doc, statement]);
        }
      }
      this.statementsBySpeaker = bySpeaker;
    }
    return this.statementsBySpeaker.get(speaker) ?? [];
  }

  /** The statement a sentence of a document is, if any. */
  statementAt(doc: CorpusDocument, sentence: number): Statement | undefined {
    return doc.statements.find((st) => st.sentence === sentence);
  }
}

/** The document filter of a question's `source:`, `since:` and `before:`. */
export function documentFilter(filters: QuestionFilters): DocumentFilter {
  const { outlet, since, before } = filters;
  if (!outlet && !since && !before) return undefined;
  const wanted = outlet ? fold(outlet) : null;
  return (doc) => {
    if (wanted && !(doc.meta.outlet && fold(doc.meta.outlet).includes(wanted))) return false;
    if (since && !(doc.meta.published && doc.meta.published >= since)) return false;
    if (before && !(doc.meta.published && doc.meta.published < before)) return false;
    return true;
  };
}
