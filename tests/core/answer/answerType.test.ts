import { describe, expect, it } from 'vitest';
import { answerEvidence, askedDirection, asksQuantity, expectedAnswerType, satisfiesAnswerType, statesOtherDirection } from '../../../src/core/answer/answerType.js';
import { AnswerEngine, loadCorpus } from '../../../src/core/index.js';
import { WordNetLexicon } from '../../../src/core/search/lexicon.js';

describe('answer types', () => {
  it.each([
    ['How much is a Tesla Model 3?', 'money'],
    ['What is the price of a Model Y?', 'money'],
    ['How many vehicles did Tesla deliver?', 'count'],
    ['What percentage of the market did Tesla have?', 'number'],
    ['When did Tesla open its Shanghai factory?', 'time'],
    ['How did deliveries compare with estimates?', 'any'],
    ['How much was the striker fined?', 'money'],
    ['How much taxpayer funding is the club seeking?', 'money'],
    ['How much cheese does Denmark produce a year?', 'number'],
    ['How many flights were cancelled?', 'count'],
    ['Who is the new coach?', 'person'],
    ['Where did police find the car?', 'place'],
    ['Which film did the groups want pulled?', 'name'],
    ['Why did the regulator ban the play?', 'cause'],
    ["What's behind the job cuts?", 'cause'],
    ['How does the software let him read colour maps?', 'method'],
    ['How did the hackers get into the database?', 'method'],
    ['How did the Model 3 rank in April?', 'any'],
    ['How did Tesla respond to the ban?', 'any'],
  ])('%j expects %s', (question, type) => expect(expectedAnswerType(question)).toBe(type));

  it('recognises numbers, money and times in excerpts', () => {
    expect(satisfiesAnswerType('number', 'it delivered 184,000 vehicles')).toBe(true);
    expect(satisfiesAnswerType('number', 'it delivered many vehicles')).toBe(false);
    expect(satisfiesAnswerType('money', 'sales topping $6.6 billion')).toBe(true);
    expect(satisfiesAnswerType('money', 'the Model 3 is popular')).toBe(false);
    expect(satisfiesAnswerType('time', 'In 2019, Tesla opened a factory')).toBe(true);
    expect(satisfiesAnswerType('time', 'Tesla opened a factory')).toBe(false);
    expect(satisfiesAnswerType('money', 'profits jumped to 10 billion dlrs')).toBe(true);
    expect(satisfiesAnswerType('money', 'he was fined £6m')).toBe(true);
    expect(satisfiesAnswerType('money', 'sales of $16.6bn')).toBe(true);
    expect(satisfiesAnswerType('cause', 'He pulled out because of a back injury.')).toBe(true);
    expect(satisfiesAnswerType('cause', 'She started the festival after the last jazz club closed.')).toBe(true);
    expect(satisfiesAnswerType('cause', 'The council said the play would not go on as it promoted violence.')).toBe(true);
    expect(satisfiesAnswerType('cause', 'The festival opened in 1999 on the riverside.')).toBe(false);
    expect(satisfiesAnswerType('cause', 'The official has resigned after a year in the job.')).toBe(false);
    expect(satisfiesAnswerType('cause', 'They met after the war.')).toBe(false);
    expect(satisfiesAnswerType('cause', 'The play, due to open in the capital this weekend, was banned.')).toBe(false);
    expect(satisfiesAnswerType('cause', 'The match was cancelled due to rain.')).toBe(true);
    // A comparison explains a choice: "moved because the new ground is bigger".
    expect(satisfiesAnswerType('cause', 'The new ground holds 32,000 whereas the old one holds 12,667.')).toBe(true);
    expect(satisfiesAnswerType('method', 'The program converts each shade into a piano note.')).toBe(true);
    expect(satisfiesAnswerType('method', 'They got in through the account of an employee.')).toBe(true);
    expect(satisfiesAnswerType('method', 'It picks paintings by scoring them on keywords.')).toBe(true);
    expect(satisfiesAnswerType('method', 'The virus turns off security software.')).toBe(false);
    expect(satisfiesAnswerType('method', 'It unravelled when a junior accountant noticed that the address matched a post office box.')).toBe(true);
    expect(satisfiesAnswerType('method', 'He walked through the gallery.')).toBe(false);
  });

  it('takes only numbers of things as the count a "how many" question asks for', () => {
    expect(satisfiesAnswerType('count', 'The company had to cancel 77 short and medium-distance flights.')).toBe(true);
    expect(satisfiesAnswerType('count', 'More than 70,000 people abandoned the ground.')).toBe(true);
    expect(satisfiesAnswerType('count', 'It sold five million phones.')).toBe(true);
    expect(satisfiesAnswerType('count', 'Lufthansa said it may lose millions of euros as a result of Air Force One landing.')).toBe(false);
    expect(satisfiesAnswerType('count', 'Two people were hurt.')).toBe(true);
    expect(satisfiesAnswerType('count', 'Volumes have been falling for five consecutive quarters.')).toBe(false);
    expect(satisfiesAnswerType('count', 'It was evacuated with the score at 1-1 and two minutes of normal time remaining.')).toBe(false);
    expect(satisfiesAnswerType('count', 'Profits rose 26% to £6m, or 10 billion dlrs.')).toBe(false);
    expect(satisfiesAnswerType('count', 'In 2019, Tesla became the first foreign carmaker to own a factory there.')).toBe(false);
    expect(satisfiesAnswerType('count', 'Hackers were able to access cameras from several sites.')).toBe(false);
    expect(satisfiesAnswerType('number', 'It was evacuated with the score at 1-1.')).toBe(true);
  });

  it('finds a new name for who/which questions, not one the question already holds', () => {
    const asked = new Set(['who', 'replaced', 'ranieri', 'at', 'valencia']);
    expect(satisfiesAnswerType('person', 'Former assistant Antonio Lopez will take over.', asked)).toBe(true);
    expect(satisfiesAnswerType('person', 'The club sacked Ranieri at Valencia.', asked)).toBe(false);
  });

  it('knows the precise form an answer takes when the wording says', () => {
    const flights = answerEvidence('How many flights were cancelled when the jet landed?')!;
    expect(flights('It had to cancel 77 short and medium-distance flights.')).toBe(true);
    expect(flights('It may lose millions of euros as a result.')).toBe(false);
    expect(answerEvidence('How fast do the lifts go?')!('a speed of 17m per second')).toBe(true);
    expect(answerEvidence('How often is a blog created?')!('a blog is created every 5.8 seconds')).toBe(true);
    expect(answerEvidence('How long did the strike last?')!('the strike lasted three weeks')).toBe(true);
    expect(answerEvidence('How long a ban did she get?')!('She received an eight-year ban.')).toBe(true);
    expect(answerEvidence('How long a ban did she get?')!('The 33-year-old was found guilty.')).toBe(false);
    expect(answerEvidence('How old is the striker?')!('Smith, 23, signed on Monday')).toBe(true);
    expect(answerEvidence('Why did he pull out?')!('He pulled out because of a back injury.')).toBe(true);
    expect(answerEvidence('Why did he pull out?')!('He pulled out on Monday.')).toBe(false);
    const film = answerEvidence('Which Indian film have the groups demanded be pulled?')!;
    expect(film('Channels refuse to run trailers for the film, Sins, before its release.')).toBe(true);
    expect(film('The groups demanded the withdrawal of a film that depicts a priest.')).toBe(false);
    expect(answerEvidence('Which sugar boss won the award?')!('The sugar group had been absent from the index for years.')).toBe(false);
    expect(answerEvidence('What style of play is the coach credited with?')!('Michels played for Ajax for ten years.')).toBe(false);
    expect(answerEvidence('What will happen to MPs who use phones in the chamber?')!('MPs will be thrown out if they use them.')).toBe(true);
    const beaten = answerEvidence('Who did Sania Mirza beat in the final?')!;
    expect(beaten('She battled past Alyona Bondarenko in three sets.')).toBe(true);
    expect(beaten('Sania Mirza won her first title at home.')).toBe(false);
    expect(beaten('Sania Mirza won her first title at the Hyderabad Open.')).toBe(false);
    expect(expectedAnswerType('What was the score when England lost to Ireland?')).toBe('number');
    expect(answerEvidence('What was the score when England lost to Ireland?')!("after England's 19-13 defeat in Dublin")).toBe(true);
    const maker = answerEvidence('Who made the phone that responds to arm movements?')!;
    expect(maker('The phone was developed by Sharp and goes on sale next month.')).toBe(true);
    expect(maker('A phone that responds to arm movements has been launched in Japan.')).toBe(false);
    expect(answerEvidence('Whose record does Murray break?')!('Murray will eclipse the record set by Roger Becker in 1952.')).toBe(true);
    const rain = answerEvidence('How much rain fell at the mine?')!;
    expect(rain('The mine received 48 millimetres of rain in 24 hours.')).toBe(true);
    expect(rain('Heavy rain flooded the mine, sending shares down 8 percent.')).toBe(false);
    expect(answerEvidence('How much did the club pay for him?')).toBeNull();
    expect(expectedAnswerType('How loud were the drones?')).toBe('number');
    expect(answerEvidence('How loud were the drones?')!('Readings recorded peaks of 71 decibels at ground level.')).toBe(true);
    expect(answerEvidence('How hot was it in Seville?')!('The thermometer showed 46 degrees.')).toBe(true);
    const race = 'What time did Dibaba run when she set the indoor 5,000m world record?';
    expect(expectedAnswerType(race)).toBe('number');
    expect(answerEvidence(race)!('Dibaba won in 14 minutes 32.93 seconds.')).toBe(true);
    expect(answerEvidence(race)!('Dibaba set a world record in the 5,000m.')).toBe(false);
    expect(expectedAnswerType('What time does the match start?')).toBe('time');
    // A number the question gives is not the number asked for.
    expect(satisfiesAnswerType('number', 'Dibaba set a world record in the 5,000m.', new Set(['5,000']))).toBe(false);
    expect(satisfiesAnswerType('number', 'Dibaba won in 14 minutes.', new Set(['5,000']))).toBe(true);
    const often = answerEvidence('How often did the chatbot give wrong answers?')!;
    expect(often('An audit found that 4.6 percent of conversations contained an error.')).toBe(true);
    expect(often('Buses run every 10 minutes.')).toBe(true);
    expect(often('The chatbot was switched on in March.')).toBe(false);
    expect(answerEvidence('Did the minister resign?')).toBeNull();
    const phones = answerEvidence('How many android phones were sold last year?')!;
    expect(phones('Makers sold 5 million phones running the system.')).toBe(true);
    expect(phones('Makers sold 5 million android devices.')).toBe(true);
    expect(answerEvidence('How many viewers watched the final?')!('The final was watched by 9 million viewers.')).toBe(true);
    const style = answerEvidence("What style of play is the coach they called 'the General' credited with?")!;
    expect(style('The man credited with developing "total football" has died.')).toBe(true);
    expect(style('Referred to as "the General", he led the Dutch in 1974.')).toBe(false);
    expect(style("Real's ground holds 32,000 whereas the team's old ground is small.")).toBe(false);
    // Only a question asking for a style, a nickname or a slogan reads quotation marks so.
    expect(answerEvidence('What bonus did the boss receive?')!('He called it "a disgrace".')).toBe(false);
    const times = answerEvidence('How many times has he broken a world record?')!;
    expect(times('He has set world records on 18 occasions.')).toBe(true);
    expect(times('He broke the record 18 times.')).toBe(true);
    const backlog = answerEvidence('How large is the backlog of unprocessed cases?')!;
    expect(backlog('It found that nearly 250,000 cases have yet to be processed.')).toBe(true);
    // A year is no count: "in 2003, a backlog of claims" counts no backlog.
    expect(backlog('Despite a new system in 2003, a backlog of claims was building up.')).toBe(false);
    expect(answerEvidence('How large is the new stadium?')!('It covers 31 acres.')).toBe(true);
    const fans = answerEvidence('How many fans were evacuated from the stadium?')!;
    expect(fans('Hundreds of fans streamed across the pitch.')).toBe(false);
    expect(fans('Some 70,000 fans left the ground.')).toBe(true);
    const rise = answerEvidence('What wage increase are the striking staff asking for?')!;
    expect(rise('Staff are demanding a 53% pay rise.')).toBe(true);
    expect(rise('Staff have been on strike since Monday.')).toBe(false);
    const rate = answerEvidence('What income tax rate would young workers pay?')!;
    expect(rate('Workers under 35 would pay a maximum income tax rate of 15 percent.')).toBe(true);
    expect(rate('The budget cuts income tax for workers under 35.')).toBe(false);
    expect(answerEvidence('What price cut did the 2020 deal bring?')!('The deal was signed in 2020.')).toBe(false);
    const sentence = answerEvidence('What sentence was the blogger given?')!;
    expect(sentence('An Iranian weblogger has been jailed for 14 years on charges of spying.')).toBe(true);
    expect(sentence('He was given a life sentence.')).toBe(true);
    expect(sentence('Mr Sigarchi was sentenced one day after the campaign began.')).toBe(false);
    expect(sentence("A lawyer said Mr Sigarchi's sentence would not dent their resolve.")).toBe(false);
    expect(answerEvidence('What ban did the sprinter get?')!('She received an eight-year ban.')).toBe(true);
    expect(answerEvidence('What fine did the club receive?')!('The club was fined £40,000 by the league.')).toBe(true);
    expect(answerEvidence('What criminal fine did the contractor accept?')!('It agreed to pay $13m in criminal penalties.')).toBe(true);
    expect(answerEvidence('What sentence did the contractor accept?')!('It agreed to pay $13m.')).toBe(false);
  });

  it('reads the direction of a change asked, and excerpts stating only the other one', () => {
    expect(askedDirection('By what percentage did profit grow?')).toBe('up');
    expect(askedDirection('How far did the shares fall?')).toBe('down');
    expect(askedDirection('How much did profit change?')).toBeNull();
    expect(statesOtherDirection('Its operating profit fell 31 percent.', 'up')).toBe(true);
    expect(statesOtherDirection('Profit rose 14 percent while sales fell.', 'up')).toBe(false);
  });

  it('tells which questions ask for a quantity', () => {
    expect(asksQuantity('How many flights were cancelled?')).toBe(true);
    expect(asksQuantity('What criminal fine did the contractor accept?')).toBe(true);
    expect(asksQuantity('What wage increase are they asking for?')).toBe(true);
    expect(asksQuantity('Which film did the groups want pulled?')).toBe(false);
    expect(asksQuantity('Why did the regulator ban the play?')).toBe(false);
  });

  it('reads "which singer…" as asking who, with a dictionary that says which nouns are people', () => {
    const wordNet = new WordNetLexicon();
    const boss = answerEvidence('Which sugar boss did the magazine name businessman of the year?', wordNet)!;
    expect(boss('Iain Ferguson was awarded the title by the magazine.')).toBe(true);
    expect(boss('Legendary Dutch coach Rinus Michels has died.')).toBe(true);
    expect(boss('Teenager Sania was awarded the title.')).toBe(false);
    expect(boss('The sugar group had been absent from the index for years.')).toBe(false);
    // Without a dictionary, "boss" is only a noun whose instance is named next to it.
    expect(answerEvidence('Which sugar boss did the magazine name businessman of the year?')!('Iain Ferguson was awarded the title.')).toBe(false);
    // A film is not a person: the noun must be named next to a name.
    expect(answerEvidence('Which film did the magazine praise?', wordNet)!('Iain Ferguson was awarded the title.')).toBe(false);
  });

  it('never passes an excerpt without the kind of fact asked for off as an answer', () => {
    const engine = new AnswerEngine(loadCorpus('seeds').documents);
    const price = engine.answer('How much is a Tesla Model 3?');
    for (const excerpt of price.excerpts) expect(satisfiesAnswerType('money', excerpt.text)).toBe(true);
    const zeppelin = engine.answer('How much does a Tesla camera cost?');
    for (const excerpt of zeppelin.excerpts) expect(satisfiesAnswerType('money', excerpt.text)).toBe(true);
    expect(engine.answer('When did Tesla open its Shanghai factory?').excerpts[0]?.text).toMatch(/2019/);
  });
});
