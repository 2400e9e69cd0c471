/**
 * Which store holds the state: PostgreSQL when `DATABASE_URL` is set (several instances share
 * it), else SQLite in `DATA_DIR` (one instance, nothing to set up).
 */
import { join } from 'node:path';
import type { StateStore } from '../../core/ports.js';
import type { Config } from '../config.js';
import { openPostgresState } from './postgres.js';
import { DATABASE_FILE, openSqliteState } from './sqlite.js';

export interface OpenedState {
  state: StateStore;
  /** For the start-up log line (no password). */
  description: string;
}

export async function openStateStore(config: Pick<Config, 'databaseUrl' | 'dataDir'>, now: () => number): Promise<OpenedState> {
  if (config.databaseUrl !== null) {
    const state = await openPostgresState({ connectionString: config.databaseUrl, now });
    return { state, description: `PostgreSQL (migrations applied now: ${state.applied.length === 0 ? 'none' : state.applied.join(', ')})` };
  }
  const file = join(config.dataDir, DATABASE_FILE);
  const state = openSqliteState({ file, now });
  return { state, description: `SQLite ${file} (migrations applied now: ${state.applied.length === 0 ? 'none' : state.applied.join(', ')})` };
}
