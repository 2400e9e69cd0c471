/**
 * Rows as the SQL stores (SQLite and PostgreSQL) hold them, and their mapping to the storage
 * ports' types: one mapping for both databases. SQLite stores flags as 0/1 and lists as JSON
 * text; PostgreSQL as booleans and JSON values, which the mappers accept alike.
 */
import type { DigestRun, DigestRunStatus, DigestSubscription, Feedback, RunUpdate } from '../../core/ports.js';

/** Expired deliveries and old rate-limit counts are swept at most this often per store handle. */
export const SWEEP_EVERY_MS = 60_000;

/** A flag as either database returns it. */
type Flag = number | boolean;

export interface SubscriptionRow {
  team_id: string;
  channel_id: string;
  time: string;
  time_zone: string;
  topic: string | null;
  post_when_empty: Flag;
  enabled: Flag;
  disabled_reason: string | null;
  updated_by: string;
  created_at: number;
  updated_at: number;
  enabled_at: number;
}

export function toSubscription(row: SubscriptionRow): DigestSubscription {
  return {
    teamId: row.team_id,
    channelId: row.channel_id,
    time: row.time,
    timeZone: row.time_zone,
    topic: row.topic,
    postWhenEmpty: isSet(row.post_when_empty),
    enabled: isSet(row.enabled),
    disabledReason: row.disabled_reason,
    updatedBy: row.updated_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    enabledAt: row.enabled_at,
  };
}

export interface RunRow {
  team_id: string;
  channel_id: string;
  run_date: string;
  scheduled_for: number;
  status: DigestRunStatus;
  attempt: number;
  claimed_by: string;
  claimed_at: number;
  finished_at: number | null;
  period_start: number;
  period_end: number;
  documents: number;
  message_ts: string | null;
  detail: string | null;
}

export function toRun(row: RunRow): DigestRun {
  return {
    teamId: row.team_id,
    channelId: row.channel_id,
    runDate: row.run_date,
    scheduledFor: row.scheduled_for,
    status: row.status,
    attempt: row.attempt,
    claimedBy: row.claimed_by,
    claimedAt: row.claimed_at,
    finishedAt: row.finished_at,
    periodStart: row.period_start,
    periodEnd: row.period_end,
    documents: row.documents,
    messageTs: row.message_ts,
    detail: row.detail,
  };
}

/** The column of each field a run update may set. */
export const RUN_COLUMNS: Record<keyof RunUpdate, string> = {
  status: 'status',
  finishedAt: 'finished_at',
  periodStart: 'period_start',
  periodEnd: 'period_end',
  documents: 'documents',
  messageTs: 'message_ts',
  detail: 'detail',
};

export interface FeedbackRow {
  vote: Feedback['vote'];
  answer_key: string;
  team_id: string | null;
  user_id: string;
  channel_id: string | null;
  question: string;
  /** JSON text (SQLite) or the list itself (PostgreSQL's jsonb). */
  excerpts: string | string[];
  at: number;
}

export function toFeedback(row: FeedbackRow): Feedback {
  return {
    vote: row.vote,
    answerKey: row.answer_key,
    teamId: row.team_id,
    userId: row.user_id,
    channelId: row.channel_id,
    question: row.question,
    excerpts: typeof row.excerpts === 'string' ? (JSON.parse(row.excerpts) as string[]) : row.excerpts,
    at: new Date(row.at),
  };
}

function isSet(flag: Flag): boolean {
  return flag === true || flag === 1;
}
