/** Plain-text rendering of an answer for the terminal, shaped like the Slack message. */
import type { Answer, Excerpt, SourceLabel } from '../core/index.js';

/** Renders an answer as plain text. */
export function formatAnswerText(answer: Answer): string {
  const lines = [`> ${answer.question}`, ''];
  if (!answer.answered) {
    lines.push(answer.message ?? 'Nothing found.');
    return lines.join('\n');
  }
  if (answer.intent === 'quotes' && answer.speaker) lines.push(`What ${answer.speaker} said:`, '');
  answer.excerpts.forEach((excerpt, i) => lines.push(...formatExcerpt(excerpt, i + 1), ''));
  if (answer.more) lines.push(`(${answer.more} more: use --offset ${answer.excerpts.length} to see them)`);
  return lines.join('\n').trimEnd();
}

function formatExcerpt(excerpt: Excerpt, rank: number): string[] {
  const { source } = excerpt;
  const where = [
    labelText(source.label),
    source.outlet,
    source.published,
    `chars ${source.start}–${source.end}`,
  ].filter(Boolean).join(' · ');
  const lines = [`${rank}. ${excerpt.text}`];
  if (excerpt.speaker) lines.push(`   — ${excerpt.speaker}`);
  lines.push(`   ${where}`);
  if (source.url) lines.push(`   ${source.url}`);
  if (excerpt.alsoIn.length > 0) {
    lines.push(`   also in: ${excerpt.alsoIn.map((a) => labelText(a.label)).join('; ')}`);
  }
  return lines;
}

/**
 * A source as a reader recognises it (as Slack shows it): the headline in quotation marks; the
 * opening words of an article without one marked as such, never as a headline; else the file name.
 */
export function labelText(label: SourceLabel): string {
  if (label.kind === 'headline') return `“${label.text}”`;
  if (label.kind === 'lead') return `article opening “${label.text}”`;
  return label.text;
}
