/**
 * Starts the real bot in local mode (`startBot` with no Slack variable) on a free port of
 * 127.0.0.1, and drives the playground over HTTP as the page does.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBot, type RunningBot, type StartOptions } from '../../src/main.js';
import type { PlaygroundMessage } from '../../src/playground/workspace.js';
import { captureLogs, type LogCapture } from '../helpers/logCapture.js';
export { textOf } from '../helpers/blocksText.js';

export interface LocalBot {
  bot: RunningBot;
  logs: LogCapture;
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** A copy of the seeds the test may add files to. */
  corpusDir: string;
  /** POSTs JSON to `/playground/<path>`; returns the status and body. */
  post(path: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> }>;
  state(): Promise<PageState>;
  /** Polls the page state until `probe` returns something. */
  waitFor<T>(probe: (state: PageState) => T | undefined | false | null, what: string, timeoutMs?: number): Promise<T>;
  close(): Promise<void>;
}

export interface PageState {
  messages: PlaygroundMessage[];
  home: { id: string; blocks: Array<Record<string, unknown>> } | null;
  modals: Array<{ id: string; blocks: Array<Record<string, unknown>>; title: { text: string } }>;
  clock: { now: number; offsetMs: number };
  users: Array<{ id: string; tz: string | null }>;
}

export const GENERAL = 'C0GENERAL0';
export const RANDOM = 'C0RANDOM00';
export const DM = 'D0TESLADM0';
export const YOU = 'U0YOU00001';

export async function startLocal(env: Record<string, string> = {}, options: Omit<StartOptions, 'host' | 'logDestination'> = {}): Promise<LocalBot> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tesla-playground-data-'));
  const corpusDir = mkdtempSync(join(tmpdir(), 'tesla-playground-corpus-'));
  cpSync('seeds', corpusDir, { recursive: true });
  const logs = captureLogs();
  let bot: RunningBot;
  try {
    bot = await startBot({ PORT: '0', DATA_DIR: dataDir, CORPUS_DIR: corpusDir, LOG_LEVEL: 'debug', ...env }, { host: '127.0.0.1', logDestination: logs, ...options });
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(corpusDir, { recursive: true, force: true });
    throw error;
  }
  const url = `http://127.0.0.1:${bot.port}`;
  const state = async () => (await (await fetch(`${url}/playground/state`)).json()) as PageState;
  return {
    bot,
    logs,
    url,
    corpusDir,
    async post(path, body) {
      const response = await fetch(`${url}/playground/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    },
    state,
    async waitFor(probe, what, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const value = probe(await state());
        if (value !== undefined && value !== false && value !== null) return value;
        if (Date.now() > deadline) throw new Error(`playground: timed out waiting for ${what}`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
    async close() {
      await bot.stop();
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(corpusDir, { recursive: true, force: true });
    },
  };
}


/** The block id and action id of the element with `actionId` on a message or view. */
export function elementRef(blocks: unknown, actionId: string | RegExp): { blockId: string; actionId: string; value?: string } {
  for (const block of (blocks ?? []) as Array<Record<string, unknown>>) {
    const elements = [block['accessory'], ...((block['elements'] as unknown[]) ?? [])] as Array<Record<string, unknown> | undefined>;
    for (const element of elements) {
      const id = element?.['action_id'];
      if (typeof id === 'string' && (typeof actionId === 'string' ? id === actionId : actionId.test(id))) {
        return { blockId: String(block['block_id']), actionId: id, ...(typeof element?.['value'] === 'string' ? { value: element['value'] } : {}) };
      }
    }
  }
  throw new Error(`no element ${String(actionId)}`);
}

/** Messages from the bot in a channel (optionally one thread), oldest first. */
export function botMessages(state: PageState, channel: string, threadTs?: string | null): PlaygroundMessage[] {
  return state.messages.filter((m) => m.channel === channel && m.botId !== null && (threadTs === undefined || m.threadTs === threadTs));
}
