import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dataDir = mkdtempSync(join(tmpdir(), 'tesla-ask-data-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function ask(args: string[], input?: string, env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/ask.ts', ...args], {
    encoding: 'utf8',
    input,
    env: { ...process.env, CORPUS_DIR: 'seeds', DATA_DIR: dataDir, ...env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('ask', () => {
  it('prints one Answer as JSON and nothing else on stdout with --json', () => {
    const { code, stdout } = ask(['--json', 'what did Musk say']);
    expect(code).toBe(0);
    const answer = JSON.parse(stdout);
    expect(answer).toMatchObject({ question: 'what did Musk say', intent: 'quotes', speaker: 'Elon Musk', answered: true, message: null });
    expect(answer.excerpts.length).toBeGreaterThanOrEqual(3);
    expect(Object.keys(answer.excerpts[0].source)).toEqual(['docId', 'path', 'title', 'outlet', 'published', 'url', 'label', 'start', 'end']);
  });

  it('answers one question per stdin line with --jsonl', () => {
    const { code, stdout } = ask(['--jsonl'], 'what did Musk say\n\nWhat is the Bitcoin price today?\n');
    expect(code).toBe(0);
    const answers = stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(answers.map((a) => a.answered)).toEqual([true, false]);
  });

  it('prints a readable answer by default', () => {
    const { code, stdout } = ask(['what did Musk say']);
    expect(code).toBe(0);
    expect(stdout).toContain('— Elon Musk');
  });

  it('exits 0 with an honest message when nothing is found', () => {
    const { code, stdout } = ask(['Who is the CEO of Toyota?']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/Nothing in the corpus answers that/);
  });

  it('exits 2 with usage for an empty question or a bad flag', () => {
    for (const args of [[], ['   '], ['--limit', 'x', 'q'], ['--nope', 'q']]) {
      const { code, stderr, stdout } = ask(args);
      expect(code).toBe(2);
      expect(stderr).toMatch(/usage:/);
      expect(stdout).toBe('');
    }
  });

  it('writes the index snapshot in DATA_DIR, restores it on the next run, and applies the ingestion rules', () => {
    const corpus = mkdtempSync(join(tmpdir(), 'tesla-ask-corpus-'));
    const data = mkdtempSync(join(tmpdir(), 'tesla-ask-snap-'));
    const outside = mkdtempSync(join(tmpdir(), 'tesla-ask-outside-'));
    try {
      cpSync('seeds', corpus, { recursive: true });
      writeFileSync(join(outside, 'secret.txt'), 'The zeppelin launch code is hunter2, said the admiral.\n');
      symlinkSync(join(outside, 'secret.txt'), join(corpus, 'leak.txt'));
      writeFileSync(join(corpus, '000_c39a801cf85dcbb3.md'), 'A second file with the id of the first seed.\n');
      writeFileSync(join(corpus, 'big.txt'), 'A sentence about a zeppelin hangar. '.repeat(40_000));
      const env = { CORPUS_DIR: corpus, DATA_DIR: data, MAX_FILE_MB: '1', LOG_LEVEL: 'info' };
      const first = ask(['--json', 'zeppelin launch code'], undefined, env);
      expect(first.code).toBe(0);
      expect(JSON.parse(first.stdout).answered).toBe(false);
      expect(existsSync(join(data, 'index.snapshot'))).toBe(true);
      expect(first.stderr).toContain('info: index snapshot written');
      const second = ask(['--json', 'what did Musk say'], undefined, env);
      expect(second.code).toBe(0);
      expect(JSON.parse(second.stdout).answered).toBe(true);
      expect(second.stderr).toContain('info: index ready (loaded from the snapshot)');
      for (const run of [first, second]) {
        expect(run.stderr).toContain(`warning: skipped a corpus file: ${join(corpus, 'leak.txt')}: is a symbolic link that leads outside the corpus folder`);
        expect(run.stderr).toContain(`warning: skipped a corpus file: ${join(corpus, 'big.txt')}: is larger than the limit`);
        expect(run.stderr).toContain(`warning: skipped a corpus file: ${join(corpus, '000_c39a801cf85dcbb3.txt')}: another file has the same id`);
        expect(run.stdout).not.toContain('hunter2');
      }
    } finally {
      for (const dir of [corpus, data, outside]) rmSync(dir, { recursive: true, force: true });
    }
  });
});
