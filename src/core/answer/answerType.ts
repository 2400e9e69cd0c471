/**
 * What kind of answer a question expects ("how many" → a number, "when" → a time, "how much was
 * he fined" → an amount of money, "who" → a person, "where" → a place, "which film" → a name,
 * "why" → a cause), so that an excerpt which only shares the question's words, without the thing
 * asked for, is not passed off as the answer.
 *
 * Numbers, amounts and times are required ({@link isRequiredType}): without one, an excerpt does
 * not answer "how many". Names, places and causes are preferred, not required: news often gives
 * them in words no pattern catches.
 */
import { toTerm } from '../search/analyzer.js';
import { isOrganisationWord } from '../corpus/mentions.js';
import type { Lexicon } from '../search/lexicon.js';

/**
 * The kind of fact a question asks for; `any` when the wording does not say. `count` is the number
 * of things a "how many" question asks for: an amount of money, a score, a share or a duration
 * is not one.
 */
export type AnswerType = 'count' | 'number' | 'money' | 'time' | 'person' | 'place' | 'name' | 'cause' | 'method' | 'any';

const NUMBER_WORDS = '(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred|hundreds|thousand|thousands|million|millions|billion|billions|dozen|dozens|several|half|double|twice|triple|tripled|doubled|halved)';
const HAS_NUMBER = new RegExp(`\\d|\\b${NUMBER_WORDS}\\b`, 'i');
/** A count: digits, or a number word in lower case (or opening the text): "Air Force One" counts nothing. */
const HAS_COUNT = new RegExp(`\\d|\\b${NUMBER_WORDS}\\b|^\\W*(?:${NUMBER_WORDS.slice(3, -1).split('|').map((w) => w[0]!.toUpperCase() + w.slice(1)).join('|')})\\b`);
const CURRENCY = '(?:dollars?|dlrs|usd|yuan|rmb|renminbi|euros?|eur|pounds?|sterling|gbp|yen|francs?|marks?|rupees?|roubles?|rubles?|pesos?|won|cents?|pence|p)';
const HAS_MONEY = new RegExp(
  `[$€£¥₹]\\s?\\d|\\d[\\d,.]*\\s?(?:m|bn|mln|bln|k)?\\s?${CURRENCY}\\b|\\d[\\d,.]*\\s?(?:bn|m|mln|bln|billion|million|trillion)\\b|\\b(?:price[sd]?|cost[s]?|priced|worth|fined?|paid|pay)\\b[^.]*\\d`,
  'i',
);
const MONTHS = '(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)';
const HAS_TIME = new RegExp(
  `\\b(?:1[89]\\d\\d|20\\d\\d)\\b|\\b${MONTHS}\\b|\\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tomorrow|weekend|ago|earlier this|later this|last (?:week|month|year|quarter)|next (?:week|month|year)|this (?:week|month|year)|quarter|decade|century|since|until|recently|soon|\\d+\\s?(?:am|pm|gmt|bst|utc))\\b`,
  'i',
);
/**
 * Numbers that do not count things: amounts of money ("£6m", "millions of euros", "10 billion
 * dlrs"), years ("in 2019"), scores ("1-1"), shares ("26%"), durations ("two minutes", "five consecutive quarters") and words that count
 * nothing precisely ("several", "twice").
 */
const NOT_A_COUNT = new RegExp(
  [
    `[$€£¥₹]\\s?\\d[\\d,.]*(?:\\s?(?:bn|m|mln|bln|k|billion|million|trillion)\\b)?`,
    `(?:\\d[\\d,.]*|\\b${NUMBER_WORDS})\\s?(?:(?:bn|m|mln|bln|billion|million|trillion|of)\\s?)?${CURRENCY}\\b`,
    `\\b\\d+-\\d+\\b`,
    `\\d[\\d,.]*\\s?(?:%|per ?cent\\b)`,
    `(?:\\d[\\d,.]*|\\b${NUMBER_WORDS})\\s(?:[\\p{L}-]+\\s)?(?:seconds?|minutes?|hours?|days?|weeks?|months?|quarters?|years?|decades?)\\b`,
    `\\b(?:in|since|by|from|until|till|before|after|of|early|late|mid|during|${MONTHS})\\s+(?:1[89]|20)\\d\\d\\b`,
    `\\b(?:several|half|double|twice|triple|tripled|doubled|halved)\\b`,
  ].join('|'),
  'giu',
);
const MONEY_CUE = /\b(?:fund|funds|funding|funded|financ(?:e|ed|ing)|subsid(?:y|ies|ised|ized)|grants?|taxpayers?|cost|costs|price|prices|pay|paid|charge|charged|fine|fined|compensation|damages|worth|spend|spent|sell|sold|sells|raise|raised|earn|earned|owe|owed|money|cash|salary|wages?|budget|bill|fee|fees|bid|offer|deal|invest(?:ed|ment)?|suing|sue|sued|claim|claiming|value[sd]?|revenue|profits?|loss|losses|tax|taxes)\b/;
/** "Due to" giving a cause ("due to rain"), not a schedule ("due to open this weekend"). */
const DUE_TO = 'due to(?!\\s+(?:open|start|begin|be|take|go|run|launch|close|end|finish|arrive|meet|play|face|appear|return|resume|come|hold|sign|visit|leave|report|announce|publish|release|make|give|vote|retire|step)\\b)';
const CAUSAL_CUE = new RegExp(`\\b(?:because|${DUE_TO}|in case|for when|owing to|citing|cited|over (?:concerns?|fears?|claims?|allegations?)|amid|as a result|fears?|concerns?|worried|so that|in order to|reasons?|blamed|blames|led to|prompted|meant that|in protest|motivated|in response to|so as to|aimed at|designed to|to avoid|to protect|to prevent|(?:needed|needs|necessary|required) to|to (?:pay for|fund|cover|make way for)|the reason|the cause|after(?!\\s+(?:(?:just|only|nearly|almost|about|over|more than|less than)\\s+)?(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|few|\\d+)\\s+(?:\\w+\\s+)?(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?|decades?|seasons?)\\b)(?!\\s+(?:(?:early|mid|late)\\s+)?(?:\\d{4}|${MONTHS}|the (?:war|end|start)|that|this|then)\\b)|as (?:it|he|she|they) \\w+(?:ed|s)|whereas|compared (?:with|to))\\b`, 'i');

/** What a dictionary says of a word, where the caller has one (see `Lexicon`). */
export type WordKnowledge = Pick<Lexicon, 'namesPerson' | 'knows'>;

/** The answer type a question's wording asks for. */
export function expectedAnswerType(question: string): AnswerType {
  const q = question.trim().toLowerCase().replace(/^[^\p{L}\p{N}]+/u, '');
  if (/\b(?:what|how high) (?:is|was|are|were) the (?:price|cost)\b|\bhow expensive\b/.test(q)) return 'money';
  if (/^how much (?:is|are|was|were|does|do|did|will) (?:a|an|the|one|it|they)\b/.test(q)) return 'money';
  if (/^how much\b/.test(q)) return MONEY_CUE.test(q) ? 'money' : 'number';
  if (/^how many\b/.test(q)) return 'count';
  if (SCORE_QUESTION.test(q)) return 'number';
  if (/^how (?:long|far|fast|old|big|tall|high|often|large|heavy|loud|deep|wide|hot|cold|warm|low|strong|severe)\b/.test(q) || /\bwhat (?:percentage|share|number|proportion|fraction|age)\b/.test(q)) return 'number';
  if (RACE_TIME_QUESTION.test(q)) return 'number';
  if (/^when\b|\bwhat (?:year|month|day|date|time)\b|\bhow long ago\b|\bsince when\b/.test(q)) return 'time';
  if (/^(?:who|whom|whose)\b/.test(q)) return 'person';
  if (/^where\b|\bin which (?:city|country|town|place|state|region)\b/.test(q)) return 'place';
  if (/^which\b|^what (?:\w+ )?(?:film|movie|book|song|album|show|company|firm|team|club|website|site|product|brand|game|band|group|title|name|award)\b/.test(q)) return 'name';
  if (/^why\b|\bwhat (?:was|is|were) the reasons?\b|\bfor what reason\b|\bwhat(?:'s| is| was) behind\b/.test(q)) return 'cause';
  if (METHOD_QUESTION.test(q)) return 'method';
  return 'any';
}

/** "How does the software let him read maps?", "how did the hackers get in?": a way of doing, not an amount or a comparison. */
const METHOD_QUESTION = /^how (?:does|did|do|is|was|are|were|can|could|will|would|has|have)\b(?!.*\b(?:compare|compared|rank|ranked|fare|fared|perform|performed|grow|grew|change|changed|react|reacted|respond|responded|feel|felt|describe|described)\b)/;
/** The way something is done: "by scoring…", "through the account of…", "turns colours into notes", "a combination of…"; how it came to light: "an accountant noticed…". */
const METHOD_CUE = /\b(?:noticed|spotted|alerted|tipped off|flagged|by (?:\p{L}+ing|means of)|via|using|based on|combination of|relies on|relying on|disguis\w*|posing as|pretend\w*|masquerad\w*|(?:turn|convert|translat|transform)\w*\b[^.;]{0,40}?\binto|assigns?|assigned|works by|thanks to|with the help of|through (?:the|an?|its|his|her|their) \p{L}+ (?:of|from)\b)/iu;

/** Nouns of amounts of money in a few keywords ("embassy closures annual savings", "mladenovic loan fee"). */
const MONEY_NOUNS = /\b(?:price|prices|cost|costs|fee|fees|salary|salaries|wage|wages|pay|savings|losses|loss|profit|profits|revenue|revenues|fine|fines|bid|budget|value|valuation|worth|compensation|damages|takings|earnings)\b/i;
/** Nouns of dates in a few keywords ("REM Glasgow gig new date"). */
const DATE_NOUNS = /\b(?:date|dates|deadline|day|when)\b/i;

/**
 * The kind of answer a few keywords ask for when they name it: an amount for "…loan fee", a date
 * for "…new date", else `any`. A preference only: keywords say less than a question.
 */
export function keywordAnswerType(keywords: string): AnswerType {
  if (MONEY_NOUNS.test(keywords)) return 'money';
  if (DATE_NOUNS.test(keywords)) return 'time';
  return 'any';
}

/** "What was the score…", "by what margin…": a result like "19-13". */
const SCORE_QUESTION = /\bwhat (?:was|is|were) the (?:final )?(?:score|scoreline|result)\b|\bby what (?:score|margin)\b/;
const SCORE = /\b\d{1,3}-\d{1,3}\b/;

/** Evidence that an excerpt states the very thing asked for, beyond holding the right kind of fact. */
export type AnswerEvidence = (text: string) => boolean;

const RATE = /\b(?:per (?:second|minute|hour|day|week|month|year|cent)|an? (?:second|minute|hour)|mph|km\/h|kph|knots|miles an hour|kilometres an hour)\b|\d\s?(?:m|km|mb|gb)\/s\b/i;
const FREQUENCY = /\d[\d.,]*\s?(?:%|per ?cent\b)|\bevery (?:\d[\d.,]*\s*)?(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|few|other)\b|\b(?:once|twice|\d+ times|\w+ times) (?:a|an|per|every)\b|\b(?:hourly|daily|weekly|monthly|annually|yearly)\b|\ba (?:day|week|month|year)\b/i;
const DURATION = /\b(?:\d[\d.,]*|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|few)[ -](?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?)\b(?!-old)/i;
const AGE = /\baged? \d+|\b\d+-year-old\b|,\s\d{1,3},|\b\d+ years old\b/i;
const MEASURE = /\d[\d.,]*\s?(?:m|km|cm|mm|metres?|meters?|kilometres?|kilometers?|feet|ft|foot|inches|miles?|yards?|kg|kilos?|kilograms?|tonnes?|tons?|pounds|lbs?|storeys|floors|acres|hectares|sq)\b/i;
/** "What time did she run in the 400m?": a time taken, not a time of day. */
const RACE_TIME_QUESTION = /\bwhat (?:time|times)\s+(?:did|does|do|has|have|will|would)\s+(?:[\p{L}'’-]+\s+){1,6}(?:run|clock|record|finish|swim|ride|post|set|complete)\b/u;
const RACE_TIME = /\b\d+(?:[.:]\d+)+\s?(?:s|secs?|seconds|mins?|minutes)?\b|\b\d+\s?(?:seconds|minutes|hours)\b/i;
const LOUDNESS = /\d[\d.,]*\s?(?:decibels?|db|dba)\b/i;
const TEMPERATURE = /\d[\d.,]*\s?(?:°|degrees?\b|º)/i;

const UP = /\b(?:grow|grows|grew|grown|growth|rise|rises|rose|risen|increase|increases|increased|climb|climbs|climbed|jump|jumps|jumped|gain|gains|gained|soar|soars|soared|boost|boosted)\b/i;
const DOWN = /\b(?:fall|falls|fell|fallen|drop|drops|dropped|decline|declines|declined|decrease|decreases|decreased|shrink|shrinks|shrank|slump|slumps|slumped|plunge|plunges|plunged|slid|slide|slides|lose|loses|lost)\b/i;

/**
 * The direction of a change a question asks about ("By what percentage did profit grow?" → up),
 * or null when it names none or both. An excerpt stating only the other direction ("profit fell
 * 31 percent") is about something else, often a rival's figures.
 */
export function askedDirection(question: string): 'up' | 'down' | null {
  const up = UP.test(question);
  const down = DOWN.test(question);
  return up === down ? null : up ? 'up' : 'down';
}

/** True when `text` states a change in the other direction only. */
export function statesOtherDirection(text: string, direction: 'up' | 'down'): boolean {
  const [same, other] = direction === 'up' ? [UP, DOWN] : [DOWN, UP];
  return other.test(text) && !same.test(text);
}

/** Nouns of a change in an amount, or of a share ("what income tax rate…"). */
const CHANGE_NOUNS = /^(?:increases?|rises?|raises?|hikes?|cuts?|falls?|drops?|reductions?|growth|decline|declines|gains?|losses|loss|rates?|shares?|percentages?|proportions?|margins?|turnout)$/;
/** The size of a change: a share or an amount ("53%", "8 percent", "£2m", "$1.2bn"). */
const CHANGE_SIZE = /\d[\d,.]*\s?(?:%|per ?cent\b|percentage points?\b)|[$€£¥₹]\s?\d|\d[\d,.]*\s?(?:bn|m|mln|bln|billion|million)\b/i;

/** Nouns of a penalty a court, a league or a regulator hands down. */
const PENALTY_NOUNS = /^(?:sentences?|bans?|suspensions?|punishments?|penalty|penalties|fines?|jail|prison|terms?)$/;
/** The length of a penalty: "14 years", "eight-year", "two-match". */
const PENALTY_LENGTH = '(?:\\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|eighteen|twenty|thirty)[ -](?:years?|months?|weeks?|days?|matches|match|games?|races?)';
/** A penalty stated: its length ("jailed for 14 years", "an eight-year ban"), a life term or an amount ("fined £5,000"). */
const PENALTY = new RegExp(
  `\\b(?:jailed|imprisoned|sentenced|banned|suspended|barred|detained|locked up)\\b(?:\\s+[\\p{L},]+){0,3}?\\s+(?:for|to)\\s+(?:up to\\s+)?${PENALTY_LENGTH}\\b|\\b${PENALTY_LENGTH}\\s+(?:ban|suspension|sentence|term|jail|prison|in (?:jail|prison))\\b|\\blife (?:sentence|imprisonment|ban|in prison)\\b|\\b(?:jailed|imprisoned|banned) for life\\b|\\bfined\\b[^.]{0,40}?(?:[$€£¥₹]\\s?\\d|\\d[\\d,.]*\\s?(?:dollars|euros|pounds)\\b)`,
  'iu',
);

/**
 * True when a question asks for a quantity: a number or a count, the size of a change or a rate
 * ("what wage increase…", "what tax rate…") or a penalty ("what sentence/fine…"). A sentence stating one in the precise form
 * asked answers from its article's context.
 */
export function asksQuantity(question: string): boolean {
  const type = expectedAnswerType(question);
  if (type === 'number' || type === 'count') return true;
  return askedNounWords(question).some((noun) => CHANGE_NOUNS.test(noun) || PENALTY_NOUNS.test(noun));
}

const CONSEQUENCE = /\b(?:will|would|could|face|faces|risk|risks|if|unless)\b/i;
const STRONG_CAUSE = new RegExp(`\\b(?:because|${DUE_TO}|owing to|as a result of|on the grounds that|citing|in protest|blamed|was caused by|after (?:it|he|she|they) (?:was|were|had))\\b`, 'i');

/**
 * The precise form the answer to a question takes, when its wording says: the thing a "how many"
 * question counts next to a number ("77 … flights"), a speed for "how fast", a frequency for "how
 * often", a duration for "how long", an age for "how old", a length or weight for "how far/tall/
 * heavy", an explicit cause for "why"; the size of a change for "what wage increase", a length or
 * an amount for a penalty ("what sentence/fine"), a person's name for "which singer/boss" (with a
 * dictionary that tells nouns of people, `words`). Null when the wording says nothing so precise.
 */
export function answerEvidence(question: string, words: WordKnowledge = {}): AnswerEvidence | null {
  const q = question.trim().toLowerCase().replace(/^[^\p{L}\p{N}]+/u, '');
  // "How many flights…", and "how much rain…" when it asks a quantity, not a price.
  const counted = countedWords(q) ?? (expectedAnswerType(q) === 'number' ? /^how much\s+(?!more\b|of\b|is\b|was\b|are\b|were\b|did\b|does\b|do\b|has\b|have\b|had\b|will\b|would\b)([\p{L}-]+)/iu.exec(q)?.slice(1) ?? null : null);
  if (counted) {
    // "How many times…": news counts occasions too ("on 18 occasions").
    const things = counted.includes('times') ? [...counted, 'occasions'] : counted;
    const nouns = things.map((word) => toTerm(word)).filter((term): term is string => term !== null);
    return nouns.length === 0 ? null : (text) => nouns.some((noun) => countsNoun(text, noun));
  }
  if (RACE_TIME_QUESTION.test(q)) return (text) => RACE_TIME.test(text);
  const nouns = askedNounWords(question);
  // "What wage increase are they asking for?": a change or a rate is stated by its size ("a 53% pay rise", "a rate of 15 percent").
  if (nouns.some((noun) => CHANGE_NOUNS.test(noun))) {
    const askedNumbers = new Set(q.match(/\d[\d,.]*\d|\d/g) ?? []);
    return (text) => CHANGE_SIZE.test(withoutAskedNumbers(text, askedNumbers));
  }
  // "What sentence was the blogger given?": a penalty is stated by its length or its amount.
  if (nouns.some((noun) => PENALTY_NOUNS.test(noun))) {
    // A fine is an amount whatever the verb ("agreed to pay $13m in criminal penalties").
    const amount = nouns.some((noun) => /^(?:fines?|penalty|penalties)$/.test(noun));
    return (text) => PENALTY.test(text) || (amount && HAS_MONEY.test(text));
  }
  if (nouns.length > 0) {
    const asked = new Set(q.split(/[^\p{L}]+/u).filter(Boolean));
    // "Which singer won…" asks who: a person's name answers it.
    const person = nouns.some((noun) => words.namesPerson?.(noun) ?? false);
    // "What style of play…", "what nickname…": news puts the name of a style or a slogan in quotation marks.
    const naming = nouns.some((noun) => /^(?:style|styles|term|terms|nickname|nicknames|slogan|slogans|phrase|motto|catchphrase|label|tag|brand)$/.test(noun));
    return (text) => nouns.some((noun) => namesNoun(text, noun, asked)) || (person && namesNewPerson(text, asked, words)) || (naming && quotesNewTerm(text, asked));
  }
  if (/^(?:who|whom|whose)\b/.test(q)) {
    const asked = new Set(q.split(/[^\p{L}]+/u).filter(Boolean));
    return (text) => namesNewPerson(text, asked, words);
  }
  if (SCORE_QUESTION.test(q)) return (text) => SCORE.test(text);
  if (/^what (?:will|would|could|might) happen\b|^what happens\b/.test(q)) return (text) => CONSEQUENCE.test(text);
  if (/^how (?:fast|quick(?:ly)?)\b|\bwhat speed\b/.test(q)) return (text) => RATE.test(text);
  if (/^how often\b|\bhow frequently\b/.test(q)) return (text) => FREQUENCY.test(text);
  if (/^how long\b(?! ago)/.test(q)) return (text) => DURATION.test(text);
  if (/^how old\b|\bwhat age\b/.test(q)) return (text) => AGE.test(text);
  if (/^how (?:big|large)\b/.test(q)) {
    // "How large is the backlog of cases?": a size, or a count of what the question names ("250,000 cases").
    const named = (q.match(/\p{L}[\p{L}'’-]*/gu) ?? []).slice(2).map((word) => toTerm(word)).filter((term): term is string => term !== null);
    return (text) => MEASURE.test(text) || named.some((noun) => countsNoun(text, noun));
  }
  if (/^how (?:far|tall|high|heavy|deep|long|wide)\b/.test(q)) return (text) => MEASURE.test(text);
  if (/^how loud\b/.test(q)) return (text) => LOUDNESS.test(text);
  if (/^how (?:hot|cold|warm)\b|\bwhat temperature\b/.test(q)) return (text) => TEMPERATURE.test(text);
  if (/^why\b|\bwhat(?:'s| is| was) behind\b|\bfor what reason\b/.test(q)) return (text) => STRONG_CAUSE.test(text);
  return null;
}

/**
 * The nouns a which/what/whose question asks an instance of, as index terms: the lower-case words
 * right after "which"/"what"/"whose" ("Which Indian film showing…" → film, showing; "What field is…" → field).
 * They name the kind of answer and are often not in the answer's own words.
 */
export function askedNouns(question: string): string[] {
  return askedNounWords(question).map((word) => toTerm(word)!);
}

/** The words {@link askedNouns} reads, lower case, as the question writes them. */
function askedNounWords(question: string): string[] {
  const named = /^\W*(?:which|what|whose)\s+((?:[\p{L}'’-]+\s+){1,3})/iu.exec(question.trim());
  if (!named) return [];
  const words = named[1]!.trim().split(/\s+/);
  const nouns: string[] = [];
  for (const word of words) {
    if (/^(?:is|was|are|were|did|does|do|has|have|had|will|would|can|could|should)$/i.test(word)) break;
    if (/^\p{Lu}/u.test(word)) continue;
    if (toTerm(word) !== null) nouns.push(word.toLowerCase());
  }
  return nouns;
}

/** True when `word` (lower case) is `noun` or its plural: "film", "films"; not "filmed" or "played". */
function isNounForm(word: string, noun: string): boolean {
  return word === noun || word === `${noun}s` || word === `${noun}es` || (noun.endsWith('y') && word === `${noun.slice(0, -1)}ies`);
}

/**
 * True when `text` names an instance of `noun` (a word, lower case): a capitalised word the
 * question does not hold within three words of the noun or its plural ("the film, Sins", "coach
 * Antonio Lopez"); a verb of the same stem ("Michels played") names nothing.
 */
function namesNoun(text: string, noun: string, asked: ReadonlySet<string>): boolean {
  if (!mayHold(text, noun)) return false;
  const words = [...text.matchAll(/[\p{L}][\p{L}'’-]*/gu)];
  for (let i = 0; i < words.length; i++) {
    if (!isNounForm(words[i]![0].toLowerCase(), noun)) continue;
    for (let j = Math.max(0, i - 3); j <= Math.min(words.length - 1, i + 3); j++) {
      const word = words[j]![0];
      // The first word of the text is capitalised whatever it is ("The sugar group…").
      if (j === 0 && /^\W*$/u.test(text.slice(0, words[j]!.index))) continue;
      if (j !== i && /^\p{Lu}/u.test(word) && !asked.has(word.toLowerCase().replace(/['’]s$/, ''))) return true;
    }
  }
  return false;
}

/** A term in quotation marks, one to four words ("developing \"total football\""). */
const QUOTED_TERM = /(?<![\p{L}\p{N}])["“‘']([\p{L}][\p{L} -]{1,40}?)["”’'](?![\p{L}\p{N}])/gu;

/** True when `text` puts a short term the question does not hold in quotation marks ("total football"). */
function quotesNewTerm(text: string, asked: ReadonlySet<string>): boolean {
  for (const match of text.matchAll(QUOTED_TERM)) {
    const words = match[1]!.toLowerCase().split(/\s+/);
    if (words.length <= 4 && words.some((w) => !asked.has(w))) return true;
  }
  return false;
}

/** The name after "by" in a passive ("developed by Sharp", "set by Roger Becker"). */
const AGENT = /\b\p{Ll}+(?:ed|en|wn|ht|de)\s+by\s+(?:the\s+)?(\p{Lu}[\p{L}'’-]+)/gu;

/** A first name and a surname, or an honorific and a surname ("Roger Becker", "Mr Ferguson"). */
const PERSON_NAME = /(?<![\p{L}\p{N}])(?:Mr|Mrs|Ms|Dr|Sir|Lord|Lady|\p{Lu}\p{Ll}+)\.?\s+(?:\p{Lu}\.\s+)?(\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?)(?![\p{L}\p{N}])/gu;

/**
 * True when `text` names a person the question does not (`asked`: its words, lower case): two
 * capitalised words in a row whose second the question does not hold, inside the sentence.
 */
function namesNewPerson(text: string, asked: ReadonlySet<string>, words: WordKnowledge): boolean {
  // "was developed by Sharp": the agent of a passive.
  for (const match of text.matchAll(AGENT)) if (!asked.has(match[1]!.toLowerCase())) return true;
  for (const match of text.matchAll(PERSON_NAME)) {
    // "Hyderabad Open", "Oxford University": an event's or an organisation's name, not a person's.
    if (isOrganisationWord(match[1]!)) continue;
    const first = match[0].split(/\s+/)[0]!.toLowerCase().replace(/\.$/, '');
    // A sentence's first word is capitalised whatever it is ("Teenager Sania…"): there, only a
    // word no dictionary knows ("Iain Ferguson was…") is taken for a first name.
    if (match.index === 0 && (words.knows === undefined || words.knows(first))) continue;
    if (!asked.has(match[1]!.toLowerCase()) && !asked.has(first)) return true;
  }
  return false;
}

/** A number and the words after it ("77 short and medium-distance flights"). */
const COUNTED = new RegExp(`(?:\\d(?:[\\d,.]*\\d)?|\\b${NUMBER_WORDS}\\b)((?:\\s+(?:of\\s+)?[\\p{L}-]+){1,4})`, 'giu');
/** Number words that say roughly how many, not how many: "hundreds of fans" does not answer "how many fans". */
const ROUGH_COUNT = /^(?:hundreds|thousands|millions|billions|dozens|several|half|double|twice|triple|tripled|doubled|halved)$/i;

/** A cheap first look: can `text` hold a word of `term` at all (its first three letters, any case)? */
function mayHold(text: string, term: string): boolean {
  if (term.length < 4) return true;
  const head = term.slice(0, 3);
  const lower = text.toLowerCase();
  return lower.includes(head);
}

/** True when a number in `text` counts `noun` (an index term): "77 short and medium-distance flights". */
function countsNoun(text: string, noun: string): boolean {
  if (!mayHold(text, noun)) return false;
  for (const match of text.matchAll(COUNTED)) {
    if (ROUGH_COUNT.test(match[0].slice(0, match[0].length - match[1]!.length))) continue;
    const words = match[1]!.trim().split(/\s+/);
    if (words.some((w) => toTerm(w.replace(/-$/, '')) === noun)) return true;
  }
  return false;
}

/** Words that end the noun phrase after "how many" ("flights were…", "fans in…"). */
const PHRASE_END = /^(?:are|were|is|was|did|do|does|had|have|has|will|would|can|could|should|may|might|in|on|at|of|from|for|to|by|with|that|which|who|the|a|an|there|this|it|they|he|she|we|you|i)$/;

/**
 * The words of the thing a "how many" question counts: the phrase after it up to a function word
 * or a past participle ("how many android phones were sold" → android, phones; "how many parking
 * spots…" → parking, spots; "viewers watched…" → viewers); null when it does not ask how many.
 */
function countedWords(q: string): string[] | null {
  const phrase = /\bhow many\s+(?:more\s+|of\s+the\s+)?((?:[\p{L}'’-]+\s*){1,3})/iu.exec(q);
  if (!phrase) return null;
  const words: string[] = [];
  for (const word of phrase[1]!.trim().split(/\s+/)) {
    if (PHRASE_END.test(word) || (words.length > 0 && /\p{L}{3,}ed$/u.test(word))) break;
    words.push(word);
  }
  return words.length > 0 ? words : null;
}

/** True for the types an excerpt must satisfy to answer (counts, numbers, amounts, times). */
export function isRequiredType(type: AnswerType): boolean {
  return type === 'count' || type === 'number' || type === 'money' || type === 'time';
}

/**
 * True when an excerpt contains the kind of fact the question asks for. For names, people and
 * places, a capitalised word the question does not already hold counts; for numbers, a number
 * the question does not already give (`asked`: the question's words and numbers, lower case).
 */
export function satisfiesAnswerType(type: AnswerType, text: string, asked: ReadonlySet<string> = new Set()): boolean {
  switch (type) {
    case 'count':
      return HAS_COUNT.test(withoutAskedNumbers(text, asked).replace(NOT_A_COUNT, ' '));
    case 'number':
      return HAS_NUMBER.test(withoutAskedNumbers(text, asked));
    case 'money':
      return HAS_MONEY.test(text);
    case 'time':
      return HAS_TIME.test(text);
    case 'person':
    case 'place':
    case 'name':
      return hasNewName(text, asked);
    case 'cause':
      return CAUSAL_CUE.test(text);
    case 'method':
      return METHOD_CUE.test(text);
    case 'any':
      return true;
  }
}

/** `text` without the numbers the question itself gives ("the indoor 5,000m" is not the time asked for). */
function withoutAskedNumbers(text: string, asked: ReadonlySet<string>): string {
  return text.replace(/\d[\d,.]*\d|\d/g, (number) => (asked.has(number) ? ' ' : number));
}

/** A capitalised word inside a sentence (not its first word) that the question does not hold. */
function hasNewName(text: string, asked: ReadonlySet<string>): boolean {
  for (const match of text.matchAll(/(?<=[\p{L}\p{N},;:'"“”‘’)]\s+)\p{Lu}[\p{L}’'-]+/gu)) {
    const word = match[0].toLowerCase().replace(/['’]s$/, '');
    if (!asked.has(word)) return true;
  }
  return false;
}
