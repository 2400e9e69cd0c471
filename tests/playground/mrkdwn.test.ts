/** The page's mrkdwn reader: what Slack would show, and never a mention or link the app escaped. */
import { describe, expect, it } from 'vitest';
import { escapeMrkdwn } from '../../src/slack/blocks/mrkdwn.js';
import { parseMrkdwn, textOf } from '../../src/playground/web/mrkdwn.js';

describe('mrkdwn on the playground page', () => {
  it('reads bold, italic, strike, code and emoji', () => {
    expect(parseMrkdwn(':mag: *Q:* what _did_ ~he~ say `now`')).toEqual([
      { type: 'emoji', name: 'mag', text: '🔍' },
      { type: 'text', text: ' ' },
      { type: 'bold', children: [{ type: 'text', text: 'Q:' }] },
      { type: 'text', text: ' what ' },
      { type: 'italic', children: [{ type: 'text', text: 'did' }] },
      { type: 'text', text: ' ' },
      { type: 'strike', children: [{ type: 'text', text: 'he' }] },
      { type: 'text', text: ' say ' },
      { type: 'code', text: 'now' },
    ]);
  });

  it('leaves marks inside words and unknown emoji alone', () => {
    expect(textOf(parseMrkdwn('snake_case_name 2*3*4 at 09:00:00 :not_an_emoji:'))).toBe('snake_case_name 2*3*4 at 09:00:00 :not_an_emoji:');
    expect(parseMrkdwn('a * b * c')).toEqual([{ type: 'text', text: 'a * b * c' }]);
  });

  it('reads block quotes (with bold inside) and keeps the line after them outside', () => {
    const nodes = parseMrkdwn('>“If *Tesla* used cars to spy”\n>second line\n— *Elon Musk*');
    expect(nodes[0]).toEqual({
      type: 'quote',
      children: [
        { type: 'text', text: '“If ' },
        { type: 'bold', children: [{ type: 'text', text: 'Tesla' }] },
        { type: 'text', text: ' used cars to spy”' },
        { type: 'br' },
        { type: 'text', text: 'second line' },
      ],
    });
    expect(nodes.slice(1)).toEqual([{ type: 'text', text: '— ' }, { type: 'bold', children: [{ type: 'text', text: 'Elon Musk' }] }]);
  });

  it('reads links, mentions, channels and broadcasts, and italic around a mention', () => {
    expect(parseMrkdwn('<https://example.com/a_b|the *article*> by <@U0YOU00001> in <#C0GENERAL0|general> <!here>')).toEqual([
      { type: 'link', url: 'https://example.com/a_b', label: 'the *article*' },
      { type: 'text', text: ' by ' },
      { type: 'user', id: 'U0YOU00001', label: null },
      { type: 'text', text: ' in ' },
      { type: 'channel', id: 'C0GENERAL0', label: 'general' },
      { type: 'text', text: ' ' },
      { type: 'broadcast', name: 'here', label: null },
    ]);
    expect(parseMrkdwn('_asked by <@U0YOU00001>_')).toEqual([{ type: 'italic', children: [{ type: 'text', text: 'asked by ' }, { type: 'user', id: 'U0YOU00001', label: null }] }]);
    expect(parseMrkdwn('<javascript:alert(1)|click>')).toEqual([{ type: 'text', text: 'click' }]);
  });

  it('shows escaped text as text: no ping, no mention, no link, no quote', () => {
    const hostile = '<!channel> <@U123> <https://evil.example|click> > not a quote & more';
    const nodes = parseMrkdwn(escapeMrkdwn(hostile));
    expect(nodes).toEqual([{ type: 'text', text: hostile }]);
    expect(parseMrkdwn('&gt; quoted?')).toEqual([{ type: 'text', text: '> quoted?' }]);
    expect(parseMrkdwn('`&lt;b&gt;`')).toEqual([{ type: 'code', text: '<b>' }]);
  });

  it('reads preformatted blocks literally', () => {
    expect(parseMrkdwn('before\n```*not bold*\n<@U1>```\nafter')).toEqual([
      { type: 'text', text: 'before' },
      { type: 'br' },
      { type: 'pre', text: '*not bold*\n<@U1>' },
      { type: 'br' },
      { type: 'text', text: 'after' },
    ]);
  });
});
