/**
 * The App Home tab: what the bot knows (documents, outlets, date range, when it was indexed),
 * example questions as buttons (answered in the user's DM with the app), the workspace's daily
 * digests (shown and changed here), and the document list.
 */
import type { CorpusDocumentInfo, CorpusStats, DigestStatus, SkippedFileInfo } from '../ports.js';
import { ACTION_IDS } from './actions.js';
import { contextBlock, sectionBlock } from './answer.js';
import { digestHomeBlocks } from './digestHome.js';
import { EXAMPLE_QUESTIONS } from './examples.js';
import { LIMITS, type HomeView, type KnownBlock } from './kit.js';
import { documentListBlocks, skippedFilesBlocks, statsLine } from './sources.js';
import { plain, richSection, richText } from './richText.js';

export interface HomeInput {
  stats: CorpusStats;
  documents: readonly CorpusDocumentInfo[];
  /** When the index was built or loaded. */
  indexedAt: Date;
  /** The user's DM channel with the app, where example questions are answered. */
  dmChannelId: string | null;
  /** The workspace's daily digests, when digests are available. */
  digests?: readonly DigestStatus[];
  /** Corpus files not served, and why. */
  skipped?: readonly SkippedFileInfo[];
}

/** What the Home view remembers for its buttons (`private_metadata`). */
export interface HomeMetadata {
  dm: string | null;
}

export function renderHome(input: HomeInput): HomeView {
  const metadata: HomeMetadata = { dm: input.dmChannelId };
  const header: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: 'Ask the news corpus' } },
    sectionBlock(
      'I answer with *verbatim quotes* from the articles below, each with its source. ' +
        'Use `/tesla <question>` anywhere, mention me in a channel, or write to me in the *Messages* tab.',
    ),
    richText([richSection([plain('📚 '), ...statsLine(input.stats)])]),
    contextBlock(`Last indexed ${formatTimestamp(input.indexedAt)}`),
    ...skippedFilesBlocks(input.skipped ?? []),
    { type: 'divider' },
    { type: 'header', text: { type: 'plain_text', text: 'Try asking' } },
    {
      type: 'actions',
      block_id: 'home_examples',
      elements: EXAMPLE_QUESTIONS.slice(0, 5).map((question, index) => ({
        type: 'button' as const,
        action_id: `${ACTION_IDS.homeExample}_${index}`,
        text: { type: 'plain_text' as const, text: question.slice(0, LIMITS.buttonLabel) },
        value: question,
      })),
    },
    contextBlock('The answer arrives in the Messages tab. Filters: `source:"Reuters"`, `since:2021-05-01`, `before:2021-06-01`.'),
    { type: 'divider' },
    ...(input.digests === undefined ? [] : [...digestHomeBlocks(input.digests), { type: 'divider' } as KnownBlock]),
    { type: 'header', text: { type: 'plain_text', text: 'Documents' } },
  ];
  const list =
    input.documents.length === 0
      ? [sectionBlock('No articles are indexed yet.')]
      : documentListBlocks(input.documents, LIMITS.homeBlocks - header.length);
  return { type: 'home', private_metadata: JSON.stringify(metadata), blocks: [...header, ...list] };
}

/** `2021-05-26 15:19 UTC`: unambiguous for every reader of the Home tab. */
function formatTimestamp(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
