/** Hand-made answers for rendering tests (the renderer is pure; no engine needed). */
import type { Answer, Excerpt } from '../../../src/slack/ports.js';

type ExcerptOverrides = Omit<Partial<Excerpt>, 'source'> & { source?: Partial<Excerpt['source']> };

export function excerpt(overrides: ExcerptOverrides = {}): Excerpt {
  const { source, ...rest } = overrides;
  return {
    text: '“If Tesla used cars to spy in China or anywhere, we will get shut down.”',
    speaker: 'Elon Musk',
    score: 12.7,
    alsoIn: [],
    ...rest,
    source: {
      docId: '000_c39a801cf85dcbb3',
      path: 'seeds/000_c39a801cf85dcbb3.txt',
      title: 'Tesla Says Its In-Vehicle Cameras Aren’t Activated in China',
      outlet: null,
      published: null,
      url: null,
      label: { text: 'Tesla Says Its In-Vehicle Cameras Aren’t Activated in China', kind: 'headline', cut: false },
      start: 1856,
      end: 1928,
      ...source,
    },
  };
}

export function answer(overrides: Partial<Answer> = {}): Answer {
  return {
    question: 'what did Musk say',
    intent: 'quotes',
    speaker: 'Elon Musk',
    answered: true,
    message: null,
    excerpts: [excerpt()],
    more: 0,
    ...overrides,
  };
}
