/**
 * Block Kit types (from Slack's own type package, through Bolt) and the limits every
 * rendered message respects.
 */
import type { types } from '@slack/bolt';

export type KnownBlock = types.KnownBlock;
export type SectionBlock = types.SectionBlock;
export type ContextBlock = types.ContextBlock;
export type ActionsBlock = types.ActionsBlock;
export type Button = types.Button;
export type HomeView = types.HomeView;

/** A message ready for chat.postMessage, chat.postEphemeral or a response_url. */
export interface RenderedMessage {
  /** Notification and accessibility fallback: short, escaped. */
  text: string;
  blocks: KnownBlock[];
}

/** Slack's hard limits, and the budget this app keeps under them. */
export const LIMITS = {
  /** Blocks in one message (Slack: 50). */
  messageBlocks: 50,
  /** Blocks in a Home tab view (Slack: 100). */
  homeBlocks: 100,
  /** Characters in one mrkdwn/plain text object of a section (Slack: 3000). */
  sectionText: 3000,
  /** Characters in one context element; kept well under the section limit. */
  contextText: 2000,
  /** Characters of a button's label (Slack: 75) and value (Slack: 2000). */
  buttonLabel: 75,
  buttonValue: 2000,
  /** Characters of all text in one message: long answers stop here and continue with "More". */
  messageTotal: 12_000,
  /** Characters of the top-level fallback `text`. */
  fallbackText: 300,
  /** Characters of an excerpt shown in full; longer ones are cut with an ellipsis. */
  excerpt: 1_500,
} as const;

/** Total characters of text carried by blocks (what `LIMITS.messageTotal` budgets). */
export function textSize(blocks: readonly KnownBlock[]): number {
  return JSON.stringify(blocks).length;
}
