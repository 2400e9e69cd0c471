import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

function ask(args: string[], input?: string) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/ask.ts', ...args], {
    encoding: 'utf8',
    input,
    env: { ...process.env, CORPUS_DIR: 'seeds' },
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
});
