import { describe, expect, it } from 'vitest';
import { AnswerEngine, parseDocument, type CorpusDocument } from '../../../src/core/index.js';
import { SpeakerRegistry } from '../../../src/core/answer/speakers.js';
import { PassageIndex } from '../../../src/core/search/passageIndex.js';
import { deserializeSnapshot, serializeSnapshot } from '../../../src/core/search/snapshot.js';
import { benchQuestions, generateCorpus } from '../../../src/cli/bench/corpus.js';

const corpus = generateCorpus({ articles: 300, seed: 7 });
const documents: CorpusDocument[] = corpus.articles.map((a) => parseDocument({ id: a.file.replace(/\.txt$/, ''), path: a.file, relPath: a.file, text: a.text }).document);

function counted(docs: readonly CorpusDocument[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const doc of docs) for (const st of doc.statements) counts.set(st.speaker, (counts.get(st.speaker) ?? 0) + 1);
  return counts;
}

function restored(): PassageIndex {
  const built = new PassageIndex();
  for (const doc of documents) built.add(doc);
  return PassageIndex.restore(deserializeSnapshot(serializeSnapshot(built.exportState()), built.options));
}

describe('speakers of an index restored from its snapshot', () => {
  it('are counted from the snapshot as from the documents’ statements', () => {
    const index = restored();
    const counts = index.restoredSpeakerCounts()!;
    expect(counts.size).toBeGreaterThan(10);
    expect(new Map([...counts].sort())).toEqual(new Map([...counted(documents)].sort()));
  });

  it('make the same registry as the documents do', () => {
    const index = restored();
    const fromSnapshot = new SpeakerRegistry(index.documents(), index.restoredSpeakerCounts()!);
    const fromDocuments = new SpeakerRegistry(index.documents());
    expect(fromSnapshot.list()).toEqual(fromDocuments.list());
    for (const name of counted(documents).keys()) {
      expect(fromSnapshot.canonical(name)).toBe(fromDocuments.canonical(name));
      const surname = name.split(' ').at(-1)!;
      expect(fromSnapshot.candidates(surname)).toEqual(fromDocuments.candidates(surname));
    }
  });

  it('are forgotten once a document is added or removed (then counted from the documents)', () => {
    const added = restored();
    added.add(parseDocument({ id: 'new', path: 'new.txt', relPath: 'new.txt', text: 'Headline\n\n“It works,” said Zora Quill.' }).document);
    expect(added.restoredSpeakerCounts()).toBeNull();
    const removed = restored();
    removed.remove(documents[0]!.id);
    expect(removed.restoredSpeakerCounts()).toBeNull();
    removed.remove('no such document');
    const untouched = restored();
    untouched.remove('no such document');
    expect(untouched.restoredSpeakerCounts()).not.toBeNull();
  });

  it('leave answers as they were: a restored engine answers as the built one, before and after a change', () => {
    const built = new AnswerEngine(documents);
    const engine = AnswerEngine.fromSnapshot(built.snapshot());
    const questions = benchQuestions(corpus, 40).map((q) => q.question);
    for (const q of questions) expect(engine.answer(q)).toEqual(built.answer(q));
    expect(engine.speakers()).toEqual(built.speakers());
    const extra = parseDocument({ id: 'extra', path: 'extra.txt', relPath: 'extra.txt', text: 'Headline\n\n“We will see,” said Zora Quill.' }).document;
    built.upsert(extra);
    engine.upsert(extra);
    expect(engine.speakers()).toEqual(built.speakers());
    expect(engine.answer('what did Zora Quill say')).toEqual(built.answer('what did Zora Quill say'));
  });
});
