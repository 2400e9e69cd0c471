/**
 * The README's first command: `npm start` (`tsx src/main.ts`) on a machine without Slack variables
 * prints the playground's URL, and the page there answers "/tesla what did Musk say".
 * `npm run playground` (`--playground`) does the same whatever the Slack variables say; a partial
 * Slack configuration stops with the message that lists what is missing.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const TSX = join('node_modules', '.bin', 'tsx');

/** The environment of a fresh machine: no Slack variable at all. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) if (!name.startsWith('SLACK_')) env[name] = value;
  return { ...env, LOG_LEVEL: 'info', ...extra };
}

const running: ChildProcessWithoutNullStreams[] = [];
const folders: string[] = [];

afterEach(() => {
  for (const child of running.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function start(args: string[], env: Record<string, string>) {
  const dataDir = mkdtempSync(join(tmpdir(), 'tesla-cli-data-'));
  folders.push(dataDir);
  // A working directory without a .env file, so only `env` counts.
  const cwd = mkdtempSync(join(tmpdir(), 'tesla-cli-cwd-'));
  folders.push(cwd);
  const child = spawn(join(process.cwd(), TSX), [join(process.cwd(), 'src/main.ts'), ...args], {
    cwd,
    env: cleanEnv({ PORT: '0', DATA_DIR: dataDir, CORPUS_DIR: join(process.cwd(), 'seeds'), ...env }),
  });
  running.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const output = () => ({ stdout, stderr });
  async function waitForUrl(): Promise<string> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const match = /open (http:\/\/localhost:\d+)/.exec(stderr);
      if (match?.[1] !== undefined) return match[1];
      if (child.exitCode !== null || Date.now() > deadline) throw new Error(`no playground URL; stdout:\n${stdout}\nstderr:\n${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  return { child, exited, output, waitForUrl };
}

async function askAndWait(url: string, channel = 'C0GENERAL0'): Promise<string> {
  const sent = await fetch(`${url}/playground/send`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ channel, text: '/tesla what did Musk say' }) });
  expect(sent.status).toBe(200);
  const deadline = Date.now() + 10_000;
  for (;;) {
    const state = (await (await fetch(`${url}/playground/state`)).json()) as { messages: Array<{ botId: string | null; blocks: unknown }> };
    const answer = state.messages.find((m) => m.botId !== null && JSON.stringify(m.blocks).includes('we will get shut down'));
    if (answer !== undefined) return JSON.stringify(answer.blocks);
    if (Date.now() > deadline) throw new Error('no answer');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('npm start without Slack', () => {
  it('prints the playground URL, logs local mode, answers on the page, and stops cleanly', async () => {
    const app = start([], {});
    const url = await app.waitForUrl();
    expect(app.output().stderr).toContain('To connect a real Slack workspace instead, follow README.md');
    const logLine = app.output().stdout.split('\n').find((line) => line.includes('"mode":"local"') && line.includes('"url"'));
    expect(JSON.parse(logLine ?? '{}')).toMatchObject({ mode: 'local', url });
    const page = await fetch(`${url}/`);
    expect(await page.text()).toContain('local playground');
    expect(await askAndWait(url)).toContain('Elon Musk');
    app.child.kill('SIGTERM');
    expect(await app.exited).toBe(0);
  });

  it('npm run playground runs locally even with Slack variables set', async () => {
    const app = start(['--playground'], { SLACK_BOT_TOKEN: 'xoxb-1111111111-2222222222-realtoken', SLACK_APP_TOKEN: 'xapp-1-A111-222-realapptoken' });
    const url = await app.waitForUrl();
    expect(await askAndWait(url)).toContain('Elon Musk');
    expect(app.output().stdout).toContain('ignoring SLACK_BOT_TOKEN, SLACK_APP_TOKEN');
    expect(app.output().stdout + app.output().stderr).not.toContain('realtoken');
    app.child.kill('SIGTERM');
    expect(await app.exited).toBe(0);
  });

  it('a partial Slack configuration still stops with the list of what is missing', async () => {
    const app = start([], { SLACK_BOT_TOKEN: 'xoxb-1111111111-2222222222-partialtoken' });
    expect(await app.exited).toBe(1);
    const { stderr } = app.output();
    expect(stderr).toContain('config: the Slack app cannot start');
    expect(stderr).toContain('SLACK_APP_TOKEN and SLACK_SIGNING_SECRET are both unset');
    expect(stderr).not.toContain('partialtoken');
  });
});
