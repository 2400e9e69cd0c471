/**
 * The load generator of the end-to-end benchmark, run as a child process (forked, with IPC) so
 * that it does not share the app's event loop: it runs the fake Slack Web API (which also
 * receives what the app posts to `response_url`) and autocannon, which sends signed `/tesla`
 * slash commands to the app's HTTP receiver.
 *
 * Protocol: the child sends `{ type: 'ready', apiUrl }`; the parent starts the app and sends
 * `{ type: 'run', appUrl, signingSecret, questions, phases }`; the child answers
 * `{ type: 'result', phases: PhaseResult[] }` and exits.
 */
import autocannon from 'autocannon';
import { FakeSlack } from '../../../tests/helpers/fakeSlack.js';
import { signatureHeaders, slashCommand } from '../../../tests/helpers/slackRequests.js';
import { percentile } from './stats.js';

/** One load phase. */
export interface Phase {
  name: string;
  connections: number;
  /** Seconds. */
  duration: number;
  /** Commands a second over all connections; 0 = as fast as acks come back. */
  rate: number;
}

/** What one phase measured. */
export interface PhaseResult {
  name: string;
  sent: number;
  acked: number;
  non2xx: number;
  errors: number;
  ackPerSec: number;
  ackP50Ms: number;
  ackP99Ms: number;
  delivered: number;
  deliveredP50Ms: number;
  deliveredP99Ms: number;
}

interface RunMessage {
  type: 'run';
  appUrl: string;
  signingSecret: string;
  questions: string[];
  phases: Phase[];
  /** How long to wait for answers still on their way after a phase (ms). */
  settleMs: number;
}

async function runPhase(fake: FakeSlack, message: RunMessage, phase: Phase, arrivals: Map<string, number>): Promise<PhaseResult> {
  const sentAt = new Map<string, number>();
  const acks: number[] = [];
  let n = 0;
  let non2xx = 0;
  const request = {
    method: 'POST',
    path: '/slack/events',
    setupRequest: (raw: Record<string, unknown>, context: Record<string, unknown>) => {
      const { url, id } = fake.responseUrl();
      const question = message.questions[n % message.questions.length]!;
      // One user per command: the per-user rate limit stays out of the way, as with many people asking.
      const post = slashCommand({ text: question, response_url: url, user_id: `UBENCH${n}`, trigger_id: `${n}.bench` });
      n++;
      const now = performance.now();
      sentAt.set(id, now);
      context['sentAt'] = now;
      return { ...raw, body: post.body, headers: { 'content-type': post.contentType, ...signatureHeaders(message.signingSecret, post.body) } };
    },
    onResponse: (status: number, _body: string, context: Record<string, unknown>) => {
      if (status >= 200 && status < 300) acks.push(performance.now() - (context['sentAt'] as number));
      else non2xx++;
    },
  };
  const started = performance.now();
  let errors = 0;
  if (phase.rate === 0) {
    // Closed loop: every connection sends its next command as soon as the previous one is acked.
    const result = await autocannon({ url: message.appUrl, connections: phase.connections, duration: phase.duration, timeout: 10, requests: [request] });
    errors += result.errors + result.timeouts;
  } else {
    // Paced: one autocannon client per connection at rate/connections commands a second, started
    // 1/rate apart, so that commands arrive evenly (autocannon's per-second rate limit otherwise
    // fires every connection at the same instant, once a second).
    const perConnection = phase.rate / phase.connections;
    const runs = Array.from({ length: phase.connections }, async (_, i) => {
      await new Promise((resolve) => setTimeout(resolve, (i * 1000) / phase.rate));
      const result = await autocannon({
        url: message.appUrl,
        connections: 1,
        connectionRate: perConnection,
        duration: phase.duration,
        timeout: 10,
        requests: [request],
      });
      errors += result.errors + result.timeouts;
    });
    await Promise.all(runs);
  }
  const elapsedSeconds = (performance.now() - started) / 1000;
  // Answers still being computed when the phase ended are waited for, then counted (or not).
  const deadline = performance.now() + message.settleMs;
  while (performance.now() < deadline && [...sentAt.keys()].some((id) => !arrivals.has(id))) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const delivered: number[] = [];
  for (const [id, start] of sentAt) {
    const arrival = arrivals.get(id);
    delivered.push(arrival === undefined ? Number.POSITIVE_INFINITY : arrival - start);
  }
  return {
    name: phase.name,
    sent: sentAt.size,
    acked: acks.length,
    non2xx,
    errors,
    ackPerSec: acks.length / elapsedSeconds,
    ackP50Ms: percentile(acks, 0.5),
    ackP99Ms: percentile(acks, 0.99),
    delivered: delivered.filter(Number.isFinite).length,
    deliveredP50Ms: percentile(delivered, 0.5),
    deliveredP99Ms: percentile(delivered, 0.99),
  };
}

async function main(): Promise<void> {
  const fake = await FakeSlack.start();
  const arrivals = new Map<string, number>();
  const push = fake.responses.push.bind(fake.responses);
  // Record when each answer reaches its response_url (the fake only keeps the bodies).
  fake.responses.push = (...items) => {
    const now = performance.now();
    for (const item of items) if (!arrivals.has(item.id)) arrivals.set(item.id, now);
    const count = push(...items);
    fake.responses.length = 0; // the bodies are not needed, and would pile up
    return count;
  };
  process.send!({ type: 'ready', apiUrl: fake.apiUrl });
  process.once('message', (message: RunMessage) => {
    void (async () => {
      const phases: PhaseResult[] = [];
      for (const phase of message.phases) {
        phases.push(await runPhase(fake, message, phase, arrivals));
        fake.calls.length = 0;
      }
      process.send!({ type: 'result', phases }, () => {
        void fake.close().then(() => process.exit(0));
      });
    })().catch((error: unknown) => {
      process.stderr.write(`load generator: ${error instanceof Error ? error.stack : String(error)}\n`);
      process.exit(1);
    });
  });
}

if (process.send) void main();
