import { describe, expect, it } from 'vitest';
import { escapeMrkdwn, mentionUser, mrkdwnLink, shorten } from '../../../src/slack/blocks/mrkdwn.js';
import { highlighted, questionTerms } from '../../../src/slack/blocks/highlight.js';

describe('mrkdwn helpers', () => {
  it('escapes &, < and > (in that order, so nothing is escaped twice)', () => {
    expect(escapeMrkdwn('<!channel> & <@U1> &amp;')).toBe('&lt;!channel&gt; &amp; &lt;@U1&gt; &amp;amp;');
  });

  it('links only http(s) URLs, encoding what mrkdwn would read as syntax', () => {
    expect(mrkdwnLink('https://a.example/x?q=1&r=2', 'T<i>')).toBe('<https://a.example/x?q=1&amp;r=2|T&lt;i&gt;>');
    expect(mrkdwnLink('https://a.example/a|b>c', 'x')).toBe('<https://a.example/a%7Cb%3Ec|x>');
    expect(mrkdwnLink('javascript:alert(1)', 'x')).toBe('x');
    expect(mrkdwnLink(null, 'a & b')).toBe('a &amp; b');
  });

  it('mentions only well-formed user ids', () => {
    expect(mentionUser('U123ABC')).toBe('<@U123ABC>');
    expect(mentionUser('<!channel>')).toBe('&lt;!channel&gt;');
  });

  it('shortens at a word boundary with an ellipsis', () => {
    expect(shorten('short', 10)).toBe('short');
    expect(shorten('the quick brown fox jumps', 16)).toBe('the quick brown…');
    expect(shorten('abcdefghijklmnop', 5)).toBe('abcd…');
  });

  it('quotes every line', () => {
  });
});

describe('highlighted (rich_text)', () => {
  const joined = (elements: Array<{ text: string }>) => elements.map((e) => e.text).join('');

  it('bolds the words that match the question, by index term, merging neighbours, as a style', () => {
    const terms = questionTerms('what did Elon Musk say about cameras source:"TRT World" since:2021-05-01');
    expect(terms.has('world')).toBe(false);
    expect(highlighted('Elon Musk said the camera is off.', terms)).toEqual([
      { type: 'text', text: 'Elon Musk', style: { bold: true } },
      { type: 'text', text: ' said the ' },
      { type: 'text', text: 'camera', style: { bold: true } },
      { type: 'text', text: ' is off.' },
    ]);
  });

  it('keeps every character literally: nothing is escaped, added or dropped', () => {
    const text = '<!channel> & *very* `rm -rf /` channel _x_ ~y~ <https://evil.example|click>';
    for (const terms of [questionTerms('channel very'), new Set<string>()]) expect(joined(highlighted(text, terms))).toBe(text);
  });
});
