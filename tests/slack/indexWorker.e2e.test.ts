/**
 * The app with its index in a worker thread, end to end (real Bolt app in HTTP mode, signed
 * requests, the fake Web API): slash commands are acknowledged and answered from the index as it
 * was while a large file is being indexed; the new file is answered from once it is in; skipped
 * corpus files are listed by `/tesla sources` and the App Home, also after a start from the
 * snapshot; a worker that dies comes back and the question is answered.
 */
import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type BotHarness } from '../helpers/botHarness.js';
import { appHomeOpened, eventEnvelope, slashCommand } from '../helpers/slackRequests.js';
import { textOf as blocksText } from '../helpers/blocksText.js';

describe('the app with the index in a worker thread', () => {
  let corpusDir: string;
  let dataDir: string;
  let outside: string;
  let harness: BotHarness;

  beforeAll(async () => {
    corpusDir = mkdtempSync(join(tmpdir(), 'tesla-e2e-corpus-'));
    dataDir = mkdtempSync(join(tmpdir(), 'tesla-e2e-data-'));
    outside = mkdtempSync(join(tmpdir(), 'tesla-e2e-outside-'));
    cpSync('seeds', corpusDir, { recursive: true });
    writeFileSync(join(outside, 'secret.txt'), 'The launch code is hunter2, said the admiral.\n');
    symlinkSync(join(outside, 'secret.txt'), join(corpusDir, 'leak.txt'));
    harness = await startHarness({ CORPUS_DIR: corpusDir, DATA_DIR: dataDir });
  });

  afterAll(async () => {
    await harness?.close();
    for (const dir of [corpusDir, dataDir, outside]) rmSync(dir, { recursive: true, force: true });
  });

  const ask = async (text: string) => {
    const responseUrl = harness.fake.responseUrl();
    const response = await harness.send(slashCommand({ text, response_url: responseUrl.url }));
    return { response, responseUrl };
  };

  it('acknowledges and answers from the index as it was while a large file is indexed, then answers from the new file', async () => {
    const { index } = harness.bot;
    let indexing = false;
    const upsertFile = index.upsertFile.bind(index);
    index.upsertFile = async (relPath) => {
      indexing = relPath === 'hangar.txt';
      try {
        return await upsertFile(relPath);
      } finally {
        indexing = false;
      }
    };
    // About 4.5 MB of prose (under the default 5 MB limit): seconds of parsing and indexing.
    const sentences = Array.from({ length: 40_000 }, (_, i) => `The zeppelin hangar number ${i} was inspected by the crew on day ${i % 365}, the report said.`);
    writeFileSync(join(corpusDir, 'hangar.txt'), `Zeppelin hangars inspected\n\n${sentences.join(' ')}\n`);
    await harness.fake.waitFor(() => indexing, 'the large file to be indexed', 15_000);

    const acked: boolean[] = [];
    const asked = await Promise.all(
      ['what did Musk say', 'where is the data stored?', 'zeppelin hangar inspected'].map(async (question) => {
        const sent = await ask(question);
        acked.push(indexing);
        return sent;
      }),
    );
    for (const { response } of asked) expect(response.status).toBe(200);
    // Acknowledged while the large file was still being indexed.
    expect(acked).toEqual([true, true, true]);
    // Answered too while the file is still being indexed, from the index as it was.
    const answeredWhileIndexing: boolean[] = [];
    const replies = await Promise.all(
      asked.map(async ({ responseUrl }) => {
        const reply = await harness.fake.waitFor(() => harness.fake.responsesTo(responseUrl.id)[0], 'an answer', 15_000);
        answeredWhileIndexing.push(indexing);
        return reply;
      }),
    );
    expect(answeredWhileIndexing).toContain(true);
    expect(blocksText(replies[0]!.body)).toContain('Musk');
    if (answeredWhileIndexing.every(Boolean)) expect(blocksText(replies[2]!.body)).not.toContain('by the crew on day');

    await harness.fake.waitFor(() => !indexing && harness.bot.index.stats().documents === 6, 'the large file to be in', 60_000);
    const after = await ask('zeppelin hangar inspected');
    const reply = await harness.fake.waitFor(() => harness.fake.responsesTo(after.responseUrl.id)[0], 'the answer from the new file', 15_000);
    expect(blocksText(reply.body)).toContain('by the crew on day');
  }, 120_000);

  it('lists skipped corpus files in /tesla sources and the App Home', async () => {
    const { responseUrl } = await ask('sources');
    const reply = await harness.fake.waitFor(() => harness.fake.responsesTo(responseUrl.id)[0], 'sources');
    const text = blocksText(reply.body);
    expect(text).toContain('1 file in the corpus folder is not served');
    expect(text).toContain('leak.txt');
    expect(text).toContain('leads outside the corpus folder');
    expect(text).not.toContain(outside);

    await harness.send(eventEnvelope(appHomeOpened({ user: 'UHOME001' })));
    const publish = await harness.fake.waitFor(() => harness.fake.callsTo('views.publish').find((c) => c.args['user_id'] === 'UHOME001'), 'the App Home');
    expect(JSON.stringify(publish.args['view'])).toContain('leak.txt');
  });

  it('answers a question whose worker died: the worker is restarted and the question answered', async () => {
    const dying = harness.bot.index.thread!;
    const { response, responseUrl } = await ask('what did Musk say');
    expect(response.status).toBe(200);
    await dying.terminate();
    const reply = await harness.fake.waitFor(() => harness.fake.responsesTo(responseUrl.id)[0], 'the answer after the restart', 60_000);
    expect(blocksText(reply.body)).toContain('Musk');
    expect(harness.logs.find((l) => String(l['msg']).startsWith('the index worker stopped unexpectedly'))).toBeDefined();
  }, 90_000);

  it('after a restart from the snapshot, logs the skipped files at start-up and still lists them', async () => {
    await harness.close();
    harness = await startHarness({ CORPUS_DIR: corpusDir, DATA_DIR: dataDir });
    expect(harness.logs.find((l) => String(l['msg']).startsWith('index ready (loaded from the snapshot)'))).toBeDefined();
    expect(harness.logs.find((l) => l['msg'] === 'skipped a corpus file' && l['path'] === join(corpusDir, 'leak.txt'))).toMatchObject({ level: 40 });
    const { responseUrl } = await ask('sources');
    const reply = await harness.fake.waitFor(() => harness.fake.responsesTo(responseUrl.id)[0], 'sources');
    expect(blocksText(reply.body)).toContain('leak.txt');
  }, 60_000);
});
