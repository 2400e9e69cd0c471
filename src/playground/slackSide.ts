/**
 * Slack's side of the conversation with the app, for what a person does on the page: it turns a
 * typed line, a click, opening the App Home or submitting a modal into the payload Slack would
 * send, signs it, posts it to the app's `/slack/events` (the real `HTTPReceiver`), and handles the
 * app's acknowledgement the way Slack's client does (a command's ack text, a modal's
 * `response_action`, "failed with the error operation_timeout" after 3 seconds).
 *
 * Nothing here answers a question: answers only ever come from the app, through the Web API and
 * response_urls that {@link Workspace} serves.
 */
import type { Logger } from 'pino';
import type { DigestControl } from '../core/ports.js';
import { BOT, BOT_DM, TEAM, type PlaygroundChannel, type PlaygroundUser } from './directory.js';
import type { PlaygroundClock } from './clock.js';
import {
  appHomeOpenedEvent,
  blockActionsRequest,
  eventRequest,
  messageEvent,
  signatureHeaders,
  slashCommandRequest,
  viewRequest,
  type ActionContainer,
  type SlackRequest,
  type ViewStateValues,
} from './payloads.js';
import { toSlackMessage, type PlaygroundMessage, type Workspace } from './workspace.js';

/** The slash command the app's manifest installs. */
export const INSTALLED_COMMAND = '/tesla';
/** Slack gives an app 3 seconds to acknowledge. */
export const ACK_TIMEOUT_MS = 3_000;

/** What the page gets back for an action: fine, or a kind sentence about what went wrong. */
export type Outcome<T extends object = object> = ({ ok: true } & T) | { ok: false; error: string; status?: number };

export interface SlackSideOptions {
  workspace: Workspace;
  clock: PlaygroundClock;
  logger: Logger;
  /** Signs every request, as Slack signs with the app's signing secret. */
  signingSecret: string;
  /** The playground server's own base URL (`http://127.0.0.1:<port>`), where the app and response_urls live. */
  baseUrl: () => string;
}

interface Delivery {
  status: number;
  body: string;
  /** Set when the app did not answer in time or could not be reached. */
  failure: 'operation_timeout' | 'dispatch_failed' | null;
}

export class SlackSide {
  private readonly workspace: Workspace;
  private readonly clock: PlaygroundClock;
  private readonly log: Logger;
  private readonly signingSecret: string;
  private readonly baseUrl: () => string;
  private digests: DigestControl | null = null;
  /** Bot messages in the DM already announced to the app as `message` events. */
  private readonly announced = new Set<string>();

  constructor(options: SlackSideOptions) {
    this.workspace = options.workspace;
    this.clock = options.clock;
    this.log = options.logger.child({ component: 'playground' });
    this.signingSecret = options.signingSecret;
    this.baseUrl = options.baseUrl;
    // Slack tells the app about every message in a DM with it, its own included (Bolt ignores those).
    this.workspace.onChange((change) => {
      if (change.type !== 'message' || change.message.channel !== BOT_DM || change.message.botId === null) return;
      if (change.message.ephemeralTo !== null || change.message.replyCount > 0 || change.message.edited) return;
      if (this.announced.has(change.message.ts)) return;
      this.announced.add(change.message.ts);
      void this.deliverMessageEvent(change.message, 'message');
    });
  }

  /** Lets "skip to the next digest" ask the scheduler when that is. */
  attachDigests(digests: DigestControl): void {
    this.digests = digests;
  }

  /**
   * A line typed in a channel, DM or thread: a slash command, or a message (an `app_mention`
   * when it mentions the bot in a channel; every message in the DM with the bot).
   */
  async send(userId: string, channelId: string, typed: string, threadTs: string | null): Promise<Outcome<{ at: number; ts?: string; mentionsBot?: boolean }>> {
    const at = this.clock.now();
    const user = this.workspace.user(userId);
    const channel = this.workspace.channel(channelId);
    if (user === undefined || channel === undefined) return { ok: false, error: 'That channel does not exist in the playground.' };
    const text = typed.replace(/\s+$/, '');
    if (text.trim() === '') return { ok: false, error: 'Type a message first.' };
    if (threadTs !== null && this.workspace.message(channel.id, threadTs) === undefined) {
      return { ok: false, error: 'That thread no longer exists.' };
    }
    const command = /^\/(\S+)(?:\s+([\s\S]*))?$/.exec(text.trimStart());
    if (command !== null) {
      const outcome = await this.slashCommand(user, channel, `/${command[1]!.toLowerCase()}`, command[2] ?? '', threadTs);
      return outcome.ok ? { ok: true, at } : outcome;
    }

    const wire = toWireText(text, this.workspace);
    const message = this.workspace.postAsUser(user.id, channel.id, wire, threadTs);
    const mentionsBot = wire.includes(`<@${BOT.userId}>`);
    if (channel.kind === 'im' && channel.user === BOT.userId) await this.deliverMessageEvent(message, 'message');
    else if (mentionsBot) await this.deliverMessageEvent(message, 'app_mention');
    return { ok: true, at, ts: message.ts, mentionsBot };
  }

  /** A click on a button or a choice in an overflow menu or select, on a message or a view. */
  async click(
    userId: string,
    where: { channel: string; ts: string } | { viewId: string },
    blockId: string,
    actionId: string,
    option: string | null,
    values: Record<string, unknown> = {},
  ): Promise<Outcome> {
    const user = this.workspace.user(userId);
    if (user === undefined) return { ok: false, error: 'Unknown user.' };
    let container: ActionContainer;
    let blocks: unknown[];
    if ('viewId' in where) {
      const view = this.workspace.view(user.id, where.viewId);
      if (view === undefined) return { ok: false, error: 'That view is no longer open.' };
      const state = view.type === 'modal' ? stateValues(view.blocks, values) : { values: {} };
      if ('errors' in state) return { ok: false, error: Object.values(state.errors)[0] ?? 'Check the form.' };
      container = { type: 'view', view: { ...view, state } };
      blocks = view.blocks;
    } else {
      const channel = this.workspace.channel(where.channel);
      const message = channel === undefined ? undefined : this.workspace.message(channel.id, where.ts);
      if (channel === undefined || message === undefined || (message.ephemeralTo !== null && message.ephemeralTo !== user.id)) {
        return { ok: false, error: 'That message is gone.' };
      }
      const responseUrl = this.responseUrlOf(
        this.workspace.newResponseUrl({
          user: user.id,
          channel: channel.id,
          threadTs: message.threadTs,
          source: { ts: message.ts, ephemeral: message.ephemeralTo !== null },
        }),
      );
      container = { type: 'message', channel, message: { ...toSlackMessage(message), ts: message.ts }, ephemeral: message.ephemeralTo !== null, threadTs: message.threadTs, responseUrl };
      blocks = message.blocks ?? [];
    }
    const found = findElement(blocks, blockId, actionId);
    if (found === null) return { ok: false, error: 'That button is not on the message any more.' };
    let selectedOption: Record<string, unknown> | undefined;
    if (found.element['type'] === 'overflow' || found.element['type'] === 'static_select') {
      selectedOption = optionsOf(found.element).find((o) => o['value'] === option);
      if (selectedOption === undefined) return { ok: false, error: 'Pick one of the menu’s options.' };
    }
    const request = blockActionsRequest({
      user,
      container,
      action: { element: found.element, blockId, ...(selectedOption === undefined ? {} : { selectedOption }), actionTs: this.realTs() },
      triggerId: this.workspace.newTrigger(user.id),
    });
    const delivery = await this.deliver(request, 'block_actions');
    if (delivery.failure !== null) return { ok: false, error: `${BOT.name} did not respond to this click (${delivery.failure}).`, status: delivery.status };
    return { ok: true };
  }

  /** Opening the app's Home tab (or its Messages tab): `app_home_opened`. */
  async openHome(userId: string, tab: 'home' | 'messages'): Promise<Outcome> {
    const event = appHomeOpenedEvent({ user: userId, channel: BOT_DM, tab, view: this.workspace.home(userId), eventTs: this.realTs() });
    const delivery = await this.deliver(eventRequest(event, this.realSeconds()), 'app_home_opened');
    return delivery.failure === null ? { ok: true } : { ok: false, error: `${BOT.name} did not answer (${delivery.failure}).` };
  }

  /** Submitting the top modal; the app's ack decides whether it closes, shows errors or changes. */
  async submitView(userId: string, viewId: string, values: Record<string, unknown>): Promise<Outcome<{ errors?: Record<string, string> }>> {
    const user = this.workspace.user(userId);
    const view = user === undefined ? undefined : this.workspace.view(user.id, viewId);
    if (user === undefined || view === undefined || view.type !== 'modal') return { ok: false, error: 'That dialog is no longer open.' };
    const state = stateValues(view.blocks, values);
    // Slack's client checks required fields itself and sends nothing until they are filled in.
    if ('errors' in state) return { ok: true, errors: state.errors };
    const request = viewRequest({ type: 'view_submission', user, view, values: state.values, triggerId: this.workspace.newTrigger(user.id) });
    const delivery = await this.deliver(request, 'view_submission');
    if (delivery.failure !== null) return { ok: false, error: 'We had some trouble connecting. Try again?' };
    const ack = parseAck(delivery.body);
    switch (ack?.['response_action']) {
      case 'errors':
        return { ok: true, errors: isStringRecord(ack['errors']) ? ack['errors'] : {} };
      case 'update':
      case 'push': {
        const shown = this.workspace.showModal(user.id, asRecord(ack['view']), ack['response_action'], view.id);
        return shown.body['ok'] === true ? { ok: true } : { ok: false, error: `${BOT.name} answered with a view Slack would refuse (${String(shown.body['error'])}).` };
      }
      case 'clear':
        this.workspace.clearModals(user.id);
        return { ok: true };
      default:
        this.workspace.closeModal(user.id, view.id);
        return { ok: true };
    }
  }

  /** Cancel or × on a modal: closed, and `view_closed` sent when the view asked for it. */
  async closeView(userId: string, viewId: string): Promise<Outcome> {
    const user = this.workspace.user(userId);
    const view = user === undefined ? undefined : this.workspace.view(user.id, viewId);
    if (user === undefined || view === undefined) return { ok: true };
    this.workspace.closeModal(user.id, view.id);
    if (view['notify_on_close'] === true) {
      await this.deliver(viewRequest({ type: 'view_closed', user, view, values: {}, triggerId: this.workspace.newTrigger(user.id) }), 'view_closed');
    }
    return { ok: true };
  }

  /**
   * Moves playground time to the channel's next scheduled digest. The scheduler's own timer then
   * comes due and it runs the digest as it would at that hour (claim, compose, post).
   */
  async skipToNextDigest(channelId: string): Promise<Outcome<{ at: number; skippedMs: number }>> {
    const channel = this.workspace.channel(channelId);
    if (channel === undefined) return { ok: false, error: 'That channel does not exist in the playground.' };
    if (this.digests === null) return { ok: false, error: 'Daily digests are not available.' };
    const status = await this.digests.status({ teamId: TEAM.id, channelId: channel.id });
    if (status.paused !== null) return { ok: false, error: `Digests are stopped: ${status.paused}` };
    if (status.subscription === undefined || !status.subscription.enabled || status.nextRun === null) {
      return { ok: false, error: `#${channel.name} has no daily digest yet. Turn it on first: /tesla digest on 09:00 --always` };
    }
    const at = Math.max(status.nextRun, this.clock.now());
    const skippedMs = this.clock.skipTo(at + 1_000);
    this.log.info({ channel: channel.id, at: new Date(at).toISOString(), skippedMs }, 'playground time skipped ahead to the next digest');
    return { ok: true, at, skippedMs };
  }

  // ---- delivering to the app --------------------------------------------------------------------

  private async slashCommand(user: PlaygroundUser, channel: PlaygroundChannel, command: string, args: string, threadTs: string | null): Promise<Outcome> {
    if (command !== INSTALLED_COMMAND) {
      this.workspace.slackbotNotice(
        user.id,
        channel.id,
        threadTs,
        `\`${escape(command)}\` is not a valid command. In Slack, all messages that start with the "/" character are interpreted as commands. ` +
          `This playground has one app installed, so try \`${INSTALLED_COMMAND} help\`. To send a message that starts with "/", put a space before it.`,
      );
      return { ok: true };
    }
    const responseId = this.workspace.newResponseUrl({ user: user.id, channel: channel.id, threadTs, source: null });
    const responseUrl = this.responseUrlOf(responseId);
    const request = slashCommandRequest({ command, text: escape(args.trim()), user, channel, responseUrl, triggerId: this.workspace.newTrigger(user.id) });
    const delivery = await this.deliver(request, command);
    if (delivery.failure !== null) {
      this.workspace.slackbotNotice(user.id, channel.id, threadTs, `\`${command}\` failed with the error "${delivery.failure}"`);
      return { ok: true };
    }
    // An ack with a body is the command's first answer (this app acks empty and answers through the response_url).
    const ack = parseAck(delivery.body);
    if (ack !== null || delivery.body.trim() !== '') {
      const message = ack ?? { text: delivery.body };
      this.workspace.respond(responseId, message);
    }
    return { ok: true };
  }

  private async deliverMessageEvent(message: PlaygroundMessage, type: 'app_mention' | 'message'): Promise<void> {
    const channel = this.workspace.channel(message.channel);
    if (channel === undefined) return;
    const event = messageEvent({
      type,
      user: message.user,
      text: message.text,
      channel,
      ts: message.ts,
      threadTs: message.threadTs,
      ...(message.botId === null ? {} : { botId: message.botId }),
    });
    await this.deliver(eventRequest(event, this.realSeconds()), type);
  }

  private responseUrlOf(id: string): string {
    return `${this.baseUrl()}/respond/${id}`;
  }

  /** Signs and posts to the app's `/slack/events`, waiting at most 3 seconds for the ack. */
  private async deliver(request: SlackRequest, what: string): Promise<Delivery> {
    // Signatures carry real time: the receiver checks them against its own clock, not the playground's.
    const headers = signatureHeaders(this.signingSecret, request.body, this.realSeconds());
    try {
      const response = await fetch(`${this.baseUrl()}/slack/events`, {
        method: 'POST',
        headers: { 'content-type': request.contentType, ...headers },
        body: request.body,
        signal: AbortSignal.timeout(ACK_TIMEOUT_MS),
      });
      const body = await response.text();
      if (!response.ok) {
        this.log.warn({ what, status: response.status }, `the app answered ${what} with HTTP ${response.status}`);
        return { status: response.status, body, failure: 'dispatch_failed' };
      }
      return { status: response.status, body, failure: null };
    } catch (error) {
      const timedOut = (error as Error).name === 'TimeoutError';
      this.log.warn({ what, err: error }, timedOut ? `the app did not acknowledge ${what} within 3 seconds` : `could not deliver ${what} to the app`);
      return { status: 0, body: '', failure: timedOut ? 'operation_timeout' : 'dispatch_failed' };
    }
  }

  private realSeconds(): number {
    return Math.floor(Date.now() / 1000);
  }

  /** An event or action timestamp, in playground time like message timestamps. */
  private realTs(): string {
    const now = this.clock.now();
    return `${Math.floor(now / 1000)}.${String((now % 1000) * 1000).padStart(6, '0')}`;
  }
}

/**
 * What Slack's client sends for a typed line: `&`, `<`, `>` escaped; `@tesla`, `@you`,
 * `@here`/`@channel`/`@everyone` and `#channel` turned into Slack's `<…>` tokens.
 */
export function toWireText(typed: string, workspace: Pick<Workspace, 'userList' | 'channelList'>): string {
  const users = new Map(workspace.userList().map((u) => [u.name.toLowerCase(), u.id]));
  const channels = new Map(workspace.channelList().filter((c) => c.kind === 'channel').map((c) => [c.name.toLowerCase(), c]));
  return escape(typed)
    .replace(/(^|[\s(])@([a-z0-9._-]+)/gi, (whole, before: string, name: string) => {
      const lower = name.toLowerCase();
      if (lower === 'here' || lower === 'channel' || lower === 'everyone') return `${before}<!${lower}>`;
      const id = users.get(lower);
      return id === undefined ? whole : `${before}<@${id}>`;
    })
    .replace(/(^|[\s(])#([a-z0-9_-]+)/gi, (whole, before: string, name: string) => {
      const channel = channels.get(name.toLowerCase());
      return channel === undefined ? whole : `${before}<#${channel.id}|${channel.name}>`;
    });
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The element a click refers to, in a section's accessory or an actions block. */
export function findElement(blocks: readonly unknown[], blockId: string, actionId: string): { element: Record<string, unknown> } | null {
  for (const block of blocks) {
    if (!isRecord(block) || block['block_id'] !== blockId) continue;
    const candidates = [block['accessory'], ...(Array.isArray(block['elements']) ? block['elements'] : []), block['element']];
    for (const element of candidates) {
      if (isRecord(element) && element['action_id'] === actionId) return { element };
    }
  }
  return null;
}

function optionsOf(element: Record<string, unknown>): Record<string, unknown>[] {
  const options = Array.isArray(element['options']) ? element['options'] : [];
  const groups = Array.isArray(element['option_groups']) ? element['option_groups'] : [];
  const grouped = groups.flatMap((group) => (isRecord(group) && Array.isArray(group['options']) ? group['options'] : []));
  return [...options, ...grouped].filter(isRecord);
}

/**
 * A modal's input values as Slack's `view.state.values`, built from the view's own input blocks
 * and what the page says was entered (block id → a string, a list of option values, or null).
 * Required inputs left empty come back as errors, as Slack's client shows them.
 */
export function stateValues(blocks: readonly unknown[], entered: Record<string, unknown>): { values: ViewStateValues } | { errors: Record<string, string> } {
  const values: ViewStateValues = {};
  const errors: Record<string, string> = {};
  for (const block of blocks) {
    if (!isRecord(block) || block['type'] !== 'input' || typeof block['block_id'] !== 'string' || !isRecord(block['element'])) continue;
    const element = block['element'];
    const actionId = typeof element['action_id'] === 'string' ? element['action_id'] : 'value';
    const type = String(element['type']);
    const raw = entered[block['block_id']];
    const text = typeof raw === 'string' ? raw : null;
    const chosen = Array.isArray(raw) ? raw.filter((v): v is string => typeof v === 'string') : text === null ? [] : [text];
    const options = optionsOf(element);
    let state: Record<string, unknown>;
    let empty: boolean;
    switch (type) {
      case 'plain_text_input':
      case 'email_text_input':
      case 'url_text_input':
      case 'number_input':
        state = { type, value: text === null || text === '' ? null : text };
        empty = text === null || text.trim() === '';
        break;
      case 'timepicker':
        state = { type, selected_time: text === '' ? null : text };
        empty = text === null || text === '';
        break;
      case 'datepicker':
        state = { type, selected_date: text === '' ? null : text };
        empty = text === null || text === '';
        break;
      case 'conversations_select':
        state = { type, selected_conversation: text === '' ? null : text };
        empty = text === null || text === '';
        break;
      case 'channels_select':
        state = { type, selected_channel: text === '' ? null : text };
        empty = text === null || text === '';
        break;
      case 'users_select':
        state = { type, selected_user: text === '' ? null : text };
        empty = text === null || text === '';
        break;
      case 'static_select':
      case 'radio_buttons': {
        const option = options.find((o) => o['value'] === text) ?? null;
        state = { type, selected_option: option };
        empty = option === null;
        break;
      }
      case 'checkboxes':
      case 'multi_static_select': {
        const selected = options.filter((o) => chosen.includes(String(o['value'])));
        state = { type, selected_options: selected };
        empty = selected.length === 0;
        break;
      }
      default:
        state = { type, value: text };
        empty = text === null || text === '';
    }
    if (empty && block['optional'] !== true) errors[block['block_id']] = 'Please complete this required field.';
    values[block['block_id']] = { [actionId]: state };
  }
  return Object.keys(errors).length > 0 ? { errors } : { values };
}

function parseAck(body: string): Record<string, unknown> | null {
  if (body.trim() === '') return null;
  try {
    const parsed = JSON.parse(body) as unknown;
    return isRecord(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

function asRecord(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}

function isStringRecord(value: unknown): value is Record<string, string> {
  return isRecord(value) && Object.values(value).every((v) => typeof v === 'string');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
