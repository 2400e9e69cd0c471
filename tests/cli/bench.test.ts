import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { benchQuestions, generateCorpus, writeCorpus } from '../../src/cli/bench/corpus.js';
import { BENCH_FIELDS } from '../../src/cli/bench/run.js';
import { loadCorpus } from '../../src/core/index.js';

describe('bench: synthetic corpus', () => {
  it('is the same for the same seed and size, and differs for another seed', () => {
    const a = generateCorpus({ articles: 40, seed: 7 });
    const b = generateCorpus({ articles: 40, seed: 7 });
    expect(b.articles.map((x) => [x.file, x.text])).toEqual(a.articles.map((x) => [x.file, x.text]));
    expect(generateCorpus({ articles: 40, seed: 8 }).articles[0]!.text).not.toBe(a.articles[0]!.text);
    // A bigger corpus starts with the same articles: sizes share their prefix.
    expect(generateCorpus({ articles: 60, seed: 7 }).articles.slice(0, 40).map((x) => x.text)).toEqual(a.articles.map((x) => x.text));
    expect(benchQuestions(a)).toEqual(benchQuestions(b));
  });

  it('writes articles that the real loader reads with headline, outlet, date and quoted speakers', () => {
    const corpus = generateCorpus({ articles: 40, seed: 7 });
    const dir = mkdtempSync(join(tmpdir(), 'bench-corpus-'));
    try {
      writeCorpus(corpus, dir);
      const { documents, warnings } = loadCorpus(dir);
      expect(warnings).toEqual([]);
      expect(documents).toHaveLength(40);
      documents.forEach((doc, i) => {
        const article = corpus.articles[i]!;
        expect(doc.meta).toMatchObject({ title: article.title, outlet: article.outlet, published: article.published });
        expect(doc.sentences.length).toBeGreaterThanOrEqual(15);
      });
      const speakers = new Set(documents.flatMap((doc) => doc.statements.map((s) => s.speaker)));
      const quoted = new Set(corpus.articles.flatMap((a) => a.speakers));
      expect(quoted.size).toBeGreaterThan(5);
      for (const name of quoted) expect(speakers).toContain(name);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('asks a fixed mix of 200 questions of every kind, a third of them long natural-language ones', () => {
    const questions = benchQuestions(generateCorpus({ articles: 40, seed: 7 }));
    expect(questions).toHaveLength(200);
    const kinds = new Map<string, number>();
    for (const q of questions) kinds.set(q.kind, (kinds.get(q.kind) ?? 0) + 1);
    expect(Object.fromEntries(kinds)).toEqual({ keywords: 40, natural: 33, long: 67, speaker: 27, typo: 20, none: 13 });
  });
});

describe('npm run bench -- --json', () => {
  it('prints one JSON object with exactly the figures of the contract', () => {
    const result = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'src/cli/bench.ts', '--articles', '300', '--json', '--heap-answers', '50', '--e2e-seconds', '1', '--connections', '5', '--rate', '10'],
      { encoding: 'utf8', timeout: 120_000 },
    );
    expect(result.status, result.stderr).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const figures = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(Object.keys(figures)).toEqual([...BENCH_FIELDS]);
    expect(figures['articles']).toBe(300);
    for (const field of BENCH_FIELDS) expect(typeof figures[field], field).toBe('number');
    expect(figures['ackPerSec']).toBeGreaterThan(0);
  }, 120_000);

  it('refuses bad usage with exit code 2', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/bench.ts', '--articles', 'many'], { encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/--articles needs a whole number/);
  });
});
