/**
 * First names from the English lexicon of the `compromise` NLP library (about 3,000, against the
 * 400 of the hand-written lists in names.ts): "Serena", "Elton", "Guillermo", "Spike"; and its
 * nationalities and nouns for kinds of people ("Swede", "Journalist") that open a run before a
 * name. Only the lexicon is read, once, when this module loads; compromise's tagger is never run: over every
 * article it costs several times the whole indexing time (20-30 ms an article against 4 ms for
 * all of parsing), and it finds fewer of the people a news article quotes than the
 * capitalised-run rules do ("Marat Safin", "Sania Mirza", "Arsene Wenger" are no #Person to it).
 *
 * The lexicon's genders are not used: they moved pronoun resolution to objects of the clause
 * ("felled by midfielder Aaron Mokoena… 'I felt my leg go,' he said") about as often as they
 * fixed it.
 *
 * `world().model` is the library's data rather than its documented interface, so the version is
 * pinned and this module checks at load that the lists it reads are there.
 */
import { createRequire } from 'node:module';

type Lexicon = Record<string, string | string[] | undefined>;
type Compromise = { world(): { model: { one: { lexicon: Lexicon }; two: { orgWords: Record<string, boolean>; placeWords: Record<string, boolean> } } } };
// The library's one-file CommonJS build: it loads in half the time of its ES modules (0.5 s, not 1 s and more under tsx).
const nlp = createRequire(import.meta.url)('compromise/two') as Compromise;
const MODEL = nlp.world().model;
const LEXICON: Lexicon = MODEL.one.lexicon;
if (Object.keys(LEXICON).length < 10_000 || !('agency' in MODEL.two.orgWords) || LEXICON['serena'] !== 'FemaleName') {
  throw new Error('compromise: its lexicon is not where lexicon.ts reads it (has the pinned version changed?)');
}
/** Words that end names of organisations and places ("Agency", "Government", "Bank"; "Island", "Street"). */
const ORGANISATION_OR_PLACE_WORDS: ReadonlySet<string> = new Set([...Object.keys(MODEL.two.orgWords), ...Object.keys(MODEL.two.placeWords)]);

function tagsOf(word: string): readonly string[] {
  const tags = LEXICON[word.toLowerCase()];
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
  return !ORGANISATION_OR_PLACE_WORDS.has(word.toLowerCase()) && tags.every((tag) => NAME_TAGS.has(tag) || tag === 'LastName' || tag === 'Person');
}
