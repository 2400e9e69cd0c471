/**
 * Index snapshots: the whole state of an answering engine's index (documents with their
 * segmentation and statements, texts, vocabulary, sentence statistics, and the MiniSearch index
 * over passages) as one binary buffer, so that a process can start answering without parsing
 * and indexing the corpus again.
 *
 * Format (version {@link SNAPSHOT_VERSION}), little-endian:
 * ```
 * "TESLAIDX"                 8 bytes, magic
 * u32 format version
 * u32 manifest length (bytes)
 * u32 CRC-32 of everything after this header (manifest and arrays)
 * u32 reserved (0)
 * manifest                   UTF-8 JSON: settings hash, corpus hash, counts, per-document
 *                            metadata, array directory
 * arrays                     each 8-byte aligned: Int32Array / Uint16Array / Uint8Array / UTF-8 bytes
 * ```
 * The MiniSearch index is stored as MiniSearch serializes itself (`toJSON()`: document count,
 * next id, dirt count, average field lengths, short id → passage key, field lengths, and per
 * term and field the short ids and term frequencies), column by column instead of JSON text,
 * and restored into the same maps `MiniSearch.loadJS` builds (see `PassageMiniSearch`).
 * Documents keep their texts as the snapshot's UTF-8 bytes until first read (`RestoredDocument`).
 *
 * The settings hash covers everything that shapes the index (the version of each pipeline stage:
 * segmentation, statements, metadata, analyzer; stop words, passage size, MiniSearch's fields and
 * serialization version, BM25 parameters, title boost): a snapshot written with other settings
 * is refused as stale. The manifest also lists the corpus files skipped at build time, so a
 * process started from the snapshot still reports them. The corpus hash is the caller's (for example
 * a hash of the corpus files), kept as given.
 *
 * @example
 * const bytes = serializeSnapshot(engine.snapshotState(), { corpusHash });
 * writeFileSync('data/index.snapshot', bytes);
 * const engine2 = AnswerEngine.fromSnapshot(readFileSync('data/index.snapshot'));
 */
import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { STOP_WORDS } from './analyzer.js';
import { BM25, MINISEARCH_SERIALIZATION_VERSION, PASSAGE_FIELDS } from './passageMiniSearch.js';
import type { IndexState, MiniSearchState, PassageIndexOptions, PostingsState } from './indexState.js';
import { MAX_SENTENCES_PER_PASSAGE } from '../corpus/passageSize.js';
import type { CorpusDocument, CorpusWarning, DocumentMeta, Statement } from '../corpus/types.js';
import { RestoredDocument, type SnapshotSpans } from './restoredDocument.js';
import { PIPELINE_STAGES, PIPELINE_VERSIONS, type PipelineVersions } from '../pipelineVersions.js';

export type { IndexState, MiniSearchState, PostingsState } from './indexState.js';

/**
 * Version of the snapshot's layout; bumped when its layout or what it holds changes (2: the
 * MiniSearch index replaced hand-written postings; 3: segmentation of hard-wrapped text,
 * statements by name cluster, new stop words; 4: pipeline versions and skipped files in the
 * manifest; 5: each document's text located by its UTF-8 length, decoded on first read; 6: the
 * engine's distilled word vectors, array `wordVectors`, when it has them). A change of what a
 * pipeline stage makes bumps that stage's version instead (`src/core/pipelineVersions.ts`).
 */
export const SNAPSHOT_VERSION = 6;
const MAGIC = 'TESLAIDX';
const HEADER_BYTES = 24;

/** A snapshot is unreadable, of another format, corrupt, or built with other settings. */
export class SnapshotError extends Error {
  override name = 'SnapshotError';
}

/** What a snapshot's header and manifest say, without loading it. */
export interface SnapshotInfo {
  version: number;
  /** Hash of the index settings the snapshot was built with. */
  settingsHash: string;
  /** True when {@link settingsHash} is this program's. */
  current: boolean;
  /** The pipeline versions it was built with. */
  pipeline: PipelineVersions;
  /** Pipeline stages whose version differs from this program's (then {@link current} is false). */
  staleStages: Array<keyof PipelineVersions>;
  /** Corpus files that were skipped when the index was built (the start-up log and Slack list them). */
  skipped: CorpusWarning[];
  /** The corpus hash given when writing, or null. */
  corpusHash: string | null;
  documents: number;
  passages: number;
  terms: number;
  createdAt: string;
}

/**
 * Hash of everything that shapes the index: a snapshot from other settings is stale.
 *
 * @param pipeline the version of each pipeline stage (this program's by default)
 */
export function settingsHash(options: PassageIndexOptions, pipeline: PipelineVersions = PIPELINE_VERSIONS): string {
  return createHash('sha256')
    .update(
      JSON.stringify({
        pipeline: PIPELINE_STAGES.map((stage) => [stage, pipeline[stage]]),
        stopWords: [...STOP_WORDS].sort(),
        passage: MAX_SENTENCES_PER_PASSAGE,
        index: { engine: 'minisearch', serializationVersion: MINISEARCH_SERIALIZATION_VERSION, fields: PASSAGE_FIELDS },
        bm25: BM25,
        options,
      }),
    )
    .digest('hex')
    .slice(0, 16);
}

type ArrayKind = 'i32' | 'u16' | 'u8' | 'utf8';
interface ArrayEntry {
  name: string;
  kind: ArrayKind;
  offset: number;
  length: number;
}

interface Manifest {
  version: number;
  settingsHash: string;
  pipeline: PipelineVersions;
  corpusHash: string | null;
  createdAt: string;
  skipped: CorpusWarning[];
  options: PassageIndexOptions;
  nextKey: number;
  /** MiniSearch's scalars: `documentCount`, `nextId`, `dirtCount`, `averageFieldLength`. */
  miniSearch: { serializationVersion: number; documentCount: number; nextId: number; dirtCount: number; averageFieldLength: number[] };
  counts: { documents: number; passages: number; terms: number; sentences: number };
  /** Per document: id, path, relPath, meta, bodyStart, text length in UTF-8 bytes (in `texts`), speakers of its statements. */
  documents: Array<[string, string, string, DocumentMeta, number, number, string[]]>;
  arrays: ArrayEntry[];
}

/**
 * Writes an index state as a snapshot.
 *
 * @param state from `AnswerEngine.snapshotState()`
 * @param options.corpusHash the caller's hash of the corpus the index was built from (kept as given)
 * @param options.skipped the corpus files skipped when the index was built (kept as given)
 */
export function serializeSnapshot(
  state: IndexState,
  options: { corpusHash?: string; skipped?: readonly CorpusWarning[]; now?: Date; pipeline?: PipelineVersions } = {},
): Uint8Array {
  const pipeline = { ...(options.pipeline ?? PIPELINE_VERSIONS) };
  const docs = state.documents;
  const arrays: Array<{ name: string; kind: ArrayKind; data: Int32Array | Uint16Array | Uint8Array }> = [];
  const i32 = (name: string, values: ArrayLike<number>): void => {
    arrays.push({ name, kind: 'i32', data: values instanceof Int32Array ? values : Int32Array.from(values) });
  };
  // Spans of every document, flat: counts per document, then the spans.
  const counts = new Int32Array(docs.length * 4);
  let nParagraphs = 0;
  let nSentences = 0;
  let nPassages = 0;
  let nStatements = 0;
  let nQuoted = 0;
  docs.forEach((doc, d) => {
    counts[d * 4] = doc.paragraphs.length;
    counts[d * 4 + 1] = doc.sentences.length;
    counts[d * 4 + 2] = doc.passages.length;
    counts[d * 4 + 3] = doc.statements.length;
    nParagraphs += doc.paragraphs.length;
    nSentences += doc.sentences.length;
    nPassages += doc.passages.length;
    nStatements += doc.statements.length;
    for (const st of doc.statements) nQuoted += st.quoted.length;
  });
  const paragraphs = new Int32Array(nParagraphs * 2);
  const sentences = new Int32Array(nSentences * 3);
  const passages = new Int32Array(nPassages * 4);
  const statements = new Int32Array(nStatements * 5);
  const quoted = new Int32Array(nQuoted * 2);
  let p = 0;
  let s = 0;
  let g = 0;
  let t = 0;
  let q = 0;
  for (const doc of docs) {
    for (const span of doc.paragraphs) {
      paragraphs[p++] = span.start;
      paragraphs[p++] = span.end;
    }
    for (const span of doc.sentences) {
      sentences[s++] = span.start;
      sentences[s++] = span.end;
      sentences[s++] = span.paragraph;
    }
    for (const span of doc.passages) {
      passages[g++] = span.start;
      passages[g++] = span.end;
      passages[g++] = span.firstSentence;
      passages[g++] = span.lastSentence;
    }
    for (const st of doc.statements) {
      statements[t++] = st.start;
      statements[t++] = st.end;
      statements[t++] = st.kind === 'quote' ? 1 : 0;
      statements[t++] = st.sentence;
      statements[t++] = st.quoted.length;
      for (const span of st.quoted) {
        quoted[q++] = span.start;
        quoted[q++] = span.end;
      }
    }
  }
  i32('counts', counts);
  i32('paragraphs', paragraphs);
  i32('sentences', sentences);
  i32('passages', passages);
  i32('statements', statements);
  i32('quoted', quoted);
  arrays.push({ name: 'texts', kind: 'utf8', data: Buffer.from(docs.map((doc) => doc.text).join('')) });
  arrays.push({ name: 'terms', kind: 'utf8', data: Buffer.from(state.terms.join('\n')) });
  arrays.push({ name: 'surfaces', kind: 'utf8', data: Buffer.from(state.surfaces.join('\n')) });
  i32('sentenceFrequency', state.sentenceFrequency);
  i32('sentenceTermStart', state.sentenceTermStart);
  i32('sentenceTermIds', state.sentenceTermIds);
  i32('documentSentenceBase', state.documentSentenceBase);
  i32('passageKeys', state.passageKeys);
  i32('titleTermStart', state.titleTermStart);
  i32('titleTermIds', state.titleTermIds);
  const ms = state.miniSearch;
  i32('msShortIds', ms.shortIds);
  i32('msIds', ms.ids);
  i32('msFieldLength', ms.fieldLength);
  i32('msTerms', ms.terms);
  arrays.push({ name: 'msFieldPresence', kind: 'u8', data: ms.fieldPresence });
  ms.postings.forEach((postings, field) => {
    i32(`msPostingsOffsets${field}`, postings.offsets);
    i32(`msPostingsIds${field}`, postings.ids);
    arrays.push({ name: `msPostingsTfs${field}`, kind: 'u16', data: postings.tfs });
  });
  if (state.wordVectors !== undefined) arrays.push({ name: 'wordVectors', kind: 'u8', data: state.wordVectors });

  let offset = 0;
  const directory: ArrayEntry[] = arrays.map(({ name, kind, data }) => {
    const entry = { name, kind, offset, length: kind === 'utf8' ? data.byteLength : data.length };
    offset += align8(data.byteLength);
    return entry;
  });
  const manifest: Manifest = {
    version: SNAPSHOT_VERSION,
    settingsHash: settingsHash(state.options, pipeline),
    pipeline,
    corpusHash: options.corpusHash ?? null,
    createdAt: (options.now ?? new Date()).toISOString(),
    skipped: (options.skipped ?? []).map(({ path, reason }) => ({ path, reason })),
    options: state.options,
    nextKey: state.nextKey,
    miniSearch: {
      serializationVersion: MINISEARCH_SERIALIZATION_VERSION,
      documentCount: ms.documentCount,
      nextId: ms.nextId,
      dirtCount: ms.dirtCount,
      averageFieldLength: ms.averageFieldLength,
    },
    counts: { documents: docs.length, passages: nPassages, terms: state.terms.length, sentences: nSentences },
    documents: docs.map((doc) => [doc.id, doc.path, doc.relPath, doc.meta, doc.bodyStart, Buffer.byteLength(doc.text, 'utf8'), doc.statements.map((st) => st.speaker)]),
    arrays: directory,
  };
  const manifestBytes = Buffer.from(JSON.stringify(manifest));
  const bodyStart = align8(HEADER_BYTES + manifestBytes.byteLength);
  const out = Buffer.alloc(bodyStart + offset);
  out.write(MAGIC, 0, 'latin1');
  out.writeUInt32LE(SNAPSHOT_VERSION, 8);
  out.writeUInt32LE(manifestBytes.byteLength, 12);
  manifestBytes.copy(out, HEADER_BYTES);
  arrays.forEach(({ data }, i) => {
    const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    out.set(bytes, bodyStart + directory[i]!.offset);
  });
  out.writeUInt32LE(crc32(out.subarray(HEADER_BYTES)), 16);
  return out;
}

/** Reads a snapshot's header and manifest (checks the format and the checksum, not the settings). */
export function readSnapshotInfo(bytes: Uint8Array, options: PassageIndexOptions): SnapshotInfo {
  const { manifest } = open(bytes);
  const pipeline = manifest.pipeline;
  return {
    version: manifest.version,
    settingsHash: manifest.settingsHash,
    current: manifest.settingsHash === settingsHash(options),
    pipeline,
    staleStages: PIPELINE_STAGES.filter((stage) => pipeline[stage] !== PIPELINE_VERSIONS[stage]),
    skipped: manifest.skipped,
    corpusHash: manifest.corpusHash,
    documents: manifest.counts.documents,
    passages: manifest.counts.passages,
    terms: manifest.counts.terms,
    createdAt: manifest.createdAt,
  };
}

/**
 * Reads a snapshot written by {@link serializeSnapshot}.
 *
 * The state keeps views on `bytes` where they are aligned: do not modify `bytes` afterwards.
 *
 * @param expected the index options of the reader: a snapshot built with other settings is stale
 * @throws SnapshotError when the bytes are not a snapshot, are corrupt or truncated, come from
 * another format version, or were built with other settings
 */
export function deserializeSnapshot(bytes: Uint8Array, expected: PassageIndexOptions): IndexState {
  const { manifest, body } = open(bytes);
  if (manifest.settingsHash !== settingsHash(expected)) {
    const stages = PIPELINE_STAGES.filter((stage) => manifest.pipeline[stage] !== PIPELINE_VERSIONS[stage]);
    const why = stages.length > 0
      ? `built with ${stages.map((stage) => `${stage} version ${manifest.pipeline[stage]}`).join(', ')}; this program has ${stages.map((stage) => `${stage} version ${PIPELINE_VERSIONS[stage]}`).join(', ')}`
      : `built with settings ${manifest.settingsHash}, this program uses ${settingsHash(expected)}`;
    throw new SnapshotError(`snapshot: stale index snapshot (${why}); rebuild it from the corpus`);
  }
  const entries = new Map(manifest.arrays.map((entry) => [entry.name, entry]));
  const array = (name: string): Int32Array | Uint16Array | Uint8Array => {
    const entry = entries.get(name);
    if (!entry) throw new SnapshotError(`snapshot: corrupt index snapshot (array "${name}" is missing)`);
    const width = { i32: 4, u16: 2, u8: 1, utf8: 1 }[entry.kind];
    const start = body.byteOffset + entry.offset;
    if (entry.offset + entry.length * width > body.byteLength) throw new SnapshotError(`snapshot: corrupt index snapshot (array "${name}" is truncated)`);
    // Views on the snapshot's memory where it is aligned (no copy); else a copy.
    const source = start % width === 0 ? body.buffer : body.buffer.slice(start, start + entry.length * width);
    const at = source === body.buffer ? start : 0;
    switch (entry.kind) {
      case 'i32':
        return new Int32Array(source, at, entry.length);
      case 'u16':
        return new Uint16Array(source, at, entry.length);
      case 'u8':
      case 'utf8':
        return new Uint8Array(source, at, entry.length);
    }
  };
  const i32 = (name: string): Int32Array => array(name) as Int32Array;
  const bytesOf = (name: string): Buffer => {
    const bytes = array(name) as Uint8Array;
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  };
  const utf8 = (name: string): string => bytesOf(name).toString('utf8');

  const counts = i32('counts');
  const spans: SnapshotSpans = {
    paragraphs: i32('paragraphs'),
    sentences: i32('sentences'),
    passages: i32('passages'),
    statements: i32('statements'),
    quoted: i32('quoted'),
  };
  // Texts stay UTF-8 bytes and spans flat arrays until a document's are first read (see RestoredDocument).
  const texts = bytesOf('texts');
  let p = 0;
  let s = 0;
  let g = 0;
  let t = 0;
  let q = 0;
  let c = 0;
  const shared = { texts, spans };
  const documentPassageBase = new Int32Array(manifest.documents.length + 1);
  const speakerCounts = new Map<string, number>();
  const documents: CorpusDocument[] = manifest.documents.map(([id, path, relPath, meta, bodyStart, textBytes, speakers], d) => {
    for (const speaker of speakers) speakerCounts.set(speaker, (speakerCounts.get(speaker) ?? 0) + 1);
    const count = [counts[d * 4]!, counts[d * 4 + 1]!, counts[d * 4 + 2]!, counts[d * 4 + 3]!] as const;
    const doc = new RestoredDocument(id, path, relPath, meta, bodyStart, shared, { textStart: c, textEnd: c + textBytes, first: [p, s, g, t, q], counts: count }, speakers);
    c += textBytes;
    p += count[0];
    s += count[1];
    g += count[2];
    documentPassageBase[d + 1] = g;
    for (let i = 0; i < count[3]; i++, t++) q += spans.statements[t * 5 + 4]!;
    return doc;
  });
  if (p * 2 !== spans.paragraphs.length || s * 3 !== spans.sentences.length || g * 4 !== spans.passages.length || t * 5 !== spans.statements.length || q * 2 !== spans.quoted.length) {
    throw new SnapshotError('snapshot: corrupt index snapshot (spans do not add up)');
  }
  if (c !== texts.length) throw new SnapshotError('snapshot: corrupt index snapshot (texts do not add up)');
  const terms = manifest.counts.terms === 0 ? [] : utf8('terms').split('\n');
  const surfaces = manifest.counts.terms === 0 ? [] : utf8('surfaces').split('\n');
  if (terms.length !== manifest.counts.terms || surfaces.length !== terms.length) {
    throw new SnapshotError('snapshot: corrupt index snapshot (vocabulary does not add up)');
  }
  if (manifest.miniSearch.serializationVersion !== MINISEARCH_SERIALIZATION_VERSION) {
    throw new SnapshotError(`snapshot: MiniSearch serialization ${manifest.miniSearch.serializationVersion} is not supported; rebuild it`);
  }
  const postings = (field: number): PostingsState => ({
    offsets: i32(`msPostingsOffsets${field}`),
    ids: i32(`msPostingsIds${field}`),
    tfs: array(`msPostingsTfs${field}`) as Uint16Array,
  });
  const { documentCount, nextId, dirtCount, averageFieldLength } = manifest.miniSearch;
  const miniSearch: MiniSearchState = {
    documentCount,
    nextId,
    dirtCount,
    averageFieldLength,
    shortIds: i32('msShortIds'),
    ids: i32('msIds'),
    fieldLength: i32('msFieldLength'),
    terms: i32('msTerms'),
    fieldPresence: array('msFieldPresence') as Uint8Array,
    postings: PASSAGE_FIELDS.map((_, field) => postings(field)),
  };
  const msTermCount = miniSearch.terms.length;
  if (
    miniSearch.ids.length !== miniSearch.shortIds.length ||
    miniSearch.fieldLength.length !== miniSearch.shortIds.length * PASSAGE_FIELDS.length ||
    miniSearch.fieldPresence.length !== msTermCount ||
    miniSearch.postings.some((p) => p.offsets.length !== msTermCount + 1 || p.offsets[msTermCount] !== p.ids.length || p.tfs.length !== p.ids.length) ||
    miniSearch.terms.some((t) => t < 0 || t >= terms.length)
  ) {
    throw new SnapshotError('snapshot: corrupt index snapshot (MiniSearch index does not add up)');
  }
  const documentSentenceBase = i32('documentSentenceBase');
  if (documentSentenceBase.length !== documents.length + 1 || documents.some((_, d) => documentSentenceBase[d + 1]! - documentSentenceBase[d]! !== counts[d * 4 + 1])) {
    throw new SnapshotError('snapshot: corrupt index snapshot (sentences do not add up)');
  }
  const passageKeys = i32('passageKeys');
  if (passageKeys.length !== manifest.counts.passages) throw new SnapshotError('snapshot: corrupt index snapshot (passages do not add up)');
  const titleTermStart = i32('titleTermStart');
  const titleTermIds = i32('titleTermIds');
  if (titleTermStart.length !== documents.length + 1 || titleTermStart[documents.length] !== titleTermIds.length) {
    throw new SnapshotError('snapshot: corrupt index snapshot (headline terms do not add up)');
  }
  return {
    options: manifest.options,
    documents,
    terms,
    surfaces,
    sentenceFrequency: i32('sentenceFrequency'),
    sentenceTermStart: i32('sentenceTermStart'),
    sentenceTermIds: i32('sentenceTermIds'),
    documentSentenceBase,
    passageKeys,
    titleTermStart,
    titleTermIds,
    nextKey: manifest.nextKey,
    miniSearch,
    passageLayout: { documentPassageBase, passages: spans.passages },
    speakerCounts,
    ...(entries.has('wordVectors') ? { wordVectors: array('wordVectors') as Uint8Array } : {}),
  };
}

/**
 * Snapshots already checked and their manifest: `readSnapshotInfo` then `deserializeSnapshot` on
 * the same bytes (as start-up does) check the checksum of some 240 MB and parse the manifest once.
 */
const opened = new WeakMap<Uint8Array, { manifest: Manifest; body: Uint8Array }>();

function open(bytes: Uint8Array): { manifest: Manifest; body: Uint8Array } {
  const known = opened.get(bytes);
  if (known !== undefined) return known;
  const result = openUnchecked(bytes);
  opened.set(bytes, result);
  return result;
}

function openUnchecked(bytes: Uint8Array): { manifest: Manifest; body: Uint8Array } {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer.byteLength < HEADER_BYTES || buffer.toString('latin1', 0, 8) !== MAGIC) {
    throw new SnapshotError('snapshot: not an index snapshot of this program (wrong magic bytes)');
  }
  const version = buffer.readUInt32LE(8);
  if (version !== SNAPSHOT_VERSION) {
    throw new SnapshotError(`snapshot: index snapshot format ${version} is not supported (this program reads format ${SNAPSHOT_VERSION}); rebuild it`);
  }
  const manifestLength = buffer.readUInt32LE(12);
  if (HEADER_BYTES + manifestLength > buffer.byteLength) throw new SnapshotError('snapshot: corrupt index snapshot (truncated manifest)');
  if (crc32(buffer.subarray(HEADER_BYTES)) !== buffer.readUInt32LE(16)) {
    throw new SnapshotError('snapshot: corrupt index snapshot (checksum mismatch: the file was truncated or altered)');
  }
  let manifest: Manifest;
  try {
    manifest = JSON.parse(buffer.toString('utf8', HEADER_BYTES, HEADER_BYTES + manifestLength)) as Manifest;
  } catch {
    throw new SnapshotError('snapshot: corrupt index snapshot (unreadable manifest)');
  }
  const bodyStart = align8(HEADER_BYTES + manifestLength);
  return { manifest, body: buffer.subarray(bodyStart) };
}

function align8(n: number): number {
  return (n + 7) & ~7;
}
