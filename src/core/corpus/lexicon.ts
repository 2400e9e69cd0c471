/**
 * First names from the English lexicon of the `compromise` NLP library (about 3,000, against the
 * 400 of the hand-written lists in names.ts): "Serena", "Elton", "Guillermo", "Spike"; and its
 * nationalities and nouns for kinds of people ("Swede", "Journalist") that open a run before a
 * name. Only the lexicon is read, once, on first use; compromise's tagger is never run: over every
 * article it costs several times the whole indexing time (20-30 ms an article against 4 ms for
 * all of parsing), and it finds fewer of the people a news article quotes than the
 * capitalised-run rules do ("Marat Safin", "Sania Mirza", "Arsene Wenger" are no #Person to it).
 *
 * The lexicon's genders are not used: they moved pronoun resolution to objects of the clause
 * ("felled by midfielder Aaron Mokoena… 'I felt my leg go,' he said") about as often as they
 * fixed it.
 *
 * `world().model` is the library's data rather than its documented interface, so the version is
 * pinned and this module checks, when it first reads them, that the lists are there.
 */
import { createRequire } from 'node:module';

type Lexicon = Record<string, string | string[] | undefined>;
type Compromise = { world(): { model: { one: { lexicon: Lexicon }; two: { orgWords: Record<string, boolean>; placeWords: Record<string, boolean> } } } };

/** What is read from the library, loaded on first use. */
interface LexiconData {
  lexicon: Lexicon;
  /** Words that end names of organisations and places ("Agency", "Government", "Bank"; "Island", "Street"). */
  organisationOrPlaceWords: ReadonlySet<string>;
}

let data: LexiconData | null = null;

/**
 * The library's lexicon, loaded on first use (0.5 s: a process restoring the index from its
 * snapshot never parses an article, so it does not wait for it) and checked then.
 *
 * @throws Error when the lists are not where this module reads them (the pinned version changed)
 */
function lexiconData(): LexiconData {
  if (data !== null) return data;
  // The library's one-file CommonJS build: it loads in half the time of its ES modules (0.5 s, not 1 s and more under tsx).
  const model = (createRequire(import.meta.url)('compromise/two') as Compromise).world().model;
  const lexicon = model.one.lexicon;
  if (Object.keys(lexicon).length < 10_000 || !('agency' in model.two.orgWords) || lexicon['serena'] !== 'FemaleName') {
    throw new Error('compromise: its lexicon is not where lexicon.ts reads it (has the pinned version changed?)');
  }
  data = { lexicon, organisationOrPlaceWords: new Set([...Object.keys(model.two.orgWords), ...Object.keys(model.two.placeWords)]) };
  return data;
}

function tagsOf(word: string): readonly string[] {
  const tags = lexiconData().lexicon[word.toLowerCase()];
  return tags === undefined ? [] : typeof tags === 'string' ? [tags] : tags;
}

const NAME_TAGS = new Set(['MaleName', 'FemaleName', 'FirstName']);

/** True for a first name the lexicon knows ("Serena", "Spike"), in any case. */
export function isLexiconFirstName(word: string): boolean {
  return tagsOf(word).some((tag) => NAME_TAGS.has(tag));
}

/** Lexicon tags of words that describe a person or name a body, never a person's first given name. */
const DESCRIBING_TAGS = new Set(['Demonym', 'Actor', 'Organization', 'Country', 'City', 'Region', 'Place']);

/**
 * True for a word the lexicon knows as a nationality, a kind of person, an organisation or a
 * place ("Spaniard", "Teenager", "Microsoft"), and not as a name: it cannot be the first of a
 * person's given names. An unknown word ("Ole") or a common noun ("Bank") may start a name.
 */
export function isDescribingWord(word: string): boolean {
  const tags = tagsOf(word);
  return tags.some((tag) => DESCRIBING_TAGS.has(tag)) && !tags.some((tag) => NAME_TAGS.has(tag));
}

/**
 * True for a word the lexicon knows as a nationality or a kind of person, and not as a name
 * ("Australian", "Swede", "Journalist", "Curator"): opening a run, it describes the name after it.
 */
export function isPersonDescriptor(word: string): boolean {
  const tags = tagsOf(word);
  return tags.some((tag) => tag === 'Demonym' || tag === 'Actor') && !tags.some((tag) => NAME_TAGS.has(tag));
}

/**
 * True for a word the lexicon knows only as a name, or does not know, and that never ends the name
 * of an organisation or place: "Crosby", "Balague", "Lynton"; not "Agency", "Government", "Rights".
 */
export function mayBeNameOnly(word: string): boolean {
  const tags = tagsOf(word);
  return !lexiconData().organisationOrPlaceWords.has(word.toLowerCase()) && tags.every((tag) => NAME_TAGS.has(tag) || tag === 'LastName' || tag === 'Person');
}
