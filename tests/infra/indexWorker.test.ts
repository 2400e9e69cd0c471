/**
 * The index worker: a worker thread owning the engine, asked by message. It answers as the engine
 * in this thread does, applies updates, and a worker that dies is restarted without losing the
 * questions it was asked.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AnswerEngine, loadCorpus } from '../../src/core/index.js';
import { BUSY_MESSAGE, IndexWorkerClient } from '../../src/infra/indexWorkerClient.js';
import { createLogger } from '../../src/infra/logger.js';
import { NEW_ARTICLE } from '../helpers/articles.js';
import { captureLogs, type LogCapture } from '../helpers/logCapture.js';

describe('IndexWorkerClient', () => {
  let corpusDir: string;
  let dataDir: string;
  let logs: LogCapture;
  let client: IndexWorkerClient | null = null;

  beforeEach(() => {
    corpusDir = mkdtempSync(join(tmpdir(), 'tesla-worker-corpus-'));
    cpSync('seeds', corpusDir, { recursive: true });
    dataDir = mkdtempSync(join(tmpdir(), 'tesla-worker-data-'));
    logs = captureLogs();
  });

  afterEach(async () => {
    await client?.stop();
    client = null;
    rmSync(corpusDir, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  });

  const start = async () => {
    client = await IndexWorkerClient.start({ corpusDir, dataDir, logger: createLogger({ level: 'debug', destination: logs }) });
    return client;
  };

  it('answers in the worker exactly as the engine in this thread, lists the same documents, and starts from the snapshot the next time', async () => {
    const local = new AnswerEngine(loadCorpus(corpusDir).documents);
    const index = await start();
    expect(index.source).toBe('corpus');
    for (const question of ['what did Musk say', 'where is the data stored?', 'zeppelin airship']) {
      expect(await index.answer(question)).toEqual(local.answer(question));
    }
    expect(await index.answer('what did Musk say', { limit: 2, offset: 1 })).toEqual(local.answer('what did Musk say', { limit: 2, offset: 1 }));
    expect(index.documents()).toEqual(local.documents());
    expect(index.stats()).toEqual(local.stats());
    expect(index.served.map((s) => s.relPath).sort()).toEqual(local.documents().map((d) => `${d.docId}.txt`).sort());
    // The worker's log lines are written by this thread's logger.
    expect(logs.find((l) => l['msg'] === 'index ready')).toMatchObject({ thread: 'index-worker', documents: 5 });
    await index.stop();
    const again = await start();
    expect(again.source).toBe('snapshot');
    expect(await again.answer('what did Musk say')).toEqual(local.answer('what did Musk say'));
  });

  it('applies updates: a new file is indexed and answered from, a removed one is gone, the document list follows', async () => {
    const index = await start();
    writeFileSync(join(corpusDir, 'recall.txt'), NEW_ARTICLE);
    const outcome = await index.upsertFile('recall.txt');
    expect(outcome).toMatchObject({ ok: true, docId: 'recall' });
    expect(index.stats().documents).toBe(6);
    expect((await index.answer('what did Jane Roe say')).excerpts[0]?.source.docId).toBe('recall');
    writeFileSync(join(corpusDir, 'bad.txt'), Buffer.from([0, 1, 2]));
    expect(await index.upsertFile('bad.txt')).toEqual({ ok: false, reason: 'the file looks binary (it contains NUL bytes)' });
    await index.remove('recall');
    expect(index.stats().documents).toBe(5);
    expect((await index.answer('what did Jane Roe say')).answered).toBe(false);
  });

  it('restarts a worker that dies, with a clear log line, and answers the questions it was asked', async () => {
    const index = await start();
    const served: string[][] = [];
    index.onRestart((files) => served.push(files.map((f) => f.docId)));
    const dying = index.thread!;
    const asked = [index.answer('what did Musk say'), index.answer('where is the data stored?')];
    await dying.terminate();
    const answers = await Promise.all(asked);
    expect(answers.map((a) => a.answered)).toEqual([true, true]);
    expect(index.restartCount).toBe(1);
    expect(index.thread).not.toBe(dying);
    expect(served).toEqual([index.served.map((f) => f.docId)]);
    const died = logs.find((l) => String(l['msg']).startsWith('the index worker stopped unexpectedly'));
    expect(died).toMatchObject({ level: 50, component: 'index-worker' });
    expect(logs.find((l) => l['msg'] === 'the index worker was restarted and answers again')).toMatchObject({ level: 40, source: 'snapshot' });
    expect((await index.answer('what did Musk say')).answered).toBe(true);
  });

  it('answers at once with a busy message when too many questions are waiting, instead of queueing them for minutes', async () => {
    client = await IndexWorkerClient.start({ corpusDir, dataDir, maxWaitingQuestions: 2, logger: createLogger({ level: 'debug', destination: logs }) });
    const answers = await Promise.all(Array.from({ length: 5 }, () => client!.answer('what did Musk say')));
    expect(answers.map((a) => a.answered)).toEqual([true, true, false, false, false]);
    expect(answers[4]).toMatchObject({ answered: false, message: BUSY_MESSAGE, excerpts: [] });
    expect((await client.answer('what did Musk say')).answered).toBe(true);
  });

  it('says why when it cannot open the index', async () => {
    await expect(IndexWorkerClient.start({ corpusDir: join(corpusDir, 'missing'), dataDir, logger: createLogger({ level: 'debug', destination: logs }) })).rejects.toThrow(
      /corpus folder not found/,
    );
  });
});
