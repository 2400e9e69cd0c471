import { describe, expect, it } from 'vitest';
import { SpeakerRegistry } from '../../../src/core/answer/speakers.js';
import { speakerFixtures } from './speakers.fixtures.js';

const registry = new SpeakerRegistry(speakerFixtures());

describe('SpeakerRegistry', () => {
  it('joins speakers across articles by full name only', () => {
    const names = registry.list().map((s) => s.name);
    expect(names).toContain('Jane Porter');
    expect(names).toContain('Gordon Brown');
    // The engineer "Mr Brown" of another story is not the chancellor.
    expect(names).toContain('Brown');
    expect(registry.list().find((s) => s.name === 'Jane Porter')!.statements).toBeGreaterThanOrEqual(4);
  });

  it('resolves a full name, a surname, "Mr X" and a close spelling', () => {
    expect(registry.resolve('Jane Porter')).toBe('Jane Porter');
    expect(registry.resolve('Ms Porter')).toBe('Jane Porter');
    expect(registry.resolve('Gordon Brown')).toBe('Gordon Brown');
    expect(registry.resolve('Brown')).toBe('Gordon Brown');
    expect(registry.resolve('Jane Portre')).toBe('Jane Porter');
  });

  it('lists every person a shared surname may mean, the most quoted first', () => {
    expect(registry.candidates('Porter')).toEqual(['Jane Porter', 'Tom Porter']);
  });

  it('resolves a title alone from the roles the articles give', () => {
    expect(registry.resolve('the Acme chief executive')).toBe('Jane Porter');
    expect(registry.resolve('the Acme CEO')).toBe('Jane Porter');
    expect(registry.resolve('the chancellor')).toBe('Gordon Brown');
    expect(registry.resolve('the Rovers manager')).toBe('Tom Porter');
    expect(registry.rolesOf('Jane Porter')).toContain('acme chief executive');
  });

  it('resolves an owner and a name, an acronym, and an organisation with its spokespeople', () => {
    expect(registry.resolve("Acme's Jane Porter")).toBe('Jane Porter');
    expect(registry.resolve('the NUT')).toBe('The National Union of Teachers');
    expect(registry.voicesOf('The National Union of Teachers')).toEqual(['The National Union of Teachers', 'The NUT', 'Sam Hill']);
    expect(registry.voicesOf('The NUT')).toContain('The National Union of Teachers');
    expect(registry.voicesOf('Jane Porter')).toEqual(['Jane Porter']);
  });

  it('reads a wire story: a surname with a particle, and a title that names the organisation in full', () => {
    expect(registry.list().find((s) => s.name === 'Anna de Vries')!.statements).toBe(2);
    expect(registry.list().some((s) => s.name === 'De Vries')).toBe(false);
    expect(registry.resolve('De Vries')).toBe('Anna de Vries');
    expect(registry.resolve('the chief executive of Lindqvist Optics')).toBe('Anna de Vries');
  });

  it('resolves an organisation nobody quotes by name to the people whose role names it', () => {
    expect(registry.resolve("the pilots' union")).toBe('Ingrid Solhaug');
    expect(registry.resolve('the Nordic Pilots Union')).toBe('Ingrid Solhaug');
  });

  it('reads a title from "who is president of…", and a title whose organisation only the article names', () => {
    expect(registry.rolesOf('Carl Menhennet')).toContain('president port sellick fishermen association');
    expect(registry.resolve("the president of the Port Sellick fishermen's group")).toBe('Carl Menhennet');
    expect(registry.resolve("Tidewright's chief executive")).toBe('Gregory Lindqvist');
    // A prosecutor is a district attorney in American copy.
    expect(registry.resolve('the prosecutor')).toBe('Lena Ortiz');
    // A lower-case word inside a title belongs to it.
    expect(registry.rolesOf('Ana Ruiz')).toContain('deputy planning director');
    expect(registry.resolve("Colombia's deputy planning director")).toBe('Ana Ruiz');
    // Whoever heads a body answers for its "leader", whatever the title.
    expect(registry.resolve("the Lesotho garment workers' union leader")).toBe('Tumo Sekhesa');
    expect(registry.resolve('the union leader')).toBe('Dora Blake');
    // "Opera" is not the "operations" of another organisation's spokesman.
    expect(registry.resolve("Opera's spokeswoman")).toBe('Opera');
  });

  it('finds nobody for a name or title the corpus never quotes', () => {
    expect(registry.resolve('Warren Buffett')).toBeNull();
    expect(registry.resolve('the attorney general')).toBeNull();
  });
});
