/**
 * Corpus-wide speakers. Statements already carry the fullest name their article gives
 * ("Mr Flynn" → "Jeremy Flynn", see `corpus/mentions.ts`); across articles speakers are joined
 * only by full name, so two "Mr Brown"s of different stories stay apart. Resolves a speaker as a
 * user asks for them: by full name, surname ("Ghosn"), "Mr X", acronym ("NUJ"), title alone
 * ("the Bishop of Durham", "California's attorney general", "the Tesla CEO", from the roles the
 * articles give), an owner and a name ("Microsoft's Robbie Bach"), or a close spelling ("Muks").
 */
import { fold } from '../search/analyzer.js';
import { looksLikePerson, speakerRoles } from '../corpus/statements.js';
import { isHonorific, isRoleWord, roleWords } from '../corpus/names.js';
import type { CorpusDocument } from '../corpus/types.js';

/** A speaker and how often the corpus quotes them. */
export interface SpeakerSummary {
  name: string;
  statements: number;
}

const STOP_WORDS = /^(?:the|a|an|of|and|for|company|mr|mrs|ms|miss|dr|sir|lord|lady|prof|rt|hon|rev)$/;
/** Roles of people who speak for an organisation rather than for themselves. */
const SPOKES_ROLES = new Set(['spokesman', 'spokeswoman', 'spokesperson', 'official', 'representative', 'secretary', 'spokesmen', 'officials']);

/** Lower-case words of a name, accents folded, possessives and honorifics dropped. */
function normalise(name: string): string {
  return fold(name)
    .replace(/['’]s\b/g, '')
    .replace(/[^\p{L}\p{N} ]/gu, ' ')
    .split(/\s+/)
    .filter((w) => w && !STOP_WORDS.test(w))
    .join(' ');
}

/** "National Union of Journalists" → "nuj"; "Reporters Without Borders" → "rwb". */
function acronymOf(name: string): string {
  return name
    .split(/\s+/)
    .filter((w) => /^\p{Lu}/u.test(w) && !/^(?:The|Of|And|For)$/.test(w))
    .map((w) => w[0]!.toLowerCase())
    .join('');
}

/** The last word of an organisation's name ("… Pilots Union", "… Fishermen's Association"). */
const ORGANISATION_NOUN = /^(?:union|association|federation|council|committee|party|group|society|league|board|institute|agency|authority|commission|ministry|department|company|corporation|club|trust|foundation)s?$/i;

/** A role word compared loosely: folded, a plural "s" dropped ("accounts" meets "account"). */
function roleKey(word: string): string {
  const folded = fold(word);
  return folded.length > 4 && folded.endsWith('s') && !folded.endsWith('ss') ? folded.slice(0, -1) : folded;
}

/**
 * A canonical speaker with its normalised words. Whether it names a person is worked out when a
 * question first needs it: {@link looksLikePerson} may load the first-name lexicon (0.25 s), which
 * a question naming a speaker in full ("what did Mateo Ramos say") never needs.
 */
class Entry {
  readonly normalised: string;
  readonly words: string[];
  private isPerson: boolean | undefined;

  constructor(readonly name: string) {
    this.normalised = normalise(name);
    this.words = this.normalised.split(' ');
  }

  get person(): boolean {
    this.isPerson ??= looksLikePerson(this.name);
    return this.isPerson;
  }
}

/** The speakers of a corpus. */
export class SpeakerRegistry {
  private readonly canonicalByRaw = new Map<string, string>();
  private readonly counts = new Map<string, number>();
  /** Canonical names with their normalised words, computed once (resolve runs per question). */
  private entries: Entry[] | null = null;
  private listed: SpeakerSummary[] | null = null;
  /** Speaker → role phrases, as role-key word lists (computed on the first question by title). */
  /** Roles read from each article so far (see `rolesIn`). */
  private readonly rolesByDocument = new Map<CorpusDocument, Array<[string, string[]]>>();
  private readonly documents: CorpusDocument[];

  /**
   * @param statementsBySpeaker how many statements each speaker has, speakers as the documents
   * name them, when known without reading every document's statements (an index restored from
   * its snapshot, see `PassageIndex.restoredSpeakerCounts`); counted from `documents` otherwise
   */
  constructor(documents: Iterable<CorpusDocument>, statementsBySpeaker?: ReadonlyMap<string, number>) {
    this.documents = [...documents];
    let raw = statementsBySpeaker;
    if (raw === undefined) {
      const counted = new Map<string, number>();
      for (const doc of this.documents) {
        for (const statement of doc.statements) counted.set(statement.speaker, (counted.get(statement.speaker) ?? 0) + 1);
      }
      raw = counted;
    }
    // Spellings of one name ("The Telegraph", "Telegraph") are one speaker, named as most often written.
    const byNormalised = new Map<string, string>();
    for (const [name, count] of [...raw].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))) {
      const key = normalise(name) || name;
      const canonical = byNormalised.get(key) ?? name;
      byNormalised.set(key, canonical);
      this.canonicalByRaw.set(name, canonical);
      this.counts.set(canonical, (this.counts.get(canonical) ?? 0) + count);
    }
  }

  /** The canonical name of a speaker as a document names it. */
  canonical(raw: string): string {
    return this.canonicalByRaw.get(raw) ?? raw;
  }

  /** Speakers, most quoted first. */
  list(): SpeakerSummary[] {
    this.listed ??= [...this.counts]
      .map(([name, statements]) => ({ name, statements }))
      .sort((a, b) => b.statements - a.statements || a.name.localeCompare(b.name));
    return this.listed.map((s) => ({ ...s }));
  }

  /**
   * The canonical speaker a user means ("musk", "Mr Ghosn", "NUJ", "the Bishop of Durham",
   * "Microsoft's Robbie Bach", "Muks"), or null. When a surname fits several people, the most
   * quoted one (see {@link SpeakerRegistry.candidates} for all of them).
   */
  resolve(asked: string): string | null {
    return this.candidates(asked)[0] ?? null;
  }

  /**
   * Every speaker an asked name may mean, best first: an exact name; else, for a title, the
   * holders of that title; else people and organisations whose name holds every word asked
   * (people with a full name before bare surnames, then the most quoted); else an acronym; else
   * one close spelling.
   */
  candidates(asked: string): string[] {
    const wanted = normalise(asked);
    if (!wanted) return [];
    const entries = this.allEntries();
    const exact = entries.filter((e) => e.normalised === wanted);
    const wantedWords = wanted.split(' ');
    const containing = this.rank(entries.filter((e) => e.words.length > wantedWords.length && wantedWords.every((w) => e.words.includes(w))));
    if (exact.length > 0) {
      // A bare surname ("Ghosn") stands for the person the corpus names in full, when there is one.
      const people = exact[0]!.words.length === 1 ? containing.filter((name) => looksLikePerson(name)) : [];
      // Initials ("the NUT") stand for the organisation the corpus also names in full.
      const spelledOut = exact[0]!.words.length === 1 && !exact[0]!.person ? entries.filter((e) => !e.person && e !== exact[0] && acronymOf(e.name) === wanted) : [];
      return [...people, ...this.rank(spelledOut), ...exact.map((e) => e.name)];
    }
    const askedWords = asked.split(/\s+/).map((w) => w.replace(/['’]s$/u, ''));
    if (askedWords.some((w) => isRoleWord(w))) {
      const holders = this.holdersOf(asked);
      if (holders.length > 0) return holders;
      const withoutRoles = askedWords.filter((w) => !isRoleWord(w)).join(' ');
      if (withoutRoles && withoutRoles !== asked) return this.candidates(withoutRoles);
    }
    const owned = /^(.+?)['’]s?\s+(.+)$/u.exec(asked.trim());
    if (owned && /^\p{Lu}/u.test(owned[2]!)) {
      // "Microsoft's Robbie Bach": the name after the owner (not "the pilots' union").
      const named = this.candidates(owned[2]!);
      if (named.length > 0) return named;
    }
    if (containing.length > 0) return containing;
    const acronym = entries.filter((e) => !e.person && wanted.length >= 2 && !wanted.includes(' ') && acronymOf(e.name) === wanted);
    if (acronym.length > 0) return this.rank(acronym);
    // "the pilots' union": the people whose role names it ("head of the Nordic Pilots Union"). Only
    // for a description or an organisation's name: a person nobody quotes is not searched for in
    // every article.
    if (askedWords.some((w) => /^\p{Ll}/u.test(w) && w.toLowerCase() !== 'the') || ORGANISATION_NOUN.test(askedWords.at(-1) ?? '')) {
      const speakingFor = this.peopleWithRole(wantedWords);
      if (speakingFor.length > 0) return speakingFor;
    }
    // Close spellings: every word asked is a word of the name, or one edit from one (words of four letters or more).
    const near = (asked: string, word: string) => asked === word || (asked.length >= 4 && Math.abs(word.length - asked.length) <= 1 && editDistance(word, asked) <= 1);
    const close = entries.filter((e) => wantedWords.every((a) => e.words.some((w) => near(a, w))));
    if (close.length === 1 || (close.length > 1 && wantedWords.length > 1)) return this.rank(close);
    return [];
  }

  /**
   * The speakers who speak for an organisation: the organisation itself (also as the corpus writes
   * it in full or by its initials), then people whose role names it as its spokesman, official or
   * secretary ("NUJ official Barry Fitzpatrick").
   */
  voicesOf(speaker: string): string[] {
    if (looksLikePerson(speaker)) return [speaker];
    const keys = new Set([normalise(speaker), acronymOf(speaker)].filter((k) => k.length >= 2));
    const voices = [speaker];
    // "The BPI" and "British Phonographic Industry": one organisation, named in full or by its initials.
    for (const entry of this.allEntries()) {
      if (entry.name !== speaker && !entry.person && (keys.has(entry.normalised) || keys.has(acronymOf(entry.name)))) voices.push(entry.name);
    }
    for (const [name, roles] of this.rolesIn(this.documentsMentioning(speaker.split(' ')))) {
      if (name === speaker || !looksLikePerson(name)) continue;
      const speaksFor = roles.some((role) => role.some((w) => SPOKES_ROLES.has(w)) && [...keys].some((key) => includesPhrase(role, key.split(' '))));
      if (speaksFor) voices.push(name);
    }
    return voices;
  }

  /** The role phrases the articles give a speaker ("california attorney general"). */
  rolesOf(speaker: string): string[] {
    const quotedIn = this.documents.filter((doc) => doc.statements.some((st) => this.canonical(st.speaker) === speaker));
    return (this.rolesIn(quotedIn).get(speaker) ?? []).map((role) => role.join(' '));
  }

  /** People whose role phrase holds every word asked, those given it most often first. */
  private peopleWithRole(wanted: string[]): string[] {
    const keys = wanted.map(roleKey);
    const times = new Map<string, number>();
    for (const [name, roles] of this.rolesIn(this.documentsMentioning(wanted))) {
      const count = roles.filter((role) => keys.every((key) => role.includes(key))).length;
      if (count > 0 && looksLikePerson(name)) times.set(name, count);
    }
    return [...times.keys()].sort((a, b) => times.get(b)! - times.get(a)! || (this.counts.get(b) ?? 0) - (this.counts.get(a) ?? 0) || a.localeCompare(b));
  }

  /** Speakers holding every word of an asked title, most quoted first ("the public accounts committee chairman"). */
  private holdersOf(asked: string): string[] {
    const wanted = roleWords(asked).filter((w) => !isHonorific(w)).map(roleKey);
    if (wanted.length === 0) return [];
    // Holders in order of how often the articles give them the title, then of how often they are quoted.
    const inOnePhrase = new Map<string, number>();
    const acrossPhrases = new Map<string, number>();
    // Only the articles naming the title are read (its first title word, else its first word; for
    // "leader" or "head", which news gives under many titles, the first other word asked).
    const titles = wanted.filter((w) => isRoleWord(w));
    const headOnly = titles.length > 0 && titles.every((w) => HEAD_WORDS.has(w));
    const titled = this.rolesIn(this.documentsMentioning(headOnly ? [...wanted.filter((w) => !isRoleWord(w)), ...titles] : [...titles, ...wanted]));
    for (const [name, roles] of titled) {
      // A phrase with other title words ("deputy prime minister") counts less than the title itself.
      const times = roles
        .filter((role) => wanted.every((w) => role.includes(w)))
        .reduce((sum, role) => sum + (role.every((w) => wanted.includes(w) || !isRoleWord(w)) ? 1 : 0.1), 0);
      if (times > 0) inOnePhrase.set(name, times);
      else if (wanted.every((w) => roles.some((role) => role.includes(w)))) acrossPhrases.set(name, 1);
    }
    const inContext = inOnePhrase.size > 0 || acrossPhrases.size > 0 ? new Map<string, number>() : this.holdersInContext(wanted);
    const holders = inOnePhrase.size > 0 ? inOnePhrase : acrossPhrases.size > 0 ? acrossPhrases : inContext.size > 0 ? inContext : this.partialHoldersOf(wanted, titled);
    return [...holders.keys()].sort((a, b) => holders.get(b)! - holders.get(a)! || (this.counts.get(b) ?? 0) - (this.counts.get(a) ?? 0) || a.localeCompare(b));
  }

  /**
   * Speakers given every title word asked in one role phrase by an article that names the rest of
   * what was asked: "Veranex's chief executive" is the "Chief Executive Gregory Lindqvist" of an
   * article about Veranex; "the president of the Port Sellick fishermen's group" the "president of
   * the Port Sellick Fishermen's Association".
   */
  private holdersInContext(wanted: string[]): Map<string, number> {
    const titles = wanted.filter((w) => isRoleWord(w));
    const others = wanted.filter((w) => !isRoleWord(w) && !isHonorific(w));
    const holders = new Map<string, number>();
    if (titles.length === 0 || others.length === 0) return holders;
    // The word itself, plural or possessive: "opera" is not "operations".
    const patterns = others.map((w) => new RegExp(`\\b${w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:e?s)?(?:['’]s?)?(?![\\p{L}\\p{N}])`, 'u'));
    for (const doc of this.documentsMentioning(others)) {
      const text = fold(doc.text).toLowerCase();
      const named = patterns.filter((pattern) => pattern.test(text)).length;
      // Most of the other words, in the article itself.
      if (named * 2 < others.length + 1) continue;
      for (const [name, roles] of this.rolesIn([doc])) {
        if (!looksLikePerson(name) || !roles.some((role) => titles.every((w) => role.includes(w)))) continue;
        holders.set(name, Math.max(holders.get(name) ?? 0, named));
      }
    }
    return holders;
  }

  /**
   * Speakers with a role phrase holding every title word asked and some of its other words: "the
   * chief executive of Kestrel Microsystems" is the "Kestrel chief executive", "the Portuguese
   * finance minister" the "Finance Minister" (an article shortens the organisation or drops the country).
   */
  private partialHoldersOf(wanted: string[], rolesBySpeaker: Map<string, string[][]>): Map<string, number> {
    const titles = wanted.filter((w) => isRoleWord(w));
    const others = wanted.filter((w) => !isRoleWord(w));
    const holders = new Map<string, number>();
    if (titles.length === 0 || others.length === 0) return holders;
    for (const [name, roles] of rolesBySpeaker) {
      const best = Math.max(0, ...roles.filter((role) => titles.every((w) => holdsTitle(role, w))).map((role) => others.filter((w) => role.includes(w)).length));
      if (best > 0) holders.set(name, best);
    }
    return holders;
  }

  /**
   * The roles the given articles attach to the speakers they quote (speaker → role phrases as
   * words). An article's roles are read once, when a question first needs them: reading every
   * article's would make the first title question wait on the whole corpus.
   */
  private rolesIn(documents: Iterable<CorpusDocument>): Map<string, string[][]> {
    const bySpeaker = new Map<string, string[][]>();
    for (const doc of documents) {
      let found = this.rolesByDocument.get(doc);
      if (found === undefined) {
        const speakers = new Set(doc.statements.map((s) => s.speaker));
        found = [...speakerRoles(doc.text, doc.sentences)].filter(([name]) => speakers.has(name));
        this.rolesByDocument.set(doc, found);
      }
      for (const [name, roles] of found) {
        const canonical = this.canonical(name);
        const list = bySpeaker.get(canonical) ?? [];
        for (const role of roles) list.push(roleWords(role).map(roleKey));
        bySpeaker.set(canonical, list);
      }
    }
    return bySpeaker;
  }

  /** The articles with statements whose text holds the first of `words` (any case). */
  private documentsMentioning(words: readonly string[]): CorpusDocument[] {
    const word = words.find((w) => w.length >= 2);
    if (word === undefined) return [];
    const pattern = new RegExp(word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i');
    return this.documents.filter((doc) => doc.statements.length > 0 && pattern.test(doc.text));
  }

  private allEntries(): Entry[] {
    this.entries ??= [...this.counts.keys()].map((name) => new Entry(name));
    return this.entries;
  }

  /** Names of entries: people named in full first, then by how often they are quoted. */
  private rank(entries: Entry[]): string[] {
    return this.rankNames(entries.map((e) => e.name));
  }

  private rankNames(names: string[]): string[] {
    const full = (name: string) => (looksLikePerson(name) || name.includes(' ') ? 1 : 0);
    return [...new Set(names)].sort((a, b) => full(b) - full(a) || (this.counts.get(b) ?? 0) - (this.counts.get(a) ?? 0) || a.localeCompare(b));
  }
}

/**
 * Words asking for whoever heads a body, whatever the title ("the union leader" for the "Factory
 * Workers Union secretary general"), and the titles that head one.
 */
const HEAD_WORDS: ReadonlySet<string> = new Set(['leader', 'head', 'boss', 'chief']);
const HEAD_TITLES: ReadonlySet<string> = new Set(['leader', 'head', 'boss', 'chief', 'president', 'chairman', 'chairwoman', 'chair', 'director', 'secretary', 'executive', 'governor', 'commissioner', 'founder', 'owner']);

/** True when a role (its words) holds the title word asked, or heads a body when a head is asked. */
function holdsTitle(role: readonly string[], title: string): boolean {
  return role.includes(title) || (HEAD_WORDS.has(title) && role.some((w) => HEAD_TITLES.has(w)));
}

function includesPhrase(words: string[], phrase: string[]): boolean {
  if (phrase.length === 1) return words.includes(phrase[0]!);
  return words.join(' ').includes(phrase.join(' '));
}

/** Optimal string alignment distance: edits and swaps of neighbouring letters count one each. */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}
