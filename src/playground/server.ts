/**
 * The playground's HTTP server, one port for everything:
 *
 * - the page (`/`, `/assets/*`) and its JSON API (`/playground/*`), with changes pushed over
 *   Server-Sent Events (`/playground/events`);
 * - Slack's side for the app: the Web API (`POST /api/<method>`) and response_urls
 *   (`POST /respond/<id>`), served by the {@link Workspace};
 * - the app's own endpoints (`POST /slack/events`, `GET /healthz`), served by the app's
 *   `HTTPReceiver` once it is mounted.
 *
 * Every request body from the page is checked with zod. Requests must name a loopback host (no DNS
 * rebinding) and the page's POSTs must be JSON (a cross-site form cannot send that without a
 * preflight this server never grants).
 */
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { PlaygroundClock } from './clock.js';
import { BOT, TEAM, YOU } from './directory.js';
import type { SlackSide } from './slackSide.js';
import type { Workspace, WorkspaceChange } from './workspace.js';

const WEB_DIR = new URL('./web/', import.meta.url);
const ASSETS: Record<string, string> = {
  'app.js': 'text/javascript; charset=utf-8',
  'blockkit.js': 'text/javascript; charset=utf-8',
  'mrkdwn.js': 'text/javascript; charset=utf-8',
  'emoji.js': 'text/javascript; charset=utf-8',
  'styles.css': 'text/css; charset=utf-8',
  'favicon.svg': 'image/svg+xml',
};
const MAX_BODY_BYTES = 1_000_000;
const HEARTBEAT_MS = 15_000;

export interface PlaygroundServerOptions {
  workspace: Workspace;
  side: SlackSide;
  clock: PlaygroundClock;
  logger: Logger;
  /** Host names the server answers to, besides the loopback ones. */
  hosts?: readonly string[];
}

export class PlaygroundServer {
  private readonly server: Server;
  private readonly workspace: Workspace;
  private readonly side: SlackSide;
  private readonly clock: PlaygroundClock;
  private readonly log: Logger;
  private readonly hosts: Set<string>;
  private readonly streams = new Set<ServerResponse>();
  private appListener: RequestListener | null = null;
  private heartbeat: NodeJS.Timeout | null = null;

  constructor(options: PlaygroundServerOptions) {
    this.workspace = options.workspace;
    this.side = options.side;
    this.clock = options.clock;
    this.log = options.logger.child({ component: 'playground' });
    this.hosts = new Set(['localhost', '127.0.0.1', '::1', '[::1]', ...(options.hosts ?? [])]);
    this.server = createServer((request, response) => {
      this.route(request, response).catch((error: unknown) => {
        this.log.error({ err: error, path: request.url }, 'playground request failed');
        if (!response.headersSent) sendJson(response, 500, { ok: false, error: 'The playground server hit an error; the details are in its log.' });
        else response.end();
      });
    });
    this.workspace.onChange((change) => this.broadcast(change));
  }

  /** Serves the app's `HTTPReceiver` (`/slack/events`, `/healthz`) on this server. */
  mount(listener: RequestListener): void {
    this.appListener = listener;
  }

  async listen(port: number, host: string): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      const onError = (error: NodeJS.ErrnoException) => {
        reject(
          error.code === 'EADDRINUSE'
            ? new Error(`playground: port ${port} is already in use (another npm start?). Stop that, or pick another port: PORT=${port + 1} npm start`)
            : error,
        );
      };
      this.server.once('error', onError);
      this.server.listen(port, host, () => {
        this.server.off('error', onError);
        resolve();
      });
    });
    this.heartbeat = setInterval(() => {
      for (const stream of this.streams) stream.write(': keep-alive\n\n');
    }, HEARTBEAT_MS);
    this.heartbeat.unref();
    return (this.server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    if (this.heartbeat !== null) clearInterval(this.heartbeat);
    for (const stream of this.streams) stream.end();
    this.streams.clear();
    if (!this.server.listening) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Tells every open page that playground time moved. */
  announceClock(): void {
    this.broadcastEvent({ type: 'clock', clock: this.clockState() });
  }

  // ---- routing --------------------------------------------------------------------------------

  private async route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://playground.local');
    const method = request.method ?? 'GET';
    if (!this.hostAllowed(request.headers.host)) {
      sendJson(response, 403, { ok: false, error: 'The playground answers on localhost only.' });
      return;
    }
    const path = url.pathname;
    if (path === '/slack/events' || path === '/healthz') {
      if (this.appListener === null) {
        sendJson(response, 503, { ok: false, error: 'The app is still starting.' });
        return;
      }
      this.appListener(request, response);
      return;
    }
    if (method === 'GET' && (path === '/' || path === '/index.html')) return this.asset(response, 'index.html', 'text/html; charset=utf-8');
    if (method === 'GET' && path.startsWith('/assets/')) {
      const name = path.slice('/assets/'.length);
      const type = ASSETS[name];
      if (type === undefined) return sendJson(response, 404, { ok: false, error: 'No such file.' });
      return this.asset(response, name, type);
    }
    if (method === 'GET' && path === '/favicon.ico') return this.asset(response, 'favicon.svg', ASSETS['favicon.svg']!);
    const api = /^\/api\/([\w.]+)$/.exec(path);
    if (api !== null && (method === 'POST' || method === 'GET')) return this.webApi(request, response, api[1]!, url);
    const respond = /^\/respond\/([\w-]+)$/.exec(path);
    if (respond !== null && method === 'POST') return this.responseUrl(request, response, respond[1]!);
    if (path.startsWith('/playground/')) return this.page(request, response, path.slice('/playground/'.length), url);
    sendJson(response, 404, { ok: false, error: `Nothing at ${path}.` });
  }

  private hostAllowed(host: string | undefined): boolean {
    if (host === undefined) return false;
    const name = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.split(':')[0]!;
    return this.hosts.has(name.toLowerCase());
  }

  private async asset(response: ServerResponse, name: string, type: string): Promise<void> {
    const content = await readFile(new URL(name, WEB_DIR));
    response.writeHead(200, { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
    response.end(content);
  }

  /** Slack's Web API, as the app's WebClient calls it (form-encoded, JSON-valued fields, bearer token). */
  private async webApi(request: IncomingMessage, response: ServerResponse, method: string, url: URL): Promise<void> {
    const raw = await readBody(request);
    const args = { ...Object.fromEntries(url.searchParams), ...decodeArgs(raw, request.headers['content-type']) };
    const authorization = request.headers.authorization;
    const token = authorization?.startsWith('Bearer ') ? authorization.slice(7) : typeof args['token'] === 'string' ? args['token'] : null;
    const result = this.workspace.call(method, args, token);
    sendJson(response, result.status, result.body, result.headers);
  }

  private async responseUrl(request: IncomingMessage, response: ServerResponse, id: string): Promise<void> {
    const raw = await readBody(request);
    let body: unknown;
    try {
      body = JSON.parse(raw || '{}');
    } catch {
      return sendJson(response, 400, { ok: false, error: 'invalid_json' });
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return sendJson(response, 400, { ok: false, error: 'invalid_payload' });
    const result = this.workspace.respond(id, body as Record<string, unknown>);
    if (result.status === 200 && result.body['ok'] === true) {
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.end('ok');
      return;
    }
    sendJson(response, result.status === 200 ? 400 : result.status, result.body);
  }

  // ---- the page's API ---------------------------------------------------------------------------

  private async page(request: IncomingMessage, response: ServerResponse, route: string, url: URL): Promise<void> {
    const method = request.method ?? 'GET';
    if (method === 'GET' && route === 'state') {
      this.noteTimeZone(url.searchParams.get('tz'));
      return sendJson(response, 200, this.snapshot());
    }
    if (method === 'GET' && route === 'events') {
      this.noteTimeZone(url.searchParams.get('tz'));
      return this.openStream(request, response);
    }
    if (method !== 'POST') return sendJson(response, 405, { ok: false, error: 'Use POST.' });
    if (!(request.headers['content-type'] ?? '').startsWith('application/json')) {
      return sendJson(response, 415, { ok: false, error: 'Send JSON.' });
    }
    let input: unknown;
    try {
      input = JSON.parse(await readBody(request));
    } catch {
      return sendJson(response, 400, { ok: false, error: 'That was not JSON.' });
    }
    const reply = (outcome: { ok: boolean } & Record<string, unknown>) => sendJson(response, outcome.ok ? 200 : 400, outcome);
    const bad = (error: z.ZodError) => sendJson(response, 400, { ok: false, error: `The playground did not understand that request (${error.issues[0]?.message ?? 'bad input'}).` });
    switch (route) {
      case 'send': {
        const parsed = sendSchema.safeParse(input);
        if (!parsed.success) return bad(parsed.error);
        return reply(await this.side.send(YOU, parsed.data.channel, parsed.data.text, parsed.data.threadTs ?? null));
      }
      case 'action': {
        const parsed = actionSchema.safeParse(input);
        if (!parsed.success) return bad(parsed.error);
        const { blockId, actionId, option, values } = parsed.data;
        const where = parsed.data.viewId !== undefined ? { viewId: parsed.data.viewId } : { channel: parsed.data.channel ?? '', ts: parsed.data.ts ?? '' };
        return reply(await this.side.click(YOU, where, blockId, actionId, option ?? null, values ?? {}));
      }
      case 'dismiss': {
        const parsed = messageRefSchema.safeParse(input);
        if (!parsed.success) return bad(parsed.error);
        return reply({ ok: this.workspace.dismiss(YOU, parsed.data.channel, parsed.data.ts) });
      }
      case 'home': {
        const parsed = homeSchema.safeParse(input);
        if (!parsed.success) return bad(parsed.error);
        return reply(await this.side.openHome(YOU, parsed.data.tab));
      }
      case 'view/submit': {
        const parsed = viewSchema.safeParse(input);
        if (!parsed.success) return bad(parsed.error);
        return reply(await this.side.submitView(YOU, parsed.data.viewId, parsed.data.values ?? {}));
      }
      case 'view/close': {
        const parsed = viewSchema.safeParse(input);
        if (!parsed.success) return bad(parsed.error);
        return reply(await this.side.closeView(YOU, parsed.data.viewId));
      }
      case 'digest/skip': {
        const parsed = channelSchema.safeParse(input);
        if (!parsed.success) return bad(parsed.error);
        const outcome = await this.side.skipToNextDigest(parsed.data.channel);
        if (outcome.ok) this.announceClock();
        return reply(outcome);
      }
      default:
        return sendJson(response, 404, { ok: false, error: `The playground has no ${route}.` });
    }
  }

  /** Everything the page shows, as you see it. */
  snapshot(): Record<string, unknown> {
    return {
      team: { id: TEAM.id, name: TEAM.name },
      you: YOU,
      bot: { userId: BOT.userId, botId: BOT.botId, name: BOT.name },
      users: this.workspace.userList(),
      channels: this.workspace.channelList(),
      messages: this.workspace.messagesFor(YOU),
      home: this.workspace.home(YOU) ?? null,
      modals: this.workspace.modalStack(YOU),
      clock: this.clockState(),
    };
  }

  private clockState(): { now: number; offsetMs: number } {
    return { now: this.clock.now(), offsetMs: this.clock.offsetMs };
  }

  private noteTimeZone(tz: string | null): void {
    if (tz === null || tz.length > 64) return;
    try {
      const zone = new Intl.DateTimeFormat('en-US', { timeZone: tz }).resolvedOptions().timeZone;
      this.workspace.setTimeZone(YOU, zone);
    } catch {
      // Not a time zone: users.info then tells none, and the app falls back to DIGEST_TZ.
    }
  }

  private openStream(request: IncomingMessage, response: ServerResponse): void {
    response.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive' });
    response.write(`retry: 1500\n\nevent: snapshot\ndata: ${JSON.stringify(this.snapshot())}\n\n`);
    this.streams.add(response);
    request.on('close', () => this.streams.delete(response));
  }

  private broadcast(change: WorkspaceChange): void {
    if (change.type === 'message' && change.message.ephemeralTo !== null && change.message.ephemeralTo !== YOU) return;
    if ((change.type === 'home' || change.type === 'modals') && change.user !== YOU) return;
    this.broadcastEvent(change);
  }

  private broadcastEvent(event: Record<string, unknown>): void {
    const frame = `event: change\ndata: ${JSON.stringify(event)}\n\n`;
    for (const stream of this.streams) stream.write(frame);
  }
}

// ---- input ------------------------------------------------------------------------------------

const id = z.string().regex(/^[A-Z0-9]{2,20}$/);
const ts = z.string().regex(/^\d{1,12}\.\d{1,6}$/);
const sendSchema = z.object({ channel: id, text: z.string().max(40_000), threadTs: ts.nullable().optional() });
const messageRefSchema = z.object({ channel: id, ts });
const valuesSchema = z.record(z.string().max(255), z.union([z.string().max(3000), z.array(z.string().max(150)).max(100), z.null()]));
const actionSchema = z
  .object({
    channel: id.optional(),
    ts: ts.optional(),
    viewId: id.optional(),
    blockId: z.string().min(1).max(255),
    actionId: z.string().min(1).max(255),
    option: z.string().max(150).nullable().optional(),
    values: valuesSchema.optional(),
  })
  .refine((v) => v.viewId !== undefined || (v.channel !== undefined && v.ts !== undefined), { message: 'name a message or a view' });
const homeSchema = z.object({ tab: z.enum(['home', 'messages']) });
const viewSchema = z.object({ viewId: id, values: valuesSchema.optional() });
const channelSchema = z.object({ channel: id });

/** Web API arguments: a form (with JSON-valued fields such as `blocks` and `view`) or JSON. */
export function decodeArgs(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (raw === '') return {};
  if (contentType?.includes('application/json')) {
    const parsed = JSON.parse(raw) as unknown;
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  }
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    args[key] = JSON_FIELDS.has(key) ? parseJsonField(value) : value;
  }
  return args;
}

const JSON_FIELDS = new Set(['blocks', 'attachments', 'view', 'metadata']);

function parseJsonField(value: string): unknown {
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('playground: request body too large'));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
  response.end(JSON.stringify(body));
}
