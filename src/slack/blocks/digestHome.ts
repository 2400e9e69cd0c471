/**
 * Daily digests on the App Home: every subscription of the workspace with its settings and
 * state (on, off and why, next digest), buttons to change it or turn it on or off, and a modal
 * with the same settings as `/tesla digest on`. Pure rendering; the listeners in
 * `listeners/views` and `listeners/actions` act on it.
 */
import { formatLocalTime } from '../../core/digest/index.js';
import type { DigestSettings, DigestStatus } from '../ports.js';
import { contextBlock, sectionBlock } from './answer.js';
import { reasonText, runLine, settingsLine } from './digestStatus.js';
import type { KnownBlock } from './kit.js';
import { escapeMrkdwn } from './mrkdwn.js';
import { richSection, richText } from './richText.js';
import type { types } from '@slack/bolt';

export const DIGEST_ACTION_IDS = {
  add: 'home_digest_add',
  edit: 'home_digest_edit',
  toggle: 'home_digest_toggle',
} as const;

export const DIGEST_MODAL_CALLBACK = 'digest_settings';

/** Block and action ids of the modal's inputs. */
export const DIGEST_MODAL_FIELDS = {
  channel: 'digest_channel',
  time: 'digest_time',
  timeZone: 'digest_time_zone',
  topic: 'digest_topic',
  options: 'digest_options',
  value: 'value',
  postWhenEmpty: 'post_when_empty',
} as const;

/** What the modal remembers: the channel being changed (null: chosen in the modal). */
export interface DigestModalMetadata {
  channelId: string | null;
}

/** Most subscriptions listed on the Home tab (each takes three or four blocks). */
const MAX_LISTED = 15;

export function digestHomeBlocks(statuses: readonly DigestStatus[]): KnownBlock[] {
  const blocks: KnownBlock[] = [{ type: 'header', text: { type: 'plain_text', text: 'Daily digests' } }];
  const paused = statuses.find((s) => s.paused !== null)?.paused ?? null;
  if (paused !== null) blocks.push(sectionBlock(`:rotating_light: *All digests are stopped*: ${escapeMrkdwn(paused)}.`));
  if (statuses.length === 0) {
    blocks.push(sectionBlock('No channel gets a daily digest yet. Add one here, or type `/tesla digest on` in the channel.'));
  }
  for (const status of statuses.slice(0, MAX_LISTED)) {
    const subscription = status.subscription;
    if (subscription === undefined) continue;
    const state = subscription.enabled
      ? `on${status.nextRun === null ? '' : ` · next: ${formatLocalTime(status.nextRun, subscription.timeZone)}`}`
      : `*off*: ${reasonText(subscription.disabledReason ?? 'turned off')}`;
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: `<#${subscription.channelId}> — ${state}` },
      accessory: {
        type: 'overflow',
        action_id: DIGEST_ACTION_IDS.edit,
        options: [
          { text: { type: 'plain_text', text: 'Change settings' }, value: `edit:${subscription.channelId}` },
          { text: { type: 'plain_text', text: subscription.enabled ? 'Turn off' : 'Turn on' }, value: `${subscription.enabled ? 'off' : 'on'}:${subscription.channelId}` },
        ],
      },
    });
    blocks.push(richText([richSection(settingsLine(subscription))]));
    const last = status.recent[0];
    if (last !== undefined) blocks.push(contextBlock(`Last: ${runLine(last, subscription.timeZone).replace(/^• /, '')}`));
  }
  if (statuses.length > MAX_LISTED) blocks.push(contextBlock(`…and ${statuses.length - MAX_LISTED} more channels (see \`/tesla digest status\` in each).`));
  blocks.push({
    type: 'actions',
    block_id: 'home_digests',
    elements: [{ type: 'button', action_id: DIGEST_ACTION_IDS.add, text: { type: 'plain_text', text: 'Add a daily digest' }, value: 'add' }],
  });
  return blocks;
}

/** The settings modal, for a new digest (channel picked in it) or an existing one. */
export function renderDigestModal(input: { channelId: string | null; settings: DigestSettings }): types.ModalView {
  const { settings } = input;
  const F = DIGEST_MODAL_FIELDS;
  const blocks: KnownBlock[] = [];
  if (input.channelId === null) {
    blocks.push({
      type: 'input',
      block_id: F.channel,
      label: { type: 'plain_text', text: 'Channel' },
      element: { type: 'conversations_select', action_id: F.value, filter: { include: ['public', 'private'], exclude_bot_users: true } },
      hint: { type: 'plain_text', text: 'For a private channel, invite me there first (/invite @tesla).' },
    });
  } else {
    blocks.push(sectionBlock(`Daily digest for <#${input.channelId}>`));
  }
  blocks.push(
    {
      type: 'input',
      block_id: F.time,
      label: { type: 'plain_text', text: 'Time of day' },
      element: { type: 'timepicker', action_id: F.value, initial_time: settings.time },
    },
    {
      type: 'input',
      block_id: F.timeZone,
      label: { type: 'plain_text', text: 'Time zone' },
      element: { type: 'plain_text_input', action_id: F.value, initial_value: settings.timeZone, placeholder: { type: 'plain_text', text: 'Europe/Berlin' } },
      hint: { type: 'plain_text', text: 'An IANA name such as Europe/Berlin, America/New_York or UTC.' },
    },
    {
      type: 'input',
      block_id: F.topic,
      optional: true,
      label: { type: 'plain_text', text: 'Topic' },
      element: {
        type: 'plain_text_input',
        action_id: F.value,
        ...(settings.topic === null ? {} : { initial_value: settings.topic }),
        placeholder: { type: 'plain_text', text: 'e.g. battery recall (only articles with all these words)' },
      },
    },
    {
      type: 'input',
      block_id: F.options,
      optional: true,
      label: { type: 'plain_text', text: 'Quiet days' },
      element: {
        type: 'checkboxes',
        action_id: F.value,
        options: [postWhenEmptyOption()],
        ...(settings.postWhenEmpty ? { initial_options: [postWhenEmptyOption()] } : {}),
      },
    },
  );
  const metadata: DigestModalMetadata = { channelId: input.channelId };
  return {
    type: 'modal',
    callback_id: DIGEST_MODAL_CALLBACK,
    private_metadata: JSON.stringify(metadata),
    title: { type: 'plain_text', text: 'Daily digest' },
    submit: { type: 'plain_text', text: 'Save' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks,
  };
}

function postWhenEmptyOption() {
  return { text: { type: 'plain_text' as const, text: 'Post a short “nothing new” line when there is nothing new' }, value: DIGEST_MODAL_FIELDS.postWhenEmpty };
}
