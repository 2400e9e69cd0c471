/**
 * Who a document mentions, for resolving the speakers of its statements: people grouped into
 * one cluster per person (full name, surname, "Mr"/"Ms"… + surname, first name when unambiguous),
 * their gender (honorifics, first names, the pronouns the article uses for them), the roles the
 * article gives them ("California attorney general Bill Lockyer", "Edward Leigh, chairman of the
 * public accounts committee", "Vodafone's Jeremy Flynn"), and organisations.
 */
import type { Sentence } from './types.js';
import { genderOf, hasPossessive, isConnector, isDescriptor, isFirstName, isHonorific, isNationality, isRoleWord, roleWords, splitRun, withoutPossessive, type Gender } from './names.js';
import { QuoteMarks, codeClass, isNameWord, isPunctuation, quotedSpansIn, wordsOf, type WordToken } from './words.js';

/** A speaker reference before in-document resolution. Positions are offsets in the sentence. */
export type SpeakerRef =
  | { kind: 'name'; words: string[]; honorific: string | null; role: string | null }
  | { kind: 'pronoun'; gender: Gender | 'plural'; position: number }
  | { kind: 'organisation'; head: string | null; position: number }
  | { kind: 'role'; words: string[]; position: number };

/** Words that never name a speaker on their own (places, nationalities, time). */
const NOT_AN_ORGANISATION = new Set([
  'china', 'chinese', 'us', 'u.s.', 'usa', 'america', 'american', 'americans', 'united', 'states',
  'beijing', 'shanghai', 'washington', 'europe', 'european', 'eu', 'japan', 'germany', 'india',
  'russia', 'uk', 'britain', 'california', 'north', 'south', 'east', 'west', 'asia', 'mainland',
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october',
  'november', 'december', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday',
  'the', 'a', 'an', 'in', 'on', 'at', 'last', 'earlier', 'however', 'if', 'as', 'but', 'and', 'so',
  'model', 'q1', 'q2', 'q3', 'q4', 'i', 'it', 'this', 'that', 'he', 'she', 'they', 'we', 'his', 'her',
  'london', 'england', 'scotland', 'wales', 'ireland', 'france', 'italy', 'spain', 'british', 'english',
  'christmas', 'easter', 'internet', 'web', 'mr', 'mrs', 'ms', 'dr', 'sir',
]);
/** Words that make a capitalised run an organisation or a work, not a person. */
const ORGANISATION_WORDS = new Set([
  'journal', 'reports', 'street', 'world', 'times', 'post', 'news', 'motors', 'union', 'act',
  'council', 'forum', 'party', 'model', 'giga', 'development', 'inc', 'corp', 'co', 'company', 'group',
  'administration', 'government', 'ministry', 'department', 'agency', 'bank', 'university', 'institute',
  'association', 'committee', 'commission', 'court', 'congress', 'senate', 'house', 'office',
  'service', 'media', 'network', 'verge', 'reuters', 'bloomberg', 'press', 'daily', 'herald', 'tribune',
  'weekly', 'magazine', 'review', 'radio', 'tv', 'television', 'broadcasting', 'foundation', 'fund',
  'capital', 'partners', 'holdings', 'technologies', 'systems', 'labs', 'airlines', 'communist', 'cup',
  'league', 'club', 'fc', 'united', 'city', 'rovers', 'athletic', 'olympic', 'games', 'championship',
  'award', 'awards', 'festival', 'prize', 'trust', 'society', 'federation', 'board', 'authority', 'police',
  'museum', 'theatre', 'orchestra', 'records', 'studios', 'pictures', 'films', 'code', 'park', 'road',
  'centre', 'center', 'hospital', 'school', 'college', 'church', 'parliament', 'assembly', 'executive',
  'borders', 'international', 'national', 'global', 'limited', 'ltd', 'plc', 'group', 'airways', 'energy',
  'telecom', 'communications', 'software', 'electronics', 'microsoft', 'google', 'apple', 'xbox', 'playstation',
  'bbc', 'itv', 'sky', 'channel', 'online', 'digital', 'tesla', 'uefa', 'fifa', 'nato', 'labour', 'conservative',
  'conservatives', 'tory', 'tories', 'democrats', 'republicans', 'liberal', 'green', 'greens', 'downing',
  'movement', 'alliance', 'front', 'coalition', 'confederation', 'guild', 'chamber', 'academy', 'exchange',
  'minerals', 'mining', 'metals', 'resources', 'logistics', 'cargo', 'freight', 'semiconductor', 'semiconductors',
  'microsystems', 'foods', 'pharma', 'pharmaceuticals', 'air', 'oil', 'gas', 'steel', 'chemicals', 'industries',
  'securities', 'ventures', 'insurance', 'savings', 'batteries', 'motor', 'automotive', 'aerospace', 'shipping',
  'open', 'masters', 'slam', 'trophy', 'series', 'finals', 'tour', 'stadium', 'arena', 'olympics', 'marathon',
  'brewery', 'breweries', 'bancorp', 'banco', 'banca', 'ag', 'sa', 'nv', 'gmbh', 'spa', 'ab', 'asa', 'llc', 'lp',
]);

/** True for a word that makes a capitalised run an organisation ("Association", "Union", "Bank"). */
export function isOrganisationWord(word: string): boolean {
  return ORGANISATION_WORDS.has(word.toLowerCase());
}

/**
 * True for a capitalised word that may name an organisation where it qualifies a noun ("the
 * Verdi services union", "the Google team"), not a place, nationality, time or title ("the US
 * regulator", "the German carmaker", "the Paris-based group").
 */
export function mayNameOrganisation(word: string): boolean {
  const lower = word.toLowerCase();
  return isNameWord(word) && !NOT_AN_ORGANISATION.has(lower) && !isNationality(lower) && !isConnector(lower)
    && !isRoleWord(lower) && !/^\p{Lu}[\p{L}.]*-\p{Ll}/u.test(word);
}
/** Words before a name that make it the object of the clause, not its subject ("criticised Mr Blair"). */
const PREPOSITIONS = new Set([
  'to', 'with', 'by', 'for', 'of', 'from', 'against', 'about', 'on', 'at', 'than', 'like', 'into', 'onto', 'over',
  'under', 'between', 'among', 'including', 'behind', 'towards', 'toward', 'alongside', 'beside', 'besides', 'via',
  'per', 'unlike', 'replacing', 'replace', 'succeed', 'succeeds', 'succeeding', 'told', 'asked', 'thanked', 'urged',
  'beat', 'beating', 'met', 'meet', 'hired', 'sacked', 'appointed', 'named', 'backed', 'blamed', 'accused', 'joined',
  'signed', 'dropped', 'called', 'as', 'whom', 'and', 'or', 'nor', 'defeated', 'face', 'faces', 'facing', 'see', 'saw',
  'near', 'across', 'inside', 'outside', 'within', 'throughout', 'around', 'through',
]);
/** Verbs that end an apposition: "Northern Echo, the Bishop said" gives the Echo no role. */
const SAYS = /^(?:said|says|say|told|tells|added|adds|wrote|writes|is|was|has|had|will|would|claimed|warned|argued)$/;
/**
 * Nouns an institution is named with ("the Nordic Pilots Union", "the Danish Fishermen's
 * Association"), so that "the union" is the union the article names; a company noun ("the bank",
 * "the group") refers to the article's subject, found by recency.
 */
const INSTITUTION_HEADS = new Set([
  'union', 'association', 'federation', 'party', 'council', 'committee', 'commission', 'institute', 'trust',
  'league', 'forum', 'society', 'alliance', 'ministry', 'department', 'agency', 'authority', 'board', 'office',
  'confederation', 'chamber', 'foundation', 'movement', 'coalition',
]);
/** Nouns any business is called by: "the company" may be the chip designer or the carmaker the article names. */
const GENERIC_HEADS = new Set(['company', 'firm', 'group', 'business', 'corporation']);
const UPPER_AT = /\p{Lu}/uy;
const LETTER_OR_DIGIT_AT = /[\p{L}\p{N}]/uy;
const LOWER_OR_DIGIT = /[\p{Ll}\p{N}'’-]/u;
const LOWER_LETTER_OR_DIGIT = /[\p{Ll}\p{N}]/u;
const LETTER = /[\p{L}]/u;

/**
 * The capitalised words a text writes right after a lower-case word of the same paragraph (a
 * line break is a space, a comma may come between): "join Parlanto's board" gives "Parlanto".
 * The words are what `/\p{Lu}[\p{L}\p{N}'’-]*\/gu` matches, read by a scanner; a character is
 * tested as one UTF-16 code unit, as `text[k]` reads it.
 */
function namesMidSentence(text: string): Set<string> {
  const names = new Set<string>();
  const n = text.length;
  let i = 0;
  while (i < n) {
    const code = text.charCodeAt(i);
    let width = 1;
    if (code < 128) {
      if (code < 65 || code > 90) {
        i++;
        continue;
      }
    } else {
      UPPER_AT.lastIndex = i;
      if (UPPER_AT.test(text)) width = UPPER_AT.lastIndex - i;
      else {
        i += (code & 0xfc00) === 0xd800 && i + 1 < n && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
        continue;
      }
    }
    const index = i;
    i += width;
    while (i < n) {
      const c = text.charCodeAt(i);
      if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 39 || c === 45 || c === 0x2019) i++;
      else if (c >= 128) {
        LETTER_OR_DIGIT_AT.lastIndex = i;
        if (!LETTER_OR_DIGIT_AT.test(text)) break;
        i = LETTER_OR_DIGIT_AT.lastIndex;
      } else break;
    }
    if (followsLowerCaseWord(text, index)) names.add(withoutPossessive(text.slice(index, i)));
  }
  return names;
}

/**
 * Whether a capitalised word at `index` comes right after a lower-case word of the same
 * paragraph (a line break is a space, a comma may come between).
 */
function followsLowerCaseWord(text: string, index: number): boolean {
  let k = index - 1;
  let breaks = 0;
  for (; k >= 0; k--) {
    const c = text.charCodeAt(k);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13) break;
    if (c === 10 && ++breaks > 1) break;
  }
  if (breaks > 1 || k === index - 1) return false;
  const before = k >= 0 ? text.charCodeAt(k) : -1;
  if (before === 44 /* , */ || before === 59 /* ; */ || before === 41 /* ) */) k--;
  if (!isLowerLetterOrDigitAt(text, k)) return false;
  let start = k;
  while (start >= 0 && isLowerOrDigitAt(text, start)) start--;
  return start < k && !isLetterAt(text, start);
}

const SURROGATE = /[\ud800-\udfff]/;

/**
 * `namesMidSentence(text).has(word)` for a text without surrogates (each code unit a
 * character), reading only where the text writes the word: an occurrence counts when a
 * capitalised word starts there (no capital in the run of word characters before it) and is the
 * word, possessive apart.
 */
function isWrittenMidSentence(text: string, word: string): boolean {
  for (let p = text.indexOf(word); p !== -1; p = text.indexOf(word, p + 1)) {
    if ((codeClass(text.charCodeAt(p)) & 4) === 0) continue;
    let insideWord = false;
    for (let r = p - 1; r >= 0 && isCapitalisedWordPart(text.charCodeAt(r)); r--) {
      if ((codeClass(text.charCodeAt(r)) & 4) !== 0) {
        insideWord = true;
        break;
      }
    }
    if (insideWord) continue;
    let end = p + 1;
    while (end < text.length && isCapitalisedWordPart(text.charCodeAt(end))) end++;
    if (withoutPossessive(text.slice(p, end)) === word && followsLowerCaseWord(text, p)) return true;
  }
  return false;
}

/** `[\p{L}\p{N}'’-]` for a code unit outside the surrogates. */
function isCapitalisedWordPart(code: number): boolean {
  return code === 39 || code === 45 || code === 0x2019 || (codeClass(code) & 1) !== 0;
}

/** `/[\p{Ll}\p{N}]/u` on the code unit at `k` (none before the text). */
function isLowerLetterOrDigitAt(text: string, k: number): boolean {
  if (k < 0) return false;
  const c = text.charCodeAt(k);
  return c < 128 ? (c >= 97 && c <= 122) || (c >= 48 && c <= 57) : LOWER_LETTER_OR_DIGIT.test(text[k]!);
}

/** `/[\p{Ll}\p{N}'’-]/u` on the code unit at `k`. */
function isLowerOrDigitAt(text: string, k: number): boolean {
  const c = text.charCodeAt(k);
  return c < 128 ? (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 39 || c === 45 : LOWER_OR_DIGIT.test(text[k]!);
}

/** `/[\p{L}]/u` on the code unit at `k` (none before the text). */
function isLetterAt(text: string, k: number): boolean {
  if (k < 0) return false;
  const c = text.charCodeAt(k);
  return c < 128 ? (c >= 97 && c <= 122) || (c >= 65 && c <= 90) : LETTER.test(text[k]!);
}
/** How far back (in sentences) a pronoun looks for its person. */
const PRONOUN_WINDOW = 3;
const PRONOUN_WIDE_WINDOW = 6;

interface Cluster {
  /** The fullest name the article gives ("Jeremy Flynn"; "Flynn" when it only says "Mr Flynn"). */
  name: string;
  words: string[];
  gender: Gender | null;
  he: number;
  she: number;
  /** Role phrases the article attaches to this person. */
  roles: string[];
  /** True once the article names the person by surname (or honorific and surname) alone. */
  alone: boolean;
}

interface Mention {
  cluster: Cluster | null;
  /** For organisations: the name as written. */
  organisation: string | null;
  sentence: number;
  /** Offset in the document text. */
  position: number;
  /** Neither possessive, nor the object of a verb or preposition, nor inside a quotation. */
  subject: boolean;
  possessive: boolean;
  inQuote: boolean;
}

/** A noted speaker: who the statement of a sentence is by, in document order. */
interface Noted {
  name: string;
  sentence: number;
  /** The gender of the spokesman or spokeswoman who spoke for `name`, when one did. */
  voice: Gender | null;
}

/** A capitalised run of a sentence and the words around it. */
interface Run {
  words: string[];
  /** The run split into role, honorific and name (possessives stripped). */
  split: ReturnType<typeof splitRun>;
  /** The name of the split, its words joined by spaces. */
  full: string;
  cleaned: string[];
  from: number;
  to: number;
  possessive: boolean;
  inQuote: boolean;
}

/** True when a name looks like a person's: two or three capitalised words, none an organisation word. */
export function looksLikePerson(name: string): boolean {
  const parts = name.split(' ');
  const particles = parts.filter((part, k) => k > 0 && k < parts.length - 1 && SURNAME_PARTICLES.has(part)).length;
  if (parts.length < 2 || parts.length - particles > 3) return false;
  return parts.every((part, k) => {
    const lower = part.toLowerCase();
    if (k > 0 && k < parts.length - 1 && SURNAME_PARTICLES.has(part)) return true;
    return /^\p{Lu}/u.test(part) && !ORGANISATION_WORDS.has(lower) && !NOT_AN_ORGANISATION.has(lower) && !isConnector(lower) && !isStrongRole(lower);
  });
}

/** Lower-case words inside a surname ("Sanne de Wit", "Ludwig van der Berg"). */
const SURNAME_PARTICLES: ReadonlySet<string> = new Set(['de', 'van', 'von', 'der', 'den', 'da', 'di', 'du', 'del', 'della', 'dos', 'das', 'ter', 'ten', 'la', 'le', 'bin', 'al']);

/** True for a surname opening with a particle, as a sentence writes it ("De Wit said", "Van der Berg"). */
function isParticleSurname(words: readonly string[]): boolean {
  return words.length >= 2 && SURNAME_PARTICLES.has(words[0]!.toLowerCase());
}

/** Role words that never end or start a person's name ("Labour MP", "Chief Executive"). */
function isStrongRole(lower: string): boolean {
  return isRoleWord(lower) && !isFirstName(lower) && !/^(?:king|lock|prop|star|bishop|judge|major|chef|singer|chancellor|speaker|player|hooker|partner|member|owner|banker|trader|painter|cardinal|prince|centre|runner|general)$/.test(lower);
}

/** What a document says about who is who; built on first need, as most sentences never ask. */
export class DocumentMentions {
  /** Sentences read so far (see {@link DocumentMentions.scan}). */
  private scannedTo = 0;
  private readonly clusters: Cluster[] = [];
  private readonly byName = new Map<string, Cluster>();
  private readonly mentions: Mention[] = [];
  private readonly noted: Noted[] = [];
  /** Organisation → role words the article gives it ("watchdog", "pressure group"). */
  private readonly organisationRoles = new Map<string, Set<string>>();
  private readonly organisationCounts = new Map<string, number>();
  /** Organisation → nouns the article puts after its name when it owns it ("its Cerro Alto mine": "mine"). */
  private readonly organisationKinds = new Map<string, Set<string>>();
  /** Words the text capitalises after a lower-case word (read once, on first need). */
  private namedMidSentence: Set<string> | null = null;
  /** For a text without surrogates: whether it capitalises a word after a lower-case word, by word asked. */
  private readonly wordsMidSentence = new Map<string, boolean>();
  private hasSurrogates: boolean | null = null;
  /** The words of each sentence read so far (offsets from the sentence's start), shared with statement extraction. */
  private readonly words: Array<readonly WordToken[] | undefined> = [];
  /** Where the text has quotation marks (most sentences have none). */
  private readonly quoteMarks: QuoteMarks;

  constructor(private readonly text: string, private readonly sentences: readonly Sentence[]) {
    this.quoteMarks = new QuoteMarks(text);
  }

  /** The words of a sentence, offsets from its start (read once). */
  sentenceWords(sentence: number): readonly WordToken[] {
    let words = this.words[sentence];
    if (words === undefined) {
      const { start, end } = this.sentences[sentence]!;
      words = wordsOf(this.text.slice(start, end));
      this.words[sentence] = words;
    }
    return words;
  }

  /**
   * The speaker a reference stands for in this document, or null when it cannot be told.
   * `offset` is where the text the reference's positions count from starts (the sentence's start by default).
   */
  resolve(ref: SpeakerRef, sentence: number, offset: number = this.sentences[sentence]!.start): string | null {
    // A name of two words or more is already the fullest: no need to read the document for it.
    if (ref.kind === 'name' && ref.words.length >= 2 && !isHonorificLike(ref.words[0]!) && !isParticleSurname(ref.words)) return this.byName.get(ref.words.join(' '))?.name ?? ref.words.join(' ');
    this.scan(sentence);
    switch (ref.kind) {
      case 'name':
        return this.resolveName(ref.words, ref.honorific, sentence);
      case 'pronoun':
        return this.resolvePronoun(ref.gender, sentence, offset + ref.position);
      case 'organisation':
        return this.resolveOrganisation(ref.head, sentence, offset + ref.position);
      case 'role':
        return this.resolveRole(ref.words, sentence);
    }
  }

  /**
   * Records the speaker of a sentence, so that a later "he said" or "it said" can refer to it;
   * `voice` is the gender of the spokesman or spokeswoman who spoke for it ("A Home Office
   * spokesman said… He added…").
   */
  noteSpeaker(speaker: string, sentence: number, voice: Gender | null = null): void {
    this.noted.push({ name: speaker, sentence, voice });
  }

  /** Role phrases of each person and organisation of the document, by the name statements use. */
  roles(): Map<string, string[]> {
    this.scan();
    const roles = new Map<string, string[]>();
    for (const cluster of this.clusters) if (cluster.roles.length > 0) roles.set(cluster.name, [...new Set(cluster.roles)]);
    for (const [name, set] of this.organisationRoles) roles.set(name, [...set]);
    return roles;
  }

  private resolveName(words: string[], honorific: string | null, sentence: number): string {
    const name = words.join(' ');
    const exact = this.byName.get(name);
    if (exact) return exact.name;
    const bySurname = this.clusterOfParticleSurname(words);
    if (bySurname) return bySurname.name;
    if (words.length === 1) {
      const gender = honorific ? genderOf([honorific]) : null;
      const cluster = this.clusterOfWord(words[0]!, gender, sentence, honorific !== null);
      if (cluster) return cluster.name;
    }
    if (words.length === 2 && isHonorificLike(words[0]!)) {
      const cluster = this.clusterOfWord(words[1]!, genderOf([words[0]!]), sentence, true);
      if (cluster) return cluster.name;
    }
    return name;
  }

  /** The one person whose surname opens with a particle as the words write it ("De Wit": "Sanne de Wit"), or null. */
  private clusterOfParticleSurname(words: readonly string[]): Cluster | null {
    if (!isParticleSurname(words)) return null;
    const tail = words.join(' ').toLowerCase();
    const people = this.clusters.filter((c) => c.words.length > words.length && c.words.slice(-words.length).join(' ').toLowerCase() === tail);
    return people.length === 1 ? people[0]! : null;
  }

  /** The person a single word names: surname (or first name when only one person has it). */
  private clusterOfWord(word: string, gender: Gender | null, sentence: number, titled: boolean): Cluster | null {
    const bySurname = this.clusters.filter((c) => c.words.length > 1 && c.words.at(-1) === word && compatible(c, gender));
    const chosen = bySurname.length > 1 ? this.mostRecent(bySurname, sentence) : bySurname[0];
    if (chosen) return chosen;
    if (titled) return this.clusters.find((c) => c.words.length === 1 && c.words[0] === word) ?? null;
    const byFirstName = this.clusters.filter((c) => c.words.length > 1 && c.words[0] === word && isFirstName(word));
    return byFirstName.length === 1 ? byFirstName[0]! : null;
  }

  private mostRecent(clusters: Cluster[], sentence: number): Cluster | undefined {
    let best: Mention | undefined;
    for (const mention of this.mentions) {
      if (mention.sentence > sentence) break;
      if (mention.cluster && clusters.includes(mention.cluster)) best = mention;
    }
    return best?.cluster ?? clusters[0];
  }

  private resolvePronoun(gender: Gender | 'plural', sentence: number, position: number): string | null {
    if (gender === 'plural') {
      const last = this.noted.at(-1);
      return last && last.sentence >= sentence - 2 && !this.byName.has(last.name) && !looksLikePerson(last.name) ? last.name : null;
    }
    // "A Home Office spokesman said… He added…": the spokesman of the statement just before.
    const last = this.noted.at(-1);
    if (last !== undefined && last.voice === gender && last.sentence >= sentence - 1) return last.name;
    const found = this.nearestPerson(gender, sentence, position, PRONOUN_WINDOW) ?? this.nearestPerson(gender, sentence, position, PRONOUN_WIDE_WINDOW);
    if (!found) return null;
    if (gender === 'm') found.he++;
    else found.she++;
    return found.name;
  }

  /**
   * The person before `position` a pronoun of this gender most likely refers to: near, a subject
   * rather than an object, of a known matching gender rather than unknown, the speaker of an
   * earlier statement. Possessives and names inside quotations never count.
   */
  private nearestPerson(gender: Gender, sentence: number, position: number, window: number): Cluster | null {
    let best: { cluster: Cluster; score: number; at: number } | null = null;
    const consider = (cluster: Cluster, from: number, at: number, subject: boolean, noted: boolean): void => {
      if (!compatible(cluster, gender)) return;
      const score = -2 * (sentence - from) + (subject ? 1.5 : 0) + (genderOfCluster(cluster) === gender ? 2 : 0) + (noted ? 1 : 0) - (isConfirmedPerson(cluster) ? 0 : 1);
      if (!best || score > best.score || (score === best.score && at > best.at)) best = { cluster, score, at };
    };
    for (const mention of this.mentions) {
      if (mention.sentence < sentence - window) continue;
      if (mention.position >= position) break;
      if (mention.cluster && !mention.possessive && !mention.inQuote) consider(mention.cluster, mention.sentence, mention.position, mention.subject, false);
    }
    for (const noted of this.noted) {
      const cluster = this.byName.get(noted.name);
      if (noted.sentence < sentence - window || noted.sentence >= sentence || !cluster) continue;
      consider(cluster, noted.sentence, this.sentences[noted.sentence]!.start, true, true);
    }
    return (best as { cluster: Cluster } | null)?.cluster ?? null;
  }

  private resolveOrganisation(head: string | null, sentence: number, position: number): string | null {
    if (head) {
      for (const [name, roles] of [...this.organisationRoles].reverse()) if (roles.has(head)) return name;
    }
    // An organisation the article calls by another noun ("the group") is not "the search giant";
    // one it calls by a noun that is not an organisation's ("its Cerro Alto mine") is not "the company".
    const fits = (name: string) => {
      if (!head) return true;
      const roles = this.organisationRoles.get(name);
      if (roles && !GENERIC_HEADS.has(head)) return roles.has(head);
      const kinds = this.organisationKinds.get(name);
      return !kinds || kinds.has(head);
    };
    const found = (head && INSTITUTION_HEADS.has(head) ? this.organisationNamedBy(head, position) : null) ?? this.recentOrganisation(sentence, position, fits);
    // "the pressure group" now names it: a later "the group" is the same organisation.
    if (found && head) {
      const roles = this.organisationRoles.get(found) ?? new Set<string>();
      this.organisationRoles.set(found, roles.add(head));
    }
    return found;
  }

  /**
   * The first organisation named before `position` whose name ends in the noun ("the union": the
   * Nordic Pilots Union): the article introduces its subject first ("the bank" is the bank of the
   * lead, not the European Central Bank it mentions later).
   */
  private organisationNamedBy(head: string, position: number): string | null {
    for (const mention of this.mentions) {
      if (mention.position >= position) break;
      if (mention.organisation?.split(' ').at(-1)?.toLowerCase() === head) return mention.organisation;
    }
    return null;
  }

  /**
   * The organisation "it" or "the company" refers to: the organisation that spoke in the
   * previous sentence; else the first organisation that is the subject of the nearest earlier
   * sentence (up to two back, or this sentence before the reference: "Acme will cut 300 jobs, the
   * company said"); else the one the document names most.
   */
  private recentOrganisation(sentence: number, position: number, fits: (name: string) => boolean): string | null {
    const last = this.noted.at(-1);
    const lastFits = last !== undefined && !this.byName.has(last.name) && !looksLikePerson(last.name) && fits(last.name);
    if (lastFits && last.sentence >= sentence - 1) return last.name;
    let found: Mention | null = null;
    for (const mention of this.mentions) {
      if (mention.position >= position) break;
      const organisation = mention.organisation ?? (mention.cluster && !isConfirmedPerson(mention.cluster) ? mention.cluster.name : null);
      if (!organisation || !mention.subject || mention.sentence < sentence - 2 || !fits(organisation)) continue;
      if (!found || mention.sentence > found.sentence) found = { ...mention, organisation };
    }
    if (found) return found.organisation;
    if (lastFits && last.sentence >= sentence - 3) return last.name;
    return this.mainOrganisation(fits) ?? this.leadOrganisation(fits);
  }

  /** The organisation the first sentence is about (its first subject): who a wire story's "the company" is. */
  private leadOrganisation(fits: (name: string) => boolean): string | null {
    for (const mention of this.mentions) {
      if (mention.sentence > 0) break;
      const organisation = mention.organisation ?? (mention.cluster && !isConfirmedPerson(mention.cluster) ? mention.cluster.name : null);
      if (organisation && mention.subject) return fits(organisation) ? organisation : null;
    }
    return null;
  }

  /** The organisation the document names most often (at least twice). */
  private mainOrganisation(fits: (name: string) => boolean): string | null {
    let best: string | null = null;
    let bestCount = 1;
    for (const [name, count] of this.organisationCounts) {
      if (count > bestCount && fits(name)) {
        best = name;
        bestCount = count;
      }
    }
    return best;
  }

  private resolveRole(words: string[], sentence: number): string | null {
    const wanted = words.flatMap((w) => roleWords(w));
    const holders = this.clusters.filter((c) => c.roles.some((role) => includesAll(roleWords(role), wanted)));
    if (holders.length === 0) return null;
    return (holders.length > 1 ? this.mostRecent(holders, sentence) : holders[0])!.name;
  }

  /** Reads every sentence once: runs of capitalised words, people, organisations, roles. */
  /**
   * Reads the sentences up to `upTo` (all by default) that are not read yet: runs of capitalised
   * words, people (full names of a sentence before its surnames), organisations, roles, and the
   * gender the sentence's pronouns give a person it names alone. Reading stops where the last
   * question was asked, so an article whose statements all name their speaker in full is never read.
   */
  private scan(upTo = this.sentences.length - 1): void {
    for (; this.scannedTo <= upTo; this.scannedTo++) {
      const index = this.scannedTo;
      const sentence = this.sentences[index]!;
      const words = this.sentenceWords(index);
      const quoted = this.quoteMarks.within(sentence.start, sentence.end) ? quotedSpansIn(this.text, sentence.start, sentence.end) : [];
      const runs = runsOf(words, quoted);
      for (const run of runs) {
        const { name } = run.split;
        if (name.length < 2) continue;
        const { full } = run;
        // "Developer Nordsol Energi": a name a descriptor introduces is an organisation's ("Broadcaster Chris Evans" is a person).
        if (!this.byName.has(full) && looksLikePerson(full) && (!isDescriptor(run.split.role) || isFirstName(name[0]!)) && !this.clusterOfParticleSurname(name)) {
          const cluster: Cluster = { name: full, words: name, gender: genderOf(name), he: 0, she: 0, roles: [], alone: false };
          this.byName.set(full, cluster);
          this.clusters.push(cluster);
        }
      }
      const first = this.mentions.length;
      for (const run of runs) this.addMention(words, run, index, sentence.start);
      this.learnGender(sentence, first);
    }
  }

  /**
   * The full name of the one person of the document a surname (or a first name) stands for,
   * reading the whole document: "Flynn" → "Jeremy Flynn" even when the full name comes later.
   */
  fullNameOf(name: string): string | null {
    if (name.includes(' ')) return null;
    this.scan();
    const people = this.clusters.filter((c) => c.words.length > 1 && (c.words.at(-1) === name || (c.words[0] === name && isFirstName(name))));
    if (people.length > 0) return people.length === 1 ? people[0]!.name : null;
    const organisations = [...this.organisationCounts.keys()].filter((o) => isLongFormOf(o, name));
    return organisations.length === 1 ? organisations[0]! : null;
  }

  private addMention(words: readonly WordToken[], run: Run, sentence: number, offset: number): void {
    const { cleaned } = run;
    const { role, honorific, name } = run.split;
    if (name.length === 0) return;
    const { full } = run;
    let cluster = this.byName.get(full) ?? this.clusterOfParticleSurname(name);
    if (cluster && name.length < cluster.words.length) cluster.alone = true;
    if (!cluster && name.length === 1) {
      const gender = honorific ? genderOf([honorific]) : null;
      cluster = this.clusterOfWord(name[0]!, gender, sentence, honorific !== null);
      if (!cluster && honorific !== null && !NOT_AN_ORGANISATION.has(full.toLowerCase())) {
        cluster = { name: full, words: name, gender, he: 0, she: 0, roles: [], alone: true };
        this.clusters.push(cluster);
        this.byName.set(full, cluster);
      }
    }
    if (cluster && honorific && !cluster.gender) cluster.gender = genderOf([honorific]);
    if (cluster && name.length < cluster.words.length) cluster.alone = true;
    // "The K9 processor…", "its Cerro Alto mine": the name qualifies a noun, which is the subject.
    const noun = nounQualified(words, run);
    const owned = noun !== null && OWNERS.has(words[run.from - 1]?.text.toLowerCase() ?? '');
    if (owned) this.organisationKinds.set(cluster?.name ?? full, (this.organisationKinds.get(cluster?.name ?? full) ?? new Set<string>()).add(noun));
    const position = offset + words[run.from]!.start;
    if (cluster) {
      const subject = !run.possessive && !run.inQuote && !isObject(words, run.from) && noun === null;
      const roles = rolesOf(role, words, run);
      cluster.roles.push(...roles);
      for (const r of roles) cluster.gender ??= genderOf(r.split(' '));
      this.mentions.push({ cluster, organisation: null, sentence, position, subject, possessive: run.possessive, inQuote: run.inQuote });
      return;
    }
    // Most runs are neither a person nor an organisation ("The", "But"): their roles are never read.
    const named = organisationName(run, cleaned, name, (word) => this.isNamedMidSentence(word));
    if (!named) return;
    const roles = rolesOf(role, words, run);
    const organisation = this.longFormOf(named);
    this.organisationCounts.set(organisation, (this.organisationCounts.get(organisation) ?? 0) + 1);
    if (roles.length > 0) {
      const set = this.organisationRoles.get(organisation) ?? new Set<string>();
      for (const r of roles) for (const w of roleWords(r)) set.add(w);
      this.organisationRoles.set(organisation, set);
    }
    if (owned && organisation !== full) this.organisationKinds.set(organisation, this.organisationKinds.get(full)!);
    this.mentions.push({ cluster: null, organisation, sentence, position, subject: !run.inQuote && !isObject(words, run.from) && noun === null, possessive: run.possessive, inQuote: run.inQuote });
  }

  /**
   * The fuller name of an organisation the article shortens to its first word ("Kestrel" for
   * "Kestrel Microsystems"), when one organisation named so far has it; else the name itself.
   */
  private longFormOf(name: string): string {
    if (name.includes(' ')) return name;
    let long: string | null = null;
    for (const known of this.organisationCounts.keys()) {
      if (!isLongFormOf(known, name)) continue;
      if (long !== null) return name;
      long = known;
    }
    return long ?? name;
  }

  /**
   * Whether the text writes a word with a capital after a lower-case word of a sentence (a name:
   * "will join Parlanto's board"), not only to open one ("Shares in…") or inside a longer name.
   */
  private isNamedMidSentence(word: string): boolean {
    // A few words a document asks about: where the text has no surrogates, only their occurrences are read.
    if (this.namedMidSentence === null) {
      this.hasSurrogates ??= SURROGATE.test(this.text);
      if (this.hasSurrogates) this.namedMidSentence = namesMidSentence(this.text);
      else {
        let known = this.wordsMidSentence.get(word);
        if (known === undefined) {
          known = isWrittenMidSentence(this.text, word);
          this.wordsMidSentence.set(word, known);
        }
        return known;
      }
    }
    return this.namedMidSentence.has(word);
  }

  /** A person the article names alone in a sentence takes the gender of the pronouns of that sentence. */
  private learnGender(sentence: Sentence, firstMention: number): void {
    let person: Cluster | null = null;
    for (let k = firstMention; k < this.mentions.length; k++) {
      const { cluster, subject } = this.mentions[k]!;
      if (!cluster || !subject || cluster === person) continue;
      if (person) return; // two people: the pronouns could be either's
      person = cluster;
    }
    if (!person || person.gender) return;
    const text = this.text.slice(sentence.start, sentence.end);
    if (/\b(?:he|his|him|himself)\b/i.test(text)) person.he++;
    if (/\b(?:she|her|hers|herself)\b/i.test(text)) person.she++;
  }
}

/**
 * The roles a document gives each speaker of its statements ("Bill Lockyer" → ["California
 * attorney general"]), keyed by the speaker names its statements use.
 */
export function speakerRoles(text: string, sentences: readonly Sentence[]): Map<string, string[]> {
  return new DocumentMentions(text, sentences).roles();
}

/**
 * True when the article shows a cluster is a person: a gender (honorific, first name, pronouns),
 * the surname used alone, or a role. "Reporters Sans Frontieres" shows none and may be an
 * organisation, so "the group said" can still mean it.
 */
function isConfirmedPerson(cluster: Cluster): boolean {
  return genderOfCluster(cluster) !== null || cluster.alone || cluster.roles.length > 0;
}

function compatible(cluster: Cluster, gender: Gender | null): boolean {
  const known = genderOfCluster(cluster);
  return gender === null || known === null || known === gender;
}

/** A person's gender: from honorific, first name or role, else from the pronouns the article uses for them. */
function genderOfCluster(cluster: Cluster): Gender | null {
  return cluster.gender ?? (cluster.he > cluster.she ? 'm' : cluster.she > cluster.he ? 'f' : null);
}

function isHonorificLike(word: string): boolean {
  return isHonorific(word.replace(/\.$/, ''));
}

function includesAll(have: string[], wanted: string[]): boolean {
  return wanted.length > 0 && wanted.every((w) => have.includes(w));
}

function stripPossessive(word: string): string {
  return withoutPossessive(word);
}

/** Capitalised runs of a sentence ("Soviet", "Nikolai Ryzhkov"; "State Administration for Market Regulation"). */
function runsOf(words: readonly WordToken[], quoted: ReadonlyArray<{ start: number; end: number }>): Run[] {
  const runs: Run[] = [];
  for (let k = 0; k < words.length; k++) {
    if (!isNameWord(words[k]!.text)) continue;
    const from = k;
    let to = k;
    while (!hasPossessive(words[to]!.text) || continuesAfterPossessive(words, to)) {
      const next = words[to + 1]?.text;
      if (next !== undefined && isNameWord(next)) to++;
      else if (next !== undefined && /^(?:of|for|de|van|von|du|la|le|del|der|da|di)$/.test(next) && isNameWord(words[to + 2]?.text ?? '')) to += 2;
      else break;
    }
    const start = words[from]!.start;
    const runWords: string[] = [];
    for (let w = from; w <= to; w++) runWords.push(words[w]!.text);
    const cleaned = runWords.slice();
    cleaned[cleaned.length - 1] = withoutPossessive(cleaned[cleaned.length - 1]!);
    const split = splitRun(cleaned);
    let inQuote = false;
    for (const q of quoted) if (start >= q.start && start < q.end) inQuote = true;
    runs.push({
      words: runWords,
      cleaned,
      split,
      full: split.name.length === 1 ? split.name[0]! : split.name.join(' '),
      from,
      to,
      possessive: hasPossessive(words[to]!.text),
      inQuote,
    });
    k = to;
  }
  return runs;
}

/**
 * True when an organisation's name is a one-word name with organisation words around it:
 * "Kestrel Microsystems" for "Kestrel", "Banco Corvalho" for "Corvalho" (not "AOL Europe" for "AOL").
 */
function isLongFormOf(long: string, name: string): boolean {
  if (!long.includes(name)) return false;
  const words = long.split(' ');
  const at = words.indexOf(name);
  return words.length > 1 && at >= 0 && mayNameOrganisation(name) && words.every((w, k) => k === at || isOrganisationWord(w));
}

/** Determiners that make the name after them a qualifier of a noun ("the K9 processor", "its Alto mine"). */
const DETERMINERS = new Set(['the', 'its', 'their', 'his', 'her', 'a', 'an', 'this', 'that']);
/** Determiners of an owner: what they introduce belongs to someone ("its Cerro Alto mine"). */
const OWNERS = new Set(['its', 'their', 'his', 'her']);
/** Words after a name that make it the subject of a verb, not a qualifier of a noun. */
const VERB_AFTER_NAME = /^(?:will|would|can|could|may|might|must|shall|should|has|had|have|is|was|are|were|did|does|do|also|said|told|wrote|made|took|cut|put|set|won|lost|sold|bought|paid|got|gave|became|began|left|met|ran|saw|rose|fell|grew|hit|led|kept|held|brought|thought|went|came|who|which|and|or|but)$/;

/**
 * The noun a name qualifies when a determiner comes before it and a lower-case word that is not
 * a verb after it ("The K9 processor had been due" → "processor", "its Cerro Alto mine" → "mine"),
 * else null.
 */
function nounQualified(words: readonly WordToken[], run: Run): string | null {
  const before = run.cleaned[0] === 'The' && run.cleaned.length > 1 ? 'the' : words[run.from - 1]?.text.toLowerCase();
  const after = words[run.to + 1]?.text;
  if (before === undefined || !DETERMINERS.has(before) || after === undefined || !/^\p{Ll}+$/u.test(after) || run.possessive) return null;
  if (VERB_AFTER_NAME.test(after) || /(?:s|ed)$/.test(after)) return null;
  return after;
}

/**
 * True when a possessive inside a capitalised run belongs to the name: the possessive of an
 * irregular plural before an organisation word ("the Danish Fishermen's Association", "Women's
 * Institute", "People's Party"); an owner stays apart ("Vodafone's Jeremy Flynn", "Iraq's Ministry").
 */
export function continuesAfterPossessive(words: readonly WordToken[], k: number): boolean {
  const next = words[k + 1]?.text;
  return /(?:men|ren|ple)['’]s$/u.test(words[k]!.text) && next !== undefined && isNameWord(next) && isOrganisationWord(withoutPossessive(next));
}

/** True when the word before a run makes it an object ("told Mr Blair", "with Ms Smith"). */
function isObject(words: readonly WordToken[], from: number): boolean {
  let k = from - 1;
  while (k >= 0 && (isRoleWord(words[k]!.text) || /^(?:the|a|an|his|her|its|their|all|some|many|most|both|each|every|these|those|our|my|your)$/i.test(words[k]!.text) || hasPossessive(words[k]!.text))) k--;
  const before = words[k]?.text.toLowerCase();
  return before !== undefined && PREPOSITIONS.has(before);
}

/** The role a run's own words give and the role phrases around it ({@link rolesAround}), empty ones left out. */
function rolesOf(role: string | null, words: readonly WordToken[], run: Run): string[] {
  return [role, ...rolesAround(words, run)].filter((r): r is string => r !== null && r.length > 0);
}

/**
 * Role phrases around a run: lower-case roles before it ("premier Nikolai Ryzhkov", "California
 * attorney general Bill Lockyer", "Microsoft's Robbie Bach"), an apposition after it ("Edward
 * Leigh, chairman of the public accounts committee,", "Carl Menhennet, a scalloper who is
 * president of the Port Sellick Fishermen's Association,") or before it ("The Bishop of Durham, the
 * Rt Rev Tom Wright").
 */
function rolesAround(words: readonly WordToken[], run: Run): string[] {
  const roles: string[] = [];
  // Before: role words, capitalised qualifiers and a possessive owner, back to a determiner or punctuation.
  let k = run.from - 1;
  let sawRole = false;
  while (k >= 0) {
    const word = words[k]!.text;
    if (isRoleWord(stripPossessive(word)) && /^\p{Ll}/u.test(word)) sawRole = true;
    // A lower-case word between two title words qualifies the title ("deputy planning director").
    else if (sawRole && /^\p{Ll}+$/u.test(word) && k > 0 && isRoleWord(words[k - 1]!.text) && /^\p{Ll}/u.test(words[k - 1]!.text)) { /* part of the title */ }
    else if (!(isNameWord(word) && !isConnector(word)) && !/^(?:of|and|for)$/.test(word)) break;
    k--;
  }
  const ownerOnly = run.from - k - 1 === 1 && hasPossessive(words[run.from - 1]?.text ?? '');
  if ((sawRole || ownerOnly) && k + 1 < run.from) roles.push(words.slice(k + 1, run.from).map((w) => w.text).join(' '));
  // After: ", <apposition containing a role word>,"
  if (words[run.to + 1]?.text === ',') {
    const phrase = phraseUntilPunctuation(words, run.to + 2, 14);
    const closed = [',', undefined].includes(words[run.to + 2 + phrase.length]?.text);
    if (closed && isRolePhrase(phrase)) {
      roles.push(phrase.join(' '));
    } else if (closed) {
      // ", a scalloper who is president of the Port Sellick Fishermen's Association,"
      const relative = phrase.findIndex((w, i) => /^who$/i.test(w) && /^(?:is|was|became|remains)$/i.test(phrase[i + 1] ?? ''));
      const held = relative >= 0 ? phrase.slice(relative + 2) : [];
      if (isRolePhrase(held)) roles.push(held.join(' '));
    }
  }
  // Before, as an apposition: "<role phrase>, (the) <name>"
  let comma = run.from - 1;
  if (/^the$/i.test(words[comma]?.text ?? '')) comma--;
  if (words[comma]?.text === ',') {
    let start = comma - 1;
    while (start >= 0 && !isPunctuation(words[start]!.text) && comma - start <= 10) start--;
    const phrase = words.slice(start + 1, comma).map((w) => w.text);
    if (isRolePhrase(phrase)) roles.push(phrase.join(' '));
  }
  // The run's own title words ("Rt Rev" is an honorific, "Bishop of Durham" a role).
  return roles;
}

/**
 * An apposition that is a title: a role word among its first four words ("chairman of the
 * committee", "the Rt Rev", "NUJ General Secretary"), no verb or pronoun, at most ten words.
 */
function isRolePhrase(phrase: string[]): boolean {
  if (phrase.length === 0 || phrase.length > 10) return false;
  if (!phrase.slice(0, 4).some((w) => isRoleWord(stripPossessive(w)))) return false;
  return !phrase.some((w) => SAYS.test(w) || /^(?:who|which|whose|he|she|it|they|we|i|as|with|when|after|before|interview)$/i.test(w));
}

function phraseUntilPunctuation(words: readonly WordToken[], from: number, max: number): string[] {
  const phrase: string[] = [];
  for (let k = from; k < words.length && phrase.length < max && !isPunctuation(words[k]!.text); k++) phrase.push(words[k]!.text);
  return phrase;
}

/**
 * The organisation a non-person run names, or null for places, months and lone sentence openers.
 * `namedMidSentence` tells whether the text capitalises a word inside a sentence too.
 */
function organisationName(run: Run, cleaned: string[], name: string[], namedMidSentence: (word: string) => boolean): string | null {
  if (name.length === 1) {
    const lower = name[0]!.toLowerCase();
    if (NOT_AN_ORGANISATION.has(lower) || isNationality(lower) || isConnector(lower) || isRoleWord(lower) || isHonorific(lower)) return null;
    if (run.from === 0 && cleaned.length === 1 && !/\p{Lu}.*\p{Lu}/u.test(name[0]!) && !namedMidSentence(name[0]!)) {
      // A lone capitalised word opening a sentence ("Shares", "Analysts") is counted only if it is
      // an acronym or mixed case, or the text capitalises it inside a sentence too ("Parlanto").
      return null;
    }
  }
  if (name.every((w) => NOT_AN_ORGANISATION.has(w.toLowerCase()))) return null;
  // "Paris-based", "English-language": adjectives, not organisations.
  if (name.length === 1 && /^\p{Lu}[\p{L}.]*-\p{Ll}/u.test(name[0]!)) return null;
  const text = name.join(' ');
  return cleaned[0] === 'The' && name.length >= 1 && cleaned.length === name.length + 1 ? `The ${text}` : text;
}
