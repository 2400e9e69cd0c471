// Slack's mrkdwn, parsed the way Slack reads it, into a small tree the page turns into DOM nodes
// (never into HTML strings, so no text can become markup).
//
// Read on the raw text: `<…>` tokens (links, @user, #channel, <!here>), `*bold*`, `_italic_`,
// `~strike~`, `` `code` ``, ``` ```pre``` ```, block quotes (`>` at the start of a line) and
// `:emoji:`. Only then are `&amp;`, `&lt;`, `&gt;` decoded, so an escaped `&lt;!channel&gt;`
// shows as the text "<!channel>" and never as a mention.
import { EMOJI } from './emoji.js';

/** `&amp;` `&lt;` `&gt;` → `&` `<` `>` (the only entities Slack uses). */
export function decodeEntities(text) {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** Block-level parse: preformatted blocks, block quotes, and lines of inline text. */
export function parseMrkdwn(text) {
  const nodes = [];
  const fence = /```([\s\S]*?)```/g;
  let position = 0;
  for (let match = fence.exec(text); match !== null; match = fence.exec(text)) {
    parseLines(text.slice(position, match.index), nodes);
    nodes.push({ type: 'pre', text: decodeEntities(match[1].replace(/^\n/, '').replace(/\n$/, '')) });
    position = match.index + match[0].length;
  }
  parseLines(text.slice(position), nodes);
  return nodes;
}

function parseLines(text, nodes) {
  if (text === '') return;
  const lines = text.split('\n');
  let quote = null;
  let first = true;
  for (const line of lines) {
    if (line.startsWith('>')) {
      const content = line.slice(1).replace(/^ /, '');
      if (quote === null) {
        quote = { type: 'quote', children: [] };
        nodes.push(quote);
      } else {
        quote.children.push({ type: 'br' });
      }
      quote.children.push(...parseInline(content));
      first = false;
      continue;
    }
    const afterQuote = quote !== null;
    quote = null;
    if (!first && !afterQuote) nodes.push({ type: 'br' });
    nodes.push(...parseInline(line));
    first = false;
  }
}

const WORD = /[\p{L}\p{N}]/u;
const MARKS = { '*': 'bold', _: 'italic', '~': 'strike' };

/** Inline parse of one line. */
export function parseInline(text) {
  const nodes = [];
  let buffer = '';
  const flush = () => {
    if (buffer !== '') nodes.push({ type: 'text', text: decodeEntities(buffer) });
    buffer = '';
  };
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '<') {
      const end = text.indexOf('>', i + 1);
      if (end > i + 1 && !text.slice(i + 1, end).includes('<')) {
        flush();
        nodes.push(angleToken(text.slice(i + 1, end)));
        i = end + 1;
        continue;
      }
    }
    if (ch === '`') {
      const end = text.indexOf('`', i + 1);
      if (end > i + 1) {
        flush();
        nodes.push({ type: 'code', text: decodeEntities(text.slice(i + 1, end)) });
        i = end + 1;
        continue;
      }
    }
    if (ch in MARKS && opens(text, i)) {
      const end = closing(text, i);
      if (end !== -1) {
        flush();
        nodes.push({ type: MARKS[ch], children: parseInline(text.slice(i + 1, end)) });
        i = end + 1;
        continue;
      }
    }
    if (ch === ':') {
      const match = /^:([a-z0-9_+'-]+):/.exec(text.slice(i));
      if (match !== null && EMOJI[match[1]] !== undefined) {
        flush();
        nodes.push({ type: 'emoji', name: match[1], text: EMOJI[match[1]] });
        i += match[0].length;
        continue;
      }
    }
    buffer += ch;
    i += 1;
  }
  flush();
  return nodes;
}

/** A formatting mark opens at `i` when it does not follow a letter or digit and a non-space follows it. */
function opens(text, i) {
  const before = i === 0 ? '' : text[i - 1];
  const after = text[i + 1];
  if (after === undefined || /\s/.test(after) || after === text[i]) return false;
  return before === '' || (!WORD.test(before) && before !== text[i]);
}

/** Where the mark opened at `start` closes: after a non-space, before a non-word; skipping `<…>` and `` `…` ``. */
function closing(text, start) {
  const mark = text[start];
  for (let k = start + 2; k < text.length; k += 1) {
    const ch = text[k];
    if (ch === '<') {
      const end = text.indexOf('>', k + 1);
      if (end !== -1) k = end;
      continue;
    }
    if (ch === '`') {
      const end = text.indexOf('`', k + 1);
      if (end !== -1) k = end;
      continue;
    }
    if (ch !== mark) continue;
    const before = text[k - 1];
    const after = k + 1 < text.length ? text[k + 1] : '';
    if (/\s/.test(before)) continue;
    if (after === '' || !WORD.test(after)) return k;
  }
  return -1;
}

/** `<@U1>`, `<#C1|general>`, `<!here>`, `<!date^…|fallback>`, `<https://x|label>`, `<mailto:…>`. */
function angleToken(inner) {
  const bar = inner.indexOf('|');
  const target = bar === -1 ? inner : inner.slice(0, bar);
  const label = bar === -1 ? null : decodeEntities(inner.slice(bar + 1));
  if (target.startsWith('@')) return { type: 'user', id: target.slice(1), label };
  if (target.startsWith('#')) return { type: 'channel', id: target.slice(1), label };
  if (target.startsWith('!')) {
    const [name] = target.slice(1).split('^');
    if (name === 'here' || name === 'channel' || name === 'everyone') return { type: 'broadcast', name, label };
    return { type: 'text', text: label ?? `@${name}` };
  }
  const url = decodeEntities(target);
  if (/^(https?:\/\/|mailto:)/i.test(url)) return { type: 'link', url, label: label ?? url };
  return { type: 'text', text: label ?? url };
}

/** Plain text objects: literal, with `:emoji:` shown as pictures when `emoji` is not false. */
export function plainTextWithEmoji(text, emoji) {
  if (emoji === false) return text;
  return text.replace(/:([a-z0-9_+'-]+):/g, (whole, name) => EMOJI[name] ?? whole);
}

/** The text a tree shows, for tests and accessibility labels. */
export function textOf(nodes, names = {}) {
  return nodes
    .map((node) => {
      switch (node.type) {
        case 'text':
        case 'code':
        case 'pre':
          return node.text;
        case 'emoji':
          return node.text;
        case 'br':
          return '\n';
        case 'user':
          return `@${node.label ?? names.user?.(node.id) ?? node.id}`;
        case 'channel':
          return `#${node.label ?? names.channel?.(node.id) ?? node.id}`;
        case 'broadcast':
          return `@${node.name}`;
        case 'link':
          return node.label;
        default:
          return textOf(node.children ?? [], names);
      }
    })
    .join('');
}
