/**
 * Child process for the crash test: opens the SQLite state in `argv[2]`, writes a subscription,
 * a claimed run, first-indexed times, a thread and a vote, then dies with SIGKILL (no close,
 * no checkpoint), as a crashed bot would.
 */
import { openSqliteState } from '../../src/infra/storage/sqlite.js';

const file = process.argv[2];
if (file === undefined) throw new Error('crashWriter: pass the database file');
const at = Date.parse('2024-03-11T08:00:00Z');
const state = openSqliteState({ file, now: () => at });
await state.subscriptions.save({
  teamId: 'T1', channelId: 'CCRASH', time: '09:00', timeZone: 'Europe/Berlin', topic: 'cameras', postWhenEmpty: true,
  enabled: true, disabledReason: null, updatedBy: 'U1', createdAt: at, updatedAt: at, enabledAt: at,
});
const run = await state.runs.claim({ teamId: 'T1', channelId: 'CCRASH', runDate: '2024-03-11', scheduledFor: at, claimedBy: 'crasher', at, staleAfterMs: 60_000 });
await state.runs.update(run!, run!.attempt, { messageTs: '1700000000.000100' });
await state.documents.recordIndexed(['doc-a', 'doc-b'], at);
await state.threads.set('T1:CCRASH:1.1', { question: 'what did Musk say', speaker: 'Elon Musk', nextOffset: 5, shown: [] });
await state.feedback.record({ vote: 'up', answerKey: 'a1', teamId: 'T1', userId: 'U1', channelId: 'CCRASH', question: 'q', excerpts: [], at: new Date(at) });
process.stdout.write('written\n');
process.kill(process.pid, 'SIGKILL');
