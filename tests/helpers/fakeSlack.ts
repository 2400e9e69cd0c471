/**
 * A fake Slack Web API on 127.0.0.1 for end-to-end tests. Point `SLACK_API_URL` at `apiUrl`.
 *
 * It answers `auth.test`, records every Web API call (`chat.postMessage`, `chat.postEphemeral`,
 * `chat.update`, `views.publish`, `views.open`, `conversations.join`, `users.info`, …) with its
 * decoded arguments, hands out response_urls and records what is posted to them. Failures can be
 * scripted per method: a Slack error code (`not_in_channel`, `channel_not_found`, `is_archived`,
 * `invalid_auth`, `token_revoked`, …) or an HTTP status (429 with `Retry-After`).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedCall {
  method: string;
  /** Arguments, with JSON-valued form fields (`blocks`, `view`) decoded. */
  args: Record<string, unknown>;
  /** The bearer token the call carried. */
  token: string | null;
}

export interface RecordedResponse {
  /** The id in the response_url (`/respond/<id>`). */
  id: string;
  body: Record<string, unknown>;
}

/** A scripted failure: a Slack error code (`{ ok: false, error }`) or an HTTP status. */
export type ScriptedFailure = { error: string } | { status: number; retryAfterSeconds?: number };

export const FAKE_BOT = { userId: 'UBOT0001', botId: 'BBOT0001', teamId: 'T0000001' } as const;

export class FakeSlack {
  readonly calls: RecordedCall[] = [];
  readonly responses: RecordedResponse[] = [];
  private readonly failures = new Map<string, ScriptedFailure[]>();
  private readonly replies = new Map<string, (args: Record<string, unknown>) => Record<string, unknown>>();
  private server: Server | undefined;
  private baseUrl = '';
  private readonly timeZones = new Map<string, string>();
  private nextTs = 1_700_000_000;
  private nextResponseId = 1;

  /** Starts listening on a free port of 127.0.0.1. */
  static async start(): Promise<FakeSlack> {
    const fake = new FakeSlack();
    await fake.listen();
    return fake;
  }

  /** Web API base URL, for `SLACK_API_URL`. */
  get apiUrl(): string {
    return `${this.baseUrl}/api/`;
  }

  /** A fresh response_url; posts to it are recorded under its id. */
  responseUrl(): { url: string; id: string } {
    const id = `r${this.nextResponseId++}`;
    return { url: `${this.baseUrl}/respond/${id}`, id };
  }

  /** The next `times` calls to `method` fail as scripted. */
  failNext(method: string, failure: ScriptedFailure, times = 1): void {
    const queue = this.failures.get(method) ?? [];
    for (let i = 0; i < times; i += 1) queue.push(failure);
    this.failures.set(method, queue);
  }

  /** Answers `method` with `reply` instead of the default (e.g. `apps.connections.open` with a WebSocket URL). */
  replyTo(method: string, reply: (args: Record<string, unknown>) => Record<string, unknown>): void {
    this.replies.set(method, reply);
  }

  /** `users.info` tells this time zone for `userId` (otherwise it tells none). */
  setUserTimeZone(userId: string, timeZone: string): void {
    this.timeZones.set(userId, timeZone);
  }

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  responsesTo(id: string): RecordedResponse[] {
    return this.responses.filter((response) => response.id === id);
  }

  /** Polls `probe` until it returns a value (not undefined/false), or fails after `timeoutMs`. */
  async waitFor<T>(probe: () => T | undefined | false, what: string, timeoutMs = 5_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = probe();
      if (value !== undefined && value !== false) return value;
      if (Date.now() > deadline) throw new Error(`fakeSlack: timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /** Waits `ms` and returns the calls made in that time (to assert that nothing else happened). */
  async settle(ms = 300): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, ms));
  }

  async close(): Promise<void> {
    const server = this.server;
    if (server === undefined) return;
    this.server = undefined;
    server.closeAllConnections();
    await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
  }

  private async listen(): Promise<void> {
    this.server = createServer((request, response) => {
      this.handle(request, response).catch((error: unknown) => {
        response.writeHead(500, { 'content-type': 'text/plain' });
        response.end(String(error));
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.baseUrl = `http://127.0.0.1:${port}`;
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const raw = await readBody(request);
    const url = new URL(request.url ?? '/', this.baseUrl);
    const respondMatch = /^\/respond\/([\w-]+)$/.exec(url.pathname);
    if (respondMatch?.[1] !== undefined && request.method === 'POST') {
      this.responses.push({ id: respondMatch[1], body: JSON.parse(raw || '{}') as Record<string, unknown> });
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.end('ok');
      return;
    }
    const apiMatch = /^\/api\/([\w.]+)$/.exec(url.pathname);
    if (apiMatch?.[1] === undefined) {
      response.writeHead(404);
      response.end();
      return;
    }
    const method = apiMatch[1];
    const args = decodeArgs(raw, request.headers['content-type']);
    const authorization = request.headers.authorization;
    const token = authorization?.startsWith('Bearer ') ? authorization.slice(7) : typeof args['token'] === 'string' ? args['token'] : null;
    this.calls.push({ method, args, token });

    const failure = this.failures.get(method)?.shift();
    if (failure !== undefined && 'status' in failure) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (failure.retryAfterSeconds !== undefined) headers['retry-after'] = String(failure.retryAfterSeconds);
      response.writeHead(failure.status, headers);
      response.end(JSON.stringify({ ok: false, error: failure.status === 429 ? 'ratelimited' : 'fatal_error' }));
      return;
    }
    const body = failure !== undefined ? { ok: false, error: failure.error } : this.reply(method, args);
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body));
  }

  private reply(method: string, args: Record<string, unknown>): Record<string, unknown> {
    const custom = this.replies.get(method);
    if (custom !== undefined) return custom(args);
    switch (method) {
      case 'auth.test':
        return { ok: true, url: 'https://fake.slack.test/', team: 'Fake', user: 'tesla', team_id: FAKE_BOT.teamId, user_id: FAKE_BOT.userId, bot_id: FAKE_BOT.botId };
      case 'chat.postMessage': {
        const ts = `${this.nextTs++}.000100`;
        return { ok: true, channel: args['channel'], ts, message: { ...args, ts, bot_id: FAKE_BOT.botId } };
      }
      case 'chat.postEphemeral':
        return { ok: true, message_ts: `${this.nextTs++}.000200` };
      case 'chat.update':
        return { ok: true, channel: args['channel'], ts: args['ts'] };
      case 'views.publish':
        return { ok: true, view: { id: 'VFAKE', ...(args['view'] as object) } };
      case 'conversations.join':
        return { ok: true, channel: { id: args['channel'] } };
      case 'users.info': {
        const id = String(args['user']);
        const tz = this.timeZones.get(id);
        return { ok: true, user: { id, name: id.toLowerCase(), ...(tz === undefined ? {} : { tz }) } };
      }
      case 'views.open':
        return { ok: true, view: { id: 'VMODAL', ...(args['view'] as object) } };
      default:
        return { ok: true };
    }
  }
}

function decodeArgs(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (raw === '') return {};
  if (contentType?.includes('application/json')) return JSON.parse(raw) as Record<string, unknown>;
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    args[key] = /^[[{]/.test(value) ? safeJson(value) : value;
  }
  return args;
}

function safeJson(value: string): unknown {
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}
