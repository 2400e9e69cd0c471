import { describe, expect, it } from 'vitest';
import { MemoryThreadStore } from '../../src/infra/memoryThreadStore.js';
import type { ThreadState } from '../../src/slack/ports.js';

const state = (question: string): ThreadState => ({ question, speaker: null, nextOffset: 5, shown: ['d:1'] });

describe('MemoryThreadStore', () => {
  it('keeps a thread while it is active and forgets it once it goes quiet', async () => {
    let now = 0;
    const store = new MemoryThreadStore({ quietAfterMs: 1_000, now: () => now });
    await store.set('t', state('q1'));
    now = 900;
    expect(await store.get('t')).toEqual(state('q1'));
    await store.set('t', state('q2'));
    now = 1_800;
    expect((await store.get('t'))?.question).toBe('q2');
    now = 3_000;
    expect(await store.get('t')).toBeUndefined();
  });

  it('returns copies, so callers cannot change what is stored', async () => {
    const store = new MemoryThreadStore();
    await store.set('t', state('q'));
    const copy = await store.get('t');
    copy!.shown.push('x');
    expect((await store.get('t'))?.shown).toEqual(['d:1']);
  });

  it('stays bounded, dropping the quietest threads', async () => {
    let now = 0;
    const store = new MemoryThreadStore({ maxThreads: 2, now: () => now });
    for (const key of ['a', 'b', 'c']) {
      now += 1;
      await store.set(key, state(key));
    }
    expect(await store.get('a')).toBeUndefined();
    expect((await store.get('c'))?.question).toBe('c');
  });
});
