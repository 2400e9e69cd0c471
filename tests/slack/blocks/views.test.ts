import { describe, expect, it } from 'vitest';
import { ACTION_IDS } from '../../../src/slack/blocks/actions.js';
import { renderHelp } from '../../../src/slack/blocks/help.js';
import { renderHome } from '../../../src/slack/blocks/home.js';
import { LIMITS } from '../../../src/slack/blocks/kit.js';
import { renderApology, renderNotice, renderRateLimited } from '../../../src/slack/blocks/notices.js';
import { renderSources } from '../../../src/slack/blocks/sources.js';
import type { CorpusDocumentInfo, CorpusStats } from '../../../src/slack/ports.js';
import { textOf } from '../../helpers/blocksText.js';

const stats: CorpusStats = { documents: 2, passages: 30, outlets: ['News ru', 'TRT World'], earliest: '2021-05-20', latest: '2021-05-26' };
const documents: CorpusDocumentInfo[] = [
  { docId: 'a', path: 'seeds/a.txt', title: 'Tesla <b>builds</b> a data centre', outlet: 'TRT World', published: '2021-05-26', url: 'https://trt.example/a', label: { text: 'Tesla <b>builds</b> a data centre', kind: 'headline', cut: false }, passages: 12 },
  { docId: 'b', path: 'seeds/b.txt', title: null, outlet: null, published: null, url: null, label: { text: 'China is restricting the use of *very* `odd` cars…', kind: 'lead', cut: true }, passages: 1 },
];

const json = (value: unknown) => JSON.stringify(value);

describe('help, sources, home and notices', () => {
  it('explains usage with examples, filters and follow-ups', () => {
    const help = json(renderHelp());
    expect(help).toContain('/tesla what did Musk say');
    expect(help).toContain('source:\\"TRT World\\"');
    expect(help).toContain('since May');
    expect(help).toContain('what else did he say');
  });

  it('lists the corpus with headline, outlet, date and passages', () => {
    const sources = renderSources(documents, stats);
    const text = json(sources.blocks);
    expect(textOf(sources.blocks)).toContain('📚 What I know\n2 documents · 30 passages · 2 outlets: News ru, TRT World · 2021-05-20 – 2021-05-26');
    // Labels are literal rich_text: the headline linked, a first sentence in italics; never the id.
    expect(text).toContain('{"type":"link","url":"https://trt.example/a","text":"Tesla <b>builds</b> a data centre"},{"type":"text","text":" — TRT World · 2021-05-26 · 12 passages"}');
    expect(text).toContain('{"type":"text","text":"China is restricting the use of *very* `odd` cars…","style":{"italic":true}},{"type":"text","text":" — 1 passage"}');
    expect(textOf(sources.blocks)).not.toContain('`b`');
  });

  it('packs a large corpus into Slack limits and says how many did not fit', () => {
    const many = Array.from({ length: 2_000 }, (_, index) => ({ ...documents[0]!, docId: `d${index}`, title: `Headline number ${index} `.repeat(5) }));
    const sources = renderSources(many, { ...stats, documents: many.length });
    expect(sources.blocks.length).toBeLessThanOrEqual(LIMITS.messageBlocks);
    for (const block of sources.blocks) expect(json(block).length).toBeLessThan(LIMITS.sectionText + 200);
    expect(json(sources.blocks)).toMatch(/…and \d+ more documents/);
  });

  it('renders the App Home: stats, last indexed, example buttons, documents, and the DM for answers', () => {
    const view = renderHome({ stats, documents, indexedAt: new Date('2021-06-01T10:20:30Z'), dmChannelId: 'D123' });
    expect(view.type).toBe('home');
    expect(JSON.parse(view.private_metadata!)).toEqual({ dm: 'D123' });
    const text = json(view.blocks);
    expect(text).toContain('Last indexed 2021-06-01 10:20 UTC');
    expect(text).toContain(`${ACTION_IDS.homeExample}_0`);
    expect(text).toContain('2021-05-20 – 2021-05-26');
    expect(view.blocks.length).toBeLessThanOrEqual(LIMITS.homeBlocks);
  });

  it('says an empty corpus is empty', () => {
    expect(json(renderSources([], { documents: 0, passages: 0, outlets: [], earliest: null, latest: null }))).toContain('The corpus is empty');
  });

  it('apologizes with the error id, asks kindly to slow down, and escapes notices', () => {
    expect(json(renderApology('abc123'))).toContain('error id: `abc123`');
    expect(renderRateLimited(4.2).text).toBe("You're asking faster than I can keep up with. Please wait 5 seconds and ask again.");
    expect(renderRateLimited(0.2).text).toContain('wait 1 second and');
    expect(json(renderNotice('outlet <!here>'))).toContain('outlet &lt;!here&gt;');
  });
});
