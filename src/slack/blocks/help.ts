/** Usage, with examples: for `/tesla help`, an empty `/tesla`, and "help" in a thread or DM. */
import { contextBlock, sectionBlock } from './answer.js';
import { EXAMPLE_QUESTIONS } from './examples.js';
import type { RenderedMessage } from './kit.js';

export function renderHelp(): RenderedMessage {
  const examples = EXAMPLE_QUESTIONS.map((question) => `• \`/tesla ${question}\``).join('\n');
  return {
    text: 'How to ask /tesla',
    blocks: [
      sectionBlock(
        '*I answer questions about a news corpus with verbatim quotes*, each with its source: headline, outlet, date and where in the article it is. I never write an answer myself.',
      ),
      sectionBlock(`*Ask privately* (only you see the answer, then *Share in channel* if you like):\n${examples}`),
      sectionBlock(
        '*Narrow a question* with filters anywhere in it:\n' +
          '• `source:"TRT World"` (or `outlet:`) – only that outlet\n' +
          '• `since:2021-05-01` / `before:2021-06-01` – by publication date',
      ),
      sectionBlock(
        '*In a channel*, mention me: `@tesla what did Musk say`. I answer in the thread; then, still mentioning me in that thread:\n' +
          '• `more` – the next excerpts\n' +
          '• `only Reuters` – the same question, one outlet\n' +
          '• `since May` – the same question, newer articles\n' +
          '• `what else did he say` – more from the same speaker\n' +
          '*In a DM* with me, just type the question (and the follow-ups).',
      ),
      contextBlock('`/tesla sources` lists the articles I know · `/tesla help` shows this'),
    ],
  };
}
