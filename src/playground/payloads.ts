/**
 * What Slack sends an app, built from what a person did in the playground: slash commands,
 * Events API envelopes (`app_mention`, `message.im`, `app_home_opened`), `block_actions` and
 * `view_submission`/`view_closed` interactions, encoded as Slack encodes them (a form for commands
 * and interactions, JSON for events) and signed as Slack signs them (`v0=` HMAC-SHA256 of
 * `v0:<timestamp>:<body>` with the signing secret).
 */
import { createHmac, randomUUID } from 'node:crypto';
import { BOT, TEAM } from './directory.js';
import type { PlaygroundChannel, PlaygroundUser } from './directory.js';

/** A request body as Slack would post it to `/slack/events`. */
export interface SlackRequest {
  body: string;
  contentType: 'application/json' | 'application/x-www-form-urlencoded';
}

/** Slack's request signature headers for `body`. */
export function signatureHeaders(signingSecret: string, body: string, timestampSeconds: number): Record<string, string> {
  const signature = createHmac('sha256', signingSecret).update(`v0:${timestampSeconds}:${body}`).digest('hex');
  return { 'x-slack-signature': `v0=${signature}`, 'x-slack-request-timestamp': String(timestampSeconds) };
}

const LEGACY_TOKEN = 'playground-verification-token';

export function slashCommandRequest(fields: {
  command: string;
  text: string;
  user: PlaygroundUser;
  channel: PlaygroundChannel;
  responseUrl: string;
  triggerId: string;
}): SlackRequest {
  const form = new URLSearchParams({
    token: LEGACY_TOKEN,
    team_id: TEAM.id,
    team_domain: TEAM.domain,
    channel_id: fields.channel.id,
    channel_name: fields.channel.kind === 'im' ? 'directmessage' : fields.channel.name,
    user_id: fields.user.id,
    user_name: fields.user.name,
    command: fields.command,
    text: fields.text,
    api_app_id: BOT.appId,
    is_enterprise_install: 'false',
    response_url: fields.responseUrl,
    trigger_id: fields.triggerId,
  });
  return { body: form.toString(), contentType: 'application/x-www-form-urlencoded' };
}

/** An Events API envelope around `event`. */
export function eventRequest(event: Record<string, unknown>, eventTimeSeconds: number): SlackRequest {
  const body = {
    token: LEGACY_TOKEN,
    team_id: TEAM.id,
    context_team_id: TEAM.id,
    api_app_id: BOT.appId,
    event,
    type: 'event_callback',
    event_id: `Ev${randomUUID().replace(/-/g, '').slice(0, 10).toUpperCase()}`,
    event_time: eventTimeSeconds,
    authorizations: [{ enterprise_id: null, team_id: TEAM.id, user_id: BOT.userId, is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
  };
  return { body: JSON.stringify(body), contentType: 'application/json' };
}

/** A message a person posted, as `app_mention` (channels) or `message` with `channel_type: im` (DMs). */
export function messageEvent(fields: {
  type: 'app_mention' | 'message';
  user: string;
  text: string;
  channel: PlaygroundChannel;
  ts: string;
  threadTs: string | null;
  botId?: string;
}): Record<string, unknown> {
  return {
    type: fields.type,
    ...(fields.botId === undefined ? { client_msg_id: randomUUID() } : { bot_id: fields.botId, app_id: BOT.appId }),
    user: fields.user,
    text: fields.text,
    ts: fields.ts,
    team: TEAM.id,
    channel: fields.channel.id,
    event_ts: fields.ts,
    ...(fields.threadTs === null ? {} : { thread_ts: fields.threadTs }),
    ...(fields.type === 'message' ? { channel_type: fields.channel.kind === 'im' ? 'im' : 'channel' } : {}),
  };
}

export function appHomeOpenedEvent(fields: { user: string; channel: string; tab: 'home' | 'messages'; view: Record<string, unknown> | undefined; eventTs: string }): Record<string, unknown> {
  return {
    type: 'app_home_opened',
    user: fields.user,
    channel: fields.channel,
    tab: fields.tab,
    event_ts: fields.eventTs,
    ...(fields.view === undefined ? {} : { view: fields.view }),
  };
}

/** The action a click produced: a button's value, or the option chosen in an overflow menu or select. */
export interface ClickedAction {
  element: Record<string, unknown>;
  blockId: string;
  /** For overflow menus and selects. */
  selectedOption?: Record<string, unknown>;
  actionTs: string;
}

/** Where the clicked element was: a message (with its response_url) or a view (Home, modal). */
export type ActionContainer =
  | {
      type: 'message';
      channel: PlaygroundChannel;
      /** The message with the element; for an ephemeral message Slack sends no `message`. */
      message: Record<string, unknown> & { ts: string };
      ephemeral: boolean;
      threadTs: string | null;
      responseUrl: string;
    }
  | { type: 'view'; view: Record<string, unknown> & { id: string } };

export function blockActionsRequest(fields: { user: PlaygroundUser; container: ActionContainer; action: ClickedAction; triggerId: string }): SlackRequest {
  const { container, action, user } = fields;
  const element = action.element;
  const text = element['text'];
  const clicked = {
    type: element['type'],
    action_id: element['action_id'],
    block_id: action.blockId,
    ...(text === undefined ? {} : { text }),
    ...(element['value'] === undefined ? {} : { value: element['value'] }),
    ...(element['style'] === undefined ? {} : { style: element['style'] }),
    ...(action.selectedOption === undefined ? {} : { selected_option: action.selectedOption }),
    action_ts: action.actionTs,
  };
  const where =
    container.type === 'message'
      ? {
          container: {
            type: 'message',
            message_ts: container.message.ts,
            channel_id: container.channel.id,
            is_ephemeral: container.ephemeral,
            ...(container.threadTs === null ? {} : { thread_ts: container.threadTs }),
          },
          channel: { id: container.channel.id, name: container.channel.kind === 'im' ? 'directmessage' : container.channel.name },
          ...(container.ephemeral ? {} : { message: container.message }),
          state: { values: {} },
          response_url: container.responseUrl,
        }
      : {
          container: { type: 'view', view_id: container.view.id },
          view: container.view,
        };
  const payload = {
    type: 'block_actions',
    user: { id: user.id, username: user.name, name: user.name, team_id: TEAM.id },
    api_app_id: BOT.appId,
    token: LEGACY_TOKEN,
    trigger_id: fields.triggerId,
    team: { id: TEAM.id, domain: TEAM.domain },
    enterprise: null,
    is_enterprise_install: false,
    ...where,
    actions: [clicked],
  };
  return formPayload(payload);
}

/** Input values as `view.state.values`: block id → action id → the element's state. */
export type ViewStateValues = Record<string, Record<string, Record<string, unknown>>>;

export function viewRequest(fields: {
  type: 'view_submission' | 'view_closed';
  user: PlaygroundUser;
  view: Record<string, unknown> & { id: string };
  values: ViewStateValues;
  triggerId: string;
}): SlackRequest {
  const payload = {
    type: fields.type,
    team: { id: TEAM.id, domain: TEAM.domain },
    user: { id: fields.user.id, username: fields.user.name, name: fields.user.name, team_id: TEAM.id },
    api_app_id: BOT.appId,
    token: LEGACY_TOKEN,
    ...(fields.type === 'view_submission' ? { trigger_id: fields.triggerId, response_urls: [] } : { is_cleared: false }),
    view: { ...fields.view, state: { values: fields.values }, root_view_id: fields.view.id, previous_view_id: null },
    enterprise: null,
    is_enterprise_install: false,
  };
  return formPayload(payload);
}

function formPayload(payload: Record<string, unknown>): SlackRequest {
  return { body: new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), contentType: 'application/x-www-form-urlencoded' };
}
