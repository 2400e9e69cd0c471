/**
 * Slack's side of HTTP mode for tests: payload builders with overrides (slash commands,
 * Events API envelopes, block_actions) and requests signed the way Slack signs them
 * (`v0=` HMAC-SHA256 of `v0:<timestamp>:<body>` with the signing secret).
 */
import { createHmac, randomUUID } from 'node:crypto';
import { FAKE_BOT } from './fakeSlack.js';

export const TEAM_ID = FAKE_BOT.teamId;

/** Slack's request signature headers for `body`. */
export function signatureHeaders(signingSecret: string, body: string, timestampSeconds = Math.floor(Date.now() / 1000)): Record<string, string> {
  const signature = createHmac('sha256', signingSecret).update(`v0:${timestampSeconds}:${body}`).digest('hex');
  return { 'x-slack-signature': `v0=${signature}`, 'x-slack-request-timestamp': String(timestampSeconds) };
}

export interface SignedPost {
  body: string;
  contentType: 'application/json' | 'application/x-www-form-urlencoded';
}

export interface PostOptions {
  /** Default: now. */
  timestampSeconds?: number;
  /** Overrides the computed signature (to test rejection). */
  signature?: string;
  headers?: Record<string, string>;
}

/** Posts a signed request to the app's `/slack/events`. */
export async function postSigned(appUrl: string, signingSecret: string, request: SignedPost, options: PostOptions = {}): Promise<Response> {
  const headers = signatureHeaders(signingSecret, request.body, options.timestampSeconds);
  if (options.signature !== undefined) headers['x-slack-signature'] = options.signature;
  return fetch(`${appUrl}/slack/events`, {
    method: 'POST',
    headers: { 'content-type': request.contentType, ...headers, ...options.headers },
    body: request.body,
  });
}

export interface SlashCommandFields {
  text: string;
  user_id: string;
  channel_id: string;
  response_url: string;
  team_id: string;
  command: string;
  trigger_id: string;
}

export function slashCommand(fields: Partial<SlashCommandFields> & { response_url: string }): SignedPost {
  const values: SlashCommandFields = {
    text: '',
    user_id: 'UASKER01',
    channel_id: 'CGENERAL1',
    team_id: TEAM_ID,
    command: '/tesla',
    trigger_id: '123.456.abc',
    ...fields,
  };
  const form = new URLSearchParams({
    token: 'legacy-verification-token',
    team_domain: 'fake',
    channel_name: 'general',
    user_name: 'asker',
    api_app_id: 'AAPP0001',
    ...values,
  });
  return { body: form.toString(), contentType: 'application/x-www-form-urlencoded' };
}

/** An Events API envelope around `event`. */
export function eventEnvelope(event: Record<string, unknown>, overrides: Record<string, unknown> = {}): SignedPost {
  const body = {
    token: 'legacy-verification-token',
    team_id: TEAM_ID,
    api_app_id: 'AAPP0001',
    event,
    type: 'event_callback',
    event_id: `Ev${randomUUID().replace(/-/g, '').slice(0, 12).toUpperCase()}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: TEAM_ID, user_id: FAKE_BOT.userId, is_bot: true, is_enterprise_install: false }],
    ...overrides,
  };
  return { body: JSON.stringify(body), contentType: 'application/json' };
}

let tsCounter = 1_600_000_000;
/** A fresh message timestamp. */
export function nextTs(): string {
  tsCounter += 1;
  return `${tsCounter}.000${String(tsCounter % 1000).padStart(3, '0')}`;
}

export function appMention(fields: { text: string; channel?: string; user?: string; ts?: string; thread_ts?: string }): Record<string, unknown> {
  const ts = fields.ts ?? nextTs();
  return {
    type: 'app_mention',
    user: fields.user ?? 'UASKER01',
    text: `<@${FAKE_BOT.userId}> ${fields.text}`,
    ts,
    channel: fields.channel ?? 'CGENERAL1',
    event_ts: ts,
    ...(fields.thread_ts === undefined ? {} : { thread_ts: fields.thread_ts }),
  };
}

export function directMessage(fields: { text: string; channel?: string; user?: string; ts?: string } & Record<string, unknown>): Record<string, unknown> {
  const ts = fields.ts ?? nextTs();
  return {
    type: 'message',
    channel_type: 'im',
    channel: 'DDIRECT01',
    user: 'UASKER01',
    event_ts: ts,
    ...fields,
    ts,
  };
}

export function appHomeOpened(fields: { user?: string; channel?: string; tab?: 'home' | 'messages' } = {}): Record<string, unknown> {
  return { type: 'app_home_opened', user: fields.user ?? 'UASKER01', channel: fields.channel ?? 'DDIRECT01', tab: fields.tab ?? 'home', event_ts: nextTs() };
}

export interface BlockActionFields {
  action_id: string;
  value: string;
  response_url: string;
  user?: string;
  channel?: string;
  /** Whether the message with the button is ephemeral. */
  is_ephemeral?: boolean;
  message_ts?: string;
  thread_ts?: string;
  /** For buttons on the App Home. */
  view?: Record<string, unknown>;
}

/** A block_actions interaction (a button click), form-encoded as Slack sends it. */
export function blockActions(fields: BlockActionFields): SignedPost {
  const user = fields.user ?? 'UASKER01';
  const channel = fields.channel ?? 'CGENERAL1';
  const messageTs = fields.message_ts ?? nextTs();
  const fromHome = fields.view !== undefined;
  const payload = {
    type: 'block_actions',
    user: { id: user, username: 'asker', name: 'asker', team_id: TEAM_ID },
    api_app_id: 'AAPP0001',
    token: 'legacy-verification-token',
    container: fromHome
      ? { type: 'view', view_id: 'VHOME' }
      : { type: 'message', message_ts: messageTs, channel_id: channel, is_ephemeral: fields.is_ephemeral ?? false, ...(fields.thread_ts ? { thread_ts: fields.thread_ts } : {}) },
    trigger_id: '123.456.def',
    team: { id: TEAM_ID, domain: 'fake' },
    ...(fromHome ? { view: fields.view } : { channel: { id: channel, name: 'general' }, message: { type: 'message', ts: messageTs, text: '', ...(fields.thread_ts ? { thread_ts: fields.thread_ts } : {}) } }),
    response_url: fields.response_url,
    actions: [
      {
        type: 'button',
        action_id: fields.action_id,
        block_id: 'answer_actions',
        text: { type: 'plain_text', text: 'button' },
        value: fields.value,
        action_ts: nextTs(),
      },
    ],
  };
  return { body: new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), contentType: 'application/x-www-form-urlencoded' };
}

/** An overflow menu choice on the App Home (block_actions with `selected_option`). */
export function homeOverflow(fields: { action_id: string; value: string; user?: string }): SignedPost {
  const user = fields.user ?? 'UASKER01';
  const payload = {
    type: 'block_actions',
    user: { id: user, username: 'asker', name: 'asker', team_id: TEAM_ID },
    api_app_id: 'AAPP0001',
    token: 'legacy-verification-token',
    container: { type: 'view', view_id: 'VHOME' },
    trigger_id: '123.456.ghi',
    team: { id: TEAM_ID, domain: 'fake' },
    view: { id: 'VHOME', type: 'home', private_metadata: '{}' },
    actions: [
      {
        type: 'overflow',
        action_id: fields.action_id,
        block_id: 'home_digest',
        selected_option: { text: { type: 'plain_text', text: 'choice' }, value: fields.value },
        action_ts: nextTs(),
      },
    ],
  };
  return { body: new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), contentType: 'application/x-www-form-urlencoded' };
}

/** A modal's submission (view_submission) with its input values, as Slack sends them. */
export function viewSubmission(fields: {
  callback_id: string;
  private_metadata: string;
  values: Record<string, Record<string, Record<string, unknown>>>;
  user?: string;
}): SignedPost {
  const user = fields.user ?? 'UASKER01';
  const payload = {
    type: 'view_submission',
    team: { id: TEAM_ID, domain: 'fake' },
    user: { id: user, username: 'asker', name: 'asker', team_id: TEAM_ID },
    api_app_id: 'AAPP0001',
    token: 'legacy-verification-token',
    trigger_id: '123.456.jkl',
    view: {
      id: 'VMODAL',
      type: 'modal',
      callback_id: fields.callback_id,
      private_metadata: fields.private_metadata,
      state: { values: fields.values },
      hash: '1.abc',
      title: { type: 'plain_text', text: 'Daily digest' },
      blocks: [],
    },
  };
  return { body: new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), contentType: 'application/x-www-form-urlencoded' };
}
