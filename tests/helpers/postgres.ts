/**
 * A throwaway PostgreSQL server for tests: Debian's PostgreSQL 15 binaries (`initdb`, `pg_ctl`)
 * on a temporary folder and a free port of 127.0.0.1, trust authentication, durability off
 * (fast; the data is thrown away). The server refuses to run as root, so when the tests run as
 * root it runs as the unprivileged `postgres` user (`runuser`, else `su`), in a folder that user owns.
 * One cluster per test file (start it in `beforeAll`); {@link PostgresCluster.createDatabase}
 * gives each test an empty database.
 */
import { execFile } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

export const POSTGRES_BIN = process.env['POSTGRES_BIN'] ?? '/usr/lib/postgresql/15/bin';

export interface PostgresCluster {
  port: number;
  /** `postgres://postgres@127.0.0.1:<port>/<database>`. */
  url(database?: string): string;
  /** Creates an empty database and returns its URL. */
  createDatabase(): Promise<string>;
  stop(): Promise<void>;
}

/** The uid and gid of `postgres` when this process is root (the server must not run as root). */
async function serverUser(): Promise<{ uid: number; gid: number } | null> {
  if (process.getuid?.() !== 0) return null;
  const uid = Number((await run('id', ['-u', 'postgres'])).stdout.trim());
  const gid = Number((await run('id', ['-g', 'postgres'])).stdout.trim());
  return { uid, gid };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

let databases = 0;

export async function startPostgres(): Promise<PostgresCluster> {
  if (!existsSync(join(POSTGRES_BIN, 'initdb'))) {
    throw new Error(`PostgreSQL 15 is not installed (${POSTGRES_BIN}/initdb is missing): run \`apt-get install postgresql\` (bash .ci/run does it).`);
  }
  const user = await serverUser();
  const as = (command: string, args: string[]) => {
    if (user === null) return run(command, args);
    if (existsSync('/usr/sbin/runuser') || existsSync('/sbin/runuser')) return run('runuser', ['-u', 'postgres', '--', command, ...args]);
    const quoted = [command, ...args].map((word) => `'${word.replace(/'/g, `'\\''`)}'`).join(' ');
    return run('su', ['-s', '/bin/sh', 'postgres', '-c', quoted]);
  };
  const dir = mkdtempSync(join(tmpdir(), 'tesla-pg-'));
  chmodSync(dir, 0o755);
  if (user !== null) chownSync(dir, user.uid, user.gid);
  const data = join(dir, 'data');
  const log = join(dir, 'server.log');
  const port = await freePort();
  try {
    await as(join(POSTGRES_BIN, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
    const settings = [
      `-p ${port}`,
      '-c listen_addresses=127.0.0.1',
      `-c unix_socket_directories=${dir}`,
      '-c fsync=off',
      '-c synchronous_commit=off',
      '-c full_page_writes=off',
      '-c max_connections=60',
    ].join(' ');
    await as(join(POSTGRES_BIN, 'pg_ctl'), ['-D', data, '-l', log, '-o', settings, '-w', '-t', '60', 'start']);
  } catch (error) {
    const serverLog = existsSync(log) ? readFileSync(log, 'utf8') : '';
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`could not start a test PostgreSQL: ${(error as Error).message}\n${serverLog}`, { cause: error });
  }
  const url = (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`;
  let stopped = false;
  return {
    port,
    url,
    async createDatabase() {
      databases += 1;
      const name = `test_${process.pid}_${databases}`;
      const client = new pg.Client({ connectionString: url() });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return url(name);
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      try {
        await as(join(POSTGRES_BIN, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
