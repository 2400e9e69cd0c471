import { describe, expect, it } from 'vitest';
import { GroupMatcher, type RuleGroup } from '../../../src/core/search/coverage.js';

const ids = new Map(['spy', 'espionage', 'tesla', 'china', 'camera'].map((term, id) => [term, id]));
const groups: RuleGroup[] = [
  { variants: new Map([['spy', 1], ['espionage', 0.4]]), idf: 4, required: false },
  { variants: new Map([['tesla', 1]]), idf: 1, required: true },
  { variants: new Map([['china', 1]]), idf: 2, required: false },
];
const matcher = new GroupMatcher(groups, (term) => ids.get(term), ids.size);
const idsOf = (...terms: string[]): number[] => terms.map((t) => ids.get(t)!);

describe('GroupMatcher', () => {
  it('counts each group once, with its best variant, times its idf', () => {
    matcher.clear().add(idsOf('espionage', 'spy', 'spy', 'tesla'));
    expect(matcher.score()).toBe(4 + 1);
    expect(matcher.coverage()).toBeCloseTo(5 / 7);
    expect(matcher.matchedCount()).toBe(2);
  });

  it('weighs context lower with a factor, and keeps the best weight seen', () => {
    matcher.clear().add(idsOf('spy'), 0, 1, 0.5).add(idsOf('espionage'));
    expect(matcher.best[0]).toBe(0.5);
    matcher.add(idsOf('spy'));
    expect(matcher.best[0]).toBe(1);
  });

  it('applies the rule: required groups, least groups, least coverage', () => {
    expect(matcher.clear().add(idsOf('spy', 'china')).ruleCoverage({ minGroups: 1, minCoverage: 0 })).toBe(-1);
    expect(matcher.clear().add(idsOf('tesla', 'china')).ruleCoverage({ minGroups: 2, minCoverage: 0.5 })).toBe(-1);
    expect(matcher.clear().add(idsOf('tesla', 'china', 'espionage')).ruleCoverage({ minGroups: 3, minCoverage: 0.5 })).toBeCloseTo((1 + 2 + 1.6) / 7);
  });

  it('ignores terms no group holds, and variants the vocabulary lacks', () => {
    const sparse = new GroupMatcher([{ variants: new Map([['zeppelin', 1], ['camera', 0.5]]), idf: 3, required: false }], (term) => ids.get(term));
    expect(sparse.clear().add(idsOf('tesla', 'camera')).coverage()).toBeCloseTo(0.5);
  });
});
