// Types of mrkdwn.js, for the unit tests that import it (the page itself is plain JavaScript).

export type MrkdwnNode =
  | { type: 'text'; text: string }
  | { type: 'code'; text: string }
  | { type: 'pre'; text: string }
  | { type: 'br' }
  | { type: 'emoji'; name: string; text: string }
  | { type: 'bold' | 'italic' | 'strike' | 'quote'; children: MrkdwnNode[] }
  | { type: 'user'; id: string; label: string | null }
  | { type: 'channel'; id: string; label: string | null }
  | { type: 'broadcast'; name: 'here' | 'channel' | 'everyone'; label: string | null }
  | { type: 'link'; url: string; label: string };

export function decodeEntities(text: string): string;
export function parseMrkdwn(text: string): MrkdwnNode[];
export function parseInline(text: string): MrkdwnNode[];
export function plainTextWithEmoji(text: string, emoji?: boolean): string;
export function textOf(nodes: MrkdwnNode[], names?: { user?: (id: string) => string; channel?: (id: string) => string }): string;
