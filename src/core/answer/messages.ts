/**
 * What the engine tells a user when it has nothing to quote: bad filters, words the corpus
 * lacks, words that never meet, and example questions that do have answers.
 */
import { looksLikePerson } from '../corpus/statements.js';
import { fold } from '../search/analyzer.js';
import { documentFilter, type AnswerContext } from './context.js';
import { expectedAnswerType, isRequiredType } from './answerType.js';
import type { TermGroup } from './query.js';
import type { QuestionFilters } from './question.js';
import type { CorpusStats } from './catalogue.js';

/** A message when no document passes the question's filters, else null. */
export function filterProblem(context: AnswerContext, filters: QuestionFilters, stats: CorpusStats): string | null {
  const accept = documentFilter(filters);
  if (!accept) return null;
  const docs = context.index.documents();
  if (docs.some(accept)) return null;
  if (filters.outlet && !docs.some((d) => d.meta.outlet && fold(d.meta.outlet).includes(fold(filters.outlet!)))) {
    return `No article comes from “${filters.outlet}”. Outlets in the corpus: ${stats.outlets.length ? stats.outlets.join(', ') : 'none stated'}.`;
  }
  const undated = docs.filter((d) => !d.meta.published).length;
  const range = [filters.since && `since ${filters.since}`, filters.before && `before ${filters.before}`].filter(Boolean).join(' and ');
  return `No article is dated ${range}${filters.outlet ? ` from “${filters.outlet}”` : ''}. ${undated} of ${docs.length} articles state no date, so date filters leave them out.`;
}

/**
 * Why nothing answers a question: the words the corpus lacks (with close terms it has), or the
 * kind of fact asked for that the passages never give, or words that never meet.
 */
export function nothingFoundMessage(context: AnswerContext, question: string, groups: readonly TermGroup[], examples: readonly string[]): string {
  const { index } = context;
  if (groups.length === 0) return `That question has no words to search for. Try for example: ${examples.join(' · ')}`;
  const present = groups.filter((g) => index.sentenceFrequencyOf(g.term) > 0).map((g) => g.word);
  const absentGroups = groups.filter((g) => index.sentenceFrequencyOf(g.term) === 0);
  const close = absentGroups
    .flatMap((g) => [...g.variants].filter(([, w]) => w < 1).map(([t]) => index.surfaceOf(t)))
    .filter((w): w is string => Boolean(w))
    .slice(0, 5);
  const parts = ['Nothing in the corpus answers that.'];
  const type = expectedAnswerType(question);
  const wanted = isRequiredType(type) ? { money: 'a price or an amount', count: 'a number', number: 'a number', time: 'a date or time' }[type as 'money' | 'count' | 'number' | 'time'] : '';
  if (absentGroups.length > 0) parts.push(`The articles never mention ${absentGroups.map((g) => `“${g.word}”`).join(', ')}.`);
  else if (wanted) parts.push(`The passages about ${present.map((w) => `“${w}”`).join(', ')} never give ${wanted}.`);
  else if (present.length > 1) parts.push(`${present.map((w) => `“${w}”`).join(', ')} appear, but never together in one article.`);
  if (close.length > 0) parts.push(`Close terms they do contain: ${close.join(', ')}.`);
  parts.push(`Try for example: ${examples.join(' · ')}`);
  return parts.join(' ');
}

/**
 * Example questions that have answers: the corpus's most quoted person and organisation, and the
 * person with an outlet that actually carries one of their statements.
 */
export function exampleQuestions(context: AnswerContext): string[] {
  const speakers = context.speakers().list();
  const person = speakers.find((s) => looksLikePerson(s.name));
  const organisation = speakers.find((s) => !looksLikePerson(s.name));
  const examples = [person, organisation].filter((s) => s !== undefined).map((s) => `what did ${s.name} say`);
  if (person) {
    const outlet = context.statementsOf(person.name).map(([doc]) => doc.meta.outlet).find((o): o is string => o !== null);
    if (outlet) examples.push(`what did ${person.name} say source:"${outlet}"`);
  }
  return examples.length > 0 ? examples : ['what is this corpus about'];
}
