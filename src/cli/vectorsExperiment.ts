/**
 * Does the word-vector lexicon pay? `npx tsx src/cli/vectorsExperiment.ts [--set seeds|bbc|both] [--words w1,w2]`
 * answers the development questions with WordNet alone and with WordNet + vector neighbours under
 * several settings, prints the figures side by side and every question whose rank or verdict
 * changed, with the neighbours its words received. Distilled tables are cached in
 * `$DATA_DIR/embeddings-<set>.bin` (default /tmp/vecdata).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { AnswerEngine, loadCorpus } from '../core/index.js';
import { tokenize } from '../core/search/analyzer.js';
import {
  deserializeEmbeddings, distilEmbeddings, EmbeddingLexicon, serializeEmbeddings, type EmbeddingTable,
} from '../core/search/embeddings.js';
import { CombinedLexicon, WordNetLexicon, type Lexicon, type RelatedWord } from '../core/search/lexicon.js';
import { cachedSourceReader, evaluate, readQuestions, scorerLine, type Evaluation } from './evaluation.js';

interface QuestionSet {
  name: string;
  corpus: string;
  questions: string;
}

const SETS: QuestionSet[] = [
  { name: 'seeds', corpus: 'seeds', questions: 'tests/questions.dev.jsonl' },
  { name: 'bbc', corpus: '../shared/eval/realnews/corpus', questions: '../shared/eval/realnews/questions.dev.jsonl' },
];

const PROBE_WORDS = ['soldiers', 'suing', 'caretaker', 'activated', 'capital', 'datacenter', 'cheese', 'fined', 'sacked', 'boss', 'rise', 'monday', 'win'];

/** One lexicon setting to compare against WordNet alone. */
interface Setting {
  name: string;
  minSimilarity: number;
  maxNeighbours: number;
  dropContrasts: boolean;
  /** Present neighbours as synonyms (weight 0.4 in query.ts) instead of `similar` (0.25 today). */
  asSynonyms: boolean;
  /** See `EmbeddingLexiconOptions.mutualRank`. */
  mutualRank: number;
  skipCapitalised: boolean;
}

const BASE: Setting = { name: '', minSimilarity: 0.7, maxNeighbours: 5, dropContrasts: true, asSynonyms: false, mutualRank: 0, skipCapitalised: true };
const SETTINGS: Setting[] = [
  { ...BASE, name: 'sim>=0.70 k5 names too', skipCapitalised: false },
  { ...BASE, name: 'sim>=0.60 k5' , minSimilarity: 0.6 },
  { ...BASE, name: 'sim>=0.70 k5' },
  { ...BASE, name: 'sim>=0.70 k5 unfiltered', dropContrasts: false },
  { ...BASE, name: 'sim>=0.75 k3', minSimilarity: 0.75, maxNeighbours: 3 },
  { ...BASE, name: 'sim>=0.70 k5 mutual10', mutualRank: 10 },
  { ...BASE, name: 'sim>=0.70 k5 w0.4', asSynonyms: true },
];

/** Relabels `similar` neighbours as synonyms, to try the higher weight without editing query.ts. */
class AsSynonyms implements Lexicon {
  constructor(private readonly inner: Lexicon) {}
  related(word: string): RelatedWord[] {
    return this.inner.related(word).map((r) => (r.relation === 'similar' ? { ...r, relation: 'synonym' } : r));
  }
}

function loadTable(set: QuestionSet, vocabulary: readonly string[], dataDir: string): EmbeddingTable {
  const path = join(dataDir, `embeddings-${set.name}.bin`);
  if (existsSync(path)) return deserializeEmbeddings(readFileSync(path));
  const started = performance.now();
  const table = distilEmbeddings({ vocabulary });
  const bytes = serializeEmbeddings(table);
  const corpusRows = table.corpus.reduce((n, flag) => n + flag, 0);
  console.log(
    `[${set.name}] distilled ${vocabulary.length} vocabulary words in ${Math.round(performance.now() - started)} ms: ` +
      `${table.words.length} rows (${corpusRows} of the corpus), ${(bytes.length / 1e6).toFixed(1)} MB`,
  );
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(path, bytes);
  return table;
}

/** The lexicon to answer with, and the combined one (whose `similar` words the report shows). */
function makeLexicon(table: EmbeddingTable, wordNet: WordNetLexicon, setting: Setting): { lexicon: Lexicon; combined: Lexicon } {
  const vectors = new EmbeddingLexicon(table, {
    minSimilarity: setting.minSimilarity, maxNeighbours: setting.maxNeighbours * 2,
    mutualRank: setting.mutualRank, skipCapitalised: setting.skipCapitalised,
  });
  const combined = new CombinedLexicon(wordNet, vectors, { dropContrasts: setting.dropContrasts, maxNeighbours: setting.maxNeighbours });
  return { lexicon: setting.asSynonyms ? new AsSynonyms(combined) : combined, combined };
}

function printProbes(table: EmbeddingTable, wordNet: WordNetLexicon, words: readonly string[]): void {
  for (const mutualRank of [0, 10]) {
    console.log(mutualRank ? `  mutual (word among the neighbour's ${mutualRank} nearest):` : '  plain:');
    const vectors = new EmbeddingLexicon(table, { minSimilarity: 0.5, maxNeighbours: 8, mutualRank });
    for (const word of words) {
      const started = performance.now();
      const neighbours = vectors.neighbours(word);
      const ms = performance.now() - started;
      const shown = neighbours.map((n) => `${n.word} ${n.similarity.toFixed(2)}${wordNet.contrasts(word, n.word) ? '✗' : ''}`);
      console.log(`  ${word.padEnd(11)} ${ms.toFixed(2)} ms  ${shown.join(', ') || '(no vector or none above 0.5)'}`);
    }
  }
}

function rankLabel(evaluation: Evaluation, i: number): string {
  const r = evaluation.results[i]!;
  if (r.kind === 'anyOf') return r.rank === null ? (r.abstained ? 'abstained' : 'miss') : `rank ${r.rank}`;
  if (r.kind === 'abstain') return r.pass ? 'abstained' : 'answered';
  return `${r.pass ? 'pass' : 'fail'} p=${(r.precision ?? 0).toFixed(2)} g=${r.groupsCovered}`;
}

function printChanges(base: Evaluation, other: Evaluation, lexicon: Lexicon): void {
  base.results.forEach((r, i) => {
    const before = rankLabel(base, i);
    const after = rankLabel(other, i);
    const firstBefore = base.answers[i]!.excerpts[0]?.text;
    const firstAfter = other.answers[i]!.excerpts[0]?.text;
    if (before === after && firstBefore === firstAfter) return;
    const mark = r.pass === other.results[i]!.pass ? ' ' : other.results[i]!.pass ? '+' : '-';
    console.log(`   ${mark} ${r.id} ${before} → ${after}: ${r.question}`);
    const added = tokenize(r.question)
      .map((t) => [t.word, lexicon.related(t.word).filter((x) => x.relation === 'similar').map((x) => x.word)] as const)
      .filter(([, words]) => words.length > 0);
    if (added.length > 0) console.log(`       neighbours: ${added.map(([w, n]) => `${w}→${n.join('/')}`).join('; ')}`);
    if (firstBefore !== firstAfter) console.log(`       top now: ${(firstAfter ?? '(none)').slice(0, 110)}`);
  });
}

function runSet(set: QuestionSet, dataDir: string, probeWords: readonly string[]): void {
  const { documents } = loadCorpus(set.corpus);
  const wordNet = new WordNetLexicon();
  const baseline = new AnswerEngine(documents, { lexicon: wordNet });
  const state = baseline.snapshotState();
  const snapshot = baseline.snapshot();
  const vocabulary = state.surfaces.filter((s) => s !== '');
  const table = loadTable(set, vocabulary, dataDir);
  console.log(`\n[${set.name}] ${documents.length} documents, ${state.terms.length} terms; neighbours (✗ = WordNet antonym/sibling, dropped when filtered):`);
  printProbes(table, wordNet, probeWords);
  const questions = readQuestions(set.questions);
  const readSource = cachedSourceReader();
  const base = evaluate(questions, (q) => baseline.answer(q), readSource);
  console.log(`\n[${set.name}] ${'WordNet only'.padEnd(28)} ${scorerLine(base.summary)}`);
  for (const setting of SETTINGS) {
    const { lexicon, combined } = makeLexicon(table, wordNet, setting);
    const engine = AnswerEngine.fromSnapshot(snapshot, { lexicon });
    const started = performance.now();
    const result = evaluate(questions, (q) => engine.answer(q), readSource);
    const ms = (performance.now() - started) / questions.length;
    console.log(`[${set.name}] ${setting.name.padEnd(28)} ${scorerLine(result.summary)}  (${ms.toFixed(1)} ms/question, cold caches)`);
    printChanges(base, result, combined);
  }
}

const { values } = parseArgs({
  options: { set: { type: 'string', default: 'both' }, words: { type: 'string' } },
});
const dataDir = process.env.DATA_DIR || '/tmp/vecdata';
const probeWords = values.words ? values.words.split(',') : PROBE_WORDS;
for (const set of SETS) if (values.set === 'both' || values.set === set.name) runSet(set, dataDir, probeWords);
