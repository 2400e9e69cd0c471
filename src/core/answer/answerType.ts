/**
 * What kind of answer a question expects ("how many" → a number, "when" → a time, "how much
 * does it cost" → an amount of money), so that an excerpt which only shares the question's
 * words, without the thing asked for, is not passed off as an answer.
 */

/** The kind of fact a question asks for; `any` when the wording does not say. */
export type AnswerType = 'number' | 'money' | 'time' | 'any';

const NUMBER_WORDS = '(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|thousand|million|billion|dozen|several|half|double|twice|triple)';
const HAS_NUMBER = new RegExp(`\\d|\\b${NUMBER_WORDS}\\b`, 'i');
const HAS_MONEY = /[$€£¥]\s?\d|\d[\d,.]*\s?(?:dollars?|usd|yuan|rmb|euros?|pounds?|yen|bn|billion|million)\b|\b(?:price[sd]?|cost[s]?|priced|worth)\b[^.]*\d/i;
const MONTHS = '(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)';
const HAS_TIME = new RegExp(
  `\\b(?:1[89]\\d\\d|20\\d\\d)\\b|\\b${MONTHS}\\b|\\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tomorrow|weekend|ago|earlier this|later this|last (?:week|month|year|quarter)|next (?:week|month|year)|this (?:week|month|year)|quarter|decade|century|since|until|recently|soon)\\b`,
  'i',
);

/** The answer type a question's wording asks for. */
export function expectedAnswerType(question: string): AnswerType {
  const q = question.trim().toLowerCase();
  if (/^how much\b.*\b(?:cost|costs|price|pay|charge|sell|sold|sells|worth|spend|spent|is|are|was|were)\b|\b(?:what|how high) (?:is|was|are|were) the (?:price|cost)\b|\bhow expensive\b/.test(q)) {
    return 'money';
  }
  if (/^how (?:many|much)\b/.test(q) || /\bwhat (?:percentage|share|number|proportion|fraction)\b/.test(q)) return 'number';
  if (/^when\b|\bwhat (?:year|month|day|date|time)\b|\bhow long ago\b|\bsince when\b/.test(q)) return 'time';
  return 'any';
}

/** True when an excerpt contains the kind of fact the question asks for. */
export function satisfiesAnswerType(type: AnswerType, text: string): boolean {
  switch (type) {
    case 'number':
      return HAS_NUMBER.test(text);
    case 'money':
      return HAS_MONEY.test(text);
    case 'time':
      return HAS_TIME.test(text);
    case 'any':
      return true;
  }
}
