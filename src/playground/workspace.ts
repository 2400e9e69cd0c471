/**
 * The playground's Slack workspace, in memory: channels, messages (threads, ephemeral messages),
 * the App Home and modals of each user, and the Slack Web API methods the app calls on it.
 *
 * It behaves like Slack where the app can tell: the bot token is checked (`invalid_auth`),
 * messages and views go through Slack's Block Kit checks (`invalid_blocks`), `views.open` needs a
 * fresh trigger id, a response_url takes at most five posts within 30 minutes, a reply to a reply
 * lands in the parent's thread, and `chat.postMessage` to a user id lands in the DM with them.
 * Every change is announced to {@link Workspace.onChange} listeners (the page's event stream).
 */
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { Clock } from '../core/ports.js';
import { checkBlocks, type BlockSurface } from './blockCheck.js';
import { BOT, BOT_DM, initialChannels, initialUsers, SLACKBOT, TEAM, type PlaygroundChannel, type PlaygroundUser } from './directory.js';

export interface PlaygroundMessage {
  channel: string;
  ts: string;
  /** The parent's ts for a reply in a thread; null at the top level. */
  threadTs: string | null;
  user: string;
  /** Set on the app's messages. */
  botId: string | null;
  text: string;
  blocks: unknown[] | null;
  /** Shown only to this user ("Only visible to you"); null for everyone. */
  ephemeralTo: string | null;
  /** For a thread's parent. */
  replyCount: number;
  latestReply: string | null;
  edited: boolean;
}

/** A published App Home or an open modal. */
export interface PlaygroundView extends Record<string, unknown> {
  id: string;
  type: 'home' | 'modal';
  blocks: unknown[];
}

export type WorkspaceChange =
  | { type: 'message'; message: PlaygroundMessage }
  | { type: 'message_deleted'; channel: string; ts: string; threadTs: string | null }
  | { type: 'home'; user: string; view: PlaygroundView }
  | { type: 'modals'; user: string; views: PlaygroundView[] }
  | { type: 'user'; user: PlaygroundUser };

/** A Web API answer: Slack's HTTP status and JSON body. */
export interface ApiResult {
  status: number;
  body: Record<string, unknown>;
  headers?: Record<string, string>;
}

/** Where a response_url posts: the user and place of the command or button it came with. */
export interface ResponseTarget {
  user: string;
  channel: string;
  threadTs: string | null;
  /** The message the button was on (for `replace_original` / `delete_original`). */
  source: { ts: string; ephemeral: boolean } | null;
}

interface ResponseUrlState extends ResponseTarget {
  uses: number;
  createdAt: number;
}

/** Slack's limits on a response_url. */
export const RESPONSE_URL_MAX_USES = 5;
export const RESPONSE_URL_TTL_MS = 30 * 60 * 1000;
/** A trigger id opens a modal within 3 seconds of the click. */
export const TRIGGER_TTL_MS = 3_000;

export interface WorkspaceOptions {
  clock: Clock;
  logger: Logger;
  /** The only token the Web API accepts. */
  botToken: string;
}

export class Workspace {
  readonly botToken: string;
  private readonly clock: Clock;
  private readonly log: Logger;
  private readonly users = new Map<string, PlaygroundUser>();
  private readonly channels = new Map<string, PlaygroundChannel>();
  /** By channel, in ts order. */
  private readonly messages = new Map<string, PlaygroundMessage[]>();
  private readonly homes = new Map<string, PlaygroundView>();
  private readonly modals = new Map<string, PlaygroundView[]>();
  private readonly responseUrls = new Map<string, ResponseUrlState>();
  private readonly triggers = new Map<string, { user: string; at: number }>();
  private readonly listeners = new Set<(change: WorkspaceChange) => void>();
  private lastTsMicros = 0;
  private nextViewId = 1;

  constructor(options: WorkspaceOptions) {
    this.clock = options.clock;
    this.log = options.logger.child({ component: 'playground' });
    this.botToken = options.botToken;
    for (const user of initialUsers()) this.users.set(user.id, user);
    for (const channel of initialChannels()) {
      this.channels.set(channel.id, channel);
      this.messages.set(channel.id, []);
    }
  }

  // ---- reading --------------------------------------------------------------------------------

  onChange(listener: (change: WorkspaceChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  channelList(): PlaygroundChannel[] {
    return [...this.channels.values()].map((channel) => ({ ...channel }));
  }

  channel(id: string): PlaygroundChannel | undefined {
    return this.channels.get(id);
  }

  userList(): PlaygroundUser[] {
    return [...this.users.values()].map((user) => ({ ...user }));
  }

  user(id: string): PlaygroundUser | undefined {
    return this.users.get(id);
  }

  /** Every message `viewer` can see (public ones and their own ephemeral ones), oldest first. */
  messagesFor(viewer: string, channel?: string): PlaygroundMessage[] {
    const lists = channel === undefined ? [...this.messages.values()] : [this.messages.get(channel) ?? []];
    return lists.flat().filter((m) => m.ephemeralTo === null || m.ephemeralTo === viewer).map((m) => ({ ...m }));
  }

  message(channel: string, ts: string): PlaygroundMessage | undefined {
    return this.messages.get(channel)?.find((m) => m.ts === ts);
  }

  home(user: string): PlaygroundView | undefined {
    return this.homes.get(user);
  }

  modalStack(user: string): PlaygroundView[] {
    return [...(this.modals.get(user) ?? [])];
  }

  /** Finds a view by id: a user's Home or one of their open modals. */
  view(user: string, viewId: string): PlaygroundView | undefined {
    const home = this.homes.get(user);
    if (home?.id === viewId) return home;
    return this.modals.get(user)?.find((view) => view.id === viewId);
  }

  // ---- what people do (the client's side) ---------------------------------------------------

  /** Sets a user's time zone (yours comes from the browser), as `users.info` will report it. */
  setTimeZone(userId: string, tz: string): void {
    const user = this.users.get(userId);
    if (user === undefined || user.tz === tz) return;
    user.tz = tz;
    this.emit({ type: 'user', user: { ...user } });
  }

  /** Posts a person's message (already in Slack's wire format: escaped, mentions as `<@U…>`). */
  postAsUser(user: string, channel: string, text: string, threadTs: string | null): PlaygroundMessage {
    return this.add({ channel, user, botId: null, text, blocks: null, ephemeralTo: null, threadTs: this.threadOf(channel, threadTs) });
  }

  /** A notice from Slackbot that only `user` sees ("/foo is not a valid command"). */
  slackbotNotice(user: string, channel: string, threadTs: string | null, text: string): PlaygroundMessage {
    return this.add({ channel, user: SLACKBOT, botId: null, text, blocks: null, ephemeralTo: user, threadTs: this.threadOf(channel, threadTs) });
  }

  /** Dismisses an ephemeral message, as its "Dismiss" link does. */
  dismiss(user: string, channel: string, ts: string): boolean {
    const message = this.message(channel, ts);
    if (message === undefined || message.ephemeralTo !== user) return false;
    this.remove(message);
    return true;
  }

  /** A fresh response_url id for a command or a button click. */
  newResponseUrl(target: ResponseTarget): string {
    const id = randomBytes(9).toString('base64url');
    this.responseUrls.set(id, { ...target, uses: 0, createdAt: this.clock.now() });
    return id;
  }

  /** A trigger id that lets the app open a modal for `user` in the next 3 seconds. */
  newTrigger(user: string): string {
    const id = `${Math.floor(this.clock.now() / 1000)}.${randomBytes(4).readUInt32BE()}.${randomBytes(8).toString('hex')}`;
    this.triggers.set(id, { user, at: this.clock.now() });
    return id;
  }

  /** Closes the top modal (Cancel, ×, or a submission the app accepted). */
  closeModal(user: string, viewId?: string): void {
    const stack = this.modals.get(user) ?? [];
    const index = viewId === undefined ? stack.length - 1 : stack.findIndex((view) => view.id === viewId);
    if (index < 0) return;
    stack.splice(index);
    this.modals.set(user, stack);
    this.emit({ type: 'modals', user, views: [...stack] });
  }

  /** Clears every modal of a user (`response_action: clear`). */
  clearModals(user: string): void {
    this.modals.set(user, []);
    this.emit({ type: 'modals', user, views: [] });
  }

  /** Replaces an open modal with the view the app answered with (`response_action: update` / `push`). */
  showModal(user: string, view: Record<string, unknown>, how: 'update' | 'push', viewId?: string): ApiResult {
    const problems = checkView(view, 'modal');
    if (problems.length > 0) return this.invalid('invalid_arguments', problems);
    const stack = this.modals.get(user) ?? [];
    const index = viewId === undefined ? stack.length - 1 : stack.findIndex((v) => v.id === viewId);
    const stored = this.storeView(view, how === 'update' && index >= 0 ? stack[index]!.id : undefined);
    if (how === 'update' && index >= 0) stack[index] = stored;
    else stack.push(stored);
    this.modals.set(user, stack);
    this.emit({ type: 'modals', user, views: [...stack] });
    return ok({ view: stored });
  }

  // ---- the Web API (the app's side) ----------------------------------------------------------

  /** One Web API call, as Slack would answer it. */
  call(method: string, args: Record<string, unknown>, token: string | null): ApiResult {
    if (token === null || token === '') return { status: 200, body: { ok: false, error: 'not_authed' } };
    if (token !== this.botToken) return { status: 200, body: { ok: false, error: 'invalid_auth' } };
    this.log.debug({ slackCall: method, channel: args['channel'] }, 'playground Web API call');
    switch (method) {
      case 'auth.test':
        return ok({ url: `https://${TEAM.domain}.slack.local/`, team: TEAM.name, user: BOT.name, team_id: TEAM.id, user_id: BOT.userId, bot_id: BOT.botId, is_enterprise_install: false });
      case 'chat.postMessage':
        return this.postMessage(args);
      case 'chat.postEphemeral':
        return this.postEphemeral(args);
      case 'chat.update':
        return this.update(args);
      case 'chat.delete':
        return this.delete(args);
      case 'views.publish':
        return this.publish(args);
      case 'views.open':
        return this.open(args);
      case 'views.update':
      case 'views.push':
        return this.updateOrPush(method, args);
      case 'users.info': {
        const user = this.users.get(String(args['user'] ?? ''));
        if (user === undefined) return fail('user_not_found');
        return ok({ user: { id: user.id, team_id: TEAM.id, name: user.name, real_name: user.realName, is_bot: user.isBot, ...(user.tz === null ? {} : { tz: user.tz }) } });
      }
      case 'conversations.join':
      case 'conversations.info': {
        const channel = this.channels.get(String(args['channel'] ?? ''));
        if (channel === undefined) return fail('channel_not_found');
        if (method === 'conversations.join' && channel.kind === 'im') return fail('method_not_supported_for_channel_type');
        return ok({ channel: { id: channel.id, name: channel.name, is_channel: channel.kind === 'channel', is_im: channel.kind === 'im', is_member: true } });
      }
      default:
        this.log.warn({ slackCall: method }, `the playground does not implement the Web API method ${method}; answering unknown_method as Slack does for a method it does not know`);
        return fail('unknown_method');
    }
  }

  /** A post to a response_url, as Slack would handle it. */
  respond(id: string, body: Record<string, unknown>): ApiResult {
    const target = this.responseUrls.get(id);
    if (target === undefined) return { status: 404, body: { ok: false, error: 'invalid_url' } };
    if (this.clock.now() - target.createdAt > RESPONSE_URL_TTL_MS || target.uses >= RESPONSE_URL_MAX_USES) {
      return { status: 404, body: { ok: false, error: 'expired_url' } };
    }
    target.uses += 1;
    const source = target.source === null ? undefined : this.message(target.channel, target.source.ts);
    if (body['delete_original'] === true) {
      if (source !== undefined) this.remove(source);
      return ok({});
    }
    const content = this.content(body, 'message');
    if ('error' in content) return content.error;
    if (body['replace_original'] === true && source !== undefined) {
      source.text = content.text;
      source.blocks = content.blocks;
      source.edited = false;
      this.emit({ type: 'message', message: { ...source } });
      return ok({});
    }
    const inChannel = body['response_type'] === 'in_channel';
    const threadTs = typeof body['thread_ts'] === 'string' ? body['thread_ts'] : target.threadTs;
    this.add({
      channel: target.channel,
      user: BOT.userId,
      botId: BOT.botId,
      ...content,
      ephemeralTo: inChannel ? null : target.user,
      threadTs: this.threadOf(target.channel, threadTs),
    });
    return ok({});
  }

  // ---- methods --------------------------------------------------------------------------------

  private postMessage(args: Record<string, unknown>): ApiResult {
    const channel = this.resolveChannel(args['channel']);
    if (channel === undefined) return fail('channel_not_found');
    const content = this.content(args, 'message');
    if ('error' in content) return content.error;
    const threadTs = typeof args['thread_ts'] === 'string' && args['thread_ts'] !== '' ? args['thread_ts'] : null;
    const message = this.add({ channel: channel.id, user: BOT.userId, botId: BOT.botId, ...content, ephemeralTo: null, threadTs: this.threadOf(channel.id, threadTs) });
    return ok({ channel: channel.id, ts: message.ts, message: toSlackMessage(message) });
  }

  private postEphemeral(args: Record<string, unknown>): ApiResult {
    const channel = this.resolveChannel(args['channel']);
    if (channel === undefined) return fail('channel_not_found');
    const user = this.users.get(String(args['user'] ?? ''));
    if (user === undefined) return fail('user_not_found');
    const content = this.content(args, 'message');
    if ('error' in content) return content.error;
    const threadTs = typeof args['thread_ts'] === 'string' && args['thread_ts'] !== '' ? args['thread_ts'] : null;
    const message = this.add({ channel: channel.id, user: BOT.userId, botId: BOT.botId, ...content, ephemeralTo: user.id, threadTs: this.threadOf(channel.id, threadTs) });
    return ok({ message_ts: message.ts });
  }

  private update(args: Record<string, unknown>): ApiResult {
    const channel = this.resolveChannel(args['channel']);
    if (channel === undefined) return fail('channel_not_found');
    const message = this.message(channel.id, String(args['ts'] ?? ''));
    if (message === undefined || message.ephemeralTo !== null) return fail('message_not_found');
    if (message.botId !== BOT.botId) return fail('cant_update_message');
    const content = this.content(args, 'message');
    if ('error' in content) return content.error;
    message.text = content.text;
    message.blocks = content.blocks;
    message.edited = true;
    this.emit({ type: 'message', message: { ...message } });
    return ok({ channel: channel.id, ts: message.ts, text: message.text });
  }

  private delete(args: Record<string, unknown>): ApiResult {
    const channel = this.resolveChannel(args['channel']);
    if (channel === undefined) return fail('channel_not_found');
    const message = this.message(channel.id, String(args['ts'] ?? ''));
    if (message === undefined || message.ephemeralTo !== null) return fail('message_not_found');
    if (message.botId !== BOT.botId) return fail('cant_delete_message');
    this.remove(message);
    return ok({ channel: channel.id, ts: message.ts });
  }

  private publish(args: Record<string, unknown>): ApiResult {
    const user = this.users.get(String(args['user_id'] ?? ''));
    if (user === undefined) return fail('user_not_found');
    const view = args['view'];
    if (!isRecord(view)) return fail('invalid_arguments');
    if (view['type'] !== 'home') return this.invalid('invalid_arguments', ['must be "home" [json-pointer:/view/type]']);
    const problems = checkView(view, 'home');
    if (problems.length > 0) return this.invalid('invalid_arguments', problems);
    const stored = this.storeView(view, this.homes.get(user.id)?.id);
    this.homes.set(user.id, stored);
    this.emit({ type: 'home', user: user.id, view: stored });
    return ok({ view: stored });
  }

  private open(args: Record<string, unknown>): ApiResult {
    const trigger = this.triggers.get(String(args['trigger_id'] ?? ''));
    if (trigger === undefined) return fail('invalid_trigger_id');
    this.triggers.delete(String(args['trigger_id']));
    if (this.clock.now() - trigger.at > TRIGGER_TTL_MS) return fail('expired_trigger_id');
    const view = args['view'];
    if (!isRecord(view) || view['type'] !== 'modal') return this.invalid('invalid_arguments', ['must be "modal" [json-pointer:/view/type]']);
    this.modals.set(trigger.user, []);
    return this.showModal(trigger.user, view, 'push');
  }

  private updateOrPush(method: string, args: Record<string, unknown>): ApiResult {
    const view = args['view'];
    if (!isRecord(view)) return fail('invalid_arguments');
    if (method === 'views.push') {
      const trigger = this.triggers.get(String(args['trigger_id'] ?? ''));
      if (trigger === undefined) return fail('invalid_trigger_id');
      return this.showModal(trigger.user, view, 'push');
    }
    const viewId = String(args['view_id'] ?? '');
    for (const [user, home] of this.homes) {
      if (home.id !== viewId) continue;
      return this.publish({ user_id: user, view });
    }
    for (const [user, stack] of this.modals) {
      if (stack.some((v) => v.id === viewId)) return this.showModal(user, view, 'update', viewId);
    }
    return fail('not_found');
  }

  // ---- helpers --------------------------------------------------------------------------------

  /** A channel id, or a user id standing for the DM with them (as chat.postMessage allows). */
  private resolveChannel(value: unknown): PlaygroundChannel | undefined {
    const id = typeof value === 'string' ? value : '';
    const direct = this.channels.get(id);
    if (direct !== undefined) return direct;
    if (this.users.has(id)) return this.channels.get(BOT_DM);
    return undefined;
  }

  /** Text and blocks of a message, checked as Slack checks them. */
  private content(args: Record<string, unknown>, surface: BlockSurface): { text: string; blocks: unknown[] | null } | { error: ApiResult } {
    const text = typeof args['text'] === 'string' ? args['text'] : '';
    const blocks = args['blocks'] === undefined || args['blocks'] === '' ? null : args['blocks'];
    if (blocks === null && text.trim() === '') return { error: fail('no_text') };
    if (text.length > 40_000) return { error: fail('msg_too_long') };
    if (blocks !== null) {
      const problems = checkBlocks(blocks, surface);
      if (problems.length > 0) return { error: this.invalid('invalid_blocks', problems) };
    }
    return { text, blocks: blocks === null ? null : withBlockIds(blocks as unknown[]) };
  }

  private invalid(error: string, problems: string[]): ApiResult {
    this.log.warn({ slackError: error, problems }, `Slack would refuse this: ${error} (${problems.slice(0, 3).join('; ')})`);
    return { status: 200, body: { ok: false, error, errors: problems, response_metadata: { messages: problems.map((p) => `[ERROR] ${p}`) } } };
  }

  /** A reply to a reply belongs to the parent's thread. */
  private threadOf(channel: string, threadTs: string | null): string | null {
    if (threadTs === null) return null;
    const parent = this.message(channel, threadTs);
    return parent?.threadTs ?? threadTs;
  }

  private storeView(view: Record<string, unknown>, id?: string): PlaygroundView {
    const viewId = id ?? `V0PLAY${String(this.nextViewId++).padStart(4, '0')}`;
    return {
      ...view,
      id: viewId,
      team_id: TEAM.id,
      app_id: BOT.appId,
      bot_id: BOT.botId,
      type: view['type'] as 'home' | 'modal',
      blocks: Array.isArray(view['blocks']) ? withBlockIds(view['blocks']) : [],
      state: { values: {} },
      hash: `${Math.floor(this.clock.now() / 1000)}.${randomBytes(4).toString('hex')}`,
    };
  }

  private add(fields: Omit<PlaygroundMessage, 'ts' | 'replyCount' | 'latestReply' | 'edited'>): PlaygroundMessage {
    const message: PlaygroundMessage = { ...fields, ts: this.nextTs(), replyCount: 0, latestReply: null, edited: false };
    const list = this.messages.get(message.channel);
    if (list === undefined) throw new Error(`playground: no channel ${message.channel}`);
    list.push(message);
    this.emit({ type: 'message', message: { ...message } });
    if (message.threadTs !== null && message.ephemeralTo === null) {
      const parent = this.message(message.channel, message.threadTs);
      if (parent !== undefined) {
        parent.replyCount += 1;
        parent.latestReply = message.ts;
        this.emit({ type: 'message', message: { ...parent } });
      }
    }
    return message;
  }

  private remove(message: PlaygroundMessage): void {
    const list = this.messages.get(message.channel) ?? [];
    const index = list.indexOf(message);
    if (index < 0) return;
    list.splice(index, 1);
    this.emit({ type: 'message_deleted', channel: message.channel, ts: message.ts, threadTs: message.threadTs });
  }

  /** Slack timestamps: seconds and microseconds, strictly increasing. */
  private nextTs(): string {
    this.lastTsMicros = Math.max(this.clock.now() * 1000, this.lastTsMicros + 1);
    const seconds = Math.floor(this.lastTsMicros / 1_000_000);
    const micros = this.lastTsMicros % 1_000_000;
    return `${seconds}.${String(micros).padStart(6, '0')}`;
  }

  private emit(change: WorkspaceChange): void {
    for (const listener of this.listeners) {
      try {
        listener(change);
      } catch (error) {
        this.log.error({ err: error }, 'playground: a change listener failed');
      }
    }
  }
}

/** A message as the Web API returns it. */
export function toSlackMessage(message: PlaygroundMessage): Record<string, unknown> {
  return {
    type: 'message',
    ts: message.ts,
    user: message.user,
    text: message.text,
    ...(message.botId === null ? {} : { bot_id: message.botId, app_id: BOT.appId }),
    ...(message.blocks === null ? {} : { blocks: message.blocks }),
    ...(message.threadTs === null ? {} : { thread_ts: message.threadTs }),
    team: TEAM.id,
  };
}

/** Slack gives every block without a `block_id` one of its own (and sends it back in interactions). */
function withBlockIds(blocks: readonly unknown[]): unknown[] {
  return blocks.map((block) => (isRecord(block) && typeof block['block_id'] !== 'string' ? { ...block, block_id: randomBytes(3).toString('base64url') } : block));
}

function checkView(view: Record<string, unknown>, surface: 'home' | 'modal'): string[] {
  const problems = checkBlocks(view['blocks'], surface).map((p) => p.replace('[json-pointer:/blocks', '[json-pointer:/view/blocks'));
  if (typeof view['private_metadata'] === 'string' && view['private_metadata'].length > 3000) {
    problems.push('must be less than 3001 characters [json-pointer:/view/private_metadata]');
  }
  if (surface === 'modal') {
    for (const key of ['title', 'submit', 'close'] as const) {
      const text = view[key];
      if (key === 'title' && !isRecord(text)) problems.push('missing required field: title [json-pointer:/view/title]');
      if (isRecord(text) && typeof text['text'] === 'string' && text['text'].length > 24) {
        problems.push(`must be less than 25 characters [json-pointer:/view/${key}/text]`);
      }
    }
  }
  return problems;
}

function ok(body: Record<string, unknown>): ApiResult {
  return { status: 200, body: { ok: true, ...body } };
}

function fail(error: string): ApiResult {
  return { status: 200, body: { ok: false, error } };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
