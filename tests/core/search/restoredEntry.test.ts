import { describe, expect, it } from 'vitest';
import { loadCorpus, parseDocument } from '../../../src/core/index.js';
import { PassageIndex, type IndexedDocument } from '../../../src/core/search/passageIndex.js';
import { RestoredEntry } from '../../../src/core/search/restoredEntry.js';
import { deserializeSnapshot, serializeSnapshot } from '../../../src/core/search/snapshot.js';

const { documents } = loadCorpus('seeds');

function plain(entry: IndexedDocument): object {
  return { id: entry.doc.id, keys: [...entry.keys], termStart: [...entry.termStart], termIds: [...entry.termIds], titleTermIds: [...entry.titleTermIds] };
}

describe("RestoredEntry: a restored document's index entry, read from the snapshot's arrays on first use", () => {
  const built = new PassageIndex();
  for (const doc of documents) built.add(doc);
  built.add(parseDocument({ id: 'extra', path: 'extra.txt', relPath: 'extra.txt', text: 'A headline\n\nOne sentence here. Another one there.\n\nA second paragraph.' }).document);
  built.remove(documents[1]!.id);

  for (const [how, restore] of [
    ['from exported state', () => PassageIndex.restore(built.exportState())],
    ['from a snapshot', () => PassageIndex.restore(deserializeSnapshot(serializeSnapshot(built.exportState()), built.options))],
  ] as const) {
    it(`gives the same keys and term arrays as the index that was saved (${how})`, () => {
      const restored = restore();
      const ids = built.documents().map((doc) => doc.id);
      expect(restored.documents().map((doc) => doc.id)).toEqual(ids);
      for (const id of ids) {
        const entry = restored.entry(id)!;
        expect(entry).toBeInstanceOf(RestoredEntry);
        expect(plain(entry)).toEqual(plain(built.entry(id)!));
        // Read twice: the same arrays, kept.
        expect(entry.keys).toBe(entry.keys);
        expect(entry.termStart).toBe(entry.termStart);
      }
      // Passage term ranges as the built index has them: sentence terms of every passage agree.
      for (const id of ids) {
        const doc = restored.document(id)!;
        doc.sentences.forEach((_, s) => expect(restored.termsOfSentence(id, s)).toEqual(built.termsOfSentence(id, s)));
      }
    });
  }

  it('lets a restored document be removed and replaced', () => {
    const restored = PassageIndex.restore(deserializeSnapshot(serializeSnapshot(built.exportState()), built.options));
    const first = documents[0]!;
    restored.remove(first.id);
    expect(restored.entry(first.id)).toBeUndefined();
    restored.add(first);
    expect(restored.entry(first.id)).not.toBeInstanceOf(RestoredEntry);
    expect(plain(restored.entry(first.id)!)).toMatchObject({ termStart: [...built.entry(first.id)!.termStart], termIds: [...built.entry(first.id)!.termIds] });
  });
});
