/** Digests: what is new in the corpus over a period, composed from verbatim sentences. */
export type { Digest, DigestArticle, DigestExcerpt, DigestPeriod, DigestSource, DigestStory } from './types.js';
export { composeDigest, matchesTopic, DEFAULT_DIGEST_OPTIONS, type DigestInput, type DigestOptions } from './compose.js';
export {
  parseDigestCommand,
  parseTime,
  resolveTimeZone,
  unknownTimeZoneMessage,
  formatLocalTime,
  localDate,
  looksLikeTime,
  looksLikeTimeZone,
  DEFAULT_DIGEST_TIME,
  DIGEST_USAGE,
  ALWAYS_FLAG,
  MAX_TOPIC_LENGTH,
  type DigestCommand,
} from './settings.js';
export { previousOccurrence, nextOccurrence, runDateOf, digestPeriodStart, FIRST_DIGEST_LOOKBACK_MS, type DailyTime } from './schedule.js';
