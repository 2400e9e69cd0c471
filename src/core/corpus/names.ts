/**
 * The vocabulary of names in news text: honorifics ("Mr", "Dr", "Sir"), role words ("chairman",
 * "attorney general", "spokesman"), words that open a sentence without being part of a name
 * ("And", "But", "Meanwhile"), and the gender a name or title implies. Shared by statement
 * extraction (who said it) and the speaker registry (who the user means), so both read a name
 * the same way.
 */

import { isDescribingWord, isLexiconFirstName, isPersonDescriptor, mayBeNameOnly } from './lexicon.js';

/** Honorifics: dropped from a name, they tie "Mr Flynn" to "Jeremy Flynn" and imply a gender. */
const HONORIFIC_GENDER: ReadonlyMap<string, Gender | null> = new Map<string, Gender | null>([
  ['mr', 'm'], ['mr.', 'm'], ['sir', 'm'], ['lord', 'm'], ['mrs', 'f'], ['mrs.', 'f'], ['ms', 'f'], ['ms.', 'f'],
  ['miss', 'f'], ['lady', 'f'], ['dame', 'f'], ['baroness', 'f'], ['dr', null], ['dr.', null], ['prof', null],
  ['prof.', null], ['professor', null], ['rev', null], ['rt', null], ['hon', null], ['st', null],
]);

/** A person's gender as the text marks it (pronouns, honorifics, first names). */
export type Gender = 'm' | 'f';

/**
 * Words of job titles and roles. Lower-case in running text ("premier Nikolai Ryzhkov") or
 * capitalised in a title ("Labour MP Stephen Pound", "NUJ General Secretary").
 */
const ROLE_WORD_LIST = [
  'president', 'vice', 'premier', 'prime', 'minister', 'secretary', 'chancellor', 'chairman', 'chairwoman',
  'chair', 'chairperson', 'chief', 'executive', 'ceo', 'cfo', 'coo', 'cto', 'officer', 'director', 'manager',
  'coach', 'captain', 'spokesman', 'spokeswoman', 'spokesperson', 'founder', 'co-founder', 'head', 'leader',
  'governor', 'senator', 'mayor', 'attorney', 'general', 'bishop', 'archbishop', 'cardinal', 'pope', 'judge',
  'analyst', 'economist', 'editor', 'boss', 'owner', 'commissioner', 'ambassador', 'envoy', 'mp', 'mep', 'msp',
  'am', 'lawmaker', 'congressman', 'congresswoman', 'representative', 'official', 'inspector', 'superintendent',
  'detective', 'constable', 'deputy', 'assistant', 'senior', 'junior', 'shadow', 'former', 'ex', 'acting',
  'interim', 'treasurer', 'trustee', 'dean', 'principal', 'campaigner', 'activist', 'lawyer', 'barrister',
  'solicitor', 'counsel', 'spokesmen', 'chief-executive', 'striker', 'midfielder', 'defender', 'goalkeeper',
  'winger', 'player', 'star', 'singer', 'actor', 'actress', 'producer', 'presenter', 'author', 'writer',
  'novelist', 'comedian', 'rapper', 'guitarist', 'drummer', 'frontman', 'musician', 'artist', 'painter',
  'businessman', 'businesswoman', 'tycoon', 'entrepreneur', 'investor', 'banker', 'trader', 'strategist',
  'researcher', 'scientist', 'expert', 'consultant', 'adviser', 'advisor', 'aide', 'partner', 'member',
  'backbencher', 'whip', 'speaker', 'king', 'queen', 'prince', 'princess', 'emperor', 'sheikh', 'rector',
  'provost', 'vice-chancellor', 'vice-president', 'secretary-general', 'general-secretary', 'mogul',
  'chef', 'designer', 'architect', 'engineer', 'teacher', 'doctor', 'surgeon', 'nurse', 'officer',
  'chairmen', 'boxer', 'champion', 'jockey', 'trainer', 'skipper', 'full-back', 'fly-half', 'centre',
  'prop', 'lock', 'hooker', 'batsman', 'bowler', 'cyclist', 'runner', 'athlete', 'sprinter', 'golfer',
  'referee', 'umpire', 'prosecutor', 'prosecutors', 'teenager', 'youngster', 'veteran', 'rookie', 'broadcaster', 'songwriter', 'dj', 'sheriff', 'guardsman', 'soldier', 'pilot', 'wing', 'bishops', 'ceos', 'correspondent', 'reporter', 'columnist', 'commentator', 'councillor', 'councilor', 'alderman', 'mla', 'td', 'senior', 'spokespeople', 'md', 'vp', 'svp', 'evp', 'gm',
];
const ROLE_WORDS: ReadonlySet<string> = new Set(ROLE_WORD_LIST);

/** Role words that say the person is a woman or a man. */
const ROLE_GENDER: ReadonlyMap<string, Gender> = new Map<string, Gender>([
  ['spokeswoman', 'f'], ['chairwoman', 'f'], ['congresswoman', 'f'], ['businesswoman', 'f'], ['actress', 'f'],
  ['queen', 'f'], ['princess', 'f'], ['spokesman', 'm'], ['chairman', 'm'], ['congressman', 'm'],
  ['businessman', 'm'], ['actor', 'm'], ['king', 'm'], ['prince', 'm'], ['frontman', 'm'],
]);

/** Abbreviated titles and their spelled-out form, so "the Tesla CEO" meets "chief executive". */
const ROLE_SYNONYMS: ReadonlyMap<string, string> = new Map([
  ['ceo', 'chief executive'], ['cfo', 'chief financial officer'], ['coo', 'chief operating officer'],
  ['cto', 'chief technology officer'], ['md', 'managing director'], ['vp', 'vice president'],
  ['chief-executive', 'chief executive'], ['vice-president', 'vice president'], ['boss', 'chief executive'], ['prosecutor', 'district attorney'], ['prosecutors', 'district attorney'], ['da', 'district attorney'],
  ['chairwoman', 'chairman'], ['chairperson', 'chairman'], ['chair', 'chairman'], ['spokeswoman', 'spokesman'],
  ['spokesperson', 'spokesman'], ['prime', 'prime'], ['premier', 'prime minister'], ['pm', 'prime minister'],
  ['secretary-general', 'secretary general'], ['general-secretary', 'general secretary'],
]);

/**
 * Capitalised words that open a sentence or clause without belonging to the name after them
 * ("And Wenger said", "But Downing Street said", "Meanwhile, Tesla said").
 */
const CONNECTORS: ReadonlySet<string> = new Set([
  'and', 'but', 'or', 'so', 'yet', 'now', 'meanwhile', 'however', 'still', 'also', 'then', 'instead', 'indeed',
  'although', 'though', 'while', 'whilst', 'when', 'after', 'before', 'because', 'since', 'if', 'as', 'once',
  'until', 'speaking', 'asked', 'writing', 'today', 'yesterday', 'separately', 'elsewhere', 'moreover',
  'furthermore', 'nevertheless', 'last', 'earlier', 'later', 'in', 'on', 'at', 'for', 'with', 'by', 'from',
  'despite', 'under', 'both', 'even', 'only', 'here', 'there', 'thus', 'plus', 'overall', 'ultimately',
  'finally', 'initially', 'previously', 'recently', 'currently', 'similarly', 'likewise', 'nonetheless',
  'both', 'not', 'unlike', 'like', 'according', 'following', 'during', 'whether', 'where', 'what', 'why', 'how',
  'of', 'to', 'about', 'the', 'a', 'an', 'this', 'that', 'these', 'those', 'his', 'her', 'their', 'its', 'our',
  'my', 'your', 'we', 'they', 'he', 'she', 'it', 'i', 'you', 'mister',
]);

/**
 * Common first names by gender, for "she said" after a man and a woman. A small list rather than
 * a library: the pronouns and honorifics an article uses decide most cases, and a first name is
 * only the tie-breaker. Names used for both sexes (Jo, Sam, Alex, Chris…) are left out.
 */
const MALE_NAMES = new Set(
  ('aaron abdul adam adrian ahmed alan albert alexander alfred ali alistair andrew andy angus anthony antonio arnold '
  + 'arsene arthur barack barry ben benjamin bernard bill billy bob boris brad brendan brian bruce carl carlos charles '
  + 'charlie christopher clive colin craig dan daniel darren dave david dennis derek des dick dominic don donald '
  + 'douglas duncan dylan ed eddie edward elon elvis eric ernest ewan felix francis frank fred gareth gary gavin '
  + 'geoff geoffrey george gerald gerhard gordon graham greg gregory gus harold harry hassan henry howard hugh iain '
  + 'ian ivan jack jacques james jamie jason jeff jeffrey jeremy jim jimmy joe john johnny jonathan jose joseph juan '
  + 'justin keith ken kenneth kevin kofi larry lee len leonard liam louis luke malcolm marc mark martin matt matthew '
  + 'michael mick mike mohammed muhammad neil nelson nicholas nick nicolas nigel noel oliver omar oscar owen patrick '
  + 'paul pete peter phil philip pierre ralph ray raymond richard rick ricky rob robbie robert rod roger ronald ross '
  + 'roy rupert russell ryan sam samuel scott sean sebastian sergei shane simon stan stephen steve steven stuart ted '
  + 'terry thomas tim timothy tom tommy tony trevor vladimir walter warren wayne william yasser yuri zinedine').split(' '),
);
const FEMALE_NAMES = new Set(
  ('alice alison amanda amy andrea angela angelina ann anna anne annie barbara beth betty brenda britney carol '
  + 'caroline catherine charlotte cheryl christina christine claire clare condoleezza diana diane donna dorothy eileen '
  + 'elaine eleanor elizabeth ellen emily emma eve fiona gillian gloria hannah harriet hazel heather helen hilary '
  + 'hillary isabel jacqueline jane janet janice jean jennifer jenny jessica jill joan josephine joyce judith judy '
  + 'julia julie karen kate katherine kathleen kathryn kathy kelly kim kylie laura lauren linda lisa liz louise lucy '
  + 'lynn madonna maggie margaret maria marie martha mary megan melanie michelle nancy natalie nicola nicole olivia '
  + 'paris patricia paula pauline penny rachel rebecca rose ruth sally samantha sandra sara sarah sharon shirley '
  + 'sophie stella sue susan tessa theresa tina valerie victoria virginia wendy yoko zoe').split(' '),
);

/**
 * Adjectives of nationality and region ("Norwegian law", "the German carmaker", "Danish striker
 * Mikkel Ravn"): they qualify a noun or a name and never name a speaker or an organisation.
 */
const NATIONALITIES: ReadonlySet<string> = new Set(
  ('afghan albanian algerian american andorran angolan argentine argentinian armenian australian austrian '
  + 'azerbaijani bahraini bangladeshi belarusian belgian bolivian bosnian brazilian british bulgarian burmese '
  + 'cambodian cameroonian canadian catalan chilean chinese colombian congolese croatian cuban cypriot czech '
  + 'danish dutch ecuadorean ecuadorian egyptian emirati english eritrean estonian ethiopian european fijian '
  + 'filipino finnish flemish french georgian german ghanaian greek guatemalan haitian honduran hungarian '
  + 'icelandic indian indonesian iranian iraqi irish israeli italian ivorian jamaican japanese jordanian '
  + 'kazakh kenyan korean kosovan kurdish kuwaiti kyrgyz laotian latvian lebanese liberian libyan lithuanian '
  + 'luxembourgish macedonian malagasy malawian malaysian maltese mexican moldovan mongolian montenegrin '
  + 'moroccan mozambican namibian nepalese nigerian nigerien norwegian omani pakistani palestinian panamanian '
  + 'paraguayan persian peruvian polish portuguese qatari romanian russian rwandan saudi scottish senegalese '
  + 'serbian singaporean slovak slovakian slovenian somali spanish sri sudanese swedish swiss syrian taiwanese '
  + 'tajik tanzanian thai tibetan togolese tunisian turkish turkmen ugandan ukrainian uruguayan uzbek '
  + 'venezuelan vietnamese walloon welsh yemeni zambian zimbabwean african asian arab latin nordic scandinavian '
  + 'baltic balkan caribbean mediterranean bavarian basque '
  + 'andalusian sicilian corsican breton galician texan californian').split(' '),
);

/** True for a word ending in a possessive `'s` or `’s` (what `/['’]s$/u` tests). */
export function hasPossessive(word: string): boolean {
  const n = word.length;
  if (n < 2 || word.charCodeAt(n - 1) !== 115) return false;
  const mark = word.charCodeAt(n - 2);
  return mark === 39 || mark === 0x2019;
}

/** A word without its possessive `'s` or `’s` (what `word.replace(/['’]s$/u, '')` gives). */
export function withoutPossessive(word: string): string {
  return hasPossessive(word) ? word.slice(0, -2) : word;
}

const UPPER_START = /^\p{Lu}/u;

/** True for a word starting with an upper-case letter (what `/^\p{Lu}/u` tests). */
export function startsUpperCase(word: string): boolean {
  const first = word.charCodeAt(0);
  return first < 128 ? first >= 65 && first <= 90 : UPPER_START.test(word);
}

/** True for an adjective of nationality or region ("Norwegian", "Danish", "Scandinavian"). */
export function isNationality(word: string): boolean {
  return NATIONALITIES.has(word.toLowerCase());
}

/** True for an honorific ("Mr", "Dr.", "Sir"). */
export function isHonorific(word: string): boolean {
  return HONORIFIC_GENDER.has(word.toLowerCase());
}

/** True for a word of a job title or role ("chairman", "MP", "attorney"). */
export function isRoleWord(word: string): boolean {
  return ROLE_WORDS.has(word.toLowerCase());
}

/** True for a capitalised word that opens a clause without being part of a name ("And", "But"). */
export function isConnector(word: string): boolean {
  return CONNECTORS.has(word.toLowerCase());
}

/**
 * The gender that a name's honorific, first name or a role word implies, or null when unknown.
 *
 * @example genderOf(['Mrs', 'Smith']) === 'f'; genderOf(['Jeremy', 'Flynn']) === 'm'
 */
export function genderOf(words: readonly string[]): Gender | null {
  for (const word of words) {
    const lower = word.toLowerCase();
    const honorific = HONORIFIC_GENDER.get(lower);
    if (honorific) return honorific;
    const role = ROLE_GENDER.get(lower);
    if (role) return role;
  }
  const first = words.find((w) => !HONORIFIC_GENDER.has(w.toLowerCase()))?.toLowerCase();
  if (first === undefined) return null;
  if (MALE_NAMES.has(first)) return 'm';
  if (FEMALE_NAMES.has(first)) return 'f';
  return null;
}

/** True for a first name of the gendered lists above ("Jeremy", "Ellen"). */
function isListedFirstName(word: string): boolean {
  const lower = word.toLowerCase();
  return MALE_NAMES.has(lower) || FEMALE_NAMES.has(lower);
}

/** True for a first name: the lists above or compromise's lexicon ("Jeremy", "Serena", "Spike"). */
export function isFirstName(word: string): boolean {
  return isListedFirstName(word) || isLexiconFirstName(word);
}

/**
 * True when a word opening a three-word run cannot be a given name, so a first name after it
 * starts the name: "Film-maker Spike Lee", "EADS Philippe Camus", "Spaniard Guillermo
 * Garcia-Lopez"; not "Ole Gunnar Solskjaer" (an unknown word may be a first given name) nor
 * "Bank Sal Oppenheim" (a common noun may begin an organisation's name).
 */
function cannotBeGivenName(word: string): boolean {
  return word.includes('-') || /^\p{Lu}{2,}$/u.test(word) || isDescribingWord(word);
}

/**
 * The words of a role phrase, lower-case, abbreviations spelled out and possessives dropped:
 * "Tesla's CEO" → ["tesla", "chief", "executive"]. Used on both sides (article and question).
 */
export function roleWords(phrase: string): string[] {
  const words: string[] = [];
  for (const raw of phrase.toLowerCase().replace(/['’]s\b/g, '').split(/[^\p{L}\p{N}-]+/u)) {
    if (!raw || ROLE_STOP.has(raw)) continue;
    const spelled = ROLE_SYNONYMS.get(raw);
    if (spelled) words.push(...spelled.split(' '));
    else words.push(raw);
  }
  return words;
}
const ROLE_STOP = new Set(['the', 'a', 'an', 'of', 'for', 'at', 'in', 'and', 'its', 'his', 'her', 'their', 'rt', 'hon', 'rev', 'dr', 'mr', 'mrs', 'ms', 'former', 'ex', 'then', 'new', 'current', 'now']);

/**
 * Common nouns a sentence opens with to describe the organisation named after them ("Rival
 * Andes Copper said", "Carmaker Volvo said"); never a word that begins names ("Union Pacific")
 * or a person's trade ("Broadcaster Chris Evans").
 */
const DESCRIPTORS: ReadonlySet<string> = new Set([
  'rival', 'rivals', 'parent', 'developer', 'carmaker', 'automaker', 'chipmaker', 'drugmaker', 'retailer',
  'lender', 'insurer', 'miner', 'brewer', 'regulator', 'watchdog', 'conglomerate', 'supermarket', 'start-up',
  'startup', 'operator', 'supplier', 'manufacturer', 'planemaker', 'shipbuilder', 'distributor', 'utility',
  'competitor',
]);

/** True for a common noun that describes an organisation before its name ("rival", "carmaker"). */
export function isDescriptor(word: string | null): boolean {
  return word !== null && DESCRIPTORS.has(word.toLowerCase());
}

/** "Group", "Inc": a word that completes a one-word name, so "Rival Group" stays a name. */
function isOrganisationSuffix(word: string): boolean {
  return /^(?:group|inc|corp|co|ltd|plc|ag|sa|holdings|partners)\.?$/i.test(word);
}

/** Titles written before a bare surname ("President Bush", "Chancellor Brown"). */
const TITLES_BEFORE_SURNAME: ReadonlySet<string> = new Set([
  'president', 'premier', 'chancellor', 'minister', 'senator', 'governor', 'mayor', 'judge', 'bishop',
  'archbishop', 'cardinal', 'pope', 'king', 'queen', 'prince', 'princess', 'coach', 'captain', 'inspector',
  'detective', 'sheikh', 'commissioner', 'secretary', 'chairman', 'director', 'professor', 'ambassador',
]);

/**
 * Splits a capitalised run into the role that opens it and the name after it:
 * ["Labour", "MP", "Stephen", "Pound"] → role "Labour MP", name ["Stephen", "Pound"];
 * ["And", "Wenger"] → name ["Wenger"]; ["General", "Motors"] stays a name. Honorifics
 * ("Mr", "Dr", "Rt Rev") are dropped from the name and the first is returned apart.
 */
export function splitRun(run: readonly string[]): { role: string | null; honorific: string | null; name: string[] } {
  if (run.length === 1) return { role: null, honorific: null, name: [...run] };
  let start = 0;
  while (start < run.length - 1 && isConnector(run[start]!)) start++;
  // "Rival Andes Copper", "Developer Nordsol Energy": a common noun opening the sentence describes the name.
  const described = (start < run.length - 2 || (start === run.length - 2 && !isOrganisationSuffix(run[start + 1]!))) && isDescriptor(run[start]!);
  if (described) return { ...splitRun(run.slice(start + 1)), role: run[start]!.toLowerCase() };
  // The name: capitalised words after the last role word or lower-case connector.
  let nameStart = run.length;
  while (nameStart > start && startsUpperCase(run[nameStart - 1]!) && !isRoleWord(withoutPossessive(run[nameStart - 1]!))) nameStart--;
  if (nameStart === run.length) nameStart = start; // ends on a role word: no name to split off
  let honorific: string | null = null;
  let role: string | null = null;
  const before = run.slice(start, nameStart);
  const named = run.slice(nameStart);
  const lastBefore = before.at(-1)?.replace(/['’]s$/u, '').toLowerCase();
  const splits = before.length > 0 && lastBefore !== undefined && isRoleWord(lastBefore)
    && (named.length >= 2 || /^\p{Ll}/u.test(before.at(-1)!) || TITLES_BEFORE_SURNAME.has(lastBefore) || before.length > 1);
  let name = splits ? named : run.slice(start);
  if (splits) role = before.join(' ');
  // "Tanzania Mr Brown", "Chancellor of the Exchequer Gordon Brown": what comes before an
  // honorific, or before a known first name that ends the run with a surname, is not the name.
  const honorificAt = name.findIndex((w, k) => k > 0 && k < name.length - 1 && isHonorific(w));
  // (An honorific is no role: "Sir Teddy Taylor" keeps it, below.)
  const firstNameAt = name.length === 3 && !isFirstName(name[0]!) && !isHonorific(name[0]!)
    && (isListedFirstName(name[1]!) || (isLexiconFirstName(name[1]!) && cannotBeGivenName(name[0]!))) ? 1 : -1;
  // "Swede Joachim Johansson", "Journalist Guillem Balague", "Tunisian-born Abdellatif Kechiche": a
  // nationality or kind of person before two words known only as names (not "Human Rights Watch").
  const describedAt = name.length === 3 && (isPersonDescriptor(name[0]!) || /^\p{Lu}\p{L}+-born$/u.test(name[0]!))
    && !isOrganisationSuffix(name[2]!) && mayBeNameOnly(name[1]!) && mayBeNameOnly(name[2]!) ? 1 : -1;
  const cut = honorificAt > 0 ? honorificAt : firstNameAt > 0 ? firstNameAt : describedAt;
  if (cut > 0) {
    role ??= name.slice(0, cut).join(' ');
    name = name.slice(cut);
  }
  while (name.length > 1 && isHonorific(name[0]!)) {
    honorific ??= name[0]!;
    name = name.slice(1);
  }
  return { role, honorific, name };
}
