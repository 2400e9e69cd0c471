/**
 * One benchmark run at one corpus size: generate and write the corpus, load and index it, heap,
 * snapshot, cold start, answer latency, baseline, heap growth, end to end.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { AnswerEngine } from '../../core/index.js';
import { buildIndex, saveIndex, SNAPSHOT_FILE } from '../../infra/indexLoader.js';
import { IndexWorkerClient } from '../../infra/indexWorkerClient.js';
import { createLogger } from '../../infra/logger.js';
import { engineSnapshotCodec } from '../../infra/snapshotCodec.js';
import { baselineQuery, buildBaseline } from './baseline.js';
import { benchQuestions, generateCorpus, writeCorpus } from './corpus.js';
import { runEndToEnd, type PhaseResult } from './e2e.js';
import { mb, percentile, round, since } from './stats.js';

/** The figures of one run; the field names are the contract of `npm run bench -- --json`. */
export interface BenchResult {
  articles: number;
  textMB: number;
  buildMs: number;
  buildArticlesPerSec: number;
  heapMB: number;
  snapshotMB: number;
  snapshotSaveMs: number;
  snapshotLoadMs: number;
  coldStartMs: number;
  askFromSnapshotMs: number;
  answerP50Ms: number;
  answerP95Ms: number;
  answerP99Ms: number;
  baselineP50Ms: number;
  speedupP50: number;
  ackPerSec: number;
  ackP50Ms: number;
  ackP99Ms: number;
  /** Ack p99 of the paced load while the index worker indexes a 5 MB file over and over. */
  ackP99WhileIndexingMs: number;
  /** Time to parse and index the 5 MB file in the worker (median). */
  largeFileIndexMs: number;
  deliveredP99Ms: number;
  heapGrowthMB: number;
}

/** The field names, in order. */
export const BENCH_FIELDS: ReadonlyArray<keyof BenchResult> = [
  'articles', 'textMB', 'buildMs', 'buildArticlesPerSec', 'heapMB', 'snapshotMB', 'snapshotSaveMs', 'snapshotLoadMs',
  'coldStartMs', 'askFromSnapshotMs', 'answerP50Ms', 'answerP95Ms', 'answerP99Ms', 'baselineP50Ms', 'speedupP50', 'ackPerSec', 'ackP50Ms',
  'ackP99Ms', 'ackP99WhileIndexingMs', 'largeFileIndexMs', 'deliveredP99Ms', 'heapGrowthMB',
];

/** Options of {@link runBench}. */
export interface BenchOptions {
  articles: number;
  seed: number;
  /** Answers for the heap-growth figure. */
  heapAnswers: number;
  /** Seconds of each end-to-end phase. */
  e2eSeconds: number;
  /** Commands a second of the paced end-to-end phase (ack and delivery latency). */
  e2eRate: number;
  connections: number;
  skipBaseline: boolean;
  skipE2e: boolean;
  /** Progress lines (to stderr). */
  log: (line: string) => void;
}

export const DEFAULT_BENCH_OPTIONS: Omit<BenchOptions, 'articles'> = {
  seed: 42,
  heapAnswers: 10_000,
  e2eSeconds: 10,
  e2eRate: 50,
  connections: 50,
  skipBaseline: false,
  skipE2e: false,
  log: (line) => process.stderr.write(`${line}\n`),
};

/** Details the JSON leaves out, for the table and BENCHMARKS.md. */
export interface BenchDetails {
  e2e: PhaseResult[];
  baselineBuildMs: number;
  answered: number;
  questions: number;
}

/** A full garbage collection (V8's `gc`, exposed at run time). */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  gc();
  gc();
}

function heapUsed(): number {
  collectGarbage();
  return process.memoryUsage().heapUsed;
}

/** Runs the benchmark at one size. */
export async function runBench(options: BenchOptions): Promise<{ result: BenchResult; details: BenchDetails }> {
  const { log } = options;
  const dir = mkdtempSync(join(tmpdir(), `tesla-bench-${options.articles}-`));
  try {
    log(`[${options.articles}] generating the corpus (seed ${options.seed})`);
    const corpus = generateCorpus({ articles: options.articles, seed: options.seed });
    const questions = benchQuestions(corpus).map((q) => q.question);
    const warmUp = benchQuestions(corpus, 200, options.seed + 1000).map((q) => q.question);
    const corpusDir = join(dir, 'corpus');
    writeCorpus(corpus, corpusDir);
    const textMB = mb(corpus.bytes);
    corpus.articles.length = 0; // the generator's copy is not needed any more
    const heapBefore = heapUsed();

    log(`[${options.articles}] loading and indexing ${textMB.toFixed(1)} MB`);
    let start = performance.now();
    // The app's loader (start-up, `ask`, `eval`): files parsed on worker threads, indexed here.
    const loaded = await buildIndex(corpusDir);
    const { engine } = loaded;
    const buildMs = since(start);
    const heapMB = mb(heapUsed() - heapBefore);
    if (loaded.skipped.length > 0) log(`[${options.articles}] ${loaded.skipped.length} files skipped, e.g. ${loaded.skipped[0]!.reason}`);

    log(`[${options.articles}] snapshot`);
    const dataDir = join(dir, 'data');
    const snapshotPath = join(dataDir, SNAPSHOT_FILE);
    start = performance.now();
    saveIndex({ corpusDir, dataDir, logger: createLogger({ level: 'warn', destination: process.stderr }), codec: engineSnapshotCodec }, engine, loaded.skipped);
    const snapshotSaveMs = since(start);
    start = performance.now();
    let restored: AnswerEngine | null = AnswerEngine.fromSnapshot(readFileSync(snapshotPath));
    const snapshotLoadMs = since(start);
    const snapshotBytes = readFileSync(snapshotPath).byteLength;
    if (JSON.stringify(restored.answer(questions[0]!)) !== JSON.stringify(engine.answer(questions[0]!))) {
      throw new Error('bench: the engine restored from the snapshot answers differently');
    }
    restored = null;
    const coldStartMs = coldStart(corpusDir, dataDir, questions[0]!);
    const askMs = askFromSnapshot(corpusDir, dataDir, questions[0]!);
    rmSync(snapshotPath);

    log(`[${options.articles}] answering ${questions.length} questions`);
    for (const question of warmUp) engine.answer(question);
    const latencies: number[] = [];
    let answered = 0;
    for (const question of questions) {
      const t = performance.now();
      if (engine.answer(question).answered) answered++;
      latencies.push(since(t));
    }

    log(`[${options.articles}] heap over ${options.heapAnswers} answers`);
    const mix = [...questions, ...warmUp];
    const heapStart = heapUsed();
    for (let i = 0; i < options.heapAnswers; i++) engine.answer(mix[i % mix.length]!, { limit: 5, offset: (i % 3) * 5 });
    const heapGrowthMB = mb(heapUsed() - heapStart);

    let e2e: PhaseResult[] = [];
    let largeFileIndexMs = Number.NaN;
    if (!options.skipE2e) {
      log(`[${options.articles}] end to end (index worker restored from the snapshot): ${options.connections} connections, ${options.e2eSeconds} s saturated, then ${options.e2eSeconds} s at ${options.e2eRate}/s, then the same while 5 MB files are indexed`);
      saveIndex({ corpusDir, dataDir, logger: createLogger({ level: 'warn', destination: process.stderr }), codec: engineSnapshotCodec }, engine, loaded.skipped);
      const worker = await IndexWorkerClient.start({ corpusDir, dataDir, logger: createLogger({ level: process.env['BENCH_WORKER_LOG'] ?? 'warn', destination: process.stderr }) });
      try {
        // Each phase starts once the worker answered every question of the one before (a saturated
        // phase leaves a queue of answers behind, the acknowledgements being instant).
        const drained = async (): Promise<void> => {
          while (worker.waiting > 0) await new Promise((resolve) => setTimeout(resolve, 100));
        };
        e2e = await runEndToEnd(worker, questions, [{ name: 'saturated', connections: options.connections, duration: options.e2eSeconds, rate: 0 }]);
        await drained();
        e2e.push(...(await runEndToEnd(worker, questions, [{ name: 'paced', connections: options.connections, duration: options.e2eSeconds, rate: options.e2eRate }])));
        await drained();
        // The same paced load while the worker indexes a 5 MB file, again and again, for the whole phase.
        const big = join(corpusDir, 'large-file.txt');
        writeFileSync(big, largeFile(5 * 1024 * 1024 - 4096));
        let indexing = true;
        const times: number[] = [];
        const reindex = (async () => {
          while (indexing) {
            const t = performance.now();
            const outcome = await worker.upsertFile('large-file.txt');
            if (!outcome.ok) throw new Error(`bench: the 5 MB file was not indexed: ${outcome.reason}`);
            times.push(since(t));
          }
        })();
        const [whileIndexing] = await runEndToEnd(worker, questions, [
          { name: 'paced while a 5 MB file is indexed', connections: options.connections, duration: options.e2eSeconds, rate: options.e2eRate },
        ]);
        indexing = false;
        await reindex;
        e2e.push(whileIndexing!);
        largeFileIndexMs = percentile(times, 0.5);
      } finally {
        await worker.stop();
      }
    }

    let baselineP50Ms = Number.NaN;
    let baselineBuildMs = Number.NaN;
    if (!options.skipBaseline) {
      log(`[${options.articles}] baseline: plain MiniSearch over the same sentences`);
      const documents = engine.documents().map((summary) => engine.document(summary.docId)!);
      start = performance.now();
      const baseline = buildBaseline(documents);
      baselineBuildMs = since(start);
      // A short warm-up: at 50,000 articles one baseline query takes a few hundred milliseconds.
      for (const question of warmUp.slice(0, 20)) baselineQuery(baseline, question);
      const times: number[] = [];
      for (const question of questions) {
        const t = performance.now();
        baselineQuery(baseline, question);
        times.push(since(t));
      }
      baselineP50Ms = percentile(times, 0.5);
    }

    const saturated = e2e.find((p) => p.name === 'saturated');
    const paced = e2e.find((p) => p.name === 'paced');
    const whileIndexing = e2e.find((p) => p.name.startsWith('paced while'));
    const answerP50Ms = percentile(latencies, 0.5);
    const result: BenchResult = {
      articles: options.articles,
      textMB: round(textMB, 1),
      buildMs: round(buildMs, 0),
      buildArticlesPerSec: round(options.articles / (buildMs / 1000), 0),
      heapMB: round(heapMB, 0),
      snapshotMB: round(mb(snapshotBytes), 1),
      snapshotSaveMs: round(snapshotSaveMs, 0),
      snapshotLoadMs: round(snapshotLoadMs, 0),
      coldStartMs: round(coldStartMs, 0),
      askFromSnapshotMs: round(askMs, 0),
      answerP50Ms: round(answerP50Ms, 2),
      answerP95Ms: round(percentile(latencies, 0.95), 2),
      answerP99Ms: round(percentile(latencies, 0.99), 2),
      baselineP50Ms: round(baselineP50Ms, 2),
      speedupP50: round(baselineP50Ms / answerP50Ms, 1),
      ackPerSec: round(saturated?.ackPerSec ?? Number.NaN, 0),
      ackP50Ms: round(paced?.ackP50Ms ?? Number.NaN, 1),
      ackP99Ms: round(paced?.ackP99Ms ?? Number.NaN, 1),
      ackP99WhileIndexingMs: round(whileIndexing?.ackP99Ms ?? Number.NaN, 1),
      largeFileIndexMs: round(largeFileIndexMs, 0),
      deliveredP99Ms: round(paced?.deliveredP99Ms ?? Number.NaN, 0),
      heapGrowthMB: round(heapGrowthMB, 1),
    };
    return { result, details: { e2e, baselineBuildMs, answered, questions: questions.length } };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Cold start in a fresh process (same runtime flags as this one, so the same TypeScript loader). */
function coldStart(corpusDir: string, dataDir: string, question: string): number {
  const script = fileURLToPath(new URL(`./coldStart${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url));
  const output = execFileSync(process.execPath, [...process.execArgv, script, corpusDir, dataDir, question], { encoding: 'utf8' });
  const result = JSON.parse(output.trim().split('\n').at(-1)!) as { coldStartMs: number; source: string };
  if (result.source !== 'snapshot') throw new Error(`bench: the cold start did not restore the snapshot (${result.source})`);
  return result.coldStartMs;
}

/** `npm run ask -- --json <question>` against the snapshot, as a user runs it: wall time of the whole command. */
function askFromSnapshot(corpusDir: string, dataDir: string, question: string): number {
  const script = fileURLToPath(new URL(`../ask${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url));
  const start = performance.now();
  const output = execFileSync(process.execPath, [...process.execArgv, script, '--json', question], {
    encoding: 'utf8',
    env: { ...process.env, CORPUS_DIR: corpusDir, DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
  });
  const elapsed = since(start);
  JSON.parse(output);
  return elapsed;
}

/** About `bytes` of varied prose: numbered sentences of a report, in paragraphs. */
function largeFile(bytes: number): string {
  const parts: string[] = ['A very long inspection report\n\n'];
  let size = parts[0]!.length;
  for (let i = 0; size < bytes; i++) {
    const sentence = `Inspector ${i % 97} found that hangar ${i} stored ${i % 13} airships and ${i % 7} gas cells on day ${i % 365}.${i % 8 === 7 ? '\n\n' : ' '}`;
    parts.push(sentence);
    size += sentence.length;
  }
  return parts.join('').slice(0, bytes);
}
