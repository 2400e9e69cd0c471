import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readFrontMatter } from '../../../src/core/corpus/metadata.js';
import { MAX_MERGED_QUOTATION_CHARS, segment, type Segmentation } from '../../../src/core/corpus/segment.js';
import type { Span } from '../../../src/core/corpus/types.js';

const seed = (id: string): string => readFileSync(`seeds/${id}.txt`, 'utf8');

describe('segment', () => {
  it('gives sentences whose offsets slice the text exactly', () => {
    const text = seed('000_c39a801cf85dcbb3');
    const { sentences } = segment(text, 0);
    const quote = sentences.find((s) => text.slice(s.start, s.end).startsWith('“If Tesla used cars'));
    expect(quote).toMatchObject({ start: 1856, end: 1928 });
  });

  it('keeps abbreviations and decimals inside sentences', () => {
    const text = 'The U.S. labeled Huawei a threat. Mr. Smith said on Feb. 3 that sales rose 3.5 percent. Done.';
    const { sentences } = segment(text, 0);
    expect(sentences.map((s) => text.slice(s.start, s.end))).toEqual([
      'The U.S. labeled Huawei a threat.',
      'Mr. Smith said on Feb. 3 that sales rose 3.5 percent.',
      'Done.',
    ]);
  });

  it('keeps a quotation that spans sentences in one unit', () => {
    const text = '"The security of data is very important. All data will be stored in China," Tesla said. Next.';
    const { sentences } = segment(text, 0);
    expect(text.slice(sentences[0]!.start, sentences[0]!.end)).toBe(
      '"The security of data is very important. All data will be stored in China," Tesla said.',
    );
  });

  it('reads headline, Published: line, section menu and outlet sign-off as metadata, never as prose', () => {
    const text = seed('002_5fed4d3acbf6fb6c');
    const { stated, sentences } = segment(text, 0);
    expect(stated).toMatchObject({
      title: 'Tesla promises to store data from cars sold in China in the country to avoid suspicions of espionage',
      published: '2021-05-26',
      outlet: 'News ru',
    });
    const prose = sentences.map((s) => text.slice(s.start, s.end)).join('\n');
    expect(prose).not.toContain('NEW CARS AUTO INDUSTRY');
    expect(prose).not.toContain('News ru');
    expect(prose).not.toContain('Published:');
  });

  it('reads a Source: line as the outlet and skips SEE ALSO links', () => {
    expect(segment(seed('003_6c1a8c9789bfba52'), 0).stated.outlet).toBe('TRT World');
    const text = seed('000_c39a801cf85dcbb3');
    const prose = segment(text, 0).sentences.map((s) => text.slice(s.start, s.end)).join('\n');
    expect(prose).not.toContain('SEE ALSO');
  });

  it('states no headline when the text opens with prose', () => {
    expect(segment(seed('001_953c6a8def8152e0'), 0).stated.title).toBeUndefined();
    expect(segment(seed('004_fdd6b21969784f78'), 0).stated.title).toBeUndefined();
  });

  it('groups sentences of a paragraph into passages of at most three', () => {
    const { passages, sentences } = segment(seed('004_fdd6b21969784f78'), 0);
    for (const p of passages) {
      expect(p.lastSentence - p.firstSentence).toBeLessThan(3);
      expect(sentences[p.firstSentence]!.paragraph).toBe(sentences[p.lastSentence]!.paragraph);
    }
  });
});

describe('segment with markup', () => {
  it('does not end a sentence inside angle brackets', () => {
    const text = 'The recall notice went to <!channel> and all staff. Next sentence.';
    const { sentences } = segment(text, 0);
    expect(text.slice(sentences[0]!.start, sentences[0]!.end)).toBe('The recall notice went to <!channel> and all staff.');
  });
});

/** A fixture of tests/fixtures/styles, segmented from after its front matter. */
function styled(name: string): { text: string; seg: Segmentation; sentences: string[]; paragraphs: string[] } {
  const text = readFileSync(`tests/fixtures/styles/${name}`, 'utf8');
  const seg = segment(text, readFrontMatter(text).bodyStart);
  const slice = (s: Span): string => text.slice(s.start, s.end);
  return { text, seg, sentences: seg.sentences.map(slice), paragraphs: seg.paragraphs.map(slice) };
}

const STYLES = readdirSync('tests/fixtures/styles');

describe('segment by the layout of the file', () => {
  it.each(STYLES)('%s: sentences are trimmed exact slices inside their paragraph, at most 400 characters', (name) => {
    const { text, seg } = styled(name);
    expect(seg.sentences.length).toBeGreaterThan(0);
    for (const s of seg.sentences) {
      const sentence = text.slice(s.start, s.end);
      expect(sentence).toBe(sentence.trim());
      const paragraph = seg.paragraphs[s.paragraph]!;
      expect(s.start).toBeGreaterThanOrEqual(paragraph.start);
      expect(s.end).toBeLessThanOrEqual(paragraph.end);
      expect(s.end - s.start).toBeLessThanOrEqual(MAX_MERGED_QUOTATION_CHARS);
    }
    for (let i = 1; i < seg.paragraphs.length; i++) expect(seg.paragraphs[i]!.start).toBeGreaterThan(seg.paragraphs[i - 1]!.end);
  });

  it('joins the lines of a hard-wrapped paragraph: a sentence spans the line break', () => {
    const { paragraphs, sentences } = styled('wire-wrapped.txt');
    expect(paragraphs).toHaveLength(4);
    expect(paragraphs[1]).toBe(
      'The company said freight revenue climbed to 412 million crowns from\n371 million a year earlier, while passenger revenue was flat at 198\nmillion crowns as fewer commuters travelled on Mondays and Fridays.',
    );
    expect(sentences).toContain('Analysts had expected net profit of about 80 million crowns.');
    expect(sentences).toContain('Shares\nin the company rose 3.4 percent to 96.50 crowns by midday, the\nbiggest gain on the Ostervik exchange.');
  });

  it('keeps the dateline in the first paragraph but out of its first sentence', () => {
    const { paragraphs, sentences } = styled('wire-wrapped.txt');
    expect(paragraphs[0]).toMatch(/^OSTERVIK, April 8 \(Newswire\) - Norland Rail/);
    expect(sentences[0]).toMatch(/^Norland Rail Corp said first-quarter\nnet profit rose 12 percent/);
  });

  it('reads a table of figures, its caption, a headline in capitals and the sign-off as no prose', () => {
    const { seg, sentences } = styled('wire-wrapped.txt');
    const prose = sentences.join('\n');
    for (const line of ['Qtr to March 31', 'Shr', 'mln vs', 'Newswire']) expect(prose).not.toContain(line);
    expect(seg.stated).toMatchObject({ title: 'NORLAND RAIL POSTS HIGHER FIRST-QUARTER PROFIT', outlet: 'Newswire' });
  });

  it('starts a paragraph at an indented line and never joins a table into a paragraph', () => {
    const { paragraphs, sentences, seg } = styled('indented-wire.txt');
    expect(seg.stated.title).toBe('HARBOR LIGHT FERRIES SEES LOWER SUMMER TRAFFIC');
    expect(paragraphs.map((p) => p.slice(0, 30))).toEqual([
      'SKARVIK, June 2 - Harbor Light',
      'The company said bookings for ',
      'It said it would lease a vesse',
    ]);
    expect(paragraphs[1]).toMatch(/unchanged\.$/);
    expect(sentences[0]).toMatch(/^Harbor Light Ferries said/);
    expect(sentences.join('\n')).not.toMatch(/Passengers|Freight|tonnes/);
  });

  it('reads CRLF line endings: sentences span "\\r\\n" and slice the file exactly', () => {
    const { sentences, paragraphs } = styled('crlf-wrapped.txt');
    expect(paragraphs).toHaveLength(3);
    expect(sentences[0]).toBe(
      'Harbor Light Ferries has ordered two battery-powered\r\nvessels for its island routes, the company said on Wednesday, in a\r\ndeal worth about 300 million crowns.',
    );
    expect(sentences.every((s) => !s.endsWith('\r'))).toBe(true);
  });

  it('keeps one line per paragraph when paragraphs are one sentence apart by blank lines', () => {
    const { paragraphs, sentences } = styled('one-sentence-paragraphs.txt');
    expect(paragraphs).toEqual(sentences);
    // Prose that ends on a figure stays; a Title Case subheading does not.
    expect(sentences).toContain('Season tickets for commuters will cost 640 crowns a month, up from 592');
    expect(sentences).toContain('The next fare review is due in 2027');
    expect(sentences).not.toContain('Fuel Costs Behind the Rise');
    expect(sentences).toHaveLength(7);
  });

  it('keeps one line per paragraph without blank lines, and drops a related headline among them', () => {
    const { paragraphs, seg } = styled('one-line-per-paragraph.txt');
    expect(seg.stated.title).toBe('Mountain village opens first solar-powered ski lift');
    expect(paragraphs).toHaveLength(4);
    expect(paragraphs.every((p) => !p.includes('\n'))).toBe(true);
    expect(paragraphs.join('\n')).not.toContain('parking fees');
  });

  it('reads Markdown: headings apart, list items one by one without their marker, wrapped paragraphs joined', () => {
    const { paragraphs, sentences, seg } = styled('markdown.md');
    expect(seg.stated.title).toBe('Community garden doubles in size');
    expect(sentences.join('\n')).not.toMatch(/What volunteers grow|^- |Kale/m);
    expect(sentences).toContain('Potatoes and onions, which keep through the winter.');
    expect(sentences).toContain('Beans, sown in rows along the\n  southern fence.');
    expect(sentences).toContain('Herbs for the school kitchen');
    expect(paragraphs[0]).toMatch(/^The community garden .* this\nspring, .*\nsince the depot closed\.$/s);
    expect(sentences).toContain('"We had a waiting list of more than a hundred\nhouseholds last year," he said.');
  });

  it('splits a quotation running over several paragraphs at its paragraphs, in units of at most 400 characters', () => {
    const { text, seg } = styled('quotation.txt');
    const opening = seg.paragraphs.findIndex((p) => text.startsWith('“I will miss', p.start));
    const units = seg.sentences.filter((s) => s.paragraph === opening).map((s) => text.slice(s.start, s.end));
    expect(units.length).toBeGreaterThan(1);
    expect(units[0]).toMatch(/^“I will miss the quiet hours/);
    expect(units.join(' ')).toBe(text.slice(seg.paragraphs[opening]!.start, seg.paragraphs[opening]!.end));
  });
});

/** `line` wrapped greedily at `width` columns, as a text export or a mail client does. */
function hardWrap(line: string, width: number): string {
  const lines: string[] = [];
  let current = '';
  for (const word of line.split(' ').filter(Boolean)) {
    if (current && current.length + 1 + word.length > width) {
      lines.push(current);
      current = word;
    } else current = current ? `${current} ${word}` : word;
  }
  return [...lines, current].join('\n');
}

describe('segment hard-wrapped copies of the seeds', () => {
  const sentencesOf = (text: string): string[] =>
    segment(text, 0).sentences.map((s) => text.slice(s.start, s.end).replace(/\s+/g, ' '));

  it.each([60, 66, 72, 80])('finds the same sentences in the seeds wrapped at %i columns as in one line per paragraph', (width) => {
    for (const file of readdirSync('seeds')) {
      const lines = seed(file.replace(/\.txt$/, '')).split('\n').map((l) => l.trim()).filter(Boolean);
      const wrapped = lines.map((l) => hardWrap(l, width)).join('\n\n');
      expect(sentencesOf(wrapped), file).toEqual(sentencesOf(lines.join('\n\n')));
      expect(segment(wrapped, 0).sentences.some((s) => wrapped.slice(s.start, s.end).includes('\n'))).toBe(true);
    }
  });
});

describe('segment hard-wrapped lines that look like something else', () => {
  it('keeps a line that starts with a dash, a boilerplate word, a byline or figures inside its wrapped paragraph', () => {
    const paragraph = [
      'The ferry company said on Monday that ticket sales in the first',
      '- and busiest - quarter of the year had risen by almost a fifth, while',
      'Video calls with travel agents had replaced most of its sales offices.',
      'Revenue rose 11% from 3.24bn crowns ($310m) in 2023 to 3.6bn in 2024, as',
      'reported by Harbor Light.',
    ].join('\n');
    const text = `${paragraph}\n\nA second paragraph of the article follows here, to show the layout of\nthe file: it is wrapped at seventy columns like the first one.\n`;
    const { paragraphs } = segment(text, 0);
    expect(paragraphs).toHaveLength(2);
    expect(text.slice(paragraphs[0]!.start, paragraphs[0]!.end)).toBe(paragraph);
  });
});

describe('segment: lines that are not prose, and sentence ends', () => {
  const prose = (text: string): string[] => segment(text, 0).sentences.map((s) => text.slice(s.start, s.end));

  it.each([
    ['LONDON (Reuters) - Britain\'s biggest bank said profits rose.', "Britain's biggest bank said profits rose."],
    ['BEIJING, March 3 (Xinhua) -- China will build more rail lines.', 'China will build more rail lines.'],
    ['WASHINGTON, April 8 - The U.S. trade gap narrowed in February.', 'The U.S. trade gap narrowed in February.'],
    ['SAN FRANCISCO, Calif., Jan. 5 — Tesla said it would open a store.', 'Tesla said it would open a store.'],
    ['Tesla - the carmaker - said it would open a store.', 'Tesla - the carmaker - said it would open a store.'],
    ['Elon Musk — The chief executive said it would open a store.', 'Elon Musk — The chief executive said it would open a store.'],
  ])('reads a dateline: %s', (text, first) => {
    expect(prose(text)[0]).toBe(first);
  });

  it('reads rows of figures as a table, not prose', () => {
    const text =
      'Profit rose at the maker of ferries.\n\nShr 1.20 dlrs vs 1.10 dlrs\nRevs 10.5 mln vs 9.8 mln\nSales\t1,234\t1,100\nNet    5.3 mln    4.1 mln.\n\nThe company said demand was strong.';
    expect(prose(text)).toEqual(['Profit rose at the maker of ferries.', 'The company said demand was strong.']);
  });

  it('ends a sentence after a number and after a full stop inside closing quotation marks', () => {
    expect(prose('Sales peaked in 2001. Last month they fell again.')).toEqual(['Sales peaked in 2001.', 'Last month they fell again.']);
    expect(prose('"It is hard." Then he left. “We stay.” Nobody moved.')).toEqual([
      '"It is hard."', 'Then he left.', '“We stay.”', 'Nobody moved.',
    ]);
  });

  it('caps a quotation left open at 400 characters a unit, straight or curly', () => {
    const sentence = 'This is one more sentence of the long quotation that the speaker gave to reporters. ';
    for (const mark of ['"', '“']) {
      const text = `${mark}${sentence.repeat(12)}`;
      const units = segment(text, 0).sentences;
      expect(units.length).toBeGreaterThan(2);
      for (const u of units) expect(u.end - u.start).toBeLessThanOrEqual(MAX_MERGED_QUOTATION_CHARS);
    }
  });
});
