/**
 * Digest settings and status as messages: the reply to `/tesla digest on|off|status`, and the
 * usage. Pure; every time is shown in the subscription's own time zone.
 */
import { DIGEST_USAGE, formatLocalTime } from '../../core/digest/index.js';
import type { DigestRun, DigestStatus, DigestSubscription } from '../ports.js';
import { contextBlock, sectionBlock } from './answer.js';
import type { KnownBlock, RenderedMessage } from './kit.js';
import { escapeMrkdwn, shorten } from './mrkdwn.js';
import { plain, richSection, richText, type RichInline } from './richText.js';

/** Where the time zone of a new subscription came from, said back to the user. */
export type TimeZoneSource = 'command' | 'slack' | 'default' | 'utc';

export function renderDigestUsage(): RenderedMessage {
  return {
    text: 'How to set up the daily digest',
    blocks: [
      sectionBlock(
        '*Daily digest of new articles* in this channel:\n' +
          '• `/tesla digest on` – every day at 09:00 in your time zone\n' +
          '• `/tesla digest on 07:30 Europe/Berlin battery recall` – at 07:30 Berlin time, only articles about “battery recall”\n' +
          '• add `--always` to get a short “nothing new” line on quiet days (otherwise they are skipped)\n' +
          '• `/tesla digest status` – settings, next digest, recent digests and why one was skipped\n' +
          '• `/tesla digest now` – a private preview of what the channel would get now\n' +
          '• `/tesla digest off` – stop',
      ),
      contextBlock(DIGEST_USAGE),
    ],
  };
}

/** Why a digest is off or was not sent, escaped, with user mentions (`turned off by <@U1>`) kept. */
export function reasonText(reason: string): string {
  return escapeMrkdwn(reason).replace(/&lt;@([UW][A-Z0-9]{2,})&gt;/g, '<@$1>');
}

/**
 * `09:00 Europe/Berlin · topic: battery recall · “nothing new” line: off`, as rich_text: the topic
 * is the user's text, shown literally (a `*` in it cannot break the bold around it).
 */
export function settingsLine(subscription: Pick<DigestSubscription, 'time' | 'timeZone' | 'topic' | 'postWhenEmpty'>): RichInline[] {
  const topic: RichInline[] = subscription.topic === null ? [plain('all new articles')] : [plain('topic: '), plain(shorten(subscription.topic, 200), { bold: true })];
  return [
    plain(subscription.time, { bold: true }),
    plain(` ${subscription.timeZone} · `),
    ...topic,
    plain(` · “nothing new” line: ${subscription.postWhenEmpty ? 'on' : 'off'}`),
  ];
}

/** A channel mention in rich_text (well-formed channel ids only). */
export function channelInline(channelId: string): RichInline {
  return /^[CGD][A-Z0-9]+$/.test(channelId) ? { type: 'channel', channel_id: channelId } : plain(channelId);
}

export function renderSubscribed(status: DigestStatus, zoneSource: TimeZoneSource): RenderedMessage {
  const subscription = status.subscription!;
  const zoneNote = {
    command: '',
    slack: ' (your Slack time zone)',
    default: ' (the default time zone, DIGEST_TZ)',
    utc: ' (UTC: Slack did not tell me your time zone; add one, e.g. `Europe/Berlin`)',
  }[zoneSource];
  const next = status.nextRun === null ? '' : `\nNext digest: ${formatLocalTime(status.nextRun, subscription.timeZone)}.`;
  const blocks: KnownBlock[] = [
    richText([
      richSection([
        plain('✅ '),
        plain('Daily digest on', { bold: true }),
        plain(' for '),
        channelInline(subscription.channelId),
        plain(': '),
        ...settingsLine(subscription),
        plain(`${zoneNote}${next}`),
      ]),
    ]),
    contextBlock(
      'The first one lists the articles first indexed in the last 24 hours (what `/tesla digest now` shows), each later one what is new since the one before. ' +
        (subscription.postWhenEmpty ? 'On days with nothing new it posts one short line.' : 'Days with nothing new are skipped (add `--always` for a short line instead).') +
        ' In a private channel, invite me first: `/invite @tesla`.',
    ),
  ];
  if (status.paused !== null) blocks.push(pausedBlock(status.paused));
  return { text: `Daily digest on at ${subscription.time} ${escapeMrkdwn(subscription.timeZone)}`, blocks };
}

export function renderUnsubscribed(subscription: DigestSubscription | undefined): RenderedMessage {
  const text = subscription === undefined ? 'This channel has no daily digest.' : 'Daily digest turned off for this channel.';
  return { text, blocks: [sectionBlock(`:no_bell: ${text} ${subscription === undefined ? 'Turn it on with `/tesla digest on`.' : 'Turn it on again with `/tesla digest on`.'}`)] };
}

export function renderDigestStatus(status: DigestStatus): RenderedMessage {
  const { subscription } = status;
  const blocks: KnownBlock[] = [];
  if (status.paused !== null) blocks.push(pausedBlock(status.paused));
  if (subscription === undefined) {
    blocks.push(sectionBlock(`:newspaper: This channel has no daily digest. Turn it on with \`/tesla digest on [HH:MM] [time zone] [topic…]\`.`));
    return { text: 'No daily digest here', blocks };
  }
  const next = status.nextRun === null ? '' : `\nNext digest: ${formatLocalTime(status.nextRun, subscription.timeZone)}`;
  const waiting = `\n${status.waiting} new article${status.waiting === 1 ? '' : 's'} waiting for the next digest${subscription.topic === null ? '' : ' (before the topic filter)'}.`;
  if (subscription.enabled) {
    blocks.push(richText([richSection([plain('📰 '), plain('Daily digest: on', { bold: true }), plain(' · '), ...settingsLine(subscription), plain(`${next}${waiting}`)])]));
  } else {
    blocks.push(sectionBlock(`:newspaper: *Daily digest: off* · ${reasonText(subscription.disabledReason ?? 'turned off')}`));
    blocks.push(richText([richSection([plain('Settings kept: '), ...settingsLine(subscription), plain(waiting)])]));
  }
  if (status.recent.length > 0) {
    blocks.push(sectionBlock(`*Recent digests*\n${status.recent.map((run) => runLine(run, subscription.timeZone)).join('\n')}`));
  } else {
    blocks.push(contextBlock('No digest has been due yet.'));
  }
  if (!subscription.enabled) blocks.push(contextBlock('Turn it on again with `/tesla digest on` (in a private channel, `/invite @tesla` first).'));
  return { text: subscription.enabled ? 'Daily digest: on' : 'Daily digest: off', blocks };
}

/** One line of a run's outcome, with why it was skipped or failed. */
export function runLine(run: DigestRun, timeZone: string): string {
  const when = formatLocalTime(run.finishedAt ?? run.claimedAt, timeZone);
  const detail = run.detail === null ? '' : `: ${reasonText(shorten(run.detail, 400))}`;
  switch (run.status) {
    case 'sent':
      return `• ${run.runDate} — sent ${when}, ${run.documents} article${run.documents === 1 ? '' : 's'}${detail}`;
    case 'empty':
      return `• ${run.runDate} — skipped${detail}`;
    case 'skipped':
      return `• ${run.runDate} — not sent${detail}`;
    case 'failed':
      return `• ${run.runDate} — failed${detail}`;
    case 'retry':
      return `• ${run.runDate} — not sent yet, will retry${detail}`;
    case 'claimed':
      return `• ${run.runDate} — being sent (attempt ${run.attempt})`;
  }
}

function pausedBlock(reason: string): KnownBlock {
  return sectionBlock(
    `:rotating_light: *All digests are stopped*: ${escapeMrkdwn(reason)}. Whoever runs me must fix \`SLACK_BOT_TOKEN\` and restart me; digests due in the last 6 hours are then sent.`,
  );
}
