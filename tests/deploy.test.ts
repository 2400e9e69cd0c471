/**
 * The deployment files, held to what docs/deploy.md promises (Docker itself does not run here):
 * the image is multi-stage on Node 20 slim, runs `node` directly as a non-root user with a
 * HEALTHCHECK on /healthz, copies only files that exist; compose runs two app instances on one
 * PostgreSQL behind the proxy, which sends to both; every variable compose sets is one the app reads.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadConfig } from '../src/infra/config.js';

const dockerfile = readFileSync('Dockerfile', 'utf8');
const instructions = dockerfile
  .replace(/\\\n/g, ' ')
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line !== '' && !line.startsWith('#'));

interface ComposeService {
  build?: string;
  image?: string;
  environment?: Record<string, string>;
  volumes?: string[];
  depends_on?: unknown;
  healthcheck?: unknown;
}
const compose = parse(readFileSync('compose.yaml', 'utf8'), { merge: true }) as { services: Record<string, ComposeService> };

describe('Dockerfile', () => {
  it('builds in two stages on Node 20 slim and runs node directly, as a non-root user, with a health check', () => {
    const stages = instructions.filter((line) => line.startsWith('FROM '));
    expect(stages).toHaveLength(2);
    for (const stage of stages) expect(stage).toMatch(/^FROM node:20-[a-z]+-slim\b/);
    expect(instructions.filter((line) => line.startsWith('USER ')).at(-1)).toBe('USER node');
    expect(instructions.find((line) => line.startsWith('HEALTHCHECK '))).toMatch(/\/healthz/);
    const cmd = instructions.find((line) => line.startsWith('CMD '))!;
    expect(JSON.parse(cmd.slice(4))).toEqual(['node', '--import', 'tsx', 'src/main.ts']);
    expect(instructions).toContain('RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force');
  });

  it('copies only files that exist and that .dockerignore lets through', () => {
    const ignored = readFileSync('.dockerignore', 'utf8').split('\n').map((line) => line.trim()).filter((line) => line !== '' && !line.startsWith('#'));
    const copied = instructions
      .filter((line) => line.startsWith('COPY ') && !line.includes('--from='))
      .flatMap((line) => line.split(/\s+/).slice(1, -1).filter((word) => !word.startsWith('--')));
    expect(copied).toEqual(['package.json', 'package-lock.json', 'package.json', 'tsconfig.json', 'manifest.yml', 'src', 'seeds']);
    for (const path of copied) {
      expect(existsSync(path)).toBe(true);
      expect(ignored).not.toContain(path);
    }
    for (const secret of ['.env', 'node_modules', 'data']) expect(ignored).toContain(secret);
  });
});

describe('compose.yaml', () => {
  const apps = Object.entries(compose.services).filter(([, service]) => service.build !== undefined);

  it('runs two app instances on one PostgreSQL, each with its own data volume and the shared corpus', () => {
    expect(apps.map(([name]) => name)).toEqual(['tesla-1', 'tesla-2']);
    const dataVolumes = apps.map(([, service]) => service.volumes!.find((volume) => volume.endsWith(':/app/data')));
    expect(new Set(dataVolumes).size).toBe(2);
    for (const [, service] of apps) {
      expect(service.environment!['DATABASE_URL']).toMatch(/^postgres:\/\/tesla:\$\{POSTGRES_PASSWORD[^}]*\}@postgres:5432\/tesla$/);
      expect(service.volumes).toContain('./seeds:/corpus:ro');
      expect(service.environment!['CORPUS_DIR']).toBe('/corpus');
    }
    expect(compose.services['postgres']!.image).toMatch(/^postgres:15/);
    expect(compose.services['postgres']!.healthcheck).toBeDefined();
  });

  it('sets only variables the app reads, and they make a valid HTTP-mode config on PostgreSQL', () => {
    const [, service] = apps[0]!;
    // `${VAR:?message}` from .env (stand-ins here), `${VAR:-default}` from its default.
    const fromDotEnv: Record<string, string> = {
      SLACK_BOT_TOKEN: 'xoxb-1111111111-2222222222-abcdef',
      SLACK_SIGNING_SECRET: 'signing-secret-1234',
      POSTGRES_PASSWORD: 'secret-value-1234',
    };
    const substitute = (value: string) => value.replace(/\$\{(\w+)(?::-([^}]*))?[^}]*\}/g, (_, name: string, fallback?: string) => fromDotEnv[name] ?? fallback ?? '');
    const env = Object.fromEntries(Object.entries(service.environment!).map(([name, value]) => [name, substitute(value)]));
    const config = loadConfig(env);
    expect(config.slack.mode).toBe('http');
    expect(config.databaseUrl).toBe('postgres://tesla:secret-value-1234@postgres:5432/tesla');
    expect(Object.keys(env).sort()).toEqual(['CORPUS_DIR', 'DATABASE_URL', 'DATA_DIR', 'DIGEST_TZ', 'LOG_LEVEL', 'PORT', 'SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET']);
  });

  it('puts the proxy in front of both instances', () => {
    const nginx = readFileSync('deploy/nginx.conf', 'utf8');
    for (const [name] of apps) expect(nginx).toMatch(new RegExp(`server ${name}:3000\\b`));
    expect(compose.services['proxy']!.volumes).toContain('./deploy/nginx.conf:/etc/nginx/conf.d/default.conf:ro');
  });
});
