/**
 * Two app processes in HTTP mode sharing one real PostgreSQL (a throwaway cluster) and one fake
 * Slack Web API, as they would behind a load balancer: each delivery and each digest happens once.
 *
 * The processes run `tests/e2e/instance.ts` (the real `startBot` and SIGTERM handling); their Web
 * API calls go through a small gate in front of the fake that can hold one call (a digest being
 * posted, a reply under way) so that a process can be killed or stopped in the middle of it.
 * Digest takeover is shortened from 15 minutes to 4 s and ticks to every 0.5 s.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DigestSubscription } from '../../src/core/ports.js';
import { openPostgresState, type PostgresState } from '../../src/infra/storage/postgres.js';
import { textOf } from '../helpers/blocksText.js';
import { TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from '../helpers/botHarness.js';
import { FakeSlack } from '../helpers/fakeSlack.js';
import { startPostgres, type PostgresCluster } from '../helpers/postgres.js';
import { appMention, eventEnvelope, postSigned, slashCommand, type PostOptions, type SignedPost } from '../helpers/slackRequests.js';

const STALE_CLAIM_MS = 4_000;

// ---- a gate in front of the fake Web API that can hold one call ---------------------------------

interface HeldCall {
  method: string;
  args: URLSearchParams;
  /** Sends the call on to the fake and its answer back. */
  forward(): Promise<void>;
  /** Never answers: the call did not reach Slack. */
  drop(): void;
}

class ApiGate {
  readonly held: HeldCall[] = [];
  private rule: ((method: string, args: URLSearchParams) => boolean) | null = null;
  private server: Server | undefined;
  url = '';

  constructor(private readonly target: string) {}

  static async start(target: string): Promise<ApiGate> {
    const gate = new ApiGate(target);
    gate.server = createServer((request, response) => void gate.handle(request, response));
    await new Promise<void>((resolve) => gate.server!.listen(0, '127.0.0.1', resolve));
    gate.url = `http://127.0.0.1:${(gate.server.address() as AddressInfo).port}/api/`;
    return gate;
  }

  /** Holds the next call that matches (only that one). */
  holdNext(rule: (method: string, args: URLSearchParams) => boolean): void {
    this.rule = rule;
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const method = (request.url ?? '').replace(/^\/api\//, '');
    const args = new URLSearchParams(request.headers['content-type']?.includes('json') ? '' : body);
    const forward = async () => {
      const answer = await fetch(`${this.target}${method}`, {
        method: 'POST',
        headers: { 'content-type': request.headers['content-type'] ?? 'application/x-www-form-urlencoded', authorization: request.headers.authorization ?? '' },
        body,
      });
      response.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
      response.end(await answer.text());
    };
    if (this.rule?.(method, args)) {
      this.rule = null;
      this.held.push({ method, args, forward, drop: () => response.destroy() });
      return;
    }
    await forward();
  }
}

// ---- the two processes ------------------------------------------------------------------------

interface Instance {
  name: string;
  url: string;
  instanceId: string;
  process: ChildProcess;
  logs: Array<Record<string, unknown>>;
  exited: Promise<number | null>;
  send(request: SignedPost, options?: PostOptions): Promise<Response>;
}

async function startInstance(name: string, env: Record<string, string>): Promise<Instance> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/e2e/instance.ts'], {
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', ...env, TEST_INSTANCE_ID: `instance-${name}` },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const logs: Array<Record<string, unknown>> = [];
  let stderr = '';
  let pending = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    pending += chunk.toString('utf8');
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) if (line.startsWith('{')) logs.push(JSON.parse(line) as Record<string, unknown>);
  });
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const ready = await Promise.race([
    new Promise<{ port: number; instanceId: string }>((resolve) => child.once('message', (message) => resolve(message as { port: number; instanceId: string }))),
    exited.then((code) => Promise.reject(new Error(`instance ${name} exited (${code}) before it was ready:\n${stderr}\n${JSON.stringify(logs.slice(-5))}`))),
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`instance ${name} not ready after 60 s:\n${stderr}`)), 60_000)),
  ]);
  const url = `http://127.0.0.1:${ready.port}`;
  return { name, url, instanceId: ready.instanceId, process: child, logs, exited, send: (request, options) => postSigned(url, TEST_SIGNING_SECRET, request, options) };
}

// ---- the test ---------------------------------------------------------------------------------

let cluster: PostgresCluster;
let fake: FakeSlack;
let gate: ApiGate;
let state: PostgresState;
let a: Instance;
let b: Instance;
const dataDirs: string[] = [];

beforeAll(async () => {
  cluster = await startPostgres();
  const databaseUrl = await cluster.createDatabase();
  // The test's own connection: to set up digests and read what the instances stored.
  state = await openPostgresState({ connectionString: databaseUrl, now: Date.now });
  fake = await FakeSlack.start();
  gate = await ApiGate.start(fake.apiUrl);
  const env = (name: string): Record<string, string> => {
    const dataDir = mkdtempSync(join(tmpdir(), `tesla-instance-${name}-`));
    dataDirs.push(dataDir);
    return {
      SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
      SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
      SLACK_API_URL: gate.url,
      PORT: '0',
      CORPUS_DIR: 'seeds',
      DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl,
      LOG_LEVEL: 'info',
      TEST_STALE_CLAIM_MS: String(STALE_CLAIM_MS),
      TEST_TICK_MS: '500',
    };
  };
  [a, b] = await Promise.all([startInstance('a', env('a')), startInstance('b', env('b'))]);
}, 120_000);

afterAll(async () => {
  for (const instance of [a, b]) {
    if (instance !== undefined && instance.process.exitCode === null && instance.process.signalCode === null) {
      instance.process.kill('SIGKILL');
      await instance.exited;
    }
  }
  await state?.close();
  await gate?.close();
  await fake?.close();
  await cluster?.stop();
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
}, 60_000);

const postsIn = (channel: string) => fake.callsTo('chat.postMessage').filter((call) => call.args['channel'] === channel);
const topLevelPostsIn = (channel: string) => postsIn(channel).filter((call) => call.args['thread_ts'] === undefined);
const nowSeconds = () => Math.floor(Date.now() / 1000);
const logged = (message: string) => [...a.logs, ...b.logs].filter((line) => line['msg'] === message);

/** A digest due two minutes ago (UTC), set an hour ago: both schedulers find it due at once. */
async function subscribeDue(channelId: string): Promise<void> {
  const now = Date.now();
  const due = new Date(now - 2 * 60_000);
  const subscription: DigestSubscription = {
    teamId: 'T0000001',
    channelId,
    time: `${String(due.getUTCHours()).padStart(2, '0')}:${String(due.getUTCMinutes()).padStart(2, '0')}`,
    timeZone: 'UTC',
    topic: null,
    postWhenEmpty: true,
    enabled: true,
    disabledReason: null,
    updatedBy: 'UADMIN01',
    createdAt: now - 3_600_000,
    updatedAt: now - 3_600_000,
    enabledAt: now - 3_600_000,
  };
  await state.subscriptions.save(subscription);
}

/** Polls an asynchronous probe until it returns a value. */
async function eventually<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function runOf(channelId: string) {
  const [run] = await state.runs.recent({ teamId: 'T0000001', channelId }, 1);
  return run;
}

describe('two instances on one PostgreSQL', () => {
  it('started two processes on the same database, each serving /healthz', async () => {
    expect(a.instanceId).not.toBe(b.instanceId);
    for (const instance of [a, b]) {
      const health = (await (await fetch(`${instance.url}/healthz`)).json()) as { status: string; documents: number };
      expect(health).toMatchObject({ status: 'ok', documents: 5 });
    }
    expect(logged('state store opened').map((line) => String(line['storage']))).toEqual([expect.stringMatching(/^PostgreSQL/), expect.stringMatching(/^PostgreSQL/)]);
  });

  it('replies once to one event delivered to both instances, duplicated and retried', async () => {
    const channel = 'CMULTI001';
    const event = eventEnvelope(appMention({ text: 'what did Musk say', channel }));
    const t = nowSeconds();
    const responses = await Promise.all([
      a.send(event, { timestampSeconds: t }),
      b.send(event, { timestampSeconds: t + 1 }),
      a.send(event, { timestampSeconds: t + 2, headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_error' } }),
      b.send(event, { timestampSeconds: t + 3, headers: { 'x-slack-retry-num': '2', 'x-slack-retry-reason': 'http_timeout' } }),
    ]);
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    await fake.waitFor(() => postsIn(channel).length > 0, 'the reply', 15_000);
    await fake.settle(1_500);
    expect(postsIn(channel)).toHaveLength(1);
    expect(logged('dropped a repeated delivery').length).toBeGreaterThanOrEqual(3);
  });

  it('answers a replayed slash command once, on either instance, and refuses a timestamp six minutes ahead', async () => {
    const respond = fake.responseUrl();
    const command = slashCommand({ text: 'what did Musk say', response_url: respond.url, trigger_id: 'trigger-multi-1' });
    const t = nowSeconds();
    const statuses: number[] = [];
    for (const instance of [a, b, a]) statuses.push((await instance.send(command, { timestampSeconds: t })).status);
    expect(statuses).toEqual([200, 200, 200]);
    await fake.waitFor(() => fake.responsesTo(respond.id).length > 0, 'the answer', 15_000);

    const ahead = fake.responseUrl();
    const future = slashCommand({ text: 'what did Musk say', response_url: ahead.url, trigger_id: 'trigger-multi-2' });
    expect((await a.send(future, { timestampSeconds: t + 6 * 60 })).status).toBe(401);
    expect((await b.send(future, { timestampSeconds: t + 6 * 60 })).status).toBe(401);
    await fake.settle(1_500);
    expect(fake.responsesTo(respond.id)).toHaveLength(1);
    expect(fake.responsesTo(ahead.id)).toHaveLength(0);
    expect(logged('dropped a replayed request (same signature already handled)')).toHaveLength(2);
    expect(logged('refused a request timestamped more than five minutes in the future')).toHaveLength(2);
  });

  it('continues a thread on the other instance: the follow-up uses what the first instance stored', async () => {
    const channel = 'CMULTI002';
    const mention = appMention({ text: 'what did Musk say', channel });
    await a.send(eventEnvelope(mention));
    const [first] = await fake.waitFor(() => postsIn(channel).length === 1 && postsIn(channel), 'the first answer', 15_000);
    expect(first!.args['thread_ts']).toBe(mention['ts']);
    const key = `T0000001:${channel}:${String(mention['ts'])}`;
    const afterFirst = await eventually(() => state.threads.get(key), 'the thread state');
    expect(afterFirst).toMatchObject({ speaker: expect.stringMatching(/Musk/) });

    await b.send(eventEnvelope(appMention({ text: 'what else did he say?', channel, thread_ts: String(mention['ts']) })));
    const second = (await fake.waitFor(() => postsIn(channel).length === 2 && postsIn(channel), 'the follow-up', 15_000))[1]!;
    expect(second.args['thread_ts']).toBe(mention['ts']);
    // "he" is the speaker of instance a's answer: instance b read it from the shared thread state,
    // answered about him, and skipped the excerpts a had shown.
    expect(textOf(second.args['blocks'])).toMatch(/Musk/);
    // The state is stored just after the reply is posted.
    const afterSecond = await eventually(async () => {
      const current = await state.threads.get(key);
      return current !== undefined && current.shown.length > afterFirst.shown.length ? current : undefined;
    }, 'the thread state after the follow-up');
    expect(afterSecond.shown).toEqual(expect.arrayContaining(afterFirst.shown));
  });

  it('posts one digest when both schedulers find it due', async () => {
    const channel = 'CDIGEST01';
    await subscribeDue(channel);
    await fake.waitFor(() => topLevelPostsIn(channel).length > 0, 'the digest', 15_000);
    await fake.settle(2_000);
    expect(topLevelPostsIn(channel)).toHaveLength(1);
    expect(await eventually(async () => ((await runOf(channel))?.status === 'sent' ? runOf(channel) : undefined), 'the run marked sent')).toMatchObject({ attempt: 1 });
  });

  it('leaves a digest whose instance was killed mid-post to the other, which posts it once after the takeover', async () => {
    const channel = 'CDIGEST02';
    gate.holdNext((method, args) => method === 'chat.postMessage' && args.get('channel') === channel);
    await subscribeDue(channel);
    const held = await fake.waitFor(() => gate.held[0], 'an instance posting the digest', 15_000);
    const claimed = await runOf(channel);
    expect(claimed).toMatchObject({ status: 'claimed', attempt: 1 });
    const [victim, survivor] = claimed!.claimedBy === a.instanceId ? [a, b] : [b, a];
    expect(claimed!.claimedBy).toBe(victim.instanceId);

    victim.process.kill('SIGKILL');
    await victim.exited;
    held.drop();

    // The survivor takes the claim over once it is older than STALE_CLAIM_MS, and posts.
    await fake.waitFor(() => topLevelPostsIn(channel).length > 0, 'the digest from the survivor', STALE_CLAIM_MS + 20_000);
    await fake.settle(2_000);
    expect(topLevelPostsIn(channel)).toHaveLength(1);
    expect(await eventually(async () => ((await runOf(channel))?.status === 'sent' ? runOf(channel) : undefined), 'the run marked sent')).toMatchObject({
      attempt: 2,
      claimedBy: survivor.instanceId,
    });
  });

  it('on SIGTERM, finishes the reply under way before exiting (code 0)', async () => {
    const survivor = a.process.exitCode === null && a.process.signalCode === null ? a : b;
    const channel = 'CDRAIN001';
    gate.holdNext((method, args) => method === 'chat.postMessage' && args.get('channel') === channel);
    const mention = appMention({ text: 'what did Musk say', channel });
    await survivor.send(eventEnvelope(mention));
    const held = await fake.waitFor(() => gate.held.find((call) => call.args.get('channel') === channel), 'the reply being posted', 15_000);

    survivor.process.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(survivor.process.exitCode).toBeNull();
    // New requests are refused while it drains.
    await expect(survivor.send(eventEnvelope(appMention({ text: 'what did Musk say', channel: 'CDRAIN002' })))).rejects.toThrow();
    await held.forward();
    expect(await survivor.exited).toBe(0);
    expect(postsIn(channel)).toHaveLength(1);
    expect(survivor.logs.map((line) => line['msg'])).toEqual(expect.arrayContaining(['shutting down: no new requests; finishing replies and any digest under way', 'stopped']));
    // The thread's state was stored before the database closed.
    expect(await state.threads.get(`T0000001:${channel}:${String(mention['ts'])}`)).toMatchObject({ question: expect.stringMatching(/Musk/) });
  });
});
