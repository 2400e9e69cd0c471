/** Short messages that are not answers: apologies with an error id, rate limits, hints. */
import { contextBlock, sectionBlock } from './answer.js';
import type { RenderedMessage } from './kit.js';
import { escapeMrkdwn } from './mrkdwn.js';

/** A short apology with the id that appears in the logs next to the error. */
export function renderApology(errorId: string): RenderedMessage {
  const id = escapeMrkdwn(errorId);
  return {
    text: `Sorry, something went wrong on my side (error id ${id}).`,
    blocks: [
      sectionBlock(`:warning: Sorry, something went wrong on my side. Please try again in a moment.`),
      contextBlock(`If it keeps happening, tell whoever runs me this error id: \`${id}\``),
    ],
  };
}

/** The per-user rate limit, said kindly. */
export function renderRateLimited(retryAfterSeconds: number): RenderedMessage {
  const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
  const text = `You're asking faster than I can keep up with. Please wait ${seconds} second${seconds === 1 ? '' : 's'} and ask again.`;
  return { text, blocks: [sectionBlock(`:hourglass_flowing_sand: ${text}`)] };
}

/** A one-line hint (plain text from this app, escaped anyway). */
export function renderNotice(text: string): RenderedMessage {
  return { text: escapeMrkdwn(text), blocks: [sectionBlock(`:information_source: ${escapeMrkdwn(text)}`)] };
}
