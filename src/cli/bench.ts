/**
 * `npm run bench`: the performance benchmark (not part of `npm test`). See BENCHMARKS.md.
 *
 * ```
 * npm run bench                                 # 1,000, 10,000 and 50,000 articles, a table
 * npm run bench -- --articles 10000             # one size, a table
 * npm run --silent bench -- --articles 50000 --json   # one size, one JSON object on stdout
 * ```
 * Options: `--articles N` (repeatable), `--json`, `--seed N` (default 42), `--heap-answers N`
 * (default 10000), `--e2e-seconds N` (default 10), `--rate N` (paced end-to-end phase, commands a
 * second, default 50), `--connections N` (default 50), `--skip-baseline`, `--skip-e2e`.
 * Progress goes to stderr. Each size runs in a fresh process when several are asked.
 */
import { execFileSync } from 'node:child_process';
import { availableParallelism, cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { BENCH_FIELDS, DEFAULT_BENCH_OPTIONS, runBench, type BenchResult } from './bench/run.js';

const USAGE = 'usage: npm run bench -- [--articles N]... [--json] [--seed N] [--heap-answers N] [--e2e-seconds N] [--rate N] [--connections N] [--skip-baseline] [--skip-e2e]';

/** Targets at 50,000 articles on a 2-core machine (issue 10; `askFromSnapshotMs`: at 20,000 articles). */
export const TARGETS: Partial<Record<keyof BenchResult, { op: '<=' | '>='; value: number; unit: string }>> = {
  buildArticlesPerSec: { op: '>=', value: 4000, unit: 'articles/s' },
  heapMB: { op: '<=', value: 1500, unit: 'MB' },
  coldStartMs: { op: '<=', value: 2000, unit: 'ms' },
  askFromSnapshotMs: { op: '<=', value: 2500, unit: 'ms (at 20,000)' },
  answerP50Ms: { op: '<=', value: 15, unit: 'ms' },
  answerP99Ms: { op: '<=', value: 60, unit: 'ms' },
  speedupP50: { op: '>=', value: 10, unit: '×' },
  ackP99Ms: { op: '<=', value: 100, unit: 'ms' },
  ackP99WhileIndexingMs: { op: '<=', value: 100, unit: 'ms' },
  deliveredP99Ms: { op: '<=', value: 500, unit: 'ms' },
};

function parse(): { sizes: number[]; json: boolean; options: typeof DEFAULT_BENCH_OPTIONS; forward: string[] } {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        articles: { type: 'string', multiple: true },
        json: { type: 'boolean', default: false },
        seed: { type: 'string' },
        'heap-answers': { type: 'string' },
        'e2e-seconds': { type: 'string' },
        rate: { type: 'string' },
        connections: { type: 'string' },
        'skip-baseline': { type: 'boolean', default: false },
        'skip-e2e': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    process.stderr.write(`bench: ${(error as Error).message}\n${USAGE}\n`);
    process.exit(2);
  }
  const { values } = parsed;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const number = (name: string, raw: string | undefined, fallback: number, min = 1): number => {
    if (raw === undefined) return fallback;
    const value = Number(raw.replace(/[_,]/g, ''));
    if (!Number.isInteger(value) || value < min) {
      process.stderr.write(`bench: --${name} needs a whole number of at least ${min}, not "${raw}"\n${USAGE}\n`);
      process.exit(2);
    }
    return value;
  };
  const sizes = (values.articles ?? ['1000', '10000', '50000']).flatMap((v) => v.split(',')).map((v) => number('articles', v, 0, 10));
  const options = {
    ...DEFAULT_BENCH_OPTIONS,
    seed: number('seed', values.seed, DEFAULT_BENCH_OPTIONS.seed, 0),
    heapAnswers: number('heap-answers', values['heap-answers'], DEFAULT_BENCH_OPTIONS.heapAnswers),
    e2eSeconds: number('e2e-seconds', values['e2e-seconds'], DEFAULT_BENCH_OPTIONS.e2eSeconds),
    e2eRate: number('rate', values.rate, DEFAULT_BENCH_OPTIONS.e2eRate),
    connections: number('connections', values.connections, DEFAULT_BENCH_OPTIONS.connections),
    skipBaseline: values['skip-baseline'],
    skipE2e: values['skip-e2e'],
  };
  if (options.e2eRate < options.connections) {
    process.stderr.write(`bench: --rate (${options.e2eRate}) must be at least --connections (${options.connections}): each connection sends at least one command a second\n${USAGE}\n`);
    process.exit(2);
  }
  const forward = process.argv.slice(2).filter((arg, i, all) => arg !== '--json' && !(arg === '--articles' || all[i - 1] === '--articles' || arg.startsWith('--articles=')));
  return { sizes, json: values.json, options, forward };
}

/** Runs one size in a fresh process (a clean heap), returns its JSON result. */
function runChild(size: number, forward: string[]): BenchResult {
  const script = fileURLToPath(import.meta.url);
  const output = execFileSync(process.execPath, [...process.execArgv, script, '--articles', String(size), '--json', ...forward], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(output.trim().split('\n').at(-1)!) as BenchResult;
}

/** The figures as a table, one column per size, targets beside them. */
export function formatTable(results: readonly BenchResult[]): string {
  const cell = (value: number): string => (Number.isNaN(value) ? '—' : Number.isFinite(value) ? value.toLocaleString('en-US') : '∞');
  const rows = BENCH_FIELDS.map((field) => {
    const target = TARGETS[field];
    return [field, ...results.map((r) => cell(r[field])), target ? `${target.op} ${target.value.toLocaleString('en-US')} ${target.unit}` : ''];
  });
  const header = ['', ...results.map((r) => `${r.articles.toLocaleString('en-US')} articles`), 'target at 50,000'];
  const all = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...all.map((row) => row[c]!.length)));
  return all.map((row) => row.map((text, c) => (c === 0 || c === row.length - 1 ? text.padEnd(widths[c]!) : text.padStart(widths[c]!))).join('  ').trimEnd()).join('\n');
}

async function main(): Promise<void> {
  const { sizes, json, options, forward } = parse();
  if (json && sizes.length !== 1) {
    process.stderr.write(`bench: --json prints one object, so give exactly one --articles\n${USAGE}\n`);
    process.exit(2);
  }
  const results: BenchResult[] = [];
  if (sizes.length === 1) {
    const { result, details } = await runBench({ ...options, articles: sizes[0]! });
    if (json) {
      process.stdout.write(`${JSON.stringify(result)}\n`);
      process.exit(0);
    }
    results.push(result);
    for (const phase of details.e2e) {
      process.stderr.write(
        `end to end (${phase.name}): sent ${phase.sent}, acked ${phase.acked}, non-2xx ${phase.non2xx}, errors ${phase.errors}, ` +
          `${phase.ackPerSec.toFixed(0)} acks/s, ack p50 ${phase.ackP50Ms.toFixed(1)} ms p99 ${phase.ackP99Ms.toFixed(1)} ms, ` +
          `delivered ${phase.delivered}: p50 ${phase.deliveredP50Ms.toFixed(0)} ms p99 ${phase.deliveredP99Ms.toFixed(0)} ms\n`,
      );
    }
    process.stderr.write(`answered ${details.answered}/${details.questions} questions; baseline build ${details.baselineBuildMs.toFixed(0)} ms\n`);
  } else {
    for (const size of sizes) results.push(runChild(size, forward));
  }
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  process.stdout.write(`${formatTable(results)}\n\n${availableParallelism()} cores (${cpu}), Node ${process.version}\n`);
  process.exit(0);
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) void main();
