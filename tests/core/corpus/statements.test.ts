import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../../src/core/corpus/load.js';
import { parseDocument } from '../../../src/core/corpus/parse.js';

const { documents } = loadCorpus('seeds');
const statementsOf = (id: string) => {
  const doc = documents.find((d) => d.id === id)!;
  return doc.statements.map((s) => ({ speaker: s.speaker, kind: s.kind, text: doc.text.slice(s.start, s.end) }));
};
const parse = (text: string) => {
  const { document } = parseDocument({ id: 't', path: 't.txt', relPath: 't.txt', text });
  return document.statements.map((s) => ({ speaker: s.speaker, kind: s.kind, text: text.slice(s.start, s.end) }));
};

describe('statements', () => {
  it('attributes what a report, study or survey by someone found to its author, not what anyone found', () => {
    const found = parse(
      'Headline\n\nA report from Reuters indicated that the cars were banned from military bases. A study by the Acme Institute found that drivers slept less. Police found the car in a field.\n',
    );
    expect(found).toContainEqual(expect.objectContaining({ speaker: 'Reuters', kind: 'reported', text: expect.stringContaining('were banned from military bases') }));
    expect(found).toContainEqual(expect.objectContaining({ speaker: 'Acme Institute', text: expect.stringContaining('drivers slept less') }));
    expect(found.some((s) => s.text.includes('Police found'))).toBe(false);
  });

  it('gives "he added" after a spokesman\'s statement to the organisation the spokesman speaks for', () => {
    const found = parse(
      'Headline\n\nMr Leigh said the Home Office should act. A Home Office spokesman said the system had been tightened. He added "that checks will be simpler".\n',
    );
    expect(found).toContainEqual(expect.objectContaining({ speaker: 'Home Office', text: expect.stringContaining('checks will be simpler') }));
    expect(found).toContainEqual(expect.objectContaining({ speaker: 'Leigh', text: expect.stringContaining('should act') }));
  });

  it('gives what unnamed sources told an outlet to the outlet, and what a named person told it to the person', () => {
    const found = parse('Headline\n\nSources also told Reuters that the firm is hiring. Jane Roe told the BBC that she would stay.\n');
    expect(found).toContainEqual(expect.objectContaining({ speaker: 'Reuters', text: expect.stringContaining('the firm is hiring') }));
    expect(found).toContainEqual(expect.objectContaining({ speaker: 'Jane Roe', text: expect.stringContaining('she would stay') }));
  });

  it('attributes a quote, and the quotation that continues it, to the full name', () => {
    const found = statementsOf('000_c39a801cf85dcbb3');
    expect(found).toContainEqual({ speaker: 'Elon Musk', kind: 'quote', text: expect.stringMatching(/^“There’s a very strong incentive/) });
    expect(found).toContainEqual({ speaker: 'Elon Musk', kind: 'quote', text: '“If Tesla used cars to spy in China or anywhere, we will get shut down.”' });
  });

  it('resolves "he said", "the company", reported speech and "according to"', () => {
    expect(statementsOf('003_6c1a8c9789bfba52')).toContainEqual(expect.objectContaining({ speaker: 'Elon Musk', text: expect.stringContaining('he said') }));
    expect(statementsOf('000_c39a801cf85dcbb3')).toContainEqual(expect.objectContaining({ speaker: 'Tesla', text: expect.stringContaining('said the company on Weibo') }));
    expect(statementsOf('000_c39a801cf85dcbb3')).toContainEqual({ speaker: 'Elon Musk', kind: 'reported', text: expect.stringContaining('denied the company would leak') });
    expect(statementsOf('004_fdd6b21969784f78')).toContainEqual(expect.objectContaining({ speaker: 'Bloomberg', text: expect.stringContaining('according to a report by Bloomberg') }));
    expect(statementsOf('002_5fed4d3acbf6fb6c')).toContainEqual(expect.objectContaining({ speaker: 'The Verge' }));
  });

  it('strips titles and possessive owners from speaker names', () => {
    expect(statementsOf('004_fdd6b21969784f78')).toContainEqual(expect.objectContaining({ speaker: 'Elon Musk', text: expect.stringContaining('Uber/Lyft') }));
    expect(statementsOf('000_c39a801cf85dcbb3')).toContainEqual(expect.objectContaining({ speaker: 'Consumer Reports' }));
  });

  it('does not take generic words, negations or passives for speakers', () => {
    expect(parse('Sources told reporters that the plan was dead. Experts said that cars spy.')).toEqual([]);
    expect(parse('Tesla has not commented on this story. It was reported that cars were banned.')).toEqual([]);
  });

  it('reads straight quotes and a speaker after the verb', () => {
    expect(parse('"We will not spy on anyone at all," said Jane Smith.')).toEqual([
      { speaker: 'Jane Smith', kind: 'quote', text: '"We will not spy on anyone at all," said Jane Smith.' },
    ]);
  });
});

describe('multi-word organisation names', () => {
  it('keeps connectors inside a name', () => {
    expect(parse('Tesla is recalling 12,000 cars because an anchor may loosen, the State Administration for Market Regulation said on Sunday.')).toEqual([
      expect.objectContaining({ speaker: 'State Administration for Market Regulation', kind: 'reported' }),
    ]);
  });
});

/** Speaker and text of each statement of a made-up article (the first line is its headline). */
const statementsIn = (...paragraphs: string[]) => {
  const text = ['Headline', ...paragraphs].join('\n\n');
  const { document } = parseDocument({ id: 't', path: 't.txt', relPath: 't.txt', text });
  return document.statements.map((s) => ({ speaker: s.speaker, text: text.slice(s.start, s.end) }));
};
const speakerOf = (found: Array<{ speaker: string; text: string }>, fragment: string) => found.find((s) => s.text.includes(fragment))?.speaker;

describe('people in an article: one cluster per person', () => {
  it('gives "Mr Flynn" and "Flynn" the full name the article gives, across paragraphs', () => {
    const found = statementsIn(
      'Jeremy Flynn runs the network in the north of the country.',
      'Mr Flynn said the masts would be replaced by the summer.',
      '"We have waited long enough for this upgrade," Flynn added.',
    );
    expect(found.map((s) => s.speaker)).toEqual(['Jeremy Flynn', 'Jeremy Flynn']);
  });

  it('reads the person after a role or an owner, and strips connectors', () => {
    const found = statementsIn(
      'Soviet premier Nikolai Ryzhkov said the reforms would go on. Vodafone\'s Jeremy Flynn said the network was ready.',
      'And Wenger said the team was tired. But Downing Street said it was a matter for the police.',
      'Labour MP Stephen Pound said he was delighted.',
    );
    expect(found.map((s) => s.speaker)).toEqual(['Nikolai Ryzhkov', 'Jeremy Flynn', 'Wenger', 'Downing Street', 'Stephen Pound']);
  });

  it('gives "it added" to the company that spoke, not to a product named after "of all"', () => {
    const found = statementsIn(
      'Microsoft has said it will replace 14 million power cables for its Xbox consoles.',
      'The firm said fewer than one in 10,000 consoles had failed. The recall affects almost three quarters of all Xboxes sold since 2001.',
      'In a statement, it added: "Damage was limited to the tip of the cord."',
    );
    expect(found.at(-1)!.speaker).toBe('Microsoft');
  });

  it('gives "X in Mumbai says" to X, not to the place', () => {
    const found = statementsIn(
      "The BBC's Zubair Ahmed in Mumbai says that the film shows a priest.",
      'Professor Jane Doe in New York said the book was dull.',
    );
    expect(found.map((s) => s.speaker)).toEqual(['Zubair Ahmed', 'Jane Doe']);
  });

  it('drops a word describing the person that opens the sentence ("Teenager Sania Mirza", "Songwriter Guy Chambers")', () => {
    const found = statementsIn(
      'Teenager Sania Mirza said she was thrilled with the win.',
      'Songwriter Guy Chambers said the album was nearly done.',
      'Wing Christophe Dominici said the side had played well.',
    );
    expect(found.map((s) => s.speaker)).toEqual(['Sania Mirza', 'Guy Chambers', 'Christophe Dominici']);
  });

  it('gives "she said" to the woman when a man was named last, and "he said" to the subject, not the object', () => {
    const found = statementsIn(
      'Ms Alison Reid met John Carter on Monday. She said the talks had gone well.',
      'Mr Howard criticised Mr Blair over the plan. He said it would cost too much.',
      'Dr Okafor praised the study of Mr Lang\'s team. "It is careful work," she said.',
    );
    expect(speakerOf(found, 'talks had gone well')).toBe('Alison Reid');
    expect(speakerOf(found, 'cost too much')).toBe('Howard');
    expect(speakerOf(found, 'careful work')).toBe('Okafor');
  });

  it('skips an apposition or a relative clause between the speaker and the verb', () => {
    const found = statementsIn(
      'Edward Leigh, chairman of the public accounts committee, said the sale was a fiasco.',
      'Peter Jackson, who is filming a remake of an old classic, said he was happy.',
      'The Bishop of Durham, the Rt Rev Dr Tom Wright, described the book as "a great thriller but lousy history".',
    );
    expect(found.map((s) => s.speaker)).toEqual(['Edward Leigh', 'Peter Jackson', 'Tom Wright']);
  });

  it('ties a title to the person the article gives it', () => {
    const found = statementsIn(
      'Chancellor Gordon Brown met union leaders on Tuesday.',
      'The chancellor said the budget would be balanced. Later the Bishop said nothing.',
    );
    expect(speakerOf(found, 'budget would be balanced')).toBe('Gordon Brown');
  });
});

describe('organisation statements', () => {
  it('gives "it said", "a spokesman for X" and "the group said" to the organisation', () => {
    const found = statementsIn(
      'Acme Corp sold ten thousand robots last year. It said in a statement that sales had doubled.',
      'A spokesman for Globex said the figures were wrong. An Initech spokeswoman said the market was growing.',
      'The decision was criticised by the media watchdog, Reporters Sans Frontieres.',
      'The Paris-based pressure group said the ban was unjustified. "Readers have a right to know what happens," said the group in a statement.',
    );
    expect(speakerOf(found, 'sales had doubled')).toBe('Acme Corp');
    expect(speakerOf(found, 'figures were wrong')).toBe('Globex');
    expect(speakerOf(found, 'market was growing')).toBe('Initech');
    expect(speakerOf(found, 'ban was unjustified')).toBe('Reporters Sans Frontieres');
    expect(speakerOf(found, 'right to know')).toBe('Reporters Sans Frontieres');
  });

  it('does not take "posted pictures" or "will write a part" for speech', () => {
    expect(statementsIn('Ms Lane posted pictures of the cabin crew online. She will also write a part for herself.')).toEqual([]);
  });
});

describe('quotations over several sentences and paragraphs', () => {
  it('attributes each paragraph of a newspaper-style quotation to its speaker, and no further', () => {
    const found = statementsIn(
      'Mayor Ana Ruiz spoke after the vote.',
      '“We will not give up on the tram line. It is the only way to clear the roads.',
      '“The people of this city will see the results within two years,” she said.',
      '“It is a waste of money and everyone knows it,” said councillor Tom Hale.',
    );
    expect(speakerOf(found, 'give up on the tram line')).toBe('Ana Ruiz');
    expect(speakerOf(found, 'see the results')).toBe('Ana Ruiz');
    expect(speakerOf(found, 'waste of money')).toBe('Tom Hale');
  });

  it('splits a merged sentence so that the next speaker\'s clause is not under the first speaker\'s name', () => {
    const found = statementsIn(
      '"She has been a great servant of the club," said Gallagher. "She is a real professional and we thank her. "I am sure she will do well in the US." Hodson described her years at the club as "the best time of my life."',
    );
    expect(speakerOf(found, 'real professional')).toBe('Gallagher');
    expect(speakerOf(found, 'do well in the US')).toBe('Gallagher');
    expect(speakerOf(found, 'best time of my life')).toBe('Hodson');
    expect(found.find((s) => s.text.includes('real professional'))!.text).not.toContain('Hodson');
  });
});

/** Hard-wraps a paragraph at `width` columns, as wire copy is stored. */
const wrap = (paragraph: string, width = 70): string => {
  const lines: string[] = [];
  let line = '';
  for (const word of paragraph.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  return [...lines, line].join('\n');
};
/** Statements of a made-up wire story: a headline, a dateline lead and hard-wrapped paragraphs. */
const wireStatements = (...paragraphs: string[]) => {
  const text = ['Headline of a wire story', ...paragraphs.map((p) => wrap(p))].join('\n\n');
  const { document } = parseDocument({ id: 't', path: 't.txt', relPath: 't.txt', text });
  return document.statements.map((s) => {
    expect(s.end).toBeGreaterThan(s.start);
    return { speaker: s.speaker, kind: s.kind, text: text.slice(s.start, s.end).replace(/\s+/g, ' ') };
  });
};

describe('hard-wrapped wire copy', () => {
  it('reads a line break inside a paragraph as a space: a statement runs to the end of its sentence', () => {
    const found = wireStatements(
      'OSLOVIA, March 3 (Newswire) - Grinda Foods will close two bakeries in the north, the company said on Tuesday.',
      'Grinda said it had looked at sites in Austria, Belgium and Portugal before choosing to keep the plant in Vestby, which employs 400 people.',
      '"We were not going to take this decision lightly, and we did not take it lightly at all," said Tamsin Orwell, chief executive of Grinda Foods.',
    );
    expect(found).toContainEqual(expect.objectContaining({ speaker: 'Grinda Foods', text: expect.stringMatching(/Portugal before choosing .* 400 people\.$/) }));
    expect(found).toContainEqual(expect.objectContaining({ speaker: 'Tamsin Orwell', text: expect.stringMatching(/chief executive of Grinda Foods\.$/) }));
  });

  it('keeps the quotation with an attribution that wraps onto the next line, and a name that wraps', () => {
    const found = wireStatements(
      'Shares in Pellam Mills fell 4 percent on Monday after the group cut its forecast.',
      '"We expect the second half of the year to be much harder than the first, and we are planning for it," Ms Harriet Quell said.',
      '"The mills are running at half speed because our customers are holding back their orders until spring," said finance chief Harriet Quell.',
    );
    const first = found.find((s) => s.text.includes('much harder'));
    expect(first).toMatchObject({ speaker: 'Harriet Quell', kind: 'quote' });
    expect(first!.text).toMatch(/^"We expect .* Ms Harriet Quell said\.$/);
    expect(found.find((s) => s.text.includes('half speed'))).toMatchObject({ speaker: 'Harriet Quell', kind: 'quote' });
    expect(found.some((s) => /^\S+ said\.$/.test(s.text))).toBe(false);
  });

  it('attributes every paragraph of a three-paragraph quotation to the speaker named in the last', () => {
    const found = wireStatements(
      'The minister defended the plan in parliament on Wednesday.',
      '"This is a plan for the people who feel that nobody in this building has listened to them for a very long time.',
      '"We cannot change everything in one budget, but we can start with the rents that young families are paying in our cities.',
      '"And we will publish every figure behind these numbers so that anybody can check our work," Finance Minister Dolores Marquina told parliament.',
    );
    for (const fragment of ['nobody in this building', 'rents that young families', 'publish every figure']) {
      expect(found.find((s) => s.text.includes(fragment))).toMatchObject({ speaker: 'Dolores Marquina', kind: 'quote' });
    }
    expect(found.find((s) => s.text.includes('publish every figure'))!.text).toMatch(/^"And we will .* told parliament\.$/);
  });
});

describe('wire copy: who is speaking', () => {
  it('reads the organisation a phrase names itself, and the whole name of an association', () => {
    const found = wireStatements(
      'BREMLAU, May 2 (Newswire) - Kovar Freight will close its depot in Altmoor, the company said.',
      'The Tellin services union said it would fight the closure of the depot in Altmoor.',
      'The Welsh Coastal Trust said the site should be cleaned before it is sold.',
      'The Danish Ferrymen\'s Association opposed the plan. "Every closed depot puts another fifty trucks on the road," a spokesman for the association said.',
    );
    expect(speakerOf(found, 'fight the closure')).toBe('Tellin');
    expect(speakerOf(found, 'cleaned before it is sold')).toMatch(/^(?:The )?Welsh Coastal Trust$/);
    expect(speakerOf(found, 'fifty trucks')).toMatch(/^(?:The )?Danish Ferrymen's Association$/);
  });

  it('drops a descriptive noun that opens the sentence from the name ("Rival X", "Developer X")', () => {
    const found = wireStatements(
      'Tarrow Mining cut its forecast after floods at its mine in the south.',
      'Rival Andes Zinc, which operates two mines further north, said its operations had not been affected.',
      'Developer Nordsol Energi, which had left the tender, said it would bid again. "This is the signal we wanted," the company said in a statement.',
    );
    expect(speakerOf(found, 'had not been affected')).toBe('Andes Zinc');
    expect(speakerOf(found, 'signal we wanted')).toBe('Nordsol Energi');
  });

  it('never takes an adjective of nationality for a speaker, nor "state aid" for speech', () => {
    const found = wireStatements(
      'Skyfjord Air cancelled 300 flights on Monday as its pilots walked out for a second day.',
      'Under Norwegian law, the pilots must return to work within a week, the airline said.',
      'The carrier received about 40 million crowns in Norwegian state aid during the pandemic.',
    );
    expect(speakerOf(found, 'return to work within a week')).toBe('Skyfjord Air');
    expect(found.some((s) => s.text.includes('state aid'))).toBe(false);
  });

  it('gives "the company said" to the company of the lead, not to a mine or a product the article names after it', () => {
    const found = wireStatements(
      'LIMA, June 4 (Newswire) - Tarrow Mining cut its output forecast on Tuesday after heavy rain flooded its Punta Gris mine in the south.',
      'The company now expects to produce 300,000 tonnes of zinc this year.',
      'Punta Gris, in the Arequipa region, accounts for a third of its output.',
      'The mine received more rain in a day than it normally gets in a year, the company said.',
      'The Z7 drill, designed for wet ground, had been due on site in March. It will now arrive in July, the company said.',
    );
    expect(speakerOf(found, 'normally gets in a year')).toBe('Tarrow Mining');
    expect(speakerOf(found, 'arrive in July')).toBe('Tarrow Mining');
  });

  it('gives "the club said" in the lead to the club the lead is about, and keeps that club', () => {
    const found = wireStatements(
      'MUNICH, Jan 9 (Newswire) - FC Ostwald have signed striker Jonas Berg from Aalborg club Nordstrand for 12 million euros, the club said on Tuesday.',
      'Berg scored 15 goals for Nordstrand this season.',
      'The club also said that its captain would stay until the end of the season.',
    );
    expect(speakerOf(found, 'signed striker')).toBe('FC Ostwald');
    expect(speakerOf(found, 'captain would stay')).toBe('FC Ostwald');
  });

  it('takes the person of an apposition with a title, not the organisation they are told by', () => {
    const found = wireStatements(
      '"We will not cut output while prices are this high," Omar Haddad, Libya\'s oil minister, told Newswire.',
      'Its lawyer, Hugh Brant, told the court the contract had been signed in good faith.',
    );
    expect(speakerOf(found, 'cut output')).toBe('Omar Haddad');
    expect(speakerOf(found, 'good faith')).toBe('Hugh Brant');
  });
  it('gives a statement to the name after a word that describes it, read with compromise\'s lexicon', () => {
    const found = parse(
      'Headline\n\nFilm-maker Spike Lee says black representation is stronger than ever. Lee told students to work up the corporate ladder.\n\n'
      + 'Swede Joachim Johansson said the serve was working. Curator Beatriz Alcántara said many of the quilts were lent by families.\n\n'
      + 'Manchester United striker Ole Gunnar Solskjaer said he hoped to return next season. Human Rights Watch said the law was unfair.\n',
    );
    expect(speakerOf(found, 'black representation')).toBe('Spike Lee');
    expect(speakerOf(found, 'corporate ladder')).toBe('Spike Lee');
    expect(speakerOf(found, 'serve was working')).toBe('Joachim Johansson');
    expect(speakerOf(found, 'quilts')).toBe('Beatriz Alcántara');
    expect(speakerOf(found, 'return next season')).toBe('Ole Gunnar Solskjaer');
    expect(speakerOf(found, 'law was unfair')).toBe('Human Rights Watch');
  });
});
