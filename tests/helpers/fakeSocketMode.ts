/**
 * A local stand-in for Slack's Socket Mode endpoint: a WebSocket server on 127.0.0.1 that greets
 * the app with `hello`, sends it envelopes (events, slash commands) and records its acks.
 * Hand its URL out from the fake Web API's `apps.connections.open`.
 */
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export interface Envelope {
  envelope_id: string;
  type: 'events_api' | 'slash_commands' | 'interactive';
  payload: unknown;
  accepts_response_payload: boolean;
  retry_attempt?: number;
  retry_reason?: string;
}

export class FakeSocketMode {
  /** Messages the app sent back (acks carry `envelope_id`). */
  readonly received: Array<Record<string, unknown>> = [];
  private readonly server: WebSocketServer;
  private socket: WebSocket | undefined;

  private constructor(server: WebSocketServer) {
    this.server = server;
    server.on('connection', (socket) => {
      this.socket = socket;
      socket.on('message', (data) => this.received.push(JSON.parse(String(data)) as Record<string, unknown>));
      socket.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'AAPP0001' }, debug_info: { host: 'fake', approximate_connection_time: 3600 } }));
    });
  }

  static async start(): Promise<FakeSocketMode> {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    return new FakeSocketMode(server);
  }

  get url(): string {
    const { port } = this.server.address() as AddressInfo;
    return `ws://127.0.0.1:${port}/link`;
  }

  get connected(): boolean {
    return this.socket !== undefined;
  }

  /** Sends an envelope; returns its id. */
  send(type: Envelope['type'], payload: unknown, retry: { attempt: number; reason: string } = { attempt: 0, reason: '' }): string {
    if (this.socket === undefined) throw new Error('fakeSocketMode: the app is not connected');
    const envelope: Envelope = {
      envelope_id: randomUUID(),
      type,
      payload,
      accepts_response_payload: type !== 'events_api',
      retry_attempt: retry.attempt,
      retry_reason: retry.reason,
    };
    this.socket.send(JSON.stringify(envelope));
    return envelope.envelope_id;
  }

  acked(envelopeId: string): boolean {
    return this.received.some((message) => message['envelope_id'] === envelopeId);
  }

  async close(): Promise<void> {
    for (const client of this.server.clients) client.terminate();
    await new Promise<void>((resolve, reject) => this.server.close((error) => (error ? reject(error) : resolve())));
  }
}
