/**
 * Who and what is in the playground's workspace: one team, you, the bot, Slackbot, two channels
 * and your DM with the bot. Ids have Slack's shapes (`T…`, `U…`, `B…`, `C…`, `D…`), so every id
 * check in the app (mentions, Home metadata, digest menus) treats them as it treats Slack's.
 */

export const TEAM = { id: 'T0PLAYGND', domain: 'playground', name: 'Playground' } as const;

/** The app's bot user, as `auth.test` reports it. */
export const BOT = { userId: 'U0TESLABOT', botId: 'B0TESLABOT', appId: 'A0TESLAAPP', name: 'tesla' } as const;

/** The person at the keyboard. */
export const YOU = 'U0YOU00001';

/** Slack's own notices ("/foo is not a valid command"). */
export const SLACKBOT = 'USLACKBOT';

export interface PlaygroundUser {
  id: string;
  name: string;
  realName: string;
  isBot: boolean;
  /** IANA time zone, as `users.info` tells it (yours comes from the browser). */
  tz: string | null;
}

export interface PlaygroundChannel {
  id: string;
  name: string;
  /** A public channel, or a direct message with `user`. */
  kind: 'channel' | 'im';
  topic: string;
  /** For a DM: the other member. */
  user?: string;
}

export const GENERAL = 'C0GENERAL0';
export const RANDOM = 'C0RANDOM00';
/** Your DM with the bot (the app's Messages tab). */
export const BOT_DM = 'D0TESLADM0';

export function initialUsers(): PlaygroundUser[] {
  return [
    { id: YOU, name: 'you', realName: 'You', isBot: false, tz: null },
    { id: BOT.userId, name: BOT.name, realName: 'tesla', isBot: true, tz: null },
    { id: SLACKBOT, name: 'slackbot', realName: 'Slackbot', isBot: true, tz: null },
  ];
}

export function initialChannels(): PlaygroundChannel[] {
  return [
    { id: GENERAL, name: 'general', kind: 'channel', topic: 'Ask @tesla about the news corpus: /tesla what did Musk say' },
    { id: RANDOM, name: 'random', kind: 'channel', topic: 'A second channel, for a second digest' },
    { id: BOT_DM, name: BOT.name, kind: 'im', topic: 'Your direct messages with the app', user: BOT.userId },
  ];
}
