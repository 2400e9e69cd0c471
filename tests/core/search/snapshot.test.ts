import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { AnswerEngine, loadCorpus, SnapshotError, SNAPSHOT_VERSION } from '../../../src/core/index.js';
import { readQuestions } from '../../../src/cli/evaluation.js';

const { documents } = loadCorpus('seeds');
const engine = new AnswerEngine(documents);
const snapshot = engine.snapshot({ corpusHash: 'corpus-hash-1' });

describe('index snapshot', () => {
  it('keeps the word vectors: the restored engine answers with them as the one that wrote it', () => {
    const withVectors = new AnswerEngine(documents);
    expect(withVectors.hasWordVectors).toBe(false);
    withVectors.distilWordVectors();
    expect(withVectors.hasWordVectors).toBe(true);
    const bytes = withVectors.snapshot();
    expect(bytes.length).toBeGreaterThan(snapshot.length + 1_000_000);
    const restored = AnswerEngine.fromSnapshot(bytes);
    expect(restored.hasWordVectors).toBe(true);
    expect(AnswerEngine.fromSnapshot(snapshot).hasWordVectors).toBe(false);
    for (const question of [...readQuestions('tests/questions.dev.jsonl').map((q) => q.question), 'What information can Tesla gather from its cars?']) {
      expect(restored.answer(question)).toEqual(withVectors.answer(question));
    }
    // Written again (a live corpus saves its snapshot), the table stays.
    expect(AnswerEngine.fromSnapshot(restored.snapshot()).hasWordVectors).toBe(true);
  }, 60_000);

  it('round-trips: the restored engine gives identical answers', () => {
    const restored = AnswerEngine.fromSnapshot(snapshot);
    const questions = [
      ...readQuestions('tests/questions.dev.jsonl').map((q) => q.question),
      'what did Musk say', 'camras interior', 'national security source:"TRT World"', 'what did elon say about china', 'zeppelin airship',
    ];
    for (const question of questions) {
      for (const options of [{}, { limit: 20 }, { limit: 2, offset: 2 }]) {
        expect(restored.answer(question, options)).toEqual(engine.answer(question, options));
      }
    }
    expect(restored.documents()).toEqual(engine.documents());
    expect(restored.stats()).toEqual(engine.stats());
  });

  it('restores an engine that still updates incrementally', () => {
    const restored = AnswerEngine.fromSnapshot(snapshot);
    const doc = { ...documents[0]!, id: 'extra', text: 'A zeppelin airship landed in Berlin on Monday.' };
    restored.upsert({ ...doc, sentences: [{ start: 0, end: doc.text.length, paragraph: 0 }], passages: [{ start: 0, end: doc.text.length, firstSentence: 0, lastSentence: 0 }], statements: [], paragraphs: [{ start: 0, end: doc.text.length }] });
    expect(restored.answer('zeppelin airship').excerpts[0]?.source.docId).toBe('extra');
    restored.remove('extra');
    for (const doc of documents.slice(0, 3)) restored.remove(doc.id);
    expect(restored.answer('zeppelin airship').answered).toBe(false);
    expect(restored.stats().documents).toBe(2);
    // The snapshot's bytes are never written to: it still loads, and answers as before.
    expect(AnswerEngine.fromSnapshot(snapshot).answer('what did Musk say')).toEqual(engine.answer('what did Musk say'));
  });

  it('restores documents equal to the loaded ones, texts and spans read on first use, as plain objects everywhere', () => {
    const restored = AnswerEngine.fromSnapshot(snapshot);
    for (const original of documents) {
      const doc = restored.document(original.id)!;
      for (const field of ['text', 'paragraphs', 'sentences', 'passages', 'statements']) {
        expect(Object.getOwnPropertyDescriptor(doc, field)?.get).toBeTypeOf('function');
      }
      expect(doc).toEqual(original);
      expect(doc.text).toBe(original.text);
      expect({ ...doc }).toEqual({ ...original });
      expect(JSON.parse(JSON.stringify(doc))).toEqual(JSON.parse(JSON.stringify(original)));
      expect(structuredClone(doc)).toEqual(structuredClone(original));
      expect(Object.keys(doc).sort()).toEqual(Object.keys(original).sort());
    }
    const doc = restored.document(documents[1]!.id)!;
    doc.text = 'replaced';
    doc.statements = [];
    expect(doc.text).toBe('replaced');
    expect({ ...doc }).toMatchObject({ text: 'replaced', statements: [] });
  });

  it('states its format, settings and corpus hash without loading', () => {
    expect(AnswerEngine.snapshotInfo(snapshot)).toMatchObject({ version: SNAPSHOT_VERSION, current: true, corpusHash: 'corpus-hash-1', documents: 5 });
  });

  it('is deterministic for the same index', () => {
    const again = new AnswerEngine(loadCorpus('seeds').documents).snapshot({ corpusHash: 'corpus-hash-1' });
    const strip = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1').replace(/"createdAt":"[^"]*"/, '').slice(24);
    expect(strip(again)).toBe(strip(snapshot));
  });

  it('refuses foreign, truncated, altered and other-version snapshots with a clear error', () => {
    expect(() => AnswerEngine.fromSnapshot(Buffer.from('{"not":"a snapshot"}'))).toThrow(/not an index snapshot/);
    expect(() => AnswerEngine.fromSnapshot(new Uint8Array(0))).toThrow(SnapshotError);
    expect(() => AnswerEngine.fromSnapshot(snapshot.subarray(0, snapshot.length - 100))).toThrow(/corrupt.*checksum/);
    const altered = Buffer.from(snapshot);
    altered[altered.length - 50]! ^= 0xff;
    expect(() => AnswerEngine.fromSnapshot(altered)).toThrow(/corrupt/);
    const otherVersion = Buffer.from(snapshot);
    otherVersion.writeUInt32LE(99, 8);
    expect(() => AnswerEngine.fromSnapshot(otherVersion)).toThrow(/format 99 is not supported/);
  });

  it('refuses a snapshot built with other index settings as stale', () => {
    const other = new AnswerEngine(documents.slice(0, 2));
    // Same bytes but a manifest claiming other settings: rewrite the settings hash and the checksum.
    const bytes = Buffer.from(other.snapshot());
    const text = bytes.toString('latin1');
    const at = text.indexOf('"settingsHash":"') + 16;
    bytes.write('0000000000000000', at, 'latin1');
    bytes.writeUInt32LE(crc32(bytes.subarray(24)), 16);
    expect(() => AnswerEngine.fromSnapshot(bytes)).toThrow(/stale index snapshot/);
    expect(AnswerEngine.snapshotInfo(bytes).current).toBe(false);
  });
});
